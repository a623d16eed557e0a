//! Views shared by lessons.

pub mod autograph;
pub mod backend_switch;
pub mod curves_chart;
pub mod drag_number;
pub mod errata_table;
pub mod gradcheck;
pub mod lesson_header;
pub mod loss_chart;
pub mod marked;
pub mod number_field;
pub mod predict;
pub mod raster_canvas;
pub mod run_controls;
pub mod scroll_box;
pub mod tabs;
