//! Breaking the backward pass on purpose, so the learner can watch the gradient check fail and
//! training walk uphill. The forward values stay exactly what they were; only what autodiff
//! carries back changes, by the stop-gradient trick: f(x) with the slope g is
//! `stop(f(x)) + stop(g) · (x − stop(x))`, whose value is f(x) and whose derivative is g.
//! (The lesson setting that picks a break is in `lessons::kit::breaks`.)

use burn::prelude::*;
use burn::tensor::activation;

use crate::i18n::Text;

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
