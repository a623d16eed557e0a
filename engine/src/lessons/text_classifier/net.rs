//! The two models behind one type, so the trainer, the optimiser and the page treat them alike.

use burn::prelude::*;

use super::lstm::LstmNet;
use super::transformer::{TransformerNet, TransformerSize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelKind {
    Lstm,
    Transformer,
}

impl ModelKind {
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::Lstm => "lstm",
            ModelKind::Transformer => "transformer",
        }
    }

    pub fn from_name(name: &str) -> Option<ModelKind> {
        match name {
            "lstm" => Some(ModelKind::Lstm),
            "transformer" => Some(ModelKind::Transformer),
            _ => None,
        }
    }
}

/// Sizes of both models; small enough to train in the page in seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelConfig {
    pub kind: ModelKind,
    /// Embedding width (and the Transformer's d_model).
    pub d_embed: usize,
    /// LSTM hidden units.
    pub d_hidden: usize,
    pub heads: usize,
    pub layers: usize,
    pub d_ff: usize,
    /// Sinusoidal positions added to the Transformer's embeddings (the article's code has none).
    pub positional: bool,
}

impl ModelConfig {
    pub fn new(kind: ModelKind) -> ModelConfig {
        ModelConfig {
            kind,
            d_embed: 16,
            d_hidden: 16,
            heads: 2,
            layers: 1,
            d_ff: 32,
            positional: true,
        }
    }
}

// One Net per classifier, moved once per step: the size gap between variants costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Module, Debug)]
pub enum Net {
    Lstm(LstmNet),
    Transformer(TransformerNet),
}

/// What one forward pass gives: logits `[B, 2]`, the LSTM's hidden states `[B, T, H]`, the
/// Transformer's attention weights `[B, heads, T, T]` per block.
pub struct Forward {
    pub logits: Tensor<2>,
    pub states: Option<Tensor<3>>,
    pub attention: Vec<Tensor<4>>,
}

impl Net {
    pub fn new(c: &ModelConfig, vocab: usize, max_len: usize, device: &Device) -> Net {
        match c.kind {
            ModelKind::Lstm => Net::Lstm(LstmNet::new(vocab, c.d_embed, c.d_hidden, device)),
            ModelKind::Transformer => Net::Transformer(TransformerNet::new(
                vocab,
                max_len,
                TransformerSize {
                    d_model: c.d_embed,
                    heads: c.heads,
                    layers: c.layers,
                    d_ff: c.d_ff,
                    positional: c.positional,
                },
                device,
            )),
        }
    }

    pub fn forward(&self, ids: Tensor<2, Int>, pad: Tensor<2, Bool>) -> Forward {
        match self {
            Net::Lstm(m) => {
                let (logits, states) = m.forward(ids);
                Forward {
                    logits,
                    states: Some(states),
                    attention: vec![],
                }
            }
            Net::Transformer(m) => {
                let (logits, attention) = m.forward(ids, pad);
                Forward {
                    logits,
                    states: None,
                    attention,
                }
            }
        }
    }
}

/// Mean 2-class cross-entropy −(1/B) Σ log softmax(z)[y], from logits and one-hot targets.
pub fn cross_entropy(logits: Tensor<2>, targets: Tensor<2>) -> Tensor<1> {
    let logp = burn::tensor::activation::log_softmax(logits, 1);
    (logp * targets).sum_dim(1).mean().neg()
}
