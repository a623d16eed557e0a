//! The network's output layer and its loss: one sigmoid unit with binary cross-entropy (two
//! classes, as TF Playground), k softmax units with cross-entropy (more classes, or two when
//! the learner asks), or one linear unit with squared error (regression).

use super::dataset::DataSpec;
use super::spec::NetSpec;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Head {
    Sigmoid,
    /// Softmax over this many classes (2–5).
    Softmax(usize),
    Linear,
}

impl Head {
    /// The head a network trains with on this data: regression is linear, more than two
    /// classes (or `net.softmax`) softmax, else sigmoid.
    pub fn of(net: &NetSpec, data: &DataSpec) -> Head {
        match data.class_count() {
            None => Head::Linear,
            Some(k) if k > 2 || net.softmax => Head::Softmax(k),
            Some(_) => Head::Sigmoid,
        }
    }

    /// Output units.
    pub fn outputs(self) -> usize {
        match self {
            Head::Softmax(k) => k,
            Head::Sigmoid | Head::Linear => 1,
        }
    }

    /// Classes the head tells apart (0 for regression).
    pub fn classes(self) -> usize {
        match self {
            Head::Softmax(k) => k,
            Head::Sigmoid => 2,
            Head::Linear => 0,
        }
    }

    /// The training target of each label, row by row: the label itself (sigmoid, linear) or
    /// its one-hot row (softmax), `outputs()` numbers per label.
    pub fn targets(self, labels: &[f64]) -> Vec<f64> {
        match self {
            Head::Softmax(k) => labels.iter().flat_map(|&c| one_hot(c, k)).collect(),
            Head::Sigmoid | Head::Linear => labels.to_vec(),
        }
    }
}

/// `k` numbers, 1 at class `c` (a whole number below `k`) and 0 elsewhere.
pub fn one_hot(c: f64, k: usize) -> Vec<f64> {
    (0..k).map(|j| f64::from(u8::from(j as f64 == c))).collect()
}
