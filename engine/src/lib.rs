//! Backprop Lab's engine: every number the app shows is computed here, with burn.
//!
//! No web imports: the same code runs in the page (WebGPU or flex in wasm), in the
//! native `trace` tool and in the native tests.

pub mod autograph;
pub mod base;
pub mod bench;
pub mod error;
pub mod export;
pub mod gradcheck;
pub mod i18n;
pub mod lessons;
pub mod math;
pub mod mnist;
pub mod model;
pub mod playground;
pub mod plots;
pub mod predict;
pub mod state;

pub use error::Error;
