//! The `mnist-cnn` page's settings, which a shared link carries: the run's epochs, learning
//! rate, batch size and seed, and the held-out digit whose feature maps are shown.
//! (Trained weights are too big for a link; they travel as a file.)

use super::split::TRAIN;
use super::trainer::{BATCH, LR};
use crate::state::number::{InputError, parse_in_range};
use crate::state::setting::Settings;

pub const MAX_EPOCHS: usize = 50;
/// The page trains batches above 32 in slices (gradient accumulation), so any size keeps the
/// frames short; this bound only keeps one step's memory modest.
pub const MAX_BATCH: usize = 256;

#[derive(Clone, Debug, PartialEq)]
pub struct RunSettings {
    pub epochs: usize,
    pub lr: f64,
    pub batch: usize,
    /// Seeds the fresh weights and the batch order.
    pub seed: u64,
    /// A held-out digit (0-based among the held-out set) for the feature maps.
    pub digit: usize,
}

impl Default for RunSettings {
    /// The article's: 5 epochs, Adam at 0.001, batch 32.
    fn default() -> Self {
        RunSettings {
            epochs: 5,
            lr: LR,
            batch: BATCH,
            seed: 0,
            digit: 0,
        }
    }
}

fn whole(text: &str, min: usize, max: usize) -> Result<usize, InputError> {
    let v = parse_in_range(text, min as f64, max as f64)?;
    if v.fract() != 0.0 {
        return Err(InputError::NotANumber(text.chars().take(40).collect()));
    }
    Ok(v as usize)
}

/// Digits held out of training (the split's complement).
pub const HELD_OUT: usize = 10_000 - TRAIN;

impl Settings for RunSettings {
    fn names(&self) -> Vec<String> {
        ["epochs", "lr", "batch", "seed", "digit"]
            .map(String::from)
            .to_vec()
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), InputError> {
        match name {
            "epochs" => self.epochs = whole(value, 1, MAX_EPOCHS)?,
            "lr" => {
                let v = parse_in_range(value, 0.0, 1.0)?;
                if v <= 0.0 {
                    return Err(InputError::OutOfRange {
                        min: 1e-6,
                        max: 1.0,
                    });
                }
                self.lr = v;
            }
            "batch" => self.batch = whole(value, 1, MAX_BATCH)?,
            "seed" => self.seed = whole(value, 0, 999_999)? as u64,
            "digit" => self.digit = whole(value, 0, HELD_OUT - 1)?,
            other => return Err(InputError::UnknownName(other.chars().take(40).collect())),
        }
        Ok(())
    }

    fn get(&self, name: &str) -> Option<String> {
        Some(match name {
            "epochs" => self.epochs.to_string(),
            "lr" => self.lr.to_string(),
            "batch" => self.batch.to_string(),
            "seed" => self.seed.to_string(),
            "digit" => self.digit.to_string(),
            _ => return None,
        })
    }
}
