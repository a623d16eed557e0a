//! The 2-2-1 sigmoid network of article 000 §4.3, one training step traced with burn autodiff.
//!
//! Layout follows the article, not burn's `Linear`: `W1[i][j]` is the weight from input j to
//! hidden unit i (row = hidden unit), so z¹ = W¹·x + b¹.

use burn::module::Param;
use burn::optim::{GradientsParams, SgdConfig};
use burn::prelude::*;
use burn::tensor::Transaction;
use burn::tensor::activation::sigmoid;
use serde::Serialize;

use super::value::{Value, matrix, scalar, vector};

/// Which loss the output is scored with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LossKind {
    /// Binary cross-entropy −[y ln a + (1 − y) ln(1 − a)], as the article states.
    Bce,
    /// Squared error (a − y)², Keras' MSE for one sample.
    Mse,
}

impl LossKind {
    pub fn name(self) -> &'static str {
        match self {
            LossKind::Bce => "bce",
            LossKind::Mse => "mse",
        }
    }

    pub fn from_name(name: &str) -> Option<LossKind> {
        match name {
            "bce" => Some(LossKind::Bce),
            "mse" => Some(LossKind::Mse),
            _ => None,
        }
    }
}

/// Everything one step depends on: input, label, weights and settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp221Params {
    pub x: [f64; 2],
    pub y: f64,
    pub w1: [[f64; 2]; 2],
    pub b1: [f64; 2],
    pub w2: [f64; 2],
    pub b2: f64,
    pub lr: f64,
    pub loss: LossKind,
}

/// The network's parameters as a burn module, so burn's own SGD optimiser updates them.
#[derive(Module, Debug)]
struct Mlp221 {
    w1: Param<Tensor<2>>, // [hidden 2, input 2]
    b1: Param<Tensor<1>>, // [2]
    w2: Param<Tensor<1>>, // [2]
    b2: Param<Tensor<1>>, // [1]
}

/// One node's forward value and the loss gradient with respect to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeTrace {
    pub value: Value,
    pub grad: Value,
}

/// One parameter's value, its gradient and its value after the optimiser step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParamTrace {
    pub value: Value,
    pub grad: Value,
    pub updated: Value,
}

/// Every number of one forward pass, backward pass and SGD update.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp221Trace {
    pub loss: f64,
    pub z1: NodeTrace,
    pub a1: NodeTrace,
    pub z2: NodeTrace,
    pub a2: NodeTrace,
    pub w1: ParamTrace,
    pub b1: ParamTrace,
    pub w2: ParamTrace,
    pub b2: ParamTrace,
}

impl Mlp221Trace {
    /// True when every value, gradient and update is a finite number.
    pub fn all_finite(&self) -> bool {
        let nodes = [&self.z1, &self.a1, &self.z2, &self.a2];
        let params = [&self.w1, &self.b1, &self.w2, &self.b2];
        self.loss.is_finite()
            && nodes
                .iter()
                .all(|n| n.value.all_finite() && n.grad.all_finite())
            && params
                .iter()
                .all(|p| p.value.all_finite() && p.grad.all_finite() && p.updated.all_finite())
    }

    /// The parameters after the update, with the same input, label and settings.
    pub fn updated_params(&self, before: &Mlp221Params) -> Mlp221Params {
        let w1 = self.w1.updated.flat();
        let b1 = self.b1.updated.flat();
        let w2 = self.w2.updated.flat();
        Mlp221Params {
            w1: [[w1[0], w1[1]], [w1[2], w1[3]]],
            b1: [b1[0], b1[1]],
            w2: [w2[0], w2[1]],
            b2: self.b2.updated.flat()[0],
            ..before.clone()
        }
    }
}

/// Why a trace could not be read back (a lost GPU device, a failed readback).
#[derive(Clone, Debug, PartialEq)]
pub struct TraceError(pub String);

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn f32s<const N: usize>(values: [f64; N]) -> [f32; N] {
    values.map(|v| v as f32)
}

/// Runs forward, backward and one SGD step on `device` and reads every number back at once.
pub async fn trace_step(p: &Mlp221Params, device: &Device) -> Result<Mlp221Trace, TraceError> {
    let device = device.clone().autodiff();
    let param = |t: Tensor<1>| Param::from_tensor(t.require_grad());
    let model = Mlp221 {
        w1: Param::from_tensor(
            Tensor::<1>::from_floats(
                f32s([p.w1[0][0], p.w1[0][1], p.w1[1][0], p.w1[1][1]]),
                &device,
            )
            .reshape([2, 2])
            .require_grad(),
        ),
        b1: param(Tensor::from_floats(f32s(p.b1), &device)),
        w2: param(Tensor::from_floats(f32s(p.w2), &device)),
        b2: param(Tensor::from_floats(f32s([p.b2]), &device)),
    };
    let x = Tensor::<1>::from_floats(f32s(p.x), &device).reshape([2, 1]); // [2, 1]
    let y = Tensor::<1>::from_floats([p.y as f32], &device); // [1]

    // Zero-valued taps added to each node: the gradient of a tap is the gradient of its node,
    // which autodiff otherwise does not retain for intermediate tensors.
    let tap = |n: usize| Tensor::<1>::zeros([n], &device).require_grad();
    let (tz1, ta1, tz2, ta2) = (tap(2), tap(2), tap(1), tap(1));

    let z1 = model.w1.val().matmul(x).reshape([2]) + model.b1.val() + tz1.clone(); // [2]
    let a1 = sigmoid(z1.clone()) + ta1.clone(); // [2]
    let z2 = (model.w2.val() * a1.clone()).sum() + model.b2.val() + tz2.clone(); // [1]
    let a2 = sigmoid(z2.clone()) + ta2.clone(); // [1]
    let loss = match p.loss {
        LossKind::Bce => {
            let one = Tensor::<1>::ones([1], &device);
            (y.clone() * a2.clone().log() + (one.clone() - y) * (one - a2.clone()).log()).neg()
        }
        LossKind::Mse => (a2.clone() - y).powi_scalar(2),
    }; // [1]

    let grads = loss.backward();
    let grad = |t: &Tensor<1>| t.grad(&grads).unwrap_or_else(|| t.zeros_like());
    let node_grads = [grad(&tz1), grad(&ta1), grad(&tz2), grad(&ta2)];
    let w1_grad = model
        .w1
        .val()
        .grad(&grads)
        .unwrap_or_else(|| Tensor::zeros([2, 2], &device));
    let param_grads = [
        grad(&model.b1.val()),
        grad(&model.w2.val()),
        grad(&model.b2.val()),
    ];
    let before = [model.b1.val(), model.w2.val(), model.b2.val()];
    let w1_before = model.w1.val();

    let mut optimiser = SgdConfig::new().init();
    let grads = GradientsParams::from_grads(grads, &model);
    let updated = optimiser.step(p.lr, model, grads);

    // One readback for the whole step: GPU latency, not arithmetic, bounds a model this small.
    // A transaction reads plain tensors only, so values leave the autodiff graph first.
    let mut tx = Transaction::default()
        .register(loss.without_autodiff())
        .register(z1.without_autodiff())
        .register(a1.without_autodiff())
        .register(z2.without_autodiff())
        .register(a2.without_autodiff());
    for g in node_grads {
        tx = tx.register(g.without_autodiff());
    }
    tx = tx
        .register(w1_before.without_autodiff())
        .register(w1_grad.without_autodiff())
        .register(updated.w1.val().without_autodiff());
    for ((b, g), u) in before.into_iter().zip(param_grads).zip([
        updated.b1.val(),
        updated.w2.val(),
        updated.b2.val(),
    ]) {
        tx = tx
            .register(b.without_autodiff())
            .register(g.without_autodiff())
            .register(u.without_autodiff());
    }
    let data = tx
        .execute_async()
        .await
        .map_err(|e| TraceError(format!("{e:?}")))?;
    let read: Vec<Vec<f32>> = data
        .iter()
        .map(|d| {
            d.try_to_vec_as::<f32>()
                .map_err(|e| TraceError(format!("{e:?}")))
        })
        .collect::<Result<_, _>>()?;

    let node = |v: &[f32], g: &[f32], as_value: fn(&[f32]) -> Value| NodeTrace {
        value: as_value(v),
        grad: as_value(g),
    };
    let param = |i: usize, as_value: &dyn Fn(&[f32]) -> Value| ParamTrace {
        value: as_value(&read[i]),
        grad: as_value(&read[i + 1]),
        updated: as_value(&read[i + 2]),
    };
    Ok(Mlp221Trace {
        loss: f64::from(read[0][0]),
        z1: node(&read[1], &read[5], vector),
        a1: node(&read[2], &read[6], vector),
        z2: node(&read[3], &read[7], scalar),
        a2: node(&read[4], &read[8], scalar),
        w1: param(9, &|v| matrix(v, 2)),
        b1: param(12, &vector),
        w2: param(15, &vector),
        b2: param(18, &scalar),
    })
}
