//! The trace as JSON, in the schema the `trace` tool prints (issue: foundation).

use serde_json::{Value as Json, json};

use crate::model::mlp221::{Mlp221Params, Mlp221Trace};

pub fn trace_json(backend: &str, p: &Mlp221Params, t: &Mlp221Trace) -> Json {
    json!({
        "lesson": super::ID,
        "backend": backend,
        "loss": t.loss,
        "nodes": { "z1": t.z1, "a1": t.a1, "z2": t.z2, "a2": t.a2 },
        "params": { "W1": t.w1, "b1": t.b1, "W2": t.w2, "b2": t.b2 },
        "inputs": { "x": p.x, "y": p.y },
        "settings": { "lr": p.lr, "loss": p.loss },
    })
}
