//! Why a playground request was refused, in both languages, with the offending detail.

use crate::i18n::{Lang, Text};

#[derive(Clone, Debug, PartialEq)]
pub struct PlaygroundError {
    /// What went wrong, for the learner.
    pub text: Text,
    /// The value or position at fault (cut to 60 characters, markup characters replaced).
    pub detail: String,
}

impl PlaygroundError {
    pub fn new(text: Text, detail: impl AsRef<str>) -> PlaygroundError {
        PlaygroundError {
            text,
            // Echo only harmless characters: a hostile link cannot put markup in a message.
            detail: detail
                .as_ref()
                .chars()
                .take(60)
                .map(|c| {
                    if c.is_alphanumeric() || " .,-_=~+:()%".contains(c) {
                        c
                    } else {
                        '?'
                    }
                })
                .collect(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        if self.detail.is_empty() {
            self.text.get(lang).to_string()
        } else {
            format!("{} ({})", self.text.get(lang), self.detail)
        }
    }
}

impl std::fmt::Display for PlaygroundError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PlaygroundError {}

impl From<crate::base::error::TraceError> for PlaygroundError {
    fn from(e: crate::base::error::TraceError) -> PlaygroundError {
        PlaygroundError::new(
            Text::new("读取计算结果失败", "Reading the results back failed"),
            e.0,
        )
    }
}
