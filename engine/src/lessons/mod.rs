//! The lessons: one module per worked example of the articles, and the registry of all of them.

pub mod attention;
pub mod backprop_352;
pub mod bce;
pub mod course;
pub mod keras_4x4;
pub mod kit;
pub mod linreg_gd;
pub mod mlp_step;
pub mod optimizers;
pub mod registry;
pub mod softmax_ce;
pub mod text_classifier;
pub mod xor;
