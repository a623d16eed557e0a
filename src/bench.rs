//! In-page benchmark hooks, called by `scripts/bench.sh` through `window.wasmBindings`.

use burn::prelude::Device;
use engine::lessons::mlp_step::article_params;
use engine::model::mlp221::trace_step;
use wasm_bindgen::prelude::*;

use crate::backend::{Backend, BackendKind};
use crate::frame::now_ms;

/// Times `steps` full `mlp-step` traces (forward, backward, SGD, one readback) on `backend`
/// ("webgpu" or "cpu"); returns [first step ms, median ms, mean ms].
#[wasm_bindgen]
pub async fn bench_mlp_step(backend: String, steps: u32) -> Result<Vec<f64>, JsValue> {
    let device = device(&backend)?;
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

fn device(backend: &str) -> Result<Device, JsValue> {
    match backend {
        "webgpu" => Ok(Backend::device(BackendKind::WebGpu)),
        "cpu" => Ok(Device::flex()),
        other => Err(JsValue::from_str(&format!("unknown backend {other}"))),
    }
}

/// The benchmark workloads as JSON, for TensorFlow.js: `{"mlp": …, "cnn": …}` (see
/// `engine::bench::mlp_workload_json` and `cnn_workload_json`).
#[wasm_bindgen]
pub fn bench_workloads() -> Result<String, JsValue> {
    let mlp = engine::bench::mlp_workload_json().map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(format!(
        "{{\"mlp\":{mlp},\"cnn\":{}}}",
        engine::bench::cnn_workload_json()
    ))
}

/// Times the Playground MLP (2-8-8-1 tanh, SGD, batch 10) on `backend` ("webgpu" or "cpu"):
/// the first step, SGD steps/s over at least `min_ms`, epoch + frame per second. JSON of
/// `engine::bench::MlpTimes`.
#[wasm_bindgen]
pub async fn bench_mlp(backend: String, min_ms: f64) -> Result<String, JsValue> {
    let device = device(&backend)?;
    let t = engine::bench::time_mlp(&device, min_ms, &now_ms)
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(t.to_json().to_string())
}

/// Classifies `digits` digits one at a time with the fresh benchmark CNN on `backend` (for a
/// profile of inference alone); returns [mean ms per digit, ms per digit in a batch of 500].
#[wasm_bindgen]
pub async fn bench_predict(backend: String, digits: u32) -> Result<Vec<f64>, JsValue> {
    let device = device(&backend)?;
    let data = digits_asset().await?;
    let net = engine::mnist::MnistCnn::new(engine::bench::CNN_SEED, &device);
    let (one, batched) = engine::bench::time_predict(&net, &data, digits as usize, &now_ms)
        .await
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    Ok(vec![one, batched])
}

async fn digits_asset() -> Result<engine::mnist::Dataset, JsValue> {
    let bytes = crate::mnist::assets::fetch_bytes("mnist.bin")
        .await
        .map_err(|e| JsValue::from_str(&e))?;
    engine::mnist::asset::decode(&bytes).map_err(|e| JsValue::from_str(&format!("{e:?}")))
}

/// Times the article-004 CNN on `backend` ("webgpu" or "cpu") with the page's own digits:
/// `steps` Adam steps at batch 32 (the first, shader compilation included, timed apart), then
/// classifying one digit at a time (`digits` times) and 500 digits at once. JSON of
/// `engine::bench::CnnTimes`.
#[wasm_bindgen]
pub async fn bench_mnist(backend: String, steps: u32, digits: u32) -> Result<String, JsValue> {
    let device = device(&backend)?;
    let data = digits_asset().await?;
    let t = engine::bench::time_cnn(&device, &data, steps as usize, digits as usize, &now_ms)
        .await
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    Ok(t.to_json().to_string())
}
