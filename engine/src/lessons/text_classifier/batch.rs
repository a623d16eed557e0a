//! Sentences as the tensors the models read: ids padded at the front to `MAX_LEN`, labels.

use burn::prelude::*;

use super::data::Sentence;
use super::tokenizer::{MAX_LEN, PAD, Vocab, pad};

#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    /// `rows × MAX_LEN` ids, row by row.
    pub ids: Vec<usize>,
    pub labels: Vec<u8>,
}

impl Batch {
    /// Tokenises each sentence's text (as a typed sentence would be) and pads it.
    pub fn new(vocab: &Vocab, sentences: &[Sentence]) -> Batch {
        let mut ids = Vec::with_capacity(sentences.len() * MAX_LEN);
        for s in sentences {
            let row: Vec<usize> = vocab.tokenize(&s.text()).iter().map(|t| t.id).collect();
            ids.extend(pad(&row));
        }
        Batch {
            ids,
            labels: sentences.iter().map(|s| s.label).collect(),
        }
    }

    pub fn rows(&self) -> usize {
        self.labels.len()
    }

    pub fn row(&self, i: usize) -> &[usize] {
        &self.ids[i * MAX_LEN..(i + 1) * MAX_LEN]
    }

    pub fn ids_tensor(&self, device: &Device) -> Tensor<2, Int> {
        let data: Vec<i32> = self.ids.iter().map(|&i| i as i32).collect();
        Tensor::from_data(TensorData::new(data, [self.rows(), MAX_LEN]), device)
    }

    /// True at padding.
    pub fn pad_tensor(&self, device: &Device) -> Tensor<2, Bool> {
        let data: Vec<bool> = self.ids.iter().map(|&i| i == PAD).collect();
        Tensor::from_data(TensorData::new(data, [self.rows(), MAX_LEN]), device)
    }

    /// One-hot labels `[B, 2]`.
    pub fn targets(&self, device: &Device) -> Tensor<2> {
        let data: Vec<f32> = self
            .labels
            .iter()
            .flat_map(|&y| if y == 1 { [0.0, 1.0] } else { [1.0, 0.0] })
            .collect();
        Tensor::from_data(TensorData::new(data, [self.rows(), 2]), device)
    }
}
