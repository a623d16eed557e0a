//! Lesson `backprop-352`: article 002 §Mathematical models 3, a 3-5-2 network (sigmoid hidden
//! layer, softmax output, cross-entropy) on one sample: forward node by node, the output error
//! ŷ − y carried back layer by layer to every weight, and one gradient-descent step.

pub mod errata;
pub mod model;
pub mod setup;
pub mod views;
pub mod walkthrough;

use self::model::{NetNumbers, compute};
pub use self::setup::{N_HID, N_IN, N_OUT, NETWORK, SETTINGS, article_values};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub const ID: &str = "backprop-352";

pub const LESSON: LessonDef =
    lesson_def!("002_5db701f3b4928dee.txt", formulas: article_formulas!("backprop_352"));

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    Ok(LessonTrace {
        loss: Some(n.loss),
        steps: walkthrough::steps(&n),
        quantities: quantities(&n),
        metrics: vec![Metric {
            name: "loss_next",
            label: Text::new("更新后的损失", "Loss after the step"),
            value: n.loss_next,
        }],
        views: views::views(&n),
        next: next_settings(&n),
        graph: Some(n.graph.clone()),
    })
}

fn quantities(n: &NetNumbers) -> Vec<Quantity> {
    let vector = |v: &[f64]| Value::Vector(v.to_vec());
    let matrix = |m: &[Vec<f64>]| Value::Matrix(m.to_vec());
    let q = |name: &str, plain: &str, tex: &str, role, value, grad, updated| Quantity {
        name: name.into(),
        label: Formula::new().both(plain, tex),
        role,
        value,
        grad,
        updated,
    };
    vec![
        q("x", "x", "x", Role::Input, vector(&n.x), None, None),
        q("y", "y", "y", Role::Input, vector(&n.y), None, None),
        q(
            "z1",
            "z¹",
            "z^{1}",
            Role::Node,
            vector(&n.z1),
            Some(vector(&n.grad_z1)),
            None,
        ),
        q(
            "a1",
            "a¹",
            "a^{1}",
            Role::Node,
            vector(&n.a1),
            Some(vector(&n.grad_a1)),
            None,
        ),
        q(
            "z2",
            "z²",
            "z^{2}",
            Role::Node,
            vector(&n.z2),
            Some(vector(&n.grad_z2)),
            None,
        ),
        q(
            "p",
            "ŷ",
            r"\hat{y}",
            Role::Node,
            vector(&n.p),
            Some(vector(&n.grad_p)),
            None,
        ),
        q(
            "W1",
            "W¹",
            "W^{1}",
            Role::Param,
            matrix(&n.w1),
            Some(matrix(&n.grad_w1)),
            Some(matrix(&n.w1_next)),
        ),
        q(
            "b1",
            "b¹",
            "b^{1}",
            Role::Param,
            vector(&n.b1),
            Some(vector(&n.grad_b1)),
            Some(vector(&n.b1_next)),
        ),
        q(
            "W2",
            "W²",
            "W^{2}",
            Role::Param,
            matrix(&n.w2),
            Some(matrix(&n.grad_w2)),
            Some(matrix(&n.w2_next)),
        ),
        q(
            "b2",
            "b²",
            "b^{2}",
            Role::Param,
            vector(&n.b2),
            Some(vector(&n.grad_b2)),
            Some(vector(&n.b2_next)),
        ),
    ]
}

/// The updated weights and biases under their setting names.
fn next_settings(n: &NetNumbers) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut matrix = |base: &str, m: &[Vec<f64>]| {
        for (i, row) in m.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                out.push((format!("{base}[{i}][{j}]"), v));
            }
        }
    };
    matrix("W1", &n.w1_next);
    matrix("W2", &n.w2_next);
    for (base, b) in [("b1", &n.b1_next), ("b2", &n.b2_next)] {
        out.extend(
            b.iter()
                .enumerate()
                .map(|(i, &v)| (format!("{base}[{i}]"), v)),
        );
    }
    out
}
