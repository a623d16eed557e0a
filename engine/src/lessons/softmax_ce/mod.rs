//! Lesson `softmax-ce`: article 002 §Mathematical models 2, a two-class softmax with
//! cross-entropy on one sample: probabilities, each loss term, the gradient ŷ − y, and gradient
//! steps on the logits.

pub mod errata;
pub mod model;
pub mod setup;
pub mod walkthrough;

use self::model::{SPAN, SoftmaxNumbers, compute};
pub use self::setup::{K, SETTINGS, article_values};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub const ID: &str = "softmax-ce";

pub const LESSON: LessonDef =
    lesson_def!("002_5db701f3b4928dee.txt", formulas: article_formulas!("softmax_ce"));

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    let label = |plain: &str, tex: &str| Formula::new().both(plain, tex);
    let quantity = |name: &str, label, role, value: &[f64]| Quantity {
        name: name.into(),
        label,
        role,
        value: Value::Vector(value.to_vec()),
        grad: None,
        updated: None,
    };
    let quantities = vec![
        quantity("y", label("y", "y"), Role::Input, &n.y),
        Quantity {
            grad: Some(Value::Vector(n.grad_z.clone())),
            updated: Some(Value::Vector(n.z_next.clone())),
            ..quantity("z", label("z", "z"), Role::Param, &n.z)
        },
        quantity("exp", label("eᶻ", "e^{z}"), Role::Node, &n.exp_z),
        Quantity {
            grad: Some(Value::Vector(n.grad_p.clone())),
            updated: Some(Value::Vector(n.p_next.clone())),
            ..quantity("p", label("ŷ", r"\hat{y}"), Role::Node, &n.p)
        },
        quantity("terms", label("ℓ", r"\ell"), Role::Node, &n.terms),
    ];
    let next = (0..K).map(|k| (format!("z[{k}]"), n.z_next[k])).collect();
    Ok(LessonTrace {
        loss: Some(n.loss),
        steps: walkthrough::steps(&n),
        quantities,
        metrics: vec![],
        views: vec![View::Table(term_table(&n)), View::Surface(surface(&n))],
        next,
        graph: Some(n.graph.clone()),
    })
}

/// The per-class breakdown: logit, e^z, probability, label, loss term and gradient.
fn term_table(n: &SoftmaxNumbers) -> Table {
    let f = shown;
    let t = |s: &'static str| Text::new(s, s);
    Table {
        id: "terms",
        title: Text::new("逐类分解", "Class by class"),
        columns: vec![
            Text::new("类别", "Class"),
            t("zₖ"),
            t("e^zₖ"),
            t("ŷₖ = softmax(z)ₖ"),
            t("yₖ"),
            t("−yₖ ln ŷₖ"),
            t("∂L/∂zₖ"),
        ],
        rows: (0..K)
            .map(|k| {
                vec![
                    ["A", "B"][k].to_string(),
                    f(n.z[k]),
                    f(n.exp_z[k]),
                    f(n.p[k]),
                    f(n.y[k]),
                    f(n.terms[k]),
                    f(n.grad_z[k]),
                ]
            })
            .collect(),
    }
}

/// The loss over both logits: its valleys run along the diagonal, since adding the same number
/// to both logits changes no probability.
fn surface(n: &SoftmaxNumbers) -> Surface {
    Surface {
        id: "loss-surface",
        title: Text::new("损失随 (z₁, z₂) 的变化", "Loss over (z₁, z₂)"),
        x_label: "z₁".into(),
        y_label: "z₂".into(),
        x_range: (-SPAN, SPAN),
        y_range: (-SPAN, SPAN),
        z: n.surface.clone(),
        paths: vec![SurfacePath {
            label: Text::new("GD", "GD"),
            x_name: "z[0]".into(),
            y_name: "z[1]".into(),
            colour: "#d62728",
        }],
        click_sets: Some(("z[0]".into(), "z[1]".into())),
    }
}
