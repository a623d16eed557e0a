//! Lesson `xor`: article 004 §4.4, ŷ = σ(W·x + b) trained with MSE and gradient descent on
//! the four XOR points. The article's single layer cannot separate them; a 2-4-1 network with
//! tanh hidden units can. One full-batch gradient step per trace.

pub mod boundary;
pub mod errata;
pub mod model;
pub mod setup;

use self::boundary::{HI, LO, SIDE};
use self::model::{XorNumbers, compute, next_values};
pub use self::setup::{H, N, SETTINGS, X, article_values, reseed};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub mod walkthrough;

pub const ID: &str = "xor";

/// The article's formulas for this example, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "§4.4",
        article: r"\hat{y}_i = \sigma(W \cdot x_i + b)",
        ours: r"\hat{y}_i = \sigma\left(W^{2} \tanh(W^{1} x_i + b^{1}) + b^{2}\right)",
        note: Text::new(
            "单层 σ(W·x + b) 的决策边界是一条直线，分不开异或；需要一个隐藏层。",
            "A single layer σ(W·x + b) has a straight decision boundary and cannot separate XOR; a hidden layer is needed.",
        ),
    },
    ArticleFormula {
        section: "§4.1.2",
        article: r"Cross-Entropy Loss = -\frac{1}{m} \sum_{i=1}^{m} y_i \log(\hat{y}_i)",
        ours: r"L = -\frac{1}{m} \sum_{i=1}^{m} \left[y_i \ln \hat{y}_i + (1 - y_i) \ln(1 - \hat{y}_i)\right]",
        note: Text::new(
            "对单个 sigmoid 输出，只有 y log ŷ 一项时 y = 0 的样本不贡献损失。",
            "For one sigmoid output, with the y log ŷ term alone the samples with y = 0 add no loss.",
        ),
    },
];

pub const LESSON: LessonDef =
    lesson_def!("004_881d8bd8d43a727e.txt", formulas: FORMULAS, reseed: Some(reseed));

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device, true).await?;
    Ok(LessonTrace {
        loss: Some(n.loss),
        quantities: walkthrough::quantities(&n),
        steps: walkthrough::steps(&n),
        metrics: vec![Metric::accuracy(n.accuracy()), Metric::epoch(n.epoch)],
        views: vec![View::Heatmap(boundary_heatmap(&n))],
        next: next_values(&n),
        graph: Some(n.graph),
    })
}

fn boundary_heatmap(n: &XorNumbers) -> Heatmap {
    Heatmap {
        id: "boundary",
        title: Text::new(
            "决策边界：每一点的 ŷ（0.5 处为边界）",
            "Decision boundary: ŷ at every point (the boundary is at 0.5)",
        ),
        col_labels: vec![],
        row_labels: vec![],
        // [x_min, x_max, y_min, y_max]; row 0 is at y_min, as in a Surface.
        extent: Some([LO, HI, LO, HI]),
        cells: n.grid.chunks(SIDE).map(<[f64]>::to_vec).collect(),
        lo: 0.0,
        hi: 1.0,
        numbers: false,
        points: (0..N)
            .map(|i| HeatPoint {
                x: X[i][0],
                y: X[i][1],
                value: n.y[i],
            })
            .collect(),
    }
}
