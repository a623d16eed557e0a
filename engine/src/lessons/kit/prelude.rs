//! What a lesson's `mod.rs` declares itself with: `use crate::lessons::kit::prelude::*;`.

pub(crate) use super::lesson_def;
pub use super::shown::shown;
pub use super::{
    ArticleFormula, CheckSpec, HeatPoint, Heatmap, LessonDef, LessonTrace, Metric, Phase, Quantity,
    Role, Step, Surface, SurfacePath, Table, TraceError, Values, View,
};
pub use crate::i18n::Text;
pub use crate::math::Formula;
pub use crate::model::value::Value;
