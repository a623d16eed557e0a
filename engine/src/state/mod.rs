//! Lesson state from text: typed numbers, `NAME=VALUE` assignments and the URL hash.

pub mod hash;
pub mod matrix;
pub mod number;
pub mod setting;
