//! Lesson `mlp-step`: article 000 §4.3, one forward pass, backward pass and SGD update
//! of a 2-2-1 sigmoid network.

pub mod errata;
pub mod json;
pub mod labels;
pub mod params;
pub mod walkthrough;

pub const ID: &str = "mlp-step";
