//! Predict, then reveal: before a step of a walkthrough is shown, the learner types the value
//! they expect. This module judges the guess against the computed value, recognises the common
//! slips (the articles' own among them) and keeps a score. Pure functions: the page only wires
//! them to an input box.

pub mod item;
pub mod judge;
pub mod score;
pub mod slips;
pub mod tolerance;

pub use item::{PredictItem, for_kit_step, for_playground_step};
pub use judge::{Feedback, Verdict, feedback, judge};
pub use score::Score;
pub use slips::Slip;
pub use tolerance::{CLOSE, RIGHT, Tolerance};
