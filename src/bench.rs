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

/// Times the article-004 CNN on `backend` ("webgpu" or "cpu") with the page's own digits:
/// `steps` Adam steps at batch 32 (the first, shader compilation included, timed apart), then
/// classifying one digit at a time (`digits` times) and 500 digits at once.
/// Returns [first step ms, median step ms, samples/s at the median, mean ms per single digit,
/// ms per digit in a batch of 500].
#[wasm_bindgen]
pub async fn bench_mnist(backend: String, steps: u32, digits: u32) -> Result<Vec<f64>, JsValue> {
    use engine::mnist::MnistCnn;
    use engine::mnist::trainer::BATCH;
    let device = match backend.as_str() {
        "webgpu" => Backend::device(BackendKind::WebGpu),
        "cpu" => Device::flex(),
        other => return Err(JsValue::from_str(&format!("unknown backend {other}"))),
    };
    let err = |e: engine::mnist::CnnError| JsValue::from_str(&format!("{e:?}"));
    let bytes = crate::mnist::assets::fetch_bytes("mnist.bin")
        .await
        .map_err(|e| JsValue::from_str(&e))?;
    let data =
        engine::mnist::asset::decode(&bytes).map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    let mut net = MnistCnn::new(0, &device);
    let mut times = Vec::with_capacity(steps as usize);
    for s in 0..steps.max(2) as usize {
        let idx: Vec<usize> = (s * BATCH..(s + 1) * BATCH)
            .map(|i| i % data.len())
            .collect();
        let (x, y) = data.batch(&idx);
        let start = now_ms();
        net.train_step(&x, &y).await.map_err(err)?;
        times.push(now_ms() - start);
    }
    let first = times[0];
    let mut rest = times[1..].to_vec();
    rest.sort_by(f64::total_cmp);
    let median = rest[rest.len() / 2];
    let mut single = 0.0;
    for i in 0..digits.max(1) as usize {
        let (x, _) = data.batch(&[i]);
        let start = now_ms();
        net.predict(&x).await.map_err(err)?;
        single += now_ms() - start;
    }
    let idx: Vec<usize> = (0..500).collect();
    let (x, _) = data.batch(&idx);
    let start = now_ms();
    net.predict(&x).await.map_err(err)?;
    let batched = (now_ms() - start) / 500.0;
    Ok(vec![
        first,
        median,
        BATCH as f64 * 1000.0 / median,
        single / f64::from(digits.max(1)),
        batched,
    ])
}
