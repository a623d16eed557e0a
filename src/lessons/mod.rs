//! One folder per lesson: its state (signals over engine calls) and its views.

pub mod kit_lesson;
pub mod mlp_step;
