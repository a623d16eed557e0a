//! The gradient check of the playground's step view: every weight and bias moved by ±ε and the
//! chosen point's loss recomputed by the same network code, on a copy of the network.

use super::{GradCheck, Progress, check_targets};
use crate::lessons::kit::{LessonTrace, Role, TraceError};
use crate::model::value::Value;
use crate::playground::probe::ParamAt;
use crate::playground::{Playground, Point};

/// Every parameter entry of the step trace with its autodiff gradient, named as the step
/// view names them.
pub fn targets(trace: &LessonTrace) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for q in trace.quantities.iter().filter(|q| q.role == Role::Param) {
        match &q.grad {
            Some(Value::Matrix(rows)) => {
                for (i, row) in rows.iter().enumerate() {
                    for (j, &g) in row.iter().enumerate() {
                        out.push((format!("{}[{i}][{j}]", q.name), g));
                    }
                }
            }
            Some(Value::Vector(v)) => {
                out.extend(
                    v.iter()
                        .enumerate()
                        .map(|(j, &g)| (format!("{}[{j}]", q.name), g)),
                );
            }
            _ => {}
        }
    }
    out
}

pub async fn check(
    pg: &Playground,
    p: Point,
    trace: &LessonTrace,
    eps: f64,
    progress: Progress<'_>,
) -> Result<GradCheck, TraceError> {
    let centre = trace
        .loss
        .ok_or_else(|| TraceError("the step has no loss".into()))?;
    let loss_at = |name: &str, delta: f64| {
        let at = ParamAt::from_name(name);
        let name = name.to_string();
        async move {
            let at = at.ok_or_else(|| TraceError(format!("unknown parameter {name}")))?;
            pg.point_loss(p, at, delta)
                .await
                .map_err(|e| TraceError(e.to_string()))
        }
    };
    check_targets(targets(trace), centre, eps, loss_at, progress).await
}
