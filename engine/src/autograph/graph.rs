//! The recorded graph: tensors as nodes, each made by one op from earlier nodes.

/// What made a node. Leaves (`Input`, `Const`, `Param`) come from outside the pass.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Input,
    Const,
    Param,
    MatMul,
    Add,
    Sub,
    Mul,
    Sum,
    Mean,
    Sigmoid,
    Tanh,
    /// Softmax over the last dimension (each row of a matrix).
    Softmax,
    Log,
    Log1p,
    Exp,
    Relu,
    Abs,
    Neg,
    Square,
    Transpose,
    /// Times a constant of the formula (1/√d_k, ½).
    Scale(f64),
    /// The mean of each row of a matrix, kept as a column.
    MeanRows,
    /// A block of a matrix: rows `r0..r1`, columns `c0..c1`.
    Slice {
        rows: (usize, usize),
        cols: (usize, usize),
    },
    /// Matrices side by side (along the columns), in input order.
    Concat,
}

impl Op {
    pub fn is_leaf(self) -> bool {
        matches!(self, Op::Input | Op::Const | Op::Param)
    }

    /// How the op is written on the graph's edges.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Input => "input",
            Op::Const => "const",
            Op::Param => "param",
            Op::MatMul => "matmul",
            Op::Add => "+",
            Op::Sub => "−",
            Op::Mul => "×",
            Op::Sum => "Σ",
            Op::Mean => "mean",
            Op::Sigmoid => "σ",
            Op::Tanh => "tanh",
            Op::Softmax => "softmax",
            Op::Log => "log",
            Op::Log1p => "log(1+x)",
            Op::Exp => "exp",
            Op::Relu => "relu",
            Op::Abs => "|x|",
            Op::Neg => "neg",
            Op::Square => "x²",
            Op::Transpose => "ᵀ",
            Op::Scale(_) => "×c",
            Op::MeanRows => "mean₁",
            Op::Slice { .. } => "[:, :]",
            Op::Concat => "concat",
        }
    }

    /// The name in `data-op` attributes and tests.
    pub fn code(self) -> &'static str {
        match self {
            Op::Input => "input",
            Op::Const => "const",
            Op::Param => "param",
            Op::MatMul => "matmul",
            Op::Add => "add",
            Op::Sub => "sub",
            Op::Mul => "mul",
            Op::Sum => "sum",
            Op::Mean => "mean",
            Op::Sigmoid => "sigmoid",
            Op::Tanh => "tanh",
            Op::Softmax => "softmax",
            Op::Log => "log",
            Op::Log1p => "log1p",
            Op::Exp => "exp",
            Op::Relu => "relu",
            Op::Abs => "abs",
            Op::Neg => "neg",
            Op::Square => "square",
            Op::Transpose => "transpose",
            Op::Scale(_) => "scale",
            Op::MeanRows => "mean_rows",
            Op::Slice { .. } => "slice",
            Op::Concat => "concat",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct GraphNode {
    /// Its place on the tape: every input has a smaller id.
    pub id: usize,
    /// The lesson's name for it (`z1`, `L`, `W1`), where it has one.
    pub name: Option<String>,
    pub op: Op,
    pub inputs: Vec<usize>,
    pub shape: Vec<usize>,
    /// Row-major.
    pub value: Vec<f64>,
    /// ∂L/∂node, for nodes the loss depends on through something with a gradient.
    pub grad: Option<Vec<f64>>,
}

impl GraphNode {
    /// The name, or the op that made it.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => self.op.symbol().to_string(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
}

/// Which half of the pass a walk through the graph is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Forward,
    Backward,
}

/// A position in a walk through the graph: after `done` steps of `phase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Walk {
    pub phase: Phase,
    pub done: usize,
}

impl Graph {
    pub fn node(&self, name: &str) -> Option<&GraphNode> {
        self.nodes.iter().find(|n| n.name.as_deref() == Some(name))
    }

    /// The ops in the order the forward pass ran them.
    pub fn forward_order(&self) -> Vec<usize> {
        self.nodes
            .iter()
            .filter(|n| !n.op.is_leaf())
            .map(|n| n.id)
            .collect()
    }

    /// The nodes that receive a gradient, in the order backpropagation reaches them.
    pub fn backward_order(&self) -> Vec<usize> {
        self.nodes
            .iter()
            .rev()
            .filter(|n| n.grad.is_some())
            .map(|n| n.id)
            .collect()
    }

    /// Steps in the whole walk: every forward op, then every gradient.
    pub fn walk_len(&self) -> usize {
        self.forward_order().len() + self.backward_order().len()
    }

    /// The walk after `step` steps (0 ..= [`Graph::walk_len`]).
    pub fn walk(&self, step: usize) -> Walk {
        let f = self.forward_order().len();
        if step <= f {
            Walk {
                phase: Phase::Forward,
                done: step,
            }
        } else {
            Walk {
                phase: Phase::Backward,
                done: (step - f).min(self.backward_order().len()),
            }
        }
    }

    /// The node the walk has just reached, if any.
    pub fn lit(&self, w: Walk) -> Option<usize> {
        let order = match w.phase {
            Phase::Forward => self.forward_order(),
            Phase::Backward => self.backward_order(),
        };
        w.done.checked_sub(1).and_then(|i| order.get(i).copied())
    }

    /// Whether the walk has computed node `id`'s value (leaves are known from the start).
    pub fn value_known(&self, w: Walk, id: usize) -> bool {
        let n = &self.nodes[id];
        n.op.is_leaf() || w.phase == Phase::Backward || self.forward_order()[..w.done].contains(&id)
    }

    /// Whether the walk has reached node `id`'s gradient.
    pub fn grad_known(&self, w: Walk, id: usize) -> bool {
        w.phase == Phase::Backward && self.backward_order()[..w.done].contains(&id)
    }
}
