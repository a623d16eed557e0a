//! The 2-2-1 sigmoid network of article 000 §4.3, one training step traced with burn autodiff.
//!
//! Layout follows the article, not burn's `Linear`: `W1[i][j]` is the weight from input j to
//! hidden unit i (row = hidden unit), so z¹ = W¹·x + b¹.

use burn::module::Param;
use burn::optim::{GradientsParams, SgdConfig};
use burn::prelude::*;
use serde::Serialize;

use super::value::{Value, matrix, scalar, vector};
use crate::autograph::{Graph, Tape};
use crate::base::breaks::Break;
use crate::base::error::TraceError;
use crate::base::readback::{Readback, Slot};

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
    /// Correct, or broken on purpose for the gradient check.
    pub backward: Break,
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
    /// The forward pass as it ran, every node with its value and gradient.
    pub graph: Graph,
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

fn f32s<const N: usize>(values: [f64; N]) -> [f32; N] {
    values.map(|v| v as f32)
}

/// Runs forward, backward and one SGD step on `device` and reads every number back at once.
/// The forward pass runs through a [`Tape`], so the trace carries its autodiff graph.
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

    // The tape keeps every node's gradient (autodiff otherwise drops intermediate ones).
    let mut tape = Tape::new();
    let x = tape.input(
        "x",
        Tensor::<1>::from_floats(f32s(p.x), &device).reshape([2, 1]),
    );
    let y = tape.input("y", Tensor::<1>::from_floats([p.y as f32], &device));
    let w1 = tape.param("W1", model.w1.val());
    let b1 = tape.param("b1", model.b1.val());
    let w2 = tape.param("W2", model.w2.val());
    let b2 = tape.param("b2", model.b2.val());

    let w1x = tape.matmul(&w1, &x).reshape([2]);
    let z1 = tape.add(&w1x, &b1);
    tape.name(&z1, "z1");
    let a1 = tape.sigmoid(&z1, p.backward);
    tape.name(&a1, "a1");
    let w2a1 = tape.mul(&w2, &a1);
    let dot = tape.sum(&w2a1);
    let z2 = tape.add(&dot, &b2);
    tape.name(&z2, "z2");
    let a2 = tape.sigmoid(&z2, p.backward);
    tape.name(&a2, "a2");
    let loss = match p.loss {
        LossKind::Bce => {
            let one = tape.constant("1", Tensor::<1>::ones([1], &device));
            let log_a = tape.log(&a2);
            let first = tape.mul(&y, &log_a);
            let one_y = tape.sub(&one, &y);
            let one_a = tape.sub(&one, &a2);
            let log_one_a = tape.log(&one_a);
            let second = tape.mul(&one_y, &log_one_a);
            let both = tape.add(&first, &second);
            tape.neg(&both)
        }
        LossKind::Mse => {
            let diff = tape.sub(&a2, &y);
            tape.square(&diff)
        }
    }; // [1]
    tape.name(&loss, "L");
    let loss = tape.loss(&loss, p.backward).tensor();

    let grads = loss.backward();
    let w1_grad = model
        .w1
        .val()
        .grad(&grads)
        .unwrap_or_else(|| Tensor::zeros([2, 2], &device));
    let grad = |t: &Tensor<1>| t.grad(&grads).unwrap_or_else(|| t.zeros_like());
    let param_grads = [
        grad(&model.b1.val()),
        grad(&model.w2.val()),
        grad(&model.b2.val()),
    ];
    let before = [model.b1.val(), model.w2.val(), model.b2.val()];
    let w1_before = model.w1.val();
    // Registered before the optimiser consumes the gradients: the graph holds every node's.
    let mut rb = Readback::new();
    let graph = tape.read_into(&grads, &mut rb);

    let mut optimiser = SgdConfig::new().init();
    let grads = GradientsParams::from_grads(grads, &model);
    let updated = optimiser.step(p.lr, model, grads);

    // One readback for the whole step: GPU latency, not arithmetic, bounds a model this small.
    // Each parameter's (value, gradient, updated value) slots.
    let w1_at = [rb.add(w1_before), rb.add(w1_grad), rb.add(updated.w1.val())];
    let mut rest_at = before.into_iter().zip(param_grads).zip([
        updated.b1.val(),
        updated.w2.val(),
        updated.b2.val(),
    ]);
    let mut next_at = || {
        let ((b, g), u) = rest_at.next().expect("three parameters");
        [rb.add(b), rb.add(g), rb.add(u)]
    };
    let (b1_at, w2_at, b2_at) = (next_at(), next_at(), next_at());
    let read = rb.read().await.map_err(|e| TraceError(e.0))?;
    let graph = graph.resolve(&read);
    let f32s_of = |v: &[f64]| -> Vec<f32> { v.iter().map(|&x| x as f32).collect() };

    let node = |name: &str, as_value: fn(&[f32]) -> Value| -> Result<NodeTrace, TraceError> {
        let n = graph
            .node(name)
            .ok_or_else(|| TraceError(format!("the graph has no node {name}")))?;
        let zeros = vec![0.0; n.value.len()];
        Ok(NodeTrace {
            value: as_value(&f32s_of(&n.value)),
            grad: as_value(&f32s_of(n.grad.as_ref().unwrap_or(&zeros))),
        })
    };
    let param =
        |[value, grad, updated]: [Slot; 3], as_value: &dyn Fn(&[f32]) -> Value| ParamTrace {
            value: as_value(&f32s_of(&read[value])),
            grad: as_value(&f32s_of(&read[grad])),
            updated: as_value(&f32s_of(&read[updated])),
        };
    let loss = graph
        .node("L")
        .map(|n| n.value[0])
        .ok_or_else(|| TraceError("the graph has no loss".into()))?;
    Ok(Mlp221Trace {
        loss: f64::from(loss as f32),
        z1: node("z1", vector)?,
        a1: node("a1", vector)?,
        z2: node("z2", scalar)?,
        a2: node("a2", scalar)?,
        w1: param(w1_at, &|v| matrix(v, 2)),
        b1: param(b1_at, &vector),
        w2: param(w2_at, &vector),
        b2: param(b2_at, &scalar),
        graph,
    })
}
