//! The benchmark workloads (issue 9) and their timing, shared by the page's hooks
//! (`src/bench.rs`, through `window.wasmBindings`) and the native `bench-native` tool, so the
//! page and the native numbers time the same code. The clock is passed in: `performance.now()`
//! in the page, `Instant` natively. The workloads are also exported as JSON (initial weights,
//! the training rows in order) so `benchmarks/` can load the very same numbers into
//! TensorFlow.js.

use burn::prelude::*;
use serde_json::{Value, json};

use crate::mnist::model::InitialWeights;
use crate::mnist::trainer::BATCH;
use crate::mnist::{CnnError, Dataset, MnistCnn};
use crate::playground::{
    Activation, DataSpec, NetSpec, Optimizer, Playground, PlaygroundError, Regularization,
};

/// The Playground MLP of the benchmark: x₁, x₂ → 8 tanh → 8 tanh → 1 sigmoid, BCE, SGD lr 0.03,
/// batch 10, on the circle data set of 500 points (250 train).
pub fn mlp_specs() -> (NetSpec, DataSpec) {
    let net = NetSpec {
        hidden: vec![8, 8],
        activation: Activation::Tanh,
        regularization: Regularization::None,
        reg_rate: 0.0,
        learning_rate: 0.03,
        batch_size: 10,
        optimizer: Optimizer::Sgd,
        ..NetSpec::default()
    };
    let data = DataSpec {
        points: 500,
        train_pct: 50,
        ..DataSpec::default()
    };
    (net, data)
}

/// The MLP workload as JSON: widths, lr, batch, the initial weights (`w[layer][from][to]`,
/// `b[layer][to]`) and epoch 0's training rows in training order (`x` flat `[rows, 2]`, `y`).
pub fn mlp_workload_json() -> Result<String, PlaygroundError> {
    let (net, data) = mlp_specs();
    let pg = Playground::new(net.clone(), data, None, &Device::flex())?;
    let weights = crate::playground::Weights::init(&net.widths(), net.seed);
    let (x, y) = pg.epoch_data(0);
    let v = json!({
        "widths": net.widths(),
        "lr": net.learning_rate,
        "batch": net.batch_size,
        "w": weights.layers.iter().map(|l| l.w.clone()).collect::<Vec<_>>(),
        "b": weights.layers.iter().map(|l| l.b.clone()).collect::<Vec<_>>(),
        "x": x,
        "y": y,
    });
    Ok(v.to_string())
}

/// Seed of the benchmark CNN's initial weights.
pub const CNN_SEED: u64 = 0;

/// The CNN's initial weights as JSON, in burn's layouts (conv `[c_out, c_in, 3, 3]`, dense
/// `[d_in, d_out]`, zero biases), and the batch size. Batch `s` is digits `32·s … 32·s + 31`
/// of the page's digits asset.
pub fn cnn_workload_json() -> String {
    let w = InitialWeights::new(CNN_SEED);
    let v: Value = json!({
        "seed": CNN_SEED,
        "batch": BATCH,
        "conv1": w.conv1,
        "conv2": w.conv2,
        "dense1": w.dense1,
        "dense2": w.dense2,
    });
    v.to_string()
}

/// What [`time_mlp`] measured.
#[derive(Clone, Debug, PartialEq)]
pub struct MlpTimes {
    /// The first SGD step alone (kernel compilation included on WebGPU), with its readback.
    pub first_step_ms: f64,
    /// The data loss of the first batch, before its update.
    pub first_loss: f64,
    /// Steps timed after the first epoch, as the page trains them: 25 per call, one readback.
    pub steps: usize,
    pub steps_per_s: f64,
    /// One epoch plus [`Playground::frame`] (losses, heatmaps, weights; one readback), not
    /// painted.
    pub frames_per_s: f64,
}

/// Times the MLP on `device`: the first step alone, the rest of epoch 0 untimed, then whole
/// epochs for at least `min_ms`, then epoch + frame for at least `min_ms`.
pub async fn time_mlp(
    device: &Device,
    min_ms: f64,
    now: &dyn Fn() -> f64,
) -> Result<MlpTimes, PlaygroundError> {
    let (net, data) = mlp_specs();
    let mut pg = Playground::new(net, data, None, device)?;
    let start = now();
    let first = pg.train_batches(1).await?;
    let first_step_ms = now() - start;
    pg.train_epoch().await?;
    let per_epoch = pg.batches_per_epoch();
    let (start, mut steps) = (now(), 0);
    while steps == 0 || now() - start < min_ms {
        pg.train_batches(per_epoch).await?;
        steps += per_epoch;
    }
    let steps_per_s = steps as f64 * 1000.0 / (now() - start);
    let (start, mut frames) = (now(), 0);
    while frames == 0 || now() - start < min_ms {
        pg.train_epoch().await?;
        pg.frame().await?;
        frames += 1;
    }
    let frames_per_s = f64::from(frames) * 1000.0 / (now() - start);
    Ok(MlpTimes {
        first_step_ms,
        first_loss: first.batch_losses.first().copied().unwrap_or(f64::NAN),
        steps,
        steps_per_s,
        frames_per_s,
    })
}

/// What [`time_cnn`] measured.
#[derive(Clone, Debug, PartialEq)]
pub struct CnnTimes {
    /// The first Adam step (shader compilation included on WebGPU), with its readback.
    pub first_step_ms: f64,
    /// The mean cross-entropy of batches 0 and 1, each before its update.
    pub first_loss: f64,
    pub second_loss: f64,
    /// Steps after the first one, and the median of their times.
    pub steps: usize,
    pub median_step_ms: f64,
    pub samples_per_s: f64,
    /// One digit classified (probabilities read back), the mean over `digits` calls.
    pub digit_ms: f64,
    /// Per digit when 500 are classified at once.
    pub batched_digit_ms: f64,
}

/// Times the article-004 CNN on `device` with `data`: `steps` Adam steps at batch 32 (the
/// first timed apart), then one digit at a time (`digits` times), then 500 digits at once.
pub async fn time_cnn(
    device: &Device,
    data: &Dataset,
    steps: usize,
    digits: usize,
    now: &dyn Fn() -> f64,
) -> Result<CnnTimes, CnnError> {
    let mut net = MnistCnn::new(CNN_SEED, device);
    let mut times = Vec::with_capacity(steps);
    let mut losses = Vec::with_capacity(steps);
    for s in 0..steps.max(2) {
        let idx: Vec<usize> = (s * BATCH..(s + 1) * BATCH)
            .map(|i| i % data.len())
            .collect();
        let (x, y) = data.batch(&idx);
        let start = now();
        let report = net.train_step(&x, &y).await?;
        times.push(now() - start);
        losses.push(f64::from(report.loss));
    }
    let first_step_ms = times[0];
    let mut rest = times[1..].to_vec();
    rest.sort_by(f64::total_cmp);
    let median_step_ms = rest[rest.len() / 2];
    let (digit_ms, batched_digit_ms) = time_predict(&net, data, digits, now).await?;
    Ok(CnnTimes {
        first_step_ms,
        first_loss: losses[0],
        second_loss: losses[1],
        steps: rest.len(),
        median_step_ms,
        samples_per_s: BATCH as f64 * 1000.0 / median_step_ms,
        digit_ms,
        batched_digit_ms,
    })
}

/// Classifies digits `0 … digits − 1` one at a time (probabilities read back each time), then
/// 500 at once; returns the mean ms per digit of each.
pub async fn time_predict(
    net: &MnistCnn,
    data: &Dataset,
    digits: usize,
    now: &dyn Fn() -> f64,
) -> Result<(f64, f64), CnnError> {
    let mut single = 0.0;
    for i in 0..digits.max(1) {
        let (x, _) = data.batch(&[i % data.len()]);
        let start = now();
        net.predict(&x).await?;
        single += now() - start;
    }
    let idx: Vec<usize> = (0..500).map(|i| i % data.len()).collect();
    let (x, _) = data.batch(&idx);
    let start = now();
    net.predict(&x).await?;
    Ok((single / digits.max(1) as f64, (now() - start) / 500.0))
}

impl MlpTimes {
    pub fn to_json(&self) -> Value {
        json!({
            "first_step_ms": self.first_step_ms,
            "first_loss": self.first_loss,
            "steps": self.steps,
            "steps_per_s": self.steps_per_s,
            "frames_per_s": self.frames_per_s,
        })
    }
}

impl CnnTimes {
    pub fn to_json(&self) -> Value {
        json!({
            "first_step_ms": self.first_step_ms,
            "first_loss": self.first_loss,
            "second_loss": self.second_loss,
            "steps": self.steps,
            "median_step_ms": self.median_step_ms,
            "samples_per_s": self.samples_per_s,
            "digit_ms": self.digit_ms,
            "batched_digit_ms": self.batched_digit_ms,
        })
    }
}
