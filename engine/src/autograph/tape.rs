//! Recording a forward pass. Each op runs on burn as the lesson wrote it; the tape only notes
//! what ran and adds a zero tap to the result, whose gradient is the result's gradient.

use std::ops::Range;

use burn::prelude::*;
use burn::tensor::Gradients;
use burn::tensor::activation;

use super::graph::{Graph, GraphNode, Op};
use crate::base::breaks::{self, Break};
use crate::base::readback::{Readback, Readings, Slot};

/// A tensor on the tape: the burn tensor and the node that holds it.
#[derive(Clone, Debug)]
pub struct Var<const D: usize> {
    t: Tensor<D>,
    id: usize,
}

impl<const D: usize> Var<D> {
    pub fn tensor(&self) -> Tensor<D> {
        self.t.clone()
    }

    pub fn id(&self) -> usize {
        self.id
    }

    /// The same node seen with another shape (a reshape moves no numbers, so it is no op).
    pub fn reshape<const E: usize>(&self, shape: [usize; E]) -> Var<E> {
        Var {
            t: self.t.clone().reshape(shape),
            id: self.id,
        }
    }
}

type GradOf = Box<dyn Fn(&Gradients) -> Option<Tensor<1>>>;

struct Recorded {
    name: Option<String>,
    op: Op,
    inputs: Vec<usize>,
    shape: Vec<usize>,
    value: Tensor<1>,
    grad: Option<GradOf>,
}

#[derive(Default)]
pub struct Tape {
    nodes: Vec<Recorded>,
}

fn flat<const D: usize>(t: &Tensor<D>) -> Tensor<1> {
    let n: usize = t.dims().iter().product();
    t.clone().reshape([n])
}

impl Tape {
    pub fn new() -> Tape {
        Tape::default()
    }

    fn push<const D: usize>(
        &mut self,
        op: Op,
        inputs: Vec<usize>,
        t: Tensor<D>,
        grad: Option<GradOf>,
    ) -> Var<D> {
        let id = self.nodes.len();
        self.nodes.push(Recorded {
            name: None,
            op,
            inputs,
            shape: t.dims().to_vec(),
            value: flat(&t),
            grad,
        });
        Var { t, id }
    }

    /// Data fed in (no gradient is taken).
    pub fn input<const D: usize>(&mut self, name: &str, t: Tensor<D>) -> Var<D> {
        let v = self.push(Op::Input, vec![], t, None);
        self.name(&v, name);
        v
    }

    /// A fixed number of the formula, such as the 1 of 1 − y.
    pub fn constant<const D: usize>(&mut self, name: &str, t: Tensor<D>) -> Var<D> {
        let v = self.push(Op::Const, vec![], t, None);
        self.name(&v, name);
        v
    }

    /// A trained parameter; `t` must already require its gradient.
    pub fn param<const D: usize>(&mut self, name: &str, t: Tensor<D>) -> Var<D> {
        let leaf = t.clone();
        let grad: GradOf = Box::new(move |g| leaf.grad(g).map(|x| flat(&x)));
        let v = self.push(Op::Param, vec![], t, Some(grad));
        self.name(&v, name);
        v
    }

    /// Gives a node the lesson's name for it.
    pub fn name<const D: usize>(&mut self, v: &Var<D>, name: &str) {
        self.nodes[v.id].name = Some(name.to_string());
    }

    /// Records `out`, computed by `op` from `inputs`, behind a tap that keeps its gradient.
    /// Off autodiff (a pass only evaluated, never differentiated) nothing is tapped.
    pub fn op<const D: usize>(&mut self, op: Op, inputs: &[usize], out: Tensor<D>) -> Var<D> {
        if !out.is_autodiff() {
            return self.push(op, inputs.to_vec(), out, None);
        }
        let tap = Tensor::<D>::zeros(out.shape(), &out.device()).require_grad();
        let out = out + tap.clone();
        let grad: GradOf = Box::new(move |g| tap.grad(g).map(|x| flat(&x)));
        self.push(op, inputs.to_vec(), out, Some(grad))
    }

    pub fn matmul<const D: usize>(&mut self, a: &Var<D>, b: &Var<D>) -> Var<D> {
        self.op(Op::MatMul, &[a.id, b.id], a.tensor().matmul(b.tensor()))
    }

    pub fn add<const D: usize>(&mut self, a: &Var<D>, b: &Var<D>) -> Var<D> {
        self.op(Op::Add, &[a.id, b.id], a.tensor() + b.tensor())
    }

    pub fn sub<const D: usize>(&mut self, a: &Var<D>, b: &Var<D>) -> Var<D> {
        self.op(Op::Sub, &[a.id, b.id], a.tensor() - b.tensor())
    }

    pub fn mul<const D: usize>(&mut self, a: &Var<D>, b: &Var<D>) -> Var<D> {
        self.op(Op::Mul, &[a.id, b.id], a.tensor() * b.tensor())
    }

    /// The sum of every entry, shape [1].
    pub fn sum<const D: usize>(&mut self, a: &Var<D>) -> Var<1> {
        self.op(Op::Sum, &[a.id], a.tensor().sum())
    }

    /// The mean of every entry, shape [1].
    pub fn mean<const D: usize>(&mut self, a: &Var<D>) -> Var<1> {
        self.op(Op::Mean, &[a.id], a.tensor().mean())
    }

    /// σ, with the slope the lesson's break asks for (the value is σ either way).
    pub fn sigmoid<const D: usize>(&mut self, a: &Var<D>, b: Break) -> Var<D> {
        self.op(Op::Sigmoid, &[a.id], breaks::sigmoid(a.tensor(), b))
    }

    pub fn tanh<const D: usize>(&mut self, a: &Var<D>) -> Var<D> {
        self.op(Op::Tanh, &[a.id], activation::tanh(a.tensor()))
    }

    /// Softmax over the last dimension.
    pub fn softmax<const D: usize>(&mut self, a: &Var<D>) -> Var<D> {
        self.op(Op::Softmax, &[a.id], activation::softmax(a.tensor(), D - 1))
    }

    pub fn log<const D: usize>(&mut self, a: &Var<D>) -> Var<D> {
        self.op(Op::Log, &[a.id], a.tensor().log())
    }

    /// ln(1 + x), exact for small x.
    pub fn log1p<const D: usize>(&mut self, a: &Var<D>) -> Var<D> {
        self.op(Op::Log1p, &[a.id], a.tensor().log1p())
    }

    pub fn exp<const D: usize>(&mut self, a: &Var<D>) -> Var<D> {
        self.op(Op::Exp, &[a.id], a.tensor().exp())
    }

    pub fn relu<const D: usize>(&mut self, a: &Var<D>) -> Var<D> {
        self.op(Op::Relu, &[a.id], activation::relu(a.tensor()))
    }

    pub fn abs<const D: usize>(&mut self, a: &Var<D>) -> Var<D> {
        self.op(Op::Abs, &[a.id], a.tensor().abs())
    }

    pub fn neg<const D: usize>(&mut self, a: &Var<D>) -> Var<D> {
        self.op(Op::Neg, &[a.id], a.tensor().neg())
    }

    pub fn square<const D: usize>(&mut self, a: &Var<D>) -> Var<D> {
        self.op(Op::Square, &[a.id], a.tensor().powi_scalar(2))
    }

    /// The transpose of a matrix.
    pub fn transpose(&mut self, a: &Var<2>) -> Var<2> {
        self.op(Op::Transpose, &[a.id], a.tensor().transpose())
    }

    /// `a` times the constant `c`.
    pub fn scale<const D: usize>(&mut self, a: &Var<D>, c: f64) -> Var<D> {
        self.op(Op::Scale(c), &[a.id], a.tensor().mul_scalar(c as f32))
    }

    /// The mean of each row, `[rows, 1]`.
    pub fn mean_rows(&mut self, a: &Var<2>) -> Var<2> {
        self.op(Op::MeanRows, &[a.id], a.tensor().mean_dim(1))
    }

    /// The block `rows` × `cols` of a matrix.
    pub fn slice(&mut self, a: &Var<2>, rows: Range<usize>, cols: Range<usize>) -> Var<2> {
        let op = Op::Slice {
            rows: (rows.start, rows.end),
            cols: (cols.start, cols.end),
        };
        self.op(op, &[a.id], a.tensor().slice([rows, cols]))
    }

    /// Matrices side by side.
    pub fn concat(&mut self, parts: &[Var<2>]) -> Var<2> {
        let ids: Vec<usize> = parts.iter().map(|p| p.id).collect();
        let tensors = parts.iter().map(Var::tensor).collect();
        self.op(Op::Concat, &ids, Tensor::cat(tensors, 1))
    }

    /// The loss as the lesson's break leaves it: the same value, its gradient seed negated
    /// when the sign is flipped. Not a node of its own: the loss node is the one before.
    pub fn loss(&self, l: &Var<1>, b: Break) -> Var<1> {
        Var {
            t: breaks::loss(l.tensor(), b),
            id: l.id,
        }
    }

    /// ∂L/∂node of one node, flattened (before the graph is read back).
    pub fn grad<const D: usize>(&self, v: &Var<D>, grads: &Gradients) -> Option<Tensor<1>> {
        self.nodes[v.id].grad.as_ref().and_then(|g| g(grads))
    }

    /// Registers every node's value and gradient with the lesson's readback.
    pub fn read_into(self, grads: &Gradients, rb: &mut Readback) -> PendingGraph {
        let nodes = self
            .nodes
            .into_iter()
            .map(|n| {
                let value = rb.add(n.value);
                let grad = n.grad.as_ref().and_then(|g| g(grads)).map(|t| rb.add(t));
                (n.name, n.op, n.inputs, n.shape, value, grad)
            })
            .collect();
        PendingGraph { nodes }
    }
}

type PendingNode = (
    Option<String>,
    Op,
    Vec<usize>,
    Vec<usize>,
    Slot,
    Option<Slot>,
);

/// A graph whose numbers are registered for readback, waiting for them.
pub struct PendingGraph {
    nodes: Vec<PendingNode>,
}

impl PendingGraph {
    /// The graph, from the readback's result.
    pub fn resolve(self, read: &Readings) -> Graph {
        let nodes = self
            .nodes
            .into_iter()
            .enumerate()
            .map(|(id, (name, op, inputs, shape, value, grad))| GraphNode {
                id,
                name,
                op,
                inputs,
                shape,
                value: read[value].clone(),
                grad: grad.map(|g| read[g].clone()),
            })
            .collect();
        Graph { nodes }
    }
}
