//! Views shared by lessons.

pub mod backend_switch;
pub mod curves_chart;
pub mod loss_chart;
pub mod number_field;
