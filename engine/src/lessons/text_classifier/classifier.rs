//! A model with its Adam state: train on batches, evaluate, classify a typed sentence. Every
//! call reads back once (one transaction), so the same code runs on WebGPU and flex.

use burn::module::Module;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

use super::TextError;
use super::batch::Batch;
use super::init::SeededInit;
use super::net::{Forward, ModelConfig, ModelKind, Net, cross_entropy};
use super::tokenizer::{MAX_LEN, Token, Vocab, pad};
use crate::base::readback::{Readback, Slot};
use crate::i18n::Text;

/// Loss and accuracy on a set of sentences.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub loss: f64,
    pub correct: usize,
    pub total: usize,
}

impl Evaluation {
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.total.max(1) as f64
    }
}

/// A typed sentence, classified.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// The tokens the model read (unknown words as `<unk>` ids, at most `MAX_LEN`).
    pub tokens: Vec<Token>,
    /// Tokens cut off the end.
    pub dropped: usize,
    /// Probability that the keyword occurs: softmax(z)₁.
    pub p_yes: f64,
    pub logits: [f64; 2],
    /// Transformer only: `attention[block][head][query][key]` over the real tokens.
    pub attention: Vec<Vec<Vec<Vec<f64>>>>,
    /// LSTM only: the hidden state `h_t` after each real token, `states[token][unit]`.
    pub states: Vec<Vec<f64>>,
    /// LSTM only: softmax(Dense(h_t))₁ after each real token, what the classifier would say
    /// if the sentence's last time step were that token's (the last one is `p_yes`).
    pub step_p_yes: Vec<f64>,
}

pub struct Classifier {
    net: Net,
    optim: ModuleOptimizer,
    /// Plain device (evaluation) and its autodiff twin (training).
    device: Device,
    ad: Device,
    pub config: ModelConfig,
    pub vocab: Vocab,
    pub steps: usize,
}

fn check_config(c: &ModelConfig) -> Result<(), TextError> {
    let bad = |zh, en| Err(TextError::User(Text::new(zh, en)));
    if !(1..=256).contains(&c.d_embed) || !(1..=256).contains(&c.d_hidden) {
        return bad(
            "宽度必须在 1 到 256 之间。",
            "Widths must be between 1 and 256.",
        );
    }
    if c.kind == ModelKind::Transformer {
        if c.heads == 0 || !c.d_embed.is_multiple_of(c.heads) {
            return bad(
                "d_model 必须能被头数整除。",
                "d_model must be a multiple of the number of heads.",
            );
        }
        if c.positional && !c.d_embed.is_multiple_of(2) {
            return bad(
                "加位置编码时 d_model 必须是偶数。",
                "With positional encoding d_model must be even.",
            );
        }
        if !(1..=4).contains(&c.layers) || !(1..=1024).contains(&c.d_ff) {
            return bad(
                "层数须在 1 到 4 之间，前馈宽度在 1 到 1024 之间。",
                "Layers must be 1 to 4 and the feed-forward width 1 to 1024.",
            );
        }
    }
    Ok(())
}

fn reject_empty(batch: &Batch) -> Result<(), TextError> {
    if batch.rows() == 0 {
        return Err(TextError::User(Text::new(
            "这一批没有句子。",
            "The batch has no sentences.",
        )));
    }
    Ok(())
}

impl Classifier {
    /// A fresh model with weights drawn from `seed` and a fresh Adam.
    pub fn new(config: ModelConfig, seed: u64, device: &Device) -> Result<Classifier, TextError> {
        check_config(&config)?;
        let vocab = Vocab::new();
        let ad = device.clone().autodiff();
        let net = Net::new(&config, vocab.len(), MAX_LEN, &ad).map(&mut SeededInit::new(seed));
        Ok(Classifier {
            net,
            optim: AdamConfig::new().init(),
            device: device.clone(),
            ad,
            config,
            vocab,
            steps: 0,
        })
    }

    /// The plain (non-autodiff) device the model is read on.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The model as it stands, for reading (no autodiff).
    pub fn net(&self) -> Net {
        self.net.valid()
    }

    /// One Adam step on `batch` with learning rate `lr`; returns the loss before the step.
    pub async fn train_step(&mut self, batch: &Batch, lr: f64) -> Result<f64, TextError> {
        reject_empty(batch)?;
        if !(lr.is_finite() && lr > 0.0) {
            return Err(TextError::User(Text::new(
                "学习率必须是正数。",
                "The learning rate must be positive.",
            )));
        }
        let out = self
            .net
            .forward(batch.ids_tensor(&self.ad), batch.pad_tensor(&self.ad));
        let loss = cross_entropy(out.logits, batch.targets(&self.ad));
        let grads = GradientsParams::from_grads(loss.backward(), &self.net);
        self.net = self.optim.step(lr, self.net.clone(), grads);
        self.steps += 1;
        let mut rb = Readback::new();
        let slot = rb.add(loss);
        Ok(rb.read().await?[slot][0])
    }

    /// The forward pass on `batch` without autodiff.
    pub fn forward(&self, batch: &Batch) -> Forward {
        self.net().forward(
            batch.ids_tensor(&self.device),
            batch.pad_tensor(&self.device),
        )
    }

    /// Logits `[B][2]`, read back once.
    pub async fn logits(&self, batch: &Batch) -> Result<Vec<[f64; 2]>, TextError> {
        reject_empty(batch)?;
        let mut rb = Readback::new();
        let slot = rb.add(self.forward(batch).logits);
        let flat = &rb.read().await?[slot];
        Ok(flat.chunks(2).map(|c| [c[0], c[1]]).collect())
    }

    /// Loss and accuracy (class 1 when z₁ > z₀) on `batch`.
    pub async fn evaluate(&self, batch: &Batch) -> Result<Evaluation, TextError> {
        reject_empty(batch)?;
        let out = self.forward(batch);
        let loss = cross_entropy(out.logits.clone(), batch.targets(&self.device));
        let mut rb = Readback::new();
        let (ls, zs) = (rb.add(loss), rb.add(out.logits));
        let r = rb.read().await?;
        let correct = r[zs]
            .chunks(2)
            .zip(&batch.labels)
            .filter(|(z, y)| u8::from(z[1] > z[0]) == **y)
            .count();
        Ok(Evaluation {
            loss: r[ls][0],
            correct,
            total: batch.rows(),
        })
    }

    /// Classifies a typed sentence; unknown words become `<unk>`, a long one is cut to
    /// `MAX_LEN` tokens, an empty one is an error.
    pub async fn predict(&self, text: &str) -> Result<Prediction, TextError> {
        let enc = self.vocab.encode(text)?;
        let n = enc.tokens.len();
        let batch = Batch {
            ids: pad(&enc.ids()),
            labels: vec![0],
        };
        // One copy of the net serves the forward pass and the per-step read-out.
        let net = self.net();
        let out = net.forward(
            batch.ids_tensor(&self.device),
            batch.pad_tensor(&self.device),
        );
        // The LSTM's Dense layer read at every time step, not only the last.
        let step_logits = match (net, &out.states) {
            (Net::Lstm(m), Some(states)) => Some(m.out.forward(states.clone())),
            _ => None,
        };
        let mut rb = Readback::new();
        let zs = rb.add(out.logits);
        let ws: Vec<Slot> = out.attention.into_iter().map(|w| rb.add(w)).collect();
        let hs = out.states.map(|t| rb.add(t));
        let ls = step_logits.map(|t| rb.add(t));
        let r = rb.read().await?;
        let z = [r[zs][0], r[zs][1]];
        let p_yes = 1.0 / (1.0 + (z[0] - z[1]).exp());
        // Real tokens sit in the last n positions (front padding).
        let first = MAX_LEN - n;
        let heads = self.config.heads;
        let attention = ws
            .iter()
            .map(|&s| {
                (0..heads)
                    .map(|h| {
                        (first..MAX_LEN)
                            .map(|q| {
                                let row = (h * MAX_LEN + q) * MAX_LEN;
                                r[s][row + first..row + MAX_LEN].to_vec()
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let hidden = self.config.d_hidden;
        let states = hs.map_or_else(Vec::new, |s| {
            (first..MAX_LEN)
                .map(|t| r[s][t * hidden..(t + 1) * hidden].to_vec())
                .collect()
        });
        let step_p_yes = ls.map_or_else(Vec::new, |s| {
            (first..MAX_LEN)
                .map(|t| 1.0 / (1.0 + (r[s][2 * t] - r[s][2 * t + 1]).exp()))
                .collect()
        });
        Ok(Prediction {
            tokens: enc.tokens,
            dropped: enc.dropped,
            p_yes,
            logits: z,
            attention,
            states,
            step_p_yes,
        })
    }
}
