//! What every step-through lesson is built from: a table of named settings, a trace of
//! named quantities with values and gradients, step-through steps, views and errata. The page
//! renders any lesson from these; a lesson module only computes them.

pub mod breaks;
pub mod lesson;
pub mod network;
pub mod notation;
pub mod prelude;
pub mod shown;
pub mod softmax_ce;
pub mod spec;
pub mod trace;
pub mod variant;

pub use crate::base::views::{
    HeatPoint, Heatmap, Plot, PlotCurve, PlotMark, Surface, SurfacePath, Table, TokenLinks, View,
};
pub use lesson::{ArticleFormula, CheckSpec, ErrataFuture, LessonDef, TraceFuture};
pub(crate) use lesson::{article_formulas, lesson_def};
pub use spec::{SettingSpec, Values};
pub use trace::{Erratum, LessonTrace, Metric, Phase, Quantity, Role, RowKind, Step, TraceError};
