//! An independent f64 evaluator for recorded autodiff graphs: it recomputes every op node from
//! its inputs' values and backpropagates with hand-written derivatives, so a test can check
//! that the graph really is the computation the lesson ran.

use engine::autograph::{Graph, GraphNode, Op};

/// Row-major strides of a shape.
fn strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        s[i] = s[i + 1] * shape[i + 1];
    }
    s
}

/// The entry of `input` (shape `from`, dims of 1 broadcast) that output entry `k` reads.
fn source(k: usize, out: &[usize], from: &[usize]) -> usize {
    let (so, sf) = (strides(out), strides(from));
    (0..out.len())
        .map(|d| {
            let i = (k / so[d]) % out[d];
            if from[d] == 1 { 0 } else { i * sf[d] }
        })
        .sum()
}

fn size(shape: &[usize]) -> usize {
    shape.iter().product()
}

fn matmul(a: &[f64], b: &[f64], m: usize, k: usize, n: usize) -> Vec<f64> {
    let mut c = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            c[i * n + j] = (0..k).map(|t| a[i * k + t] * b[t * n + j]).sum();
        }
    }
    c
}

fn transpose(a: &[f64], m: usize, n: usize) -> Vec<f64> {
    let mut t = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            t[j * m + i] = a[i * n + j];
        }
    }
    t
}

fn unary_c(v: &[f64], c: f64) -> Vec<f64> {
    v.iter().map(|x| x * c).collect()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The op node `n` recomputed from its inputs' recorded values.
pub fn eval(g: &Graph, n: &GraphNode) -> Vec<f64> {
    let inp: Vec<&GraphNode> = n.inputs.iter().map(|&i| &g.nodes[i]).collect();
    let out = &n.shape;
    let binary = |f: fn(f64, f64) -> f64| -> Vec<f64> {
        (0..size(out))
            .map(|k| {
                f(
                    inp[0].value[source(k, out, &inp[0].shape)],
                    inp[1].value[source(k, out, &inp[1].shape)],
                )
            })
            .collect()
    };
    let unary = |f: fn(f64) -> f64| -> Vec<f64> { inp[0].value.iter().map(|&x| f(x)).collect() };
    match n.op {
        Op::Add => binary(|a, b| a + b),
        Op::Sub => binary(|a, b| a - b),
        Op::Mul => binary(|a, b| a * b),
        Op::MatMul => {
            let (a, b) = (&inp[0].shape, &inp[1].shape);
            matmul(&inp[0].value, &inp[1].value, a[0], a[1], b[1])
        }
        Op::Sum => vec![inp[0].value.iter().sum()],
        Op::Mean => vec![inp[0].value.iter().sum::<f64>() / inp[0].value.len() as f64],
        Op::Sigmoid => unary(sigmoid),
        Op::Tanh => unary(f64::tanh),
        Op::Softmax => {
            let cols = *inp[0].shape.last().unwrap();
            inp[0]
                .value
                .chunks(cols)
                .flat_map(|row| {
                    let top = row.iter().copied().fold(f64::MIN, f64::max);
                    let e: Vec<f64> = row.iter().map(|x| (x - top).exp()).collect();
                    let total: f64 = e.iter().sum();
                    e.into_iter().map(move |x| x / total)
                })
                .collect()
        }
        Op::Log => unary(f64::ln),
        Op::Log1p => unary(f64::ln_1p),
        Op::Exp => unary(f64::exp),
        Op::Relu => unary(|x| x.max(0.0)),
        Op::Abs => unary(f64::abs),
        Op::Neg => unary(|x| -x),
        Op::Square => unary(|x| x * x),
        Op::Transpose => transpose(&inp[0].value, inp[0].shape[0], inp[0].shape[1]),
        Op::Scale(c) => unary_c(&inp[0].value, c),
        Op::MeanRows => {
            let cols = inp[0].shape[1];
            inp[0]
                .value
                .chunks(cols)
                .map(|r| r.iter().sum::<f64>() / cols as f64)
                .collect()
        }
        Op::Slice { rows, cols } => {
            let width = inp[0].shape[1];
            (rows.0..rows.1)
                .flat_map(|i| (cols.0..cols.1).map(move |j| i * width + j))
                .map(|k| inp[0].value[k])
                .collect()
        }
        Op::Concat => {
            let rows = out[0];
            (0..rows)
                .flat_map(|i| {
                    inp.iter().flat_map(move |m| {
                        let w = m.shape[1];
                        m.value[i * w..(i + 1) * w].to_vec()
                    })
                })
                .collect()
        }
        Op::Input | Op::Const | Op::Param => n.value.clone(),
    }
}

/// Adds `g` (shape `out`) into `acc` (shape `to`), summing over broadcast dims.
fn add_unbroadcast(acc: &mut [f64], g: &[f64], out: &[usize], to: &[usize]) {
    for (k, gk) in g.iter().enumerate() {
        acc[source(k, out, to)] += gk;
    }
}

/// ∂L/∂node for every node, by reverse mode over the graph from the node named `loss`.
pub fn backprop(g: &Graph, loss: &str) -> Vec<Vec<f64>> {
    let mut grad: Vec<Vec<f64>> = g.nodes.iter().map(|n| vec![0.0; n.value.len()]).collect();
    let l = g.node(loss).expect("loss node").id;
    grad[l] = vec![1.0];
    for n in g.nodes.iter().rev().filter(|n| !n.op.is_leaf()) {
        let gn = grad[n.id].clone();
        let ins: Vec<&GraphNode> = n.inputs.iter().map(|&i| &g.nodes[i]).collect();
        let out = &n.shape;
        let mut push = |i: usize, contrib: Vec<f64>| {
            let to = &g.nodes[n.inputs[i]];
            add_unbroadcast(&mut grad[to.id], &contrib, out, &to.shape);
        };
        let other = |i: usize| -> Vec<f64> {
            (0..size(out))
                .map(|k| ins[i].value[source(k, out, &ins[i].shape)])
                .collect()
        };
        let times =
            |a: &[f64], b: &[f64]| -> Vec<f64> { a.iter().zip(b).map(|(x, y)| x * y).collect() };
        match n.op {
            Op::Add => {
                push(0, gn.clone());
                push(1, gn);
            }
            Op::Sub => {
                push(0, gn.clone());
                push(1, gn.iter().map(|x| -x).collect());
            }
            Op::Mul => {
                push(0, times(&gn, &other(1)));
                push(1, times(&gn, &other(0)));
            }
            Op::MatMul => {
                let (a, b) = (&ins[0].shape, &ins[1].shape);
                let (m, k, nn) = (a[0], a[1], b[1]);
                let ga = matmul(&gn, &transpose(&ins[1].value, k, nn), m, nn, k);
                let gb = matmul(&transpose(&ins[0].value, m, k), &gn, k, m, nn);
                grad[ins[0].id]
                    .iter_mut()
                    .zip(ga)
                    .for_each(|(x, y)| *x += y);
                grad[ins[1].id]
                    .iter_mut()
                    .zip(gb)
                    .for_each(|(x, y)| *x += y);
            }
            Op::Sum | Op::Mean => {
                let len = ins[0].value.len();
                let scale = if n.op == Op::Mean {
                    1.0 / len as f64
                } else {
                    1.0
                };
                grad[ins[0].id].iter_mut().for_each(|x| *x += gn[0] * scale);
            }
            Op::Transpose => {
                let s = &ins[0].shape;
                let gt = transpose(&gn, s[1], s[0]);
                grad[ins[0].id]
                    .iter_mut()
                    .zip(gt)
                    .for_each(|(x, y)| *x += y);
            }
            Op::Softmax => {
                // Per row: ∂L/∂zᵢ = yᵢ (gᵢ − Σⱼ gⱼ yⱼ).
                let cols = *n.shape.last().unwrap();
                let gz: Vec<f64> = n
                    .value
                    .chunks(cols)
                    .zip(gn.chunks(cols))
                    .flat_map(|(y, g)| {
                        let dot: f64 = y.iter().zip(g).map(|(a, b)| a * b).sum();
                        y.iter()
                            .zip(g)
                            .map(move |(a, b)| a * (b - dot))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                grad[ins[0].id]
                    .iter_mut()
                    .zip(gz)
                    .for_each(|(x, y)| *x += y);
            }
            Op::Sigmoid
            | Op::Tanh
            | Op::Log
            | Op::Log1p
            | Op::Exp
            | Op::Relu
            | Op::Abs
            | Op::Neg
            | Op::Square => {
                let local: Vec<f64> = ins[0]
                    .value
                    .iter()
                    .zip(&n.value)
                    .map(|(&x, &y)| match n.op {
                        Op::Sigmoid => y * (1.0 - y),
                        Op::Tanh => 1.0 - y * y,
                        Op::Log => 1.0 / x,
                        Op::Log1p => 1.0 / (1.0 + x),
                        Op::Exp => y,
                        Op::Relu => f64::from(u8::from(x > 0.0)),
                        Op::Abs => x.signum(),
                        Op::Neg => -1.0,
                        _ => 2.0 * x,
                    })
                    .collect();
                grad[ins[0].id]
                    .iter_mut()
                    .zip(times(&gn, &local))
                    .for_each(|(x, y)| *x += y);
            }
            Op::Scale(c) => {
                grad[ins[0].id]
                    .iter_mut()
                    .zip(&gn)
                    .for_each(|(x, g)| *x += g * c);
            }
            Op::MeanRows => {
                let cols = ins[0].shape[1];
                for (k, x) in grad[ins[0].id].iter_mut().enumerate() {
                    *x += gn[k / cols] / cols as f64;
                }
            }
            Op::Slice { rows, cols } => {
                let width = ins[0].shape[1];
                let mut k = 0;
                for i in rows.0..rows.1 {
                    for j in cols.0..cols.1 {
                        grad[ins[0].id][i * width + j] += gn[k];
                        k += 1;
                    }
                }
            }
            Op::Concat => {
                let total = out[1];
                let mut start = 0;
                for m in &ins {
                    let w = m.shape[1];
                    for i in 0..out[0] {
                        for j in 0..w {
                            grad[m.id][i * w + j] += gn[i * total + start + j];
                        }
                    }
                    start += w;
                }
            }
            Op::Input | Op::Const | Op::Param => {}
        }
    }
    grad
}

pub fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol * want.abs().max(1.0),
        "{what}: the graph holds {got}, the f64 evaluation gives {want}"
    );
}

/// Every op node's value equals its op applied to its inputs' values, and every recorded
/// gradient equals the f64 reverse pass from `loss`.
pub fn assert_graph_is_its_computation(g: &Graph, loss: &str) {
    for (i, n) in g.nodes.iter().enumerate() {
        assert_eq!(n.id, i, "ids are tape positions");
        assert!(
            n.inputs.iter().all(|&j| j < i),
            "{}: inputs come first",
            n.label()
        );
        assert_eq!(
            n.value.len(),
            size(&n.shape),
            "{}: value fits the shape",
            n.label()
        );
        for (k, (got, want)) in n.value.iter().zip(eval(g, n)).enumerate() {
            close(&format!("{}[{k}] value", n.label()), *got, want, 1e-5);
        }
    }
    let reference = backprop(g, loss);
    for n in &g.nodes {
        if let Some(gr) = &n.grad {
            for (k, (got, want)) in gr.iter().zip(&reference[n.id]).enumerate() {
                close(&format!("∂L/∂{}[{k}]", n.label()), *got, *want, 1e-4);
            }
        }
    }
}
