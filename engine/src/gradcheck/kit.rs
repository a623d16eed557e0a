//! The gradient check of a kit lesson: every shown number setting that names an entry of a
//! quantity with a gradient (a weight, a bias, a logit, a prediction) is moved by ±ε and the
//! lesson traced again.

use burn::prelude::Device;

use super::{GradCheck, Progress, check_targets};
use crate::lessons::kit::{LessonDef, LessonTrace, TraceError, Values};
use crate::model::value::split_entry_name;

/// The settings the check moves, each with its autodiff gradient.
pub fn checked_settings(values: &Values, trace: &LessonTrace) -> Vec<(String, f64)> {
    values
        .specs
        .iter()
        .filter(|s| !s.hidden && !s.is_choice() && !s.integer)
        .filter_map(|s| {
            let (base, idx) = split_entry_name(s.name)?;
            let grad = trace.quantity(base)?.grad.as_ref()?;
            Some((s.name.to_string(), grad.entry(&idx)?))
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
