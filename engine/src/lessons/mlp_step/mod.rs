//! Lesson `mlp-step`: article 000 §4.3, one forward pass, backward pass and SGD update
//! of a 2-2-1 sigmoid network.
//!
//! It is a kit lesson (`LESSON`): the `trace` tool, worksheets, the gradient check, predict
//! mode, the errata and the page read it like any other. Its steps say which entries they
//! read (`Step::uses`), so the page's network picture can light them.

pub mod errata;
pub mod setup;
pub mod walkthrough;

use crate::lessons::kit::network::labels;

use burn::prelude::Device;

pub use self::setup::{SETTINGS, article_params, article_values, params_of, values_of};
use self::walkthrough::{steps, update_lines};
use crate::lessons::kit::prelude::*;
use crate::model::mlp221::{Mlp221Params, Mlp221Trace, NodeTrace, ParamTrace, trace_step};

pub const ID: &str = "mlp-step";
pub use self::setup::NETWORK;

pub const LESSON: LessonDef =
    lesson_def!("000_43c5c6e8a9ce5015.txt", field_label: setup::field_label);

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let p = params_of(v);
    let t = trace_step(&p, device).await?;
    Ok(kit_trace(&p, &t))
}

/// The network's trace as the kit's: quantities, the 22 steps and the 9 updates, the next
/// training step.
pub fn kit_trace(p: &Mlp221Params, t: &Mlp221Trace) -> LessonTrace {
    let mut all = steps(p, t);
    let updates = update_lines(p, t);
    let next = updates.iter().map(|u| (u.name.clone(), u.after)).collect();
    all.extend(updates.into_iter().map(|u| Step {
        phase: Phase::Update,
        target: format!("updated:{}", u.name),
        formula: u.formula,
        substituted: u.substituted,
        value: u.after,
        uses: NETWORK.uses(&format!("updated:{}", u.name)),
    }));
    LessonTrace {
        loss: Some(t.loss),
        quantities: quantities(&p.x, p.y, t),
        steps: all,
        metrics: vec![],
        views: vec![],
        next,
        graph: Some(t.graph.clone()),
    }
}

/// The network's numbers as the kit's named quantities (names as in links and steps).
fn quantities(x: &[f64; 2], y: f64, t: &Mlp221Trace) -> Vec<Quantity> {
    let node = |name: &str, n: &NodeTrace| {
        Quantity::node(name, labels::sym(name), n.value.clone(), n.grad.clone())
    };
    let param = |name: &str, p: &ParamTrace| {
        let (value, grad, updated) = (p.value.clone(), p.grad.clone(), p.updated.clone());
        Quantity::param(name, labels::sym(name), value, grad, updated)
    };
    vec![
        Quantity::input("x", labels::sym("x"), Value::Vector(x.to_vec())),
        Quantity::input("y", labels::sym("y"), Value::Scalar(y)),
        node("z1", &t.z1),
        node("a1", &t.a1),
        node("z2", &t.z2),
        node("a2", &t.a2),
        param("W1", &t.w1),
        param("b1", &t.b1),
        param("W2", &t.w2),
        param("b2", &t.b2),
    ]
}
