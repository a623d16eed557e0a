//! Right, close or wrong: a guess against the computed value, with the tolerance said aloud.

use super::slips::{Slip, diagnose};
use super::tolerance::{CLOSE, RIGHT};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Right,
    Close,
    Wrong,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Close => "close",
            Verdict::Wrong => "wrong",
        }
    }
}

pub fn judge(guess: f64, truth: f64) -> Verdict {
    if !guess.is_finite() || !truth.is_finite() {
        return Verdict::Wrong;
    }
    if RIGHT.accepts(guess, truth) {
        Verdict::Right
    } else if CLOSE.accepts(guess, truth) {
        Verdict::Close
    } else {
        Verdict::Wrong
    }
}

/// What the page says after a guess.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    pub guess: f64,
    pub truth: f64,
    pub verdict: Verdict,
    /// guess − truth.
    pub difference: f64,
    /// |guess − truth| / |truth|, when the truth is not zero.
    pub relative: Option<f64>,
    /// The slip the guess matches, for a guess that is not right.
    pub slip: Option<Slip>,
}

pub fn feedback(guess: f64, truth: f64, slips: &[Slip]) -> Feedback {
    let verdict = judge(guess, truth);
    let difference = guess - truth;
    Feedback {
        guess,
        truth,
        verdict,
        difference,
        relative: (truth != 0.0).then(|| difference.abs() / truth.abs()),
        slip: match verdict {
            Verdict::Right => None,
            _ => diagnose(guess, truth, slips).cloned(),
        },
    }
}
