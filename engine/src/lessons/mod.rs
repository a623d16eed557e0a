//! The lessons: one module per worked example of the articles, and the registry of all of them.

pub mod bce;
pub mod keras_4x4;
pub mod kit;
pub mod mlp_step;
pub mod registry;
pub mod xor;
