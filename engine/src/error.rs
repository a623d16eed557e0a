//! The crate's one error type: whatever an engine call refuses or fails at, with the part
//! that refused it. Each part keeps its own error (with its bilingual message); this wraps
//! them for callers that handle any, such as the command-line tools. Nothing in the crate
//! depends on this module, so it may name every part.

use crate::base::error::TraceError;
use crate::i18n::Lang;
use crate::lessons::text_classifier::TextError;
use crate::mnist::asset::AssetError;
use crate::mnist::error::CnnError;
use crate::mnist::preprocess::PreprocessError;
use crate::playground::error::PlaygroundError;
use crate::state::number::InputError;

#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// A computation could not be read back (a lost GPU device, a failed readback).
    Trace(TraceError),
    /// A lesson setting or number the learner typed was refused.
    Input(InputError),
    Text(TextError),
    Mnist(CnnError),
    MnistAsset(AssetError),
    DrawnDigit(PreprocessError),
    Playground(PlaygroundError),
}

impl Error {
    /// The message for the learner, in `lang` where the part has one.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Input(e) => e.message(lang),
            Error::Text(TextError::User(t)) => t.get(lang).to_string(),
            Error::Mnist(e) => e.text().get(lang).to_string(),
            Error::Playground(e) => e.message(lang),
            other => other.to_string(),
        }
    }
}

impl Error {
    /// The part's own error, which says what went wrong.
    fn part(&self) -> &(dyn std::error::Error + 'static) {
        match self {
            Error::Trace(e) => e,
            Error::Input(e) => e,
            Error::Text(e) => e,
            Error::Mnist(e) => e,
            Error::MnistAsset(e) => e,
            Error::DrawnDigit(e) => e,
            Error::Playground(e) => e,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.part(), f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.part())
    }
}

macro_rules! wrap {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        $(impl From<$ty> for Error {
            fn from(e: $ty) -> Error {
                Error::$variant(e)
            }
        })*
    };
}

wrap!(
    Trace(TraceError),
    Input(InputError),
    Text(TextError),
    Mnist(CnnError),
    MnistAsset(AssetError),
    DrawnDigit(PreprocessError),
    Playground(PlaygroundError),
);
