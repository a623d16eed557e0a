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

/// The article's formulas for this example, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "002 §Mathematical models 1",
        article: r"\nabla_{\theta_1} J(\theta_0, \theta_1) = \frac{1}{n} \sum_{i=1}^{n} (y_i - (\theta_0 + \theta_1 \cdot x_i)) \cdot x_i",
        ours: r"\frac{\partial \,\mathrm{MSE}}{\partial w} = -\frac{2}{m} \sum_{i=1}^{m} (y_i - (w x_i + b))\, x_i",
        note: Text::new(
            "符号反了（少了负号），系数也与它自己的 J = ½Σ(…)² 不符：照它更新是在往上爬。",
            "The sign is flipped (the minus is missing) and the factor does not match its own J = ½Σ(…)²: following it climbs uphill.",
        ),
    },
    ArticleFormula {
        section: "002 §Mathematical models 1",
        article: r"J(\theta_0, \theta_1) = \frac{1}{2} \sum_{i=1}^{n} (y_i - (\theta_0 + \theta_1 \cdot x_i))^2",
        ours: r"\mathrm{MSE}(w, b) = \frac{1}{m} \sum_{i=1}^{m} (y_i - (w x_i + b))^2",
        note: Text::new(
            "文章称之为均方误差，但没有除以 n，它是平方误差之和的一半。",
            "The article calls this the mean squared error, but it never divides by n: it is half the sum of squared errors.",
        ),
    },
    ArticleFormula {
        section: "003 §4.3.3",
        article: r"w_{t+1} = w_t - \alpha \nabla_w MSE",
        ours: r"w \leftarrow w - \alpha \frac{\partial \,\mathrm{MSE}}{\partial w}, \quad b \leftarrow b - \alpha \frac{\partial \,\mathrm{MSE}}{\partial b}",
        note: Text::new(
            "这一条是对的，但文章从未给出 α；本课算出能收敛的最大 α。",
            "This one is right, but the article never gives α; the lesson computes the largest α that converges.",
        ),
    },
];

pub const LESSON: LessonDef = lesson_def!("003_3ef749dac949cac8.txt", formulas: FORMULAS);

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
