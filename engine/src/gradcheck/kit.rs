//! The gradient check of a kit lesson: every shown number setting that names an entry of a
//! quantity with a gradient (a weight, a bias, a logit, a prediction) is moved by ±ε and the
//! lesson traced again.

use burn::prelude::Device;

use super::{GradCheck, Progress, check_targets};
use crate::lessons::kit::{LessonDef, LessonTrace, TraceError, Values};
use crate::model::value::Value;

/// `W1[0][1]` → ("W1", [0, 1]).
pub fn split_name(name: &str) -> Option<(&str, Vec<usize>)> {
    let base_end = name.find('[').unwrap_or(name.len());
    let (base, mut rest) = name.split_at(base_end);
    let mut idx = Vec::new();
    while let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        idx.push(inner[..close].trim().parse().ok()?);
        rest = &inner[close + 1..];
    }
    rest.is_empty().then_some((base, idx))
}

/// One entry of a value by indices (`[]` for a scalar).
pub fn entry_of(v: &Value, idx: &[usize]) -> Option<f64> {
    match (v, idx) {
        (Value::Scalar(x), []) => Some(*x),
        (Value::Vector(x), [i]) => x.get(*i).copied(),
        (Value::Matrix(m), [i, j]) => m.get(*i)?.get(*j).copied(),
        _ => None,
    }
}

/// The settings the check moves, each with its autodiff gradient.
pub fn checked_settings(values: &Values, trace: &LessonTrace) -> Vec<(String, f64)> {
    values
        .specs
        .iter()
        .filter(|s| !s.hidden && !s.is_choice() && !s.integer)
        .filter_map(|s| {
            let (base, idx) = split_name(s.name)?;
            let grad = trace.quantity(base)?.grad.as_ref()?;
            Some((s.name.to_string(), entry_of(grad, &idx)?))
        })
        .collect()
}

fn loss_of(trace: &LessonTrace) -> Result<f64, TraceError> {
    trace
        .loss
        .ok_or_else(|| TraceError("the lesson has no loss to check".into()))
}

/// Checks `values` (already traced as `trace`) with step `eps` on `device`.
pub async fn check(
    def: &LessonDef,
    values: &Values,
    trace: &LessonTrace,
    eps: f64,
    device: &Device,
    progress: Progress<'_>,
) -> Result<GradCheck, TraceError> {
    let centre = loss_of(trace)?;
    let spec = def.gradcheck;
    let loss_at = |name: &str, delta: f64| {
        let mut moved = values.clone();
        match spec {
            Some(s) => (s.nudge)(&mut moved, name, delta),
            None => moved.put(name, values.get(name) + delta),
        }
        async move { loss_of(&(def.trace)(&moved, device).await?) }
    };
    let targets = match def.gradcheck {
        Some(s) => (s.targets)(values, trace),
        None => checked_settings(values, trace),
    };
    check_targets(targets, centre, eps, loss_at, progress).await
}
