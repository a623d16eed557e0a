//! In-page benchmark hooks, called by `scripts/bench.sh` through `window.wasmBindings`.

use burn::prelude::Device;
use engine::lessons::mlp_step::params::article_params;
use engine::model::mlp221::trace_step;
use wasm_bindgen::prelude::*;

use crate::backend::{Backend, BackendKind};
use crate::frame::now_ms;

/// Times `steps` full `mlp-step` traces (forward, backward, SGD, one readback) on `backend`
/// ("webgpu" or "cpu"); returns [first step ms, median ms, mean ms].
#[wasm_bindgen]
pub async fn bench_mlp_step(backend: String, steps: u32) -> Result<Vec<f64>, JsValue> {
    let device = match backend.as_str() {
        "webgpu" => Backend::device(BackendKind::WebGpu),
        "cpu" => Device::flex(),
        other => return Err(JsValue::from_str(&format!("unknown backend {other}"))),
    };
    let mut p = article_params();
    p.lr = 0.5;
    let mut times = Vec::with_capacity(steps as usize);
    for _ in 0..steps.max(1) {
        let start = now_ms();
        let t = trace_step(&p, &device)
            .await
            .map_err(|e| JsValue::from_str(&e.0))?;
        times.push(now_ms() - start);
        p = t.updated_params(&p);
    }
    let first = times[0];
    let mut rest: Vec<f64> = times.iter().skip(1).copied().collect();
    if rest.is_empty() {
        rest.push(first);
    }
    rest.sort_by(f64::total_cmp);
    let median = rest[rest.len() / 2];
    let mean = rest.iter().sum::<f64>() / rest.len() as f64;
    Ok(vec![first, median, mean])
}
