//! The network in training: its weights, Adam's state and the learning rate, with the calls
//! the page makes. Every call returns tensors read back once, asynchronously, so the same code
//! runs on WebGPU in the page and on flex natively.

use burn::optim::{AdamConfig, GradientsAccumulator, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::Int;
use burn::tensor::Transaction;
use burn::tensor::activation::log_softmax;

use super::asset::{CLASSES, Dataset, PIXELS};
pub use super::error::{CnnError, check_images};
use super::error::{check_labels, readback};
use super::model::{Cnn, input};
pub use super::report::Evaluation;

/// The article's learning rate (Keras' Adam default).
pub const LR: f64 = 0.001;
/// The article's batch size.
pub const BATCH: usize = 32;
/// Digits per forward pass when scoring a set (bounds memory; one readback each).
pub const EVAL_CHUNK: usize = 500;

/// The article's CNN with its Adam optimiser.
pub struct MnistCnn {
    /// Always `Some` between calls; taken only while Adam consumes it.
    pub(super) model: Option<Cnn>,
    pub(super) optim: ModuleOptimizer,
    pub(super) device: Device,
    lr: f64,
    pub(super) steps: usize,
}

impl MnistCnn {
    /// A fresh network from `seed` (Glorot-uniform weights, zero biases) and a fresh Adam.
    pub fn new(seed: u64, device: &Device) -> MnistCnn {
        let train = device.clone().autodiff();
        MnistCnn {
            model: Some(Cnn::new(seed, &train)),
            optim: adam(),
            device: device.clone(),
            lr: LR,
            steps: 0,
        }
    }

    pub fn lr(&self) -> f64 {
        self.lr
    }

    pub fn set_lr(&mut self, lr: f64) -> Result<(), CnnError> {
        if !(lr.is_finite() && lr > 0.0 && lr <= 1.0) {
            return Err(CnnError::LearningRate(lr));
        }
        self.lr = lr;
        Ok(())
    }

    /// Adam steps taken since creation (or the last load).
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Counts `steps` already taken elsewhere: the same network moved to another device.
    pub fn continue_count(&mut self, steps: usize) {
        self.steps = steps;
    }

    pub(super) fn cnn(&self) -> Result<&Cnn, CnnError> {
        self.model
            .as_ref()
            .ok_or_else(|| CnnError::Readback("the model was lost in a failed step".into()))
    }

    /// The weights without autodiff, for scoring.
    fn inference(&self) -> Result<Cnn, CnnError> {
        Ok(self.cnn()?.valid())
    }

    /// One Adam step on a batch (N·784 pixels in [0, 1], N labels); returns the batch's mean
    /// cross-entropy and how many digits were right, both before the step, read back at once.
    pub async fn train_step(
        &mut self,
        images: &[f32],
        labels: &[u8],
    ) -> Result<StepReport, CnnError> {
        let n = check_images(images)?;
        check_labels(n, labels)?;
        let model = self
            .model
            .take()
            .ok_or_else(|| CnnError::Readback("the model was lost".into()))?;
        let device = self.device.clone().autodiff();
        let x = input(images, &device);
        let logits = model.forward(x).logits;
        let guesses = logits.clone().without_autodiff().argmax(1).reshape([n]);
        let loss = cross_entropy(logits, labels, &device);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(self.lr, model, grads));
        self.steps += 1;
        let (loss, correct) = read_loss_and_hits(loss, guesses, labels).await?;
        Ok(StepReport {
            loss,
            correct,
            samples: n,
        })
    }

    /// Starts a batch of `total` digits to be trained in slices: [`MnistCnn::accumulate`] each
    /// slice, then [`MnistCnn::apply`] once. The result is the Adam step of one
    /// [`MnistCnn::train_step`] on the whole batch, but no single call works on more than a
    /// slice, so the page can paint between slices.
    pub fn begin_batch(&self, total: usize) -> SlicedBatch {
        SlicedBatch {
            grads: GradientsAccumulator::new(),
            loss: 0.0,
            correct: 0,
            samples: 0,
            total,
        }
    }

    /// Adds one slice's share of the batch gradient (its mean loss weighted by its share of the
    /// batch); the weights do not change until [`MnistCnn::apply`].
    pub async fn accumulate(
        &self,
        batch: &mut SlicedBatch,
        images: &[f32],
        labels: &[u8],
    ) -> Result<(), CnnError> {
        let n = check_images(images)?;
        check_labels(n, labels)?;
        if batch.samples + n > batch.total {
            return Err(CnnError::Input(format!(
                "slices add up to more than the batch of {}",
                batch.total
            )));
        }
        let model = self.cnn()?;
        let device = self.device.clone().autodiff();
        let logits = model.forward(input(images, &device)).logits;
        let guesses = logits.clone().without_autodiff().argmax(1).reshape([n]);
        let share = n as f64 / batch.total as f64;
        let loss = cross_entropy(logits, labels, &device).mul_scalar(share);
        let grads = GradientsParams::from_grads(loss.backward(), model);
        batch.grads.accumulate(model, grads);
        let (loss, correct) = read_loss_and_hits(loss, guesses, labels).await?;
        batch.loss += f64::from(loss);
        batch.correct += correct;
        batch.samples += n;
        Ok(())
    }

    /// The Adam step with the accumulated gradient; the report covers the whole batch.
    pub fn apply(&mut self, mut batch: SlicedBatch) -> Result<StepReport, CnnError> {
        if batch.samples != batch.total {
            return Err(CnnError::Input(format!(
                "{} of the batch's {} digits were accumulated",
                batch.samples, batch.total
            )));
        }
        let model = self
            .model
            .take()
            .ok_or_else(|| CnnError::Readback("the model was lost".into()))?;
        self.model = Some(self.optim.step(self.lr, model, batch.grads.grads()));
        self.steps += 1;
        Ok(StepReport {
            loss: batch.loss as f32,
            correct: batch.correct,
            samples: batch.samples,
        })
    }

    /// Scores the digits `indices` of `data`: log-probabilities for each, one readback per
    /// [`EVAL_CHUNK`] digits. Indices past the end are an error.
    pub async fn evaluate(
        &self,
        data: &Dataset,
        indices: &[usize],
    ) -> Result<Evaluation, CnnError> {
        if let Some(i) = indices.iter().find(|&&i| i >= data.len()) {
            return Err(CnnError::Input(format!(
                "digit {i} is past the {} digits",
                data.len()
            )));
        }
        let model = self.inference()?;
        let mut log_probs = Vec::with_capacity(indices.len());
        for chunk in indices.chunks(EVAL_CHUNK) {
            let (x, _) = data.batch(chunk);
            log_probs.extend(self.log_probs(&model, &x).await?);
        }
        let labels = indices.iter().map(|&i| data.labels()[i]).collect();
        Ok(Evaluation {
            indices: indices.to_vec(),
            labels,
            log_probs,
        })
    }

    async fn log_probs(
        &self,
        model: &Cnn,
        images: &[f32],
    ) -> Result<Vec<[f32; CLASSES]>, CnnError> {
        let logits = model.forward(input(images, &self.device)).logits;
        let data = log_softmax(logits, 1)
            .into_data_async()
            .await
            .map_err(readback)?;
        let flat = data.try_to_vec_as::<f32>().map_err(readback)?;
        Ok(flat
            .chunks_exact(CLASSES)
            .map(|c| {
                let mut row = [0.0; CLASSES];
                row.copy_from_slice(c);
                row
            })
            .collect())
    }

    /// Class probabilities for one or many images (N·784 pixels in [0, 1]).
    pub async fn predict(&self, images: &[f32]) -> Result<Vec<[f32; CLASSES]>, CnnError> {
        check_images(images)?;
        let model = self.inference()?;
        let mut out = Vec::with_capacity(images.len() / PIXELS);
        for chunk in images.chunks(EVAL_CHUNK * PIXELS) {
            out.extend(
                self.log_probs(&model, chunk)
                    .await?
                    .into_iter()
                    .map(|r| r.map(f32::exp)),
            );
        }
        Ok(out)
    }

    /// The first layer's 32 filters, each 3×3 (row, column), read back once.
    pub async fn filters(&self) -> Result<Vec<[[f32; 3]; 3]>, CnnError> {
        let w = self.cnn()?.conv1.weight.val().without_autodiff(); // [32, 1, 3, 3]
        let flat = w
            .into_data_async()
            .await
            .map_err(readback)?
            .try_to_vec_as::<f32>()
            .map_err(readback)?;
        Ok(flat
            .chunks_exact(9)
            .map(|k| [[k[0], k[1], k[2]], [k[3], k[4], k[5]], [k[6], k[7], k[8]]])
            .collect())
    }

    /// Every layer's output for one image (784 pixels in [0, 1]), read back in one transaction.
    pub async fn feature_maps(&self, image: &[f32]) -> Result<Vec<LayerMaps>, CnnError> {
        if check_images(image)? != 1 {
            return Err(CnnError::Input("feature maps are for one image".into()));
        }
        let a = self.inference()?.forward(input(image, &self.device));
        let probs = a.probabilities();
        let tensors: [(&'static str, Vec<usize>, Tensor<1>); 6] = [
            ("conv1", dims(&a.conv1), a.conv1.flatten(0, 3)),
            ("pool1", dims(&a.pool1), a.pool1.flatten(0, 3)),
            ("conv2", dims(&a.conv2), a.conv2.flatten(0, 3)),
            ("pool2", dims(&a.pool2), a.pool2.flatten(0, 3)),
            (
                "dense1",
                a.dense1.dims()[1..].to_vec(),
                a.dense1.flatten(0, 1),
            ),
            ("softmax", probs.dims()[1..].to_vec(), probs.flatten(0, 1)),
        ];
        let mut tx = Transaction::default();
        for (_, _, t) in &tensors {
            tx = tx.register(t.clone());
        }
        let data = tx.execute_async().await.map_err(readback)?;
        tensors
            .into_iter()
            .zip(data)
            .map(|((name, shape, _), d)| {
                Ok(LayerMaps {
                    name,
                    shape,
                    values: d.try_to_vec_as::<f32>().map_err(readback)?,
                })
            })
            .collect()
    }
}

fn dims(t: &Tensor<4>) -> Vec<usize> {
    t.dims()[1..].to_vec() // drop the batch axis: [C, H, W]
}

/// The loss (a [1] tensor) and how many guesses equal the labels, read back at once.
async fn read_loss_and_hits(
    loss: Tensor<1>,
    guesses: Tensor<1, Int>,
    labels: &[u8],
) -> Result<(f32, usize), CnnError> {
    let data = Transaction::default()
        .register(loss.without_autodiff())
        .register(guesses)
        .execute_async()
        .await
        .map_err(readback)?;
    let [loss, guesses]: [TensorData; 2] = data
        .try_into()
        .map_err(|_| CnnError::Readback("expected two tensors".into()))?;
    let loss = loss.try_to_vec_as::<f32>().map_err(readback)?;
    let guesses = guesses.try_to_vec_as::<i64>().map_err(readback)?;
    let correct = guesses
        .iter()
        .zip(labels)
        .filter(|(g, l)| **g == i64::from(**l))
        .count();
    let loss = loss
        .first()
        .copied()
        .ok_or_else(|| CnnError::Readback("empty loss".into()))?;
    Ok((loss, correct))
}

/// A batch being trained slice by slice: the summed gradients and the batch's loss so far.
pub struct SlicedBatch {
    grads: GradientsAccumulator<Cnn>,
    loss: f64,
    correct: usize,
    samples: usize,
    total: usize,
}

/// What one training step saw: the batch's loss and accuracy before the step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepReport {
    pub loss: f32,
    pub correct: usize,
    pub samples: usize,
}

/// One layer's output for one image: `shape` is [C, H, W] for maps, [units] for dense layers;
/// `values` row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerMaps {
    pub name: &'static str,
    pub shape: Vec<usize>,
    pub values: Vec<f32>,
}

/// Keras' Adam: β₁ 0.9, β₂ 0.999, ε 1e-7 (burn's default ε is 1e-5).
pub(super) fn adam() -> ModuleOptimizer {
    AdamConfig::new().with_epsilon(1e-7).init()
}

/// Sparse categorical cross-entropy: −mean ln softmax(logits)[label], as a [1] tensor.
pub fn cross_entropy(logits: Tensor<2>, labels: &[u8], device: &Device) -> Tensor<1> {
    let n = labels.len();
    let idx: Vec<i64> = labels.iter().map(|&l| i64::from(l)).collect();
    let idx = Tensor::<1, Int>::from_data(TensorData::new(idx, [n]), device).reshape([n, 1]);
    log_softmax(logits, 1)
        .gather(1, idx)
        .mean()
        .neg()
        .reshape([1])
}
