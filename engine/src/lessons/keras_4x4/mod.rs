//! Lesson `keras-4x4`: article 000 §5, the Keras example Dense(2, sigmoid) → Dense(1, sigmoid)
//! on four rows x = 1…16, y = [0, 1, 0, 1], binary cross-entropy and Adam (lr 0.01), with
//! Keras' defaults: glorot-uniform kernels, zero biases, β₁ 0.9, β₂ 0.999, ε 1e-7, one batch
//! of all four samples per epoch. One epoch per trace.

pub mod errata;
pub mod model;
pub mod setup;
pub mod walkthrough;

use self::model::{KerasNumbers, compute, next_values};
pub use self::setup::{D, H, N, NETWORK, PARAMS, SETTINGS, X, article_values, reseed};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub const ID: &str = "keras-4x4";

pub const LESSON: LessonDef = lesson_def!("000_43c5c6e8a9ce5015.txt", formulas: article_formulas!("keras_4x4"), reseed: Some(reseed));

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    Ok(LessonTrace {
        loss: Some(n.loss),
        quantities: walkthrough::quantities(&n),
        // What each step reads, for the network picture to light.
        steps: NETWORK.with_uses(walkthrough::steps(&n)),
        metrics: vec![
            Metric::accuracy(n.accuracy()),
            Metric::epoch(v.get("epoch")),
        ],
        views: vec![View::Table(predictions(&n))],
        next: next_values(&n),
        graph: Some(n.graph.clone()),
    })
}

/// Each sample's row, label, prediction and whether it is counted right.
fn predictions(n: &KerasNumbers) -> Table {
    let f = shown;
    Table {
        id: "predictions",
        title: Text::new("逐样本预测", "Predictions per sample"),
        columns: vec![
            Text::new("样本", "Sample"),
            Text::new("x", "x"),
            Text::new("y", "y"),
            Text::new("ŷ", "ŷ"),
            Text::new("预测类别（ŷ ≥ 0.5）", "Predicted class (ŷ ≥ 0.5)"),
            Text::new("正确？", "Right?"),
        ],
        rows: (0..N)
            .map(|i| {
                let class = n.p[i] >= 0.5;
                let row: Vec<String> = n.x[i].iter().map(|&x| f(x)).collect();
                vec![
                    (i + 1).to_string(),
                    format!("[{}]", row.join(", ")),
                    f(n.y[i]),
                    f(n.p[i]),
                    u8::from(class).to_string(),
                    if class == (n.y[i] >= 0.5) {
                        "✓"
                    } else {
                        "✗"
                    }
                    .to_string(),
                ]
            })
            .collect(),
    }
}
