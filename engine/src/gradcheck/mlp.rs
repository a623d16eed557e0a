//! The gradient check of `mlp-step`: each of the nine weights and biases moved by ±ε and the
//! step traced again with the same model code.

use burn::prelude::Device;

use super::{GradCheck, Progress, check_targets};
use crate::base::error::TraceError;
use crate::lessons::mlp_step::walkthrough::param_entry;
use crate::model::mlp221::{Mlp221Params, Mlp221Trace, trace_step};

/// The parameters in the page's order.
pub const PARAMS: [&str; 9] = [
    "W1[0][0]", "W1[0][1]", "W1[1][0]", "W1[1][1]", "b1[0]", "b1[1]", "W2[0]", "W2[1]", "b2",
];

pub async fn check(
    params: &Mlp221Params,
    trace: &Mlp221Trace,
    eps: f64,
    device: &Device,
    progress: Progress<'_>,
) -> Result<GradCheck, TraceError> {
    let targets = PARAMS
        .iter()
        .filter_map(|&n| param_entry(trace, n).map(|(_, grad, _)| (n.to_string(), grad)))
        .collect();
    let loss_at = |name: &str, delta: f64| {
        let mut moved = params.clone();
        let unknown = (!moved.add_to(name, delta)).then(|| format!("unknown parameter {name}"));
        async move {
            if let Some(e) = unknown {
                return Err(TraceError(e));
            }
            Ok(trace_step(&moved, device).await?.loss)
        }
    };
    check_targets(targets, trace.loss, eps, loss_at, progress).await
}
