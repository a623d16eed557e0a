//! Lesson `xor`: article 004 §4.4, ŷ = σ(W·x + b) trained with MSE and gradient descent on
//! the four XOR points. The article's single layer cannot separate them; a 2-4-1 network with
//! tanh hidden units can. One full-batch gradient step per trace.

pub mod boundary;
pub mod errata;
pub mod model;
pub mod setup;

use self::boundary::{HI, LO, SIDE};
use self::model::{XorNumbers, compute, next_values};
pub use self::setup::{H, N, NETWORKS, SETTINGS, X, article_values, reseed};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub mod walkthrough;

pub const ID: &str = "xor";

pub const LESSON: LessonDef = lesson_def!("004_881d8bd8d43a727e.txt", formulas: article_formulas!("xor"), reseed: Some(reseed));

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device, true).await?;
    // Each step says what it reads, so the network picture can light it (every model has a
    // shape; the registry test walks both).
    let steps = walkthrough::steps(&n);
    let steps = match NETWORKS.pick(v) {
        Some(shape) => shape.with_uses(steps),
        None => steps,
    };
    Ok(LessonTrace {
        loss: Some(n.loss),
        quantities: walkthrough::quantities(&n),
        steps,
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
