//! Plots drawn with plotters over any backend: canvas in the page, SVG in tests.

pub mod links_view;
pub mod loss_curve;
pub mod plot_view;
pub mod raster;
pub mod svg_text;
pub mod views;
