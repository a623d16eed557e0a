//! Views shared by lessons.

pub mod backend_switch;
pub mod curves_chart;
pub mod errata_table;
pub mod loss_chart;
pub mod number_field;
pub mod raster_canvas;
