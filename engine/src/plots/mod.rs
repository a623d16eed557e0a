//! Plots drawn with plotters over any backend: canvas in the page, SVG in tests.

pub mod loss_curve;
pub mod raster;
pub mod views;
