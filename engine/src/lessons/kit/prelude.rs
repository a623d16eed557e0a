//! What a lesson's `mod.rs` declares itself with: `use crate::lessons::kit::prelude::*;`.

pub use super::shown::shown;
pub use super::{
    ArticleFormula, CheckSpec, HeatPoint, Heatmap, LessonDef, LessonTrace, Metric, Phase, Plot,
    PlotCurve, PlotMark, Quantity, Role, Step, Surface, SurfacePath, Table, TraceError, Values,
    View,
};
pub(crate) use super::{article_formulas, lesson_def};
pub use crate::i18n::Text;
pub use crate::math::Formula;
pub use crate::model::value::Value;
