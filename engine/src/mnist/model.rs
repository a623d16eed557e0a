//! The network of article 004 §5, layer for layer:
//! Conv2D(32, 3×3, relu) → MaxPool 2 → Conv2D(64, 3×3, relu) → MaxPool 2 → Flatten →
//! Dense(64, relu) → Dense(10, softmax). burn is channels-first (N, C, H, W) where Keras is
//! channels-last; shapes and parameter counts are the same, the flatten order differs.

use burn::module::Param;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::{relu, softmax};

use super::asset::{CLASSES, SIDE};
use crate::base::rng::SplitMix64;

/// Units of the hidden dense layer.
pub const HIDDEN: usize = 64;
/// Inputs of the hidden dense layer: 64 channels × 5 × 5 after the second pooling.
pub const FLAT: usize = 64 * 5 * 5;

#[derive(Module, Debug)]
pub struct Cnn {
    pub conv1: Conv2d,
    pub pool: MaxPool2d,
    pub conv2: Conv2d,
    pub dense1: Linear,
    pub dense2: Linear,
}

/// Every layer's output for a batch, in order (ReLU applied where the layer has it).
pub struct Activations {
    pub conv1: Tensor<4>,
    pub pool1: Tensor<4>,
    pub conv2: Tensor<4>,
    pub pool2: Tensor<4>,
    pub flatten: Tensor<2>,
    pub dense1: Tensor<2>,
    /// Pre-softmax scores: the loss uses them directly (log-softmax is stabler than ln ∘ softmax).
    pub logits: Tensor<2>,
}

impl Activations {
    pub fn probabilities(&self) -> Tensor<2> {
        softmax(self.logits.clone(), 1)
    }
}

/// Keras' default initialiser (Glorot uniform, zero biases) drawn from SplitMix64, so a seed
/// gives the same weights on flex and WebGPU, natively and in every browser.
fn glorot(rng: &mut SplitMix64, n: usize, fan_in: usize, fan_out: usize) -> Vec<f32> {
    let limit = (6.0 / (fan_in + fan_out) as f64).sqrt();
    (0..n).map(|_| rng.uniform(-limit, limit) as f32).collect()
}

/// The initial weights of [`Cnn::new`] as plain numbers, in burn's layouts: conv kernels
/// `[c_out, c_in, 3, 3]`, dense weights `[d_in, d_out]`; every bias starts at zero. The
/// benchmark loads the same numbers into TensorFlow.js.
pub struct InitialWeights {
    pub conv1: Vec<f32>,
    pub conv2: Vec<f32>,
    pub dense1: Vec<f32>,
    pub dense2: Vec<f32>,
}

impl InitialWeights {
    pub fn new(seed: u64) -> InitialWeights {
        let mut rng = SplitMix64::new(seed);
        InitialWeights {
            conv1: glorot(&mut rng, 32 * 9, 9, 32 * 9),
            conv2: glorot(&mut rng, 64 * 32 * 9, 32 * 9, 64 * 9),
            dense1: glorot(&mut rng, FLAT * HIDDEN, FLAT, HIDDEN),
            dense2: glorot(&mut rng, HIDDEN * CLASSES, HIDDEN, CLASSES),
        }
    }
}

fn conv(w: Vec<f32>, c_in: usize, c_out: usize, device: &Device) -> Conv2d {
    let mut layer = Conv2dConfig::new([c_in, c_out], [3, 3]).init(device);
    layer.weight = Param::from_data(TensorData::new(w, [c_out, c_in, 3, 3]), device);
    layer.bias = Some(Param::from_data(
        TensorData::zeros::<f32, _>([c_out]),
        device,
    ));
    layer
}

fn dense(w: Vec<f32>, d_in: usize, d_out: usize, device: &Device) -> Linear {
    let mut layer = LinearConfig::new(d_in, d_out).init(device);
    layer.weight = Param::from_data(TensorData::new(w, [d_in, d_out]), device);
    layer.bias = Some(Param::from_data(
        TensorData::zeros::<f32, _>([d_out]),
        device,
    ));
    layer
}

impl Cnn {
    /// A freshly initialised network on `device`; the same seed gives the same weights.
    pub fn new(seed: u64, device: &Device) -> Cnn {
        let w = InitialWeights::new(seed);
        Cnn {
            conv1: conv(w.conv1, 1, 32, device),
            pool: MaxPool2dConfig::new([2, 2]).init(),
            conv2: conv(w.conv2, 32, 64, device),
            dense1: dense(w.dense1, FLAT, HIDDEN, device),
            dense2: dense(w.dense2, HIDDEN, CLASSES, device),
        }
    }

    /// Runs `x` of shape [N, 1, 28, 28] through every layer.
    pub fn forward(&self, x: Tensor<4>) -> Activations {
        let conv1 = relu(self.conv1.forward(x));
        let pool1 = self.pool.forward(conv1.clone());
        let conv2 = relu(self.conv2.forward(pool1.clone()));
        let pool2 = self.pool.forward(conv2.clone());
        let flatten: Tensor<2> = pool2.clone().flatten(1, 3);
        let dense1 = relu(self.dense1.forward(flatten.clone()));
        let logits = self.dense2.forward(dense1.clone());
        Activations {
            conv1,
            pool1,
            conv2,
            pool2,
            flatten,
            dense1,
            logits,
        }
    }
}

/// `images` (N·784 values) as a [N, 1, 28, 28] tensor.
pub fn input(images: &[f32], device: &Device) -> Tensor<4> {
    let n = images.len() / (SIDE * SIDE);
    Tensor::from_data(TensorData::new(images.to_vec(), [n, 1, SIDE, SIDE]), device)
}
