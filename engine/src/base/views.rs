//! Lesson-specific pictures, described as data so the page draws any of them for any lesson
//! and native tests can check the numbers behind them.

use crate::i18n::Text;

#[derive(Clone, Debug, PartialEq)]
pub enum View {
    Heatmap(Heatmap),
    Surface(Surface),
    Table(Table),
    Plot(Plot),
    Links(TokenLinks),
}

impl View {
    /// The name in test ids and file names (`boundary`, `race`).
    pub fn id(&self) -> &'static str {
        match self {
            View::Heatmap(h) => h.id,
            View::Surface(s) => s.id,
            View::Table(t) => t.id,
            View::Plot(p) => p.id,
            View::Links(l) => l.id,
        }
    }

    /// The title the learner reads, in both languages.
    pub fn title(&self) -> Text {
        match self {
            View::Heatmap(h) => h.title,
            View::Surface(s) => s.title,
            View::Table(t) => t.title,
            View::Plot(p) => p.title,
            View::Links(l) => l.title,
        }
    }
}

/// A point drawn over a heatmap, in the heatmap's axis coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatPoint {
    pub x: f64,
    pub y: f64,
    /// Class label (0 or 1) or target value in [lo, hi], drawn in the map's colours.
    pub value: f64,
}

/// A matrix of numbers as colours (attention weights, a decision boundary).
#[derive(Clone, Debug, PartialEq)]
pub struct Heatmap {
    pub id: &'static str,
    pub title: Text,
    /// Column and row names for small matrices; empty for a continuous field.
    pub col_labels: Vec<String>,
    pub row_labels: Vec<String>,
    /// For a continuous field: the x and y range the cells span.
    pub extent: Option<[f64; 4]>,
    pub cells: Vec<Vec<f64>>,
    /// Colour scale ends.
    pub lo: f64,
    pub hi: f64,
    /// Write each cell's number in it (small matrices).
    pub numbers: bool,
    pub points: Vec<HeatPoint>,
}

/// A path on a surface: the settings whose history draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct SurfacePath {
    /// The legend's name for the path, in both languages.
    pub label: Text,
    pub x_name: String,
    pub y_name: String,
    /// CSS colour.
    pub colour: &'static str,
}

/// A loss surface over two settings, drawn as contours with the training paths on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Surface {
    pub id: &'static str,
    pub title: Text,
    pub x_label: String,
    pub y_label: String,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    /// `z[row][col]`, row 0 at `y_range.0`, column 0 at `x_range.0`.
    pub z: Vec<Vec<f64>>,
    pub paths: Vec<SurfacePath>,
    /// The two settings a click on the surface sets (the start of a run), if any.
    pub click_sets: Option<(String, String)>,
}

/// A table of numbers (per-term breakdowns).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub id: &'static str,
    pub title: Text,
    pub columns: Vec<Text>,
    pub rows: Vec<Vec<String>>,
}

/// A curve of a plot: a function drawn through its points.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotCurve {
    /// The legend's words (a formula or a label, the same in both languages).
    pub label: String,
    /// CSS colour.
    pub colour: &'static str,
    pub points: Vec<(f64, f64)>,
}

/// A marked point of a plot, with the slope of its curve there drawn as a short tangent.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotMark {
    pub label: String,
    pub colour: &'static str,
    pub x: f64,
    pub y: f64,
    pub slope: Option<f64>,
}

/// Curves over one variable with marked points on them (bce's loss terms on their curves).
#[derive(Clone, Debug, PartialEq)]
pub struct Plot {
    pub id: &'static str,
    pub title: Text,
    pub x_label: String,
    pub y_label: String,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub curves: Vec<PlotCurve>,
    pub marks: Vec<PlotMark>,
}

/// Who attends to whom: a line from each querying token to each token it looks at, as wide
/// as the attention weight (a row of `weights` sums to 1).
#[derive(Clone, Debug, PartialEq)]
pub struct TokenLinks {
    pub id: &'static str,
    pub title: Text,
    pub tokens: Vec<String>,
    /// `weights[query][key]`.
    pub weights: Vec<Vec<f64>>,
}
