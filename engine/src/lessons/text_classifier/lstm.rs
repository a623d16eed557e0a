//! Embedding → LSTM → Dense (articles 001 §5.2 and 002's project case), read at the LAST
//! TIME STEP: `output[:, T−1, :]`, not the article's `output[-1]` (the last sentence).

use burn::nn::{Embedding, EmbeddingConfig, Linear, LinearConfig, Lstm, LstmConfig};
use burn::prelude::*;

#[derive(Module, Debug)]
pub struct LstmNet {
    pub embedding: Embedding,
    pub lstm: Lstm,
    pub out: Linear,
}

impl LstmNet {
    pub fn new(vocab: usize, d_embed: usize, d_hidden: usize, device: &Device) -> LstmNet {
        LstmNet {
            embedding: EmbeddingConfig::new(vocab, d_embed).init(device),
            lstm: LstmConfig::new(d_embed, d_hidden, true).init(device),
            out: LinearConfig::new(d_hidden, 2).init(device),
        }
    }

    /// Logits `[B, 2]` and every hidden state `[B, T, H]` (batch first).
    pub fn forward(&self, ids: Tensor<2, Int>) -> (Tensor<2>, Tensor<3>) {
        let [b, t] = ids.dims();
        let (states, _) = self.lstm.forward(self.embedding.forward(ids), None);
        let h = states.dims()[2];
        let last = states.clone().narrow(1, t - 1, 1).reshape([b, h]);
        (self.out.forward(last), states)
    }
}
