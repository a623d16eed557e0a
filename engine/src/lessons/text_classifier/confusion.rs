//! The held-out confusion counts of a two-class classifier and what they give: accuracy,
//! precision, recall and F1 (class 1, "the keyword occurs", is the positive class).

/// Counts of (prediction, label) pairs; a prediction is class 1 when z₁ > z₀.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Confusion {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
    pub true_neg: usize,
}

/// a / b, or 0 when b is 0 (no positive prediction or no positive label).
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The harmonic mean 2ab/(a + b), 0 when both are 0.
pub fn harmonic_mean(a: f64, b: f64) -> f64 {
    if a + b == 0.0 {
        0.0
    } else {
        2.0 * a * b / (a + b)
    }
}

impl Confusion {
    pub fn count(logits: &[[f64; 2]], labels: &[u8]) -> Confusion {
        let mut c = Confusion::default();
        for (z, &y) in logits.iter().zip(labels) {
            match (z[1] > z[0], y == 1) {
                (true, true) => c.true_pos += 1,
                (true, false) => c.false_pos += 1,
                (false, true) => c.false_neg += 1,
                (false, false) => c.true_neg += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.true_pos + self.false_pos + self.false_neg + self.true_neg
    }

    /// (TP + TN)/N: what §9.7 item 1 of article 003 calls 准确率.
    pub fn accuracy(&self) -> f64 {
        ratio(self.true_pos + self.true_neg, self.total())
    }

    /// TP/(TP + FP): of the sentences flagged, the share that hold the keyword.
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }

    /// TP/(TP + FN): of the sentences that hold the keyword, the share flagged.
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision(), self.recall())
    }
}
