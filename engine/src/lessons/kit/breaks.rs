//! Breaking the backward pass on purpose, so the learner can watch the gradient check fail and
//! training walk uphill. The forward values stay exactly what they were; only what autodiff
//! carries back changes, by the stop-gradient trick: f(x) with the slope g is
//! `stop(f(x)) + stop(g) · (x − stop(x))`, whose value is f(x) and whose derivative is g.

use burn::prelude::*;
use burn::tensor::activation;

use super::spec::{SettingSpec, Values};
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Break {
    Correct,
    /// σ′(z) taken as 1 + a instead of a(1 − a) (article 000's slip).
    SigmoidOnePlusA,
    /// Every gradient negated (article 002's sign slip, everywhere at once).
    FlippedSign,
}

impl Break {
    pub fn from_name(name: &str) -> Option<Break> {
        match name {
            "correct" => Some(Break::Correct),
            "one-plus-a" => Some(Break::SigmoidOnePlusA),
            "flipped-sign" => Some(Break::FlippedSign),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Break::Correct => "correct",
            Break::SigmoidOnePlusA => "one-plus-a",
            Break::FlippedSign => "flipped-sign",
        }
    }

    /// The break a lesson's values ask for; a lesson without the setting is never broken.
    pub fn of(values: &Values) -> Break {
        match values.index(NAME) {
            Some(_) => Break::from_name(values.choice(NAME)).unwrap_or(Break::Correct),
            None => Break::Correct,
        }
    }

    pub fn is_broken(self) -> bool {
        self != Break::Correct
    }

    /// What the break does, for the page's warning.
    pub fn explain(self) -> Option<Text> {
        match self {
            Break::Correct => None,
            Break::SigmoidOnePlusA => Some(Text::new(
                "反向传播被故意弄错：经过 sigmoid 时乘的是 1 + a，而不是 σ′ = a(1 − a)。前向的数值不变，梯度（和训练）都错了。",
                "The backward pass is broken on purpose: through each sigmoid it multiplies by 1 + a instead of σ′ = a(1 − a). Forward values are unchanged; the gradients (and training) are wrong.",
            )),
            Break::FlippedSign => Some(Text::new(
                "反向传播被故意弄错：每个梯度的符号都反了。前向的数值不变，训练会往上坡走。",
                "The backward pass is broken on purpose: every gradient has its sign flipped. Forward values are unchanged; training walks uphill.",
            )),
        }
    }
}

/// σ(z), with the slope the break asks for.
pub fn sigmoid<const D: usize>(z: Tensor<D>, b: Break) -> Tensor<D> {
    let a = activation::sigmoid(z.clone());
    match b {
        Break::SigmoidOnePlusA => {
            let slope = a.clone().detach().add_scalar(1.0);
            a.detach() + slope * (z.clone() - z.detach())
        }
        _ => a,
    }
}

/// The loss, with every gradient negated when the break flips the sign: 2·stop(L) − L has
/// the value L exactly (doubling and the subtraction are exact in floating point).
pub fn loss<const D: usize>(l: Tensor<D>, b: Break) -> Tensor<D> {
    match b {
        Break::FlippedSign => l.clone().detach().mul_scalar(2.0) - l,
        _ => l,
    }
}
