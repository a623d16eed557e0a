//! Where a training run is: which digits each batch takes (a fresh seeded shuffle per epoch),
//! how far it has come, and how fast it goes. Pure bookkeeping, so pause / resume / stop in the
//! page only keep or drop this value.

use super::split::shuffle;
use crate::base::rng::SplitMix64;

/// Batches between two points on the live curves.
pub const CHECKPOINT_BATCHES: usize = 25;

/// One batch to train on, and where it sits in the run.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub indices: Vec<usize>,
    /// 0-based epoch and batch within it.
    pub epoch: usize,
    pub batch: usize,
    /// True for the epoch's last batch.
    pub ends_epoch: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    train: Vec<usize>,
    epochs: usize,
    batch: usize,
    seed: u64,
    order: Vec<usize>,
    epoch: usize,
    cursor: usize,
    /// Samples handed out so far over the whole run.
    done: usize,
}

impl Schedule {
    /// A run of `epochs` passes over `train` in batches of `batch` (the last of each epoch
    /// may be smaller). Zero epochs or an empty batch plan nothing.
    pub fn new(train: &[usize], epochs: usize, batch: usize, seed: u64) -> Schedule {
        let mut s = Schedule {
            train: train.to_vec(),
            epochs,
            batch: batch.max(1),
            seed,
            order: Vec::new(),
            epoch: 0,
            cursor: 0,
            done: 0,
        };
        s.shuffle_epoch();
        s
    }

    fn shuffle_epoch(&mut self) {
        self.order = self.train.clone();
        let mut rng = SplitMix64::new(self.seed ^ (self.epoch as u64).wrapping_mul(0x9E37_79B9));
        shuffle(&mut self.order, &mut rng);
        self.cursor = 0;
    }

    pub fn batches_per_epoch(&self) -> usize {
        self.train.len().div_ceil(self.batch)
    }

    pub fn epochs(&self) -> usize {
        self.epochs
    }

    /// The next batch, or `None` when the run is over.
    pub fn next_batch(&mut self) -> Option<Planned> {
        if self.epoch >= self.epochs || self.train.is_empty() {
            return None;
        }
        let end = (self.cursor + self.batch).min(self.order.len());
        let planned = Planned {
            indices: self.order[self.cursor..end].to_vec(),
            epoch: self.epoch,
            batch: self.cursor / self.batch,
            ends_epoch: end == self.order.len(),
        };
        self.done += end - self.cursor;
        self.cursor = end;
        if planned.ends_epoch {
            self.epoch += 1;
            if self.epoch < self.epochs {
                self.shuffle_epoch();
            }
        }
        Some(planned)
    }

    /// (samples trained, samples in the whole run).
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.train.len() * self.epochs)
    }

    pub fn is_finished(&self) -> bool {
        self.epoch >= self.epochs
    }
}

/// Samples per second over a sliding window of recent batches, and the time left at that rate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RateMeter {
    /// (milliseconds spent, samples) of recent batches.
    recent: Vec<(f64, usize)>,
}

/// Batches the rate is averaged over.
const RATE_WINDOW: usize = 20;

impl RateMeter {
    pub fn record(&mut self, ms: f64, samples: usize) {
        if ms.is_finite() && ms >= 0.0 {
            self.recent.push((ms, samples));
            if self.recent.len() > RATE_WINDOW {
                self.recent.remove(0);
            }
        }
    }

    /// Samples per second, or `None` before any time was measured.
    pub fn per_second(&self) -> Option<f64> {
        let ms: f64 = self.recent.iter().map(|r| r.0).sum();
        let n: usize = self.recent.iter().map(|r| r.1).sum();
        (ms > 0.0).then(|| n as f64 * 1000.0 / ms)
    }

    /// Seconds to train `remaining` more samples at the current rate.
    pub fn seconds_left(&self, remaining: usize) -> Option<f64> {
        self.per_second().map(|r| remaining as f64 / r)
    }
}
