//! The lesson's settings, read and written by name like every lesson's (`state::setting::Settings`);
//! its link is `#/text-classifier?keyword=…&size=…&model=…&seed=…&lr=…`.
//! Every value a learner types or a link carries is checked here, with a message in both
//! languages; a refused value changes nothing.

use crate::i18n::Text;
use crate::state::hash::read_assignments;
use crate::state::number::{InputError, parse_number};
use crate::state::setting::Settings;

use super::data::{MAX_SIZE, MIN_SIZE, all_words};
use super::net::ModelKind;

/// Largest learning rate accepted: Adam at 1 already jumps across the whole loss surface.
pub const MAX_LR: f64 = 1.0;

/// Everything a shared link reproduces: the data, the model and its training.
#[derive(Clone, Debug, PartialEq)]
pub struct TextSettings {
    /// A word of the vocabulary: the sentences are labelled by whether they contain it.
    pub keyword: &'static str,
    /// Sentences generated (training and held-out together).
    pub size: usize,
    pub model: ModelKind,
    /// Seeds the sentences, the split and the initial weights.
    pub seed: u64,
    /// Adam's learning rate.
    pub lr: f64,
}

impl Default for TextSettings {
    /// 书 ("book"), 400 sentences, the LSTM of 001 §5.2. The articles use Adam at 0.001 with
    /// 100–512 wide layers; this lesson's 16-wide models learn in seconds at 0.01.
    fn default() -> Self {
        TextSettings {
            keyword: "书",
            size: 400,
            model: ModelKind::Lstm,
            seed: 1,
            lr: 0.01,
        }
    }
}

pub const NOT_A_KEYWORD: Text = Text::new(
    "不是词表里的词：请从列表中选一个（中文或英文）。",
    "is not a word of the vocabulary: pick one from the list (Chinese or English).",
);
pub const BAD_SIZE: Text = Text::new(
    "数据集大小必须是 2 到 5000 之间的整数。",
    "the dataset size must be a whole number from 2 to 5000.",
);
pub const BAD_MODEL: Text = Text::new(
    "模型只能是 lstm 或 transformer。",
    "the model must be lstm or transformer.",
);
pub const BAD_SEED: Text = Text::new(
    "随机种子必须是 0 到 18446744073709551615 之间的整数。",
    "the seed must be a whole number from 0 to 18446744073709551615.",
);
pub const BAD_LR_NUMBER: Text = Text::new(
    "学习率必须是一个数，例如 0.01。",
    "the learning rate must be a number, such as 0.01.",
);
pub const BAD_LR_RANGE: Text = Text::new(
    "学习率必须大于 0，且不超过 1。",
    "the learning rate must be above 0 and at most 1.",
);
pub const UNKNOWN_SETTING: Text = Text::new(
    "没有这个设置（可用：keyword、size、model、seed、lr）。",
    "there is no such setting (known: keyword, size, model, seed, lr).",
);

/// A typed or linked keyword: trimmed, English lower-cased, and a word of the vocabulary.
pub fn parse_keyword(text: &str) -> Result<&'static str, InputError> {
    let t = text.trim().to_lowercase();
    all_words()
        .into_iter()
        .map(|(w, _, _)| w)
        .find(|w| *w == t)
        .ok_or_else(|| InputError::refused("keyword", text, NOT_A_KEYWORD))
}

fn whole_number(text: &str) -> Option<u64> {
    let t = text.trim();
    let digits = !t.is_empty() && t.len() <= 20 && t.bytes().all(|b| b.is_ascii_digit());
    if digits { t.parse().ok() } else { None }
}

pub fn parse_size(text: &str) -> Result<usize, InputError> {
    whole_number(text)
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| (MIN_SIZE..=MAX_SIZE).contains(n))
        .ok_or_else(|| InputError::refused("size", text, BAD_SIZE))
}

pub fn parse_model(text: &str) -> Result<ModelKind, InputError> {
    ModelKind::from_name(text.trim()).ok_or_else(|| InputError::refused("model", text, BAD_MODEL))
}

pub fn parse_seed(text: &str) -> Result<u64, InputError> {
    whole_number(text).ok_or_else(|| InputError::refused("seed", text, BAD_SEED))
}

/// A typed learning rate: any number form `parse_number` takes (`0,01`, `1e-3`), in (0, 1].
pub fn parse_lr(text: &str) -> Result<f64, InputError> {
    match parse_number(text) {
        Ok(v) if v > 0.0 && v <= MAX_LR => Ok(v),
        Ok(_) | Err(InputError::TooLarge(_)) => Err(InputError::refused("lr", text, BAD_LR_RANGE)),
        Err(_) => Err(InputError::refused("lr", text, BAD_LR_NUMBER)),
    }
}

impl Settings for TextSettings {
    fn names(&self) -> Vec<String> {
        ["keyword", "size", "model", "seed", "lr"]
            .map(String::from)
            .to_vec()
    }

    /// Sets one setting from text; a refused value leaves the settings unchanged.
    fn set(&mut self, name: &str, value: &str) -> Result<(), InputError> {
        match name {
            "keyword" => self.keyword = parse_keyword(value)?,
            "size" => self.size = parse_size(value)?,
            "model" => self.model = parse_model(value)?,
            "seed" => self.seed = parse_seed(value)?,
            "lr" => self.lr = parse_lr(value)?,
            _ => return Err(InputError::refused(name, value, UNKNOWN_SETTING)),
        }
        Ok(())
    }

    fn get(&self, name: &str) -> Option<String> {
        Some(match name {
            "keyword" => self.keyword.to_string(),
            "size" => self.size.to_string(),
            "model" => self.model.name().to_string(),
            "seed" => self.seed.to_string(),
            "lr" => self.lr.to_string(),
            _ => return None,
        })
    }
}

impl TextSettings {
    /// Reads a link's assignments (`keyword=%E4%B9%A6`, `size=400`…), starting from the
    /// defaults; missing settings keep them. At the first bad assignment reading stops: the
    /// settings read so far come with the error, so the page opens and says why.
    pub fn from_assignments(assignments: &[&str]) -> (TextSettings, Option<InputError>) {
        read_assignments(TextSettings::default(), assignments)
    }
}
