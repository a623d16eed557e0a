//! Lesson `optimizers`: article 001 §4.2's update rules (GD, SGD, Adam; plus Momentum) racing
//! on one small least-squares problem whose second feature is scaled up, so plain GD zig-zags.

pub mod errata;
pub mod model;
pub mod setup;
pub mod walkthrough;

use self::model::{GRID, RaceNumbers, W1_RANGE, W2_RANGE, X, Y, compute};
pub use self::setup::{RACER_NAMES, RACERS, SETTINGS, article_values};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub const ID: &str = "optimizers";

pub const LESSON: LessonDef = lesson_def!(
    "001_5028b7b2186777f3.txt",
    formulas: article_formulas!("optimizers"),
    field_label: setup::field_label,
    gradcheck: Some(CheckSpec {
        targets: check_targets,
        nudge: |v, name, delta| v.put(name, v.get(name) + delta),
    }),
);

/// The gradient check moves Adam's position (the start before the first step, which is where
/// every racer stands then): the trace's loss is Adam's full-batch J.
fn check_targets(v: &Values, t: &LessonTrace) -> Vec<(String, f64)> {
    let grad = t
        .quantity("adam")
        .and_then(|q| q.grad.as_ref())
        .map(|g| g.flat())
        .unwrap_or_default();
    let base = if v.get("t") == 0.0 { "start" } else { "adam" };
    grad.iter()
        .enumerate()
        .map(|(i, g)| (format!("{base}[{i}]"), *g))
        .collect()
}

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    let label = |plain: &str, tex: &str| Formula::new().both(plain, tex);
    let mut quantities = vec![
        Quantity::input(
            "X",
            label("X", "X"),
            Value::Matrix(X.iter().map(|r| r.to_vec()).collect()),
        ),
        Quantity::input("y", label("y", "y"), Value::Vector(Y.to_vec())),
        Quantity {
            name: "losses".into(),
            label: label("L", "L"),
            role: Role::Node,
            value: Value::Vector(n.losses.clone()),
            grad: None,
            updated: None,
        },
    ];
    for (r, name) in RACERS.iter().enumerate() {
        quantities.push(Quantity::param(
            name.to_string(),
            Formula::new().both(
                &format!("θ_{name}"),
                &format!(r"\theta_{{\text{{{name}}}}}"),
            ),
            pair(&n.pos, r),
            pair(&n.grads, r),
            pair(&n.next, r),
        ));
    }
    for (name, plain, tex, value) in [
        ("vel", "u", "u", &n.vel_next),
        ("m", "m", "m", &n.m_next),
        ("v", "v", "v", &n.v_next),
        ("m_hat", "m̂", r"\hat{m}", &n.m_hat),
        ("v_hat", "v̂", r"\hat{v}", &n.v_hat),
    ] {
        quantities.push(Quantity {
            name: name.into(),
            label: label(plain, tex),
            role: Role::Node,
            value: Value::Vector(value.clone()),
            grad: None,
            updated: None,
        });
    }
    let mut next: Vec<(String, f64)> = vec![("t".into(), n.t + 1.0)];
    for (r, name) in RACERS.iter().enumerate() {
        for j in 0..2 {
            next.push((format!("{name}[{j}]"), n.next[2 * r + j]));
        }
    }
    for (name, value) in [("vel", &n.vel_next), ("m", &n.m_next), ("v", &n.v_next)] {
        for (j, x) in value.iter().enumerate() {
            next.push((format!("{name}[{j}]"), *x));
        }
    }
    let metric_names = ["loss_gd", "loss_sgd", "loss_momentum", "loss_adam"];
    let mut metrics: Vec<Metric> = metric_names
        .iter()
        .zip(RACER_NAMES)
        .zip(&n.losses)
        .map(|((&name, label), &value)| Metric { name, label, value })
        .collect();
    metrics.push(Metric {
        name: "step",
        label: Text::new("已做的更新步数", "Updates done"),
        value: n.t,
    });
    Ok(LessonTrace {
        loss: n.losses.get(3).copied(),
        steps: walkthrough::steps(&n),
        quantities,
        metrics,
        views: vec![View::Surface(surface(&n))],
        next,
        graph: Some(n.graph.clone()),
    })
}

fn surface(n: &RaceNumbers) -> Surface {
    Surface {
        id: "race",
        title: Text::new("损失曲面与四条路径", "Loss surface and the four paths"),
        x_label: "θ₁".into(),
        y_label: "θ₂".into(),
        x_range: W1_RANGE,
        y_range: W2_RANGE,
        z: n.grid.chunks(GRID).map(<[f64]>::to_vec).collect(),
        paths: RACERS
            .iter()
            .zip(RACER_NAMES)
            .zip(COLOURS)
            .map(|((&name, label), colour)| SurfacePath {
                label,
                x_name: format!("{name}[0]"),
                y_name: format!("{name}[1]"),
                colour,
            })
            .collect(),
        click_sets: Some(("start[0]".into(), "start[1]".into())),
    }
}

const COLOURS: [&str; 4] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"];

fn pair(v: &[f64], r: usize) -> Value {
    Value::Vector(v[2 * r..2 * r + 2].to_vec())
}
