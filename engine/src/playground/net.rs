//! The network as a burn module: dense layers with one activation for all hidden layers and a
//! sigmoid or softmax (classification) or linear (regression) output ([`Head`]).
//!
//! Weights are stored as burn stores them, `[from, to]` (z = a·W + b), and every API indexes
//! them `(layer, from, to)`; layer 0 connects the input features to the first hidden layer.

use burn::module::Param;
use burn::prelude::*;
use burn::tensor::activation::{log_softmax, relu, sigmoid, softmax, softplus};

use super::head::Head;
use super::spec::{Activation, NetSpec, Regularization};
use crate::base::readback::tensor;
use crate::base::rng::SplitMix64;

/// Initial biases: a small positive value keeps ReLU units alive at the start (TF Playground).
pub const INIT_BIAS: f64 = 0.1;

#[derive(Module, Debug)]
pub struct Dense {
    pub w: Param<Tensor<2>>, // [from, to]
    pub b: Param<Tensor<1>>, // [to]
}

#[derive(Module, Debug)]
pub struct Net {
    pub layers: Vec<Dense>,
}

/// One layer's weights and biases as plain numbers: `w[from][to]`, `b[to]`.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerWeights {
    pub w: Vec<Vec<f64>>,
    pub b: Vec<f64>,
}

/// Every layer's weights, input side first.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    pub layers: Vec<LayerWeights>,
}

impl Weights {
    /// Glorot-uniform weights, U(±√(6 / (from + to))), from a seed; biases [`INIT_BIAS`].
    pub fn init(widths: &[usize], seed: u64) -> Weights {
        let mut rng = SplitMix64::new(seed);
        let layers = widths
            .windows(2)
            .map(|p| {
                let limit = (6.0 / (p[0] + p[1]) as f64).sqrt();
                LayerWeights {
                    w: (0..p[0])
                        .map(|_| (0..p[1]).map(|_| rng.uniform(-limit, limit)).collect())
                        .collect(),
                    b: vec![INIT_BIAS; p[1]],
                }
            })
            .collect();
        Weights { layers }
    }

    /// True when the shapes fit these layer widths.
    pub fn fits(&self, widths: &[usize]) -> bool {
        self.layers.len() + 1 == widths.len()
            && self.layers.iter().zip(widths.windows(2)).all(|(l, p)| {
                l.w.len() == p[0] && l.w.iter().all(|r| r.len() == p[1]) && l.b.len() == p[1]
            })
    }

    pub fn all_finite(&self) -> bool {
        self.layers.iter().all(|l| {
            l.b.iter().all(|v| v.is_finite()) && l.w.iter().flatten().all(|v| v.is_finite())
        })
    }
}

impl Net {
    /// Uploads weights as trainable parameters on `device`.
    pub fn from_weights(weights: &Weights, device: &Device) -> Net {
        let layers = weights
            .layers
            .iter()
            .map(|l| {
                let (from, to) = (l.w.len(), l.b.len());
                let flat: Vec<f64> = l.w.iter().flatten().copied().collect();
                Dense {
                    w: Param::from_tensor(tensor(&flat, [from, to], device).require_grad()),
                    b: Param::from_tensor(tensor(&l.b, [to], device).require_grad()),
                }
            })
            .collect();
        Net { layers }
    }
}

/// One layer's pre-activation and activation for every input row.
pub struct LayerOut {
    pub z: Tensor<2>, // [rows, to]
    pub a: Tensor<2>, // [rows, to]
}

fn activate(act: Activation, z: Tensor<2>) -> Tensor<2> {
    match act {
        Activation::Relu => relu(z),
        Activation::Tanh => z.tanh(),
        Activation::Sigmoid => sigmoid(z),
        Activation::Linear => z,
    }
}

/// The forward pass of all rows at once: every layer's z and a, the output last.
/// `taps` (one `[rows, to]` pair per layer, zeros) are added to z and a so that autodiff
/// reports ∂L/∂z and ∂L/∂a, which it does not keep for intermediate tensors.
pub fn forward(
    net: &Net,
    x: Tensor<2>, // [rows, features]
    hidden: Activation,
    head: Head,
    taps: Option<&[(Tensor<2>, Tensor<2>)]>,
) -> Vec<LayerOut> {
    let last = net.layers.len() - 1;
    let mut input = x;
    let mut outs = Vec::with_capacity(net.layers.len());
    for (l, layer) in net.layers.iter().enumerate() {
        let mut z = input.matmul(layer.w.val()) + layer.b.val().unsqueeze_dim(0); // [rows, to]
        if let Some(t) = taps {
            z = z + t[l].0.clone();
        }
        let mut a = if l < last {
            activate(hidden, z.clone())
        } else {
            match head {
                Head::Linear => z.clone(),
                Head::Sigmoid => sigmoid(z.clone()),
                Head::Softmax(_) => softmax(z.clone(), 1),
            }
        };
        if let Some(t) = taps {
            a = a + t[l].1.clone();
        }
        input = a.clone();
        outs.push(LayerOut { z, a });
    }
    outs
}

/// Each row's data loss, `[rows, 1]`, from the output's logits z and the targets y
/// ([`Head::targets`]): binary cross-entropy softplus(z) − y·z (exact and stable, gradient
/// σ(z) − y), cross-entropy −Σⱼ yⱼ·log softmax(z)ⱼ (gradient softmax(z) − y = ŷ − y), or
/// squared error (z − y)².
pub fn row_losses(out: &LayerOut, y: Tensor<2>, head: Head) -> Tensor<2> {
    match head {
        Head::Linear => (out.z.clone() - y).powi_scalar(2),
        Head::Sigmoid => softplus(out.z.clone(), 1.0) - y * out.z.clone(),
        Head::Softmax(_) => (log_softmax(out.z.clone(), 1) * y).sum_dim(1).neg(),
    }
}

/// Mean data loss over the rows.
pub fn data_loss(out: &LayerOut, y: Tensor<2>, head: Head) -> Tensor<1> {
    row_losses(out, y, head).mean()
}

/// The penalty on the weights (biases are not penalised): L1 rate·Σ|w|, L2 rate·½Σw², so the
/// gradient gains rate·sign(w) or rate·w.
pub fn penalty(net: &Net, spec: &NetSpec, device: &Device) -> Tensor<1> {
    let mut total = Tensor::<1>::zeros([1], device);
    for layer in &net.layers {
        let w = layer.w.val();
        let term = match spec.regularization {
            Regularization::None => continue,
            Regularization::L1 => w.abs().sum(),
            Regularization::L2 => w.powi_scalar(2).sum().mul_scalar(0.5),
        };
        total = total + term.mul_scalar(spec.reg_rate);
    }
    total
}
