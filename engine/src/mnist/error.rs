//! What can go wrong in a call the page makes, with a message in both languages, and the
//! input checks that turn bad images or labels into errors instead of panics.

use super::asset::{CLASSES, PIXELS};
use crate::i18n::Text;

/// Why a call could not be done.
#[derive(Clone, Debug, PartialEq)]
pub enum CnnError {
    /// Images and labels do not fit together (wrong length, no digits, a label ≥ 10, NaN).
    Input(String),
    /// A learning rate that is not a positive finite number ≤ 1.
    LearningRate(f64),
    /// Reading results back from the device failed (a lost GPU device).
    Readback(String),
    /// A weights file that is not this network's; the current weights were kept.
    Weights(String),
}

impl CnnError {
    pub fn text(&self) -> Text {
        match self {
            CnnError::Input(_) => {
                Text::new("输入的图像或标签无效", "The images or labels are not valid")
            }
            CnnError::LearningRate(_) => Text::new(
                "学习率必须是 0 到 1 之间的正数",
                "The learning rate must be a positive number up to 1",
            ),
            CnnError::Readback(_) => Text::new(
                "无法从设备读回结果",
                "Could not read results back from the device",
            ),
            CnnError::Weights(_) => Text::new(
                "这不是本网络的权重文件；当前权重保持不变",
                "This is not a weights file for this network; the current weights are kept",
            ),
        }
    }
}

impl std::fmt::Display for CnnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CnnError::Input(s) => write!(f, "bad input: {s}"),
            CnnError::LearningRate(lr) => write!(f, "learning rate {lr} is not in (0, 1]"),
            CnnError::Readback(s) => write!(f, "readback failed: {s}"),
            CnnError::Weights(s) => write!(f, "weights not loaded: {s}"),
        }
    }
}

impl std::error::Error for CnnError {}

pub(super) fn readback(e: impl std::fmt::Debug) -> CnnError {
    CnnError::Readback(format!("{e:?}"))
}

/// Checks `images` holds whole 28×28 images with values in [0, 1]; returns how many.
pub fn check_images(images: &[f32]) -> Result<usize, CnnError> {
    if images.is_empty() || !images.len().is_multiple_of(PIXELS) {
        return Err(CnnError::Input(format!(
            "{} values is not a positive multiple of {PIXELS}",
            images.len()
        )));
    }
    if let Some(i) = images.iter().position(|v| !(0.0..=1.0).contains(v)) {
        return Err(CnnError::Input(format!("pixel {i} is not in [0, 1]")));
    }
    Ok(images.len() / PIXELS)
}

pub(super) fn check_labels(n: usize, labels: &[u8]) -> Result<(), CnnError> {
    if labels.len() != n {
        return Err(CnnError::Input(format!(
            "{n} images but {} labels",
            labels.len()
        )));
    }
    if let Some(l) = labels.iter().find(|&&l| usize::from(l) >= CLASSES) {
        return Err(CnnError::Input(format!("label {l} is not a digit")));
    }
    Ok(())
}
