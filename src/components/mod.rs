//! Views shared by lessons.

pub mod backend_switch;
pub mod loss_chart;
pub mod number_field;
