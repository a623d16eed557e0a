//! What the page shows about a trained network on a set of digits, computed on the host in f64
//! from one readback of log-probabilities: loss, accuracy, confusion matrix, worst digits.

use super::asset::CLASSES;

/// The network's log-probabilities for labelled digits.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// Which digits of the data set were scored, in order.
    pub indices: Vec<usize>,
    pub labels: Vec<u8>,
    /// ln p(class) per digit (log-softmax of the logits).
    pub log_probs: Vec<[f32; CLASSES]>,
}

/// One misjudged digit: which, its label, the network's answer and its confidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Worst {
    pub index: usize,
    pub label: u8,
    pub predicted: u8,
    /// p(true label): the lower, the worse.
    pub p_label: f64,
    pub p_predicted: f64,
}

/// Index of the largest value (the first on ties).
pub fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

impl Evaluation {
    /// No digits scored yet; [`Evaluation::append`] grows it chunk by chunk.
    pub fn empty() -> Evaluation {
        Evaluation {
            indices: Vec::new(),
            labels: Vec::new(),
            log_probs: Vec::new(),
        }
    }

    /// Adds the digits of `more` (scored separately, e.g. a frame at a time) to this one.
    pub fn append(&mut self, more: Evaluation) {
        self.indices.extend(more.indices);
        self.labels.extend(more.labels);
        self.log_probs.extend(more.log_probs);
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn predictions(&self) -> Vec<u8> {
        self.log_probs.iter().map(|p| argmax(p) as u8).collect()
    }

    /// Mean sparse categorical cross-entropy, −(1/N) Σ ln p(label); 0 for no digits.
    pub fn loss(&self) -> f64 {
        let total: f64 = self
            .log_probs
            .iter()
            .zip(&self.labels)
            .map(|(p, &l)| -f64::from(p[usize::from(l)]))
            .sum();
        total / self.len().max(1) as f64
    }

    /// Fraction of digits whose most probable class is the label; 0 for no digits.
    pub fn accuracy(&self) -> f64 {
        let right = self
            .predictions()
            .iter()
            .zip(&self.labels)
            .filter(|(p, l)| p == l)
            .count();
        right as f64 / self.len().max(1) as f64
    }

    pub fn confusion(&self) -> [[u32; CLASSES]; CLASSES] {
        confusion(&self.labels, &self.predictions())
    }

    /// The `k` misclassified digits with the lowest probability on their true label.
    pub fn worst(&self, k: usize) -> Vec<Worst> {
        let mut wrong: Vec<Worst> = self
            .log_probs
            .iter()
            .zip(&self.labels)
            .zip(&self.indices)
            .filter_map(|((p, &label), &index)| {
                let predicted = argmax(p) as u8;
                (predicted != label).then(|| Worst {
                    index,
                    label,
                    predicted,
                    p_label: f64::from(p[usize::from(label)]).exp(),
                    p_predicted: f64::from(p[usize::from(predicted)]).exp(),
                })
            })
            .collect();
        wrong.sort_by(|a, b| a.p_label.total_cmp(&b.p_label).then(a.index.cmp(&b.index)));
        wrong.truncate(k);
        wrong
    }
}

/// `m[label][predicted]`: how many digits of each class were called each class.
/// Labels or predictions ≥ 10 are not counted.
pub fn confusion(labels: &[u8], predicted: &[u8]) -> [[u32; CLASSES]; CLASSES] {
    let mut m = [[0; CLASSES]; CLASSES];
    for (&l, &p) in labels.iter().zip(predicted) {
        if let Some(row) = m.get_mut(usize::from(l))
            && let Some(cell) = row.get_mut(usize::from(p))
        {
            *cell += 1;
        }
    }
    m
}
