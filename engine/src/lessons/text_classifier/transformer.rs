//! A small Transformer encoder classifier (article 003 §5.2, repaired): embedding + sinusoidal
//! positions + encoder blocks + mean over the real tokens + Dense. The blocks are built here
//! from burn's attention, layer norm and feed-forward modules, because burn's
//! `TransformerEncoder` does not hand out its attention weights.

use burn::nn::attention::{MhaInput, MultiHeadAttention, MultiHeadAttentionConfig};
use burn::nn::transformer::{PositionWiseFeedForward, PositionWiseFeedForwardConfig};
use burn::nn::{
    Embedding, EmbeddingConfig, LayerNorm, LayerNormConfig, Linear, LinearConfig,
    PositionalEncoding, PositionalEncodingConfig,
};
use burn::prelude::*;

/// Post-norm as in "Attention is all you need": x ← LN(x + MHA(x)); x ← LN(x + FFN(x)).
#[derive(Module, Debug)]
pub struct EncoderBlock {
    pub attn: MultiHeadAttention,
    pub norm1: LayerNorm,
    pub ff: PositionWiseFeedForward,
    pub norm2: LayerNorm,
}

impl EncoderBlock {
    /// The block's output and its attention weights `[B, heads, T, T]`.
    fn forward(&self, x: Tensor<3>, pad: Tensor<2, Bool>) -> (Tensor<3>, Tensor<4>) {
        let att = self
            .attn
            .forward(MhaInput::self_attn(x.clone()).mask_pad(pad));
        let x = self.norm1.forward(x + att.context);
        let x = self.norm2.forward(x.clone() + self.ff.forward(x));
        (x, att.weights)
    }
}

#[derive(Module, Debug)]
pub struct TransformerNet {
    pub embedding: Embedding,
    /// None: no positional information, as in the article's code.
    pub positions: Option<PositionalEncoding>,
    pub blocks: Vec<EncoderBlock>,
    pub out: Linear,
}

/// The encoder's sizes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TransformerSize {
    pub d_model: usize,
    pub heads: usize,
    pub layers: usize,
    pub d_ff: usize,
    pub positional: bool,
}

impl TransformerNet {
    pub fn new(vocab: usize, max_len: usize, s: TransformerSize, device: &Device) -> Self {
        let block = || EncoderBlock {
            // No dropout: a step is then a pure function of weights and batch, as tests need.
            attn: MultiHeadAttentionConfig::new(s.d_model, s.heads)
                .with_dropout(0.0)
                .init(device),
            norm1: LayerNormConfig::new(s.d_model).init(device),
            ff: PositionWiseFeedForwardConfig::new(s.d_model, s.d_ff)
                .with_dropout(0.0)
                .init(device),
            norm2: LayerNormConfig::new(s.d_model).init(device),
        };
        TransformerNet {
            embedding: EmbeddingConfig::new(vocab, s.d_model).init(device),
            positions: s.positional.then(|| {
                PositionalEncodingConfig::new(s.d_model)
                    .with_max_sequence_size(max_len)
                    .init(device)
            }),
            blocks: (0..s.layers).map(|_| block()).collect(),
            out: LinearConfig::new(s.d_model, 2).init(device),
        }
    }

    /// Logits `[B, 2]` and each block's attention weights `[B, heads, T, T]`. `pad` is true at
    /// padding; padded keys get no attention and padded positions are left out of the mean.
    pub fn forward(
        &self,
        ids: Tensor<2, Int>,
        pad: Tensor<2, Bool>,
    ) -> (Tensor<2>, Vec<Tensor<4>>) {
        let [b, t] = ids.dims();
        let mut x = self.embedding.forward(ids);
        if let Some(p) = &self.positions {
            x = p.forward(x);
        }
        let mut weights = vec![];
        for block in &self.blocks {
            let (y, w) = block.forward(x, pad.clone());
            x = y;
            weights.push(w);
        }
        let keep = pad.bool_not().float().reshape([b, t, 1]);
        let count = keep.clone().sum_dim(1).clamp_min(1.0); // [B, 1, 1]
        let d = x.dims()[2];
        let mean = (x * keep).sum_dim(1).div(count).reshape([b, d]);
        (self.out.forward(mean), weights)
    }
}
