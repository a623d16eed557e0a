//! Lesson `linreg-gd`: article 002 §"Mathematical models 1" (y = θ₀ + θ₁x, MSE, gradient
//! descent, with a sign slip in the printed gradient) and article 003 §4.3 (xᵢ = 2i, yᵢ = i,
//! w = b = 0.1, an MSE table and predictions). One full-batch GD step per trace.

pub mod errata;
pub mod model;
pub mod setup;
pub mod surface;
pub mod views;
pub mod walkthrough;

use self::model::compute;
pub use self::setup::{CHECKPOINTS, PROBES, SETTINGS, article_values, checkpoint_name};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub const ID: &str = "linreg-gd";

pub const LESSON: LessonDef =
    lesson_def!("003_3ef749dac949cac8.txt", formulas: article_formulas!("linreg_gd"));

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    let t = v.get("t");
    let label = |plain: &str, tex: &str| Formula::new().both(plain, tex);
    let scalar = Value::Scalar;
    let quantities = vec![
        Quantity::input("x", label("x", "x"), Value::Vector(n.x.clone())),
        Quantity::input("y", label("y", "y"), Value::Vector(n.y.clone())),
        Quantity::param(
            "w",
            label("w", "w"),
            scalar(n.w),
            scalar(n.grad_w),
            scalar(n.w_next),
        ),
        Quantity::param(
            "b",
            label("b", "b"),
            scalar(n.b),
            scalar(n.grad_b),
            scalar(n.b_next),
        ),
        Quantity::node(
            "pred",
            label("ŷ", r"\hat{y}"),
            Value::Vector(n.pred.clone()),
            Value::Vector(n.grad_pred.clone()),
        ),
    ];
    // Iteration t + 1 computes this loss: record it when that is one of the article's rows.
    let mut next = vec![
        ("w".to_string(), n.w_next),
        ("b".to_string(), n.b_next),
        ("t".to_string(), t + 1.0),
    ];
    if let Some(k) = CHECKPOINTS.iter().find(|&&k| k as f64 == t + 1.0) {
        next.push((checkpoint_name(*k), n.loss));
    }
    let metrics = vec![
        Metric {
            name: "step",
            label: Text::new("已做的更新步数", "Updates done"),
            value: t,
        },
        Metric {
            name: "lr_max",
            label: Text::new(
                "最大稳定学习率 2/λ_max",
                "Largest stable learning rate 2/λ_max",
            ),
            value: n.lr_max(),
        },
        Metric {
            name: "condition",
            label: Text::new("条件数 λ_max/λ_min", "Condition number λ_max/λ_min"),
            value: n.condition(),
        },
    ];
    Ok(LessonTrace {
        loss: Some(n.loss),
        steps: walkthrough::steps(&n),
        quantities,
        metrics,
        views: views::views(&n, v),
        next,
        graph: n.graph.clone(),
    })
}
