//! Models built with burn, and the values they expose to the views.

pub mod mlp221;
pub mod value;
