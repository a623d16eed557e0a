//! The lesson setting that breaks the backward pass on purpose (`backward=…` in links); the
//! breaks themselves are in [`crate::base::breaks`].

use super::spec::{SettingSpec, Values};
pub use crate::base::breaks::{Break, loss, sigmoid};
use crate::i18n::Text;

/// The setting's name in links and in `trace --set`.
pub const NAME: &str = "backward";

const GROUP: Text = Text::new(
    "反向传播（可故意弄错）",
    "Backward pass (break it on purpose)",
);

/// For lessons with a sigmoid: the right pass, the article's σ′ = 1 + a, a flipped sign.
pub const WITH_SIGMOID: SettingSpec =
    SettingSpec::choice(NAME, 0, &["correct", "one-plus-a", "flipped-sign"], GROUP);

/// For lessons without a sigmoid: the right pass or a flipped sign.
pub const SIGN_ONLY: SettingSpec =
    SettingSpec::choice(NAME, 0, &["correct", "flipped-sign"], GROUP);

impl Break {
    /// The break a lesson's values ask for; a lesson without the setting is never broken.
    pub fn of(values: &Values) -> Break {
        match values.index(NAME) {
            Some(_) => Break::from_name(values.choice(NAME)).unwrap_or(Break::Correct),
            None => Break::Correct,
        }
    }
}
