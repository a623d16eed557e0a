//! The lesson's settings: the article's tokens and embeddings, this lesson's weights and target, and the number of heads.

use crate::i18n::Text;
use crate::lessons::kit::{SettingSpec, Values};

/// Tokens of the sentence.
pub const N: usize = 3;

/// Model width d_model (the article says 64; four columns keep every number on screen).
pub const D: usize = 4;

pub const TOKENS: [&str; N] = ["I", "love", "programming"];

const BOUND: f64 = 100.0;

const TOKENS_GROUP: Text = Text::new("词向量 X", "Token embeddings X");

const WEIGHTS: Text = Text::new("权重", "Weights");

const TARGET: Text = Text::new("目标输出（本课自设）", "Target output (ours)");

const TRAIN: Text = Text::new("训练", "Training");

/// X: the first four entries of the article's embedding rows, continued in its steps of 0.1
/// (the article prints 64-wide rows with an ellipsis). W_Q, W_K, W_V, W_O and the target are
/// ours: the article gives none.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::number("X[0][0]", 0.1, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[0][1]", 0.2, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[0][2]", 0.3, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[0][3]", 0.4, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[1][0]", 0.7, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[1][1]", 0.8, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[1][2]", 0.9, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[1][3]", 1.0, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[2][0]", 1.3, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[2][1]", 1.4, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[2][2]", 1.5, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("X[2][3]", 1.6, -BOUND, BOUND, TOKENS_GROUP),
    SettingSpec::number("WQ[0][0]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[0][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[0][2]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[0][3]", 0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[1][0]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[1][1]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[1][2]", -0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[1][3]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[2][0]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[2][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[2][2]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[2][3]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[3][0]", -0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[3][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[3][2]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WQ[3][3]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[0][0]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[0][1]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[0][2]", 0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[0][3]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[1][0]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[1][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[1][2]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[1][3]", -0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[2][0]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[2][1]", -0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[2][2]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[2][3]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[3][0]", 0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[3][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[3][2]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WK[3][3]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[0][0]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[0][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[0][2]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[0][3]", -0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[1][0]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[1][1]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[1][2]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[1][3]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[2][0]", 0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[2][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[2][2]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[2][3]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[3][0]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[3][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[3][2]", -0.5, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WV[3][3]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[0][0]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[0][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[0][2]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[0][3]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[1][0]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[1][1]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[1][2]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[1][3]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[2][0]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[2][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[2][2]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[2][3]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[3][0]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[3][1]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[3][2]", 0.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("WO[3][3]", 1.0, -BOUND, BOUND, WEIGHTS),
    SettingSpec::number("T[0][0]", 1.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[0][1]", 0.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[0][2]", 0.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[0][3]", 0.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[1][0]", 0.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[1][1]", 1.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[1][2]", 0.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[1][3]", 0.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[2][0]", 0.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[2][1]", 0.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[2][2]", 1.0, -BOUND, BOUND, TARGET),
    SettingSpec::number("T[2][3]", 0.0, -BOUND, BOUND, TARGET),
    SettingSpec::choice("heads", 0, &["1", "2"], TRAIN),
    SettingSpec::positive("lr", 0.1, 0.0, 100.0, TRAIN),
    crate::lessons::kit::breaks::SIGN_ONLY,
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

/// The number of heads the `heads` choice names.
pub fn heads(v: &Values) -> usize {
    if v.get("heads") >= 1.0 { 2 } else { 1 }
}
