//! Lesson `text-classifier`: article 001 §5.4's task,
//! "does a sentence contain a given keyword?", learnt by an Embedding → LSTM → Dense model
//! (001 §5.2, 002's project case) and by a small Transformer encoder (003 §5.2). Loss: 2-class
//! softmax cross-entropy, as the articles' code uses (`nn.CrossEntropyLoss`).

pub mod batch;
pub mod classifier;
pub mod confusion;
pub mod data;
pub mod errata;
pub mod init;
pub mod lstm;
pub mod net;
pub mod session;
pub mod settings;
pub mod tokenizer;
pub mod transformer;
pub mod views;

use crate::i18n::Text;
use crate::lessons::kit::TraceError;

pub const ID: &str = "text-classifier";

/// Why a request could not be served: the learner's input (in both languages), or the backend.
#[derive(Clone, Debug, PartialEq)]
pub enum TextError {
    User(Text),
    Backend(String),
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextError::User(t) => write!(f, "{} / {}", t.zh, t.en),
            TextError::Backend(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for TextError {}

impl From<TraceError> for TextError {
    fn from(e: TraceError) -> Self {
        TextError::Backend(e.0)
    }
}

impl From<TextError> for TraceError {
    fn from(e: TextError) -> Self {
        TraceError(e.to_string())
    }
}
