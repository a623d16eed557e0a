//! One data point stepped through: every neuron's z and a, the backward gradients ∂L/∂a and
//! ∂L/∂z, and every weight's and bias's gradient for that point alone, as a kit trace.
//!
//! Names: layer l = 1 … L (L is the output); `x` the features, `z{l}`, `a{l}`, `W{l}` with
//! `W{l}[from][to]`, `b{l}`. The loss is this point's data loss plus the weight penalty, so the
//! weight gradients are what a batch of this single point would train with.

use burn::prelude::*;

use super::data::Point;
use super::error::PlaygroundError;
use super::features::feature_row;
use super::head::Head;
use super::net::{data_loss, forward, penalty};
use super::spec::{Activation, Regularization};
use super::trainer::Playground;
use crate::base::readback::{Readback, Slot, tensor};
use crate::lessons::kit::shown::DIGITS;
use crate::lessons::kit::softmax_ce;
use crate::lessons::kit::{LessonTrace, Metric, Phase, Quantity, Role, Step};
use crate::math::Formula;
use crate::model::value::Value;

/// `z^{(l)}_{j}` in TeX, `z1[j]` in plain text.
fn sym(name: &str, l: usize, j: Option<usize>) -> Formula {
    match j {
        Some(j) => Formula::new().both(
            &format!("{name}{l}[{j}]"),
            &format!("{name}^{{({l})}}_{{{j}}}"),
        ),
        None => Formula::new().both(&format!("{name}{l}"), &format!("{name}^{{({l})}}")),
    }
}

fn grad_of(f: Formula) -> Formula {
    Formula::new()
        .both("∂L/∂", r"\frac{\partial L}{\partial ")
        .f(f.clone())
        .both("", "}")
}

fn w_sym(l: usize, i: usize, j: usize) -> Formula {
    Formula::new().both(
        &format!("W{l}[{i}][{j}]"),
        &format!("W^{{({l})}}_{{{i}{j}}}"),
    )
}

impl Playground {
    /// The step-through of one point (any position and label, e.g. a selected data point).
    pub async fn step_trace(&self, p: Point) -> Result<LessonTrace, PlaygroundError> {
        self.data.check_point(&p)?;
        let dev = &self.device;
        let widths = self.widths.clone();
        let head = self.head;
        let x_row = feature_row(&self.net_spec.features, p.x, p.y);
        let x = tensor(&x_row, [1, widths[0]], dev); // [1, features]
        let y_row = head.targets(&[p.label]);
        let y = tensor(&y_row, [1, head.outputs()], dev); // [1, outputs]
        let taps: Vec<(Tensor<2>, Tensor<2>)> = widths[1..]
            .iter()
            .map(|&w| {
                let t = || Tensor::<2>::zeros([1, w], dev).require_grad();
                (t(), t())
            })
            .collect();
        let outs = forward(&self.net, x, self.net_spec.activation, head, Some(&taps));
        let last = &outs[outs.len() - 1];
        let data = data_loss(last, y, head);
        let loss = data.clone() + penalty(&self.net, &self.net_spec, dev);
        let grads = loss.backward();
        let g2 = |t: &Tensor<2>| t.grad(&grads).unwrap_or_else(|| t.zeros_like());
        let g1 = |t: &Tensor<1>| t.grad(&grads).unwrap_or_else(|| t.zeros_like());

        let mut rb = Readback::new();
        let [loss_at, data_at] = rb.add_all([loss.clone(), data]);
        // Per layer: [z, a, ∂L/∂z, ∂L/∂a] and [W, b, ∂L/∂W, ∂L/∂b].
        let nodes_at: Vec<[Slot; 4]> = outs
            .iter()
            .zip(&taps)
            .map(|(o, (tz, ta))| rb.add_all([o.z.clone(), o.a.clone(), g2(tz), g2(ta)]))
            .collect();
        let params_at: Vec<[Slot; 4]> = self
            .net
            .layers
            .iter()
            .map(|layer| {
                let (w, b) = (layer.w.val(), layer.b.val());
                let (gw, gb) = (g2(&w), g1(&b));
                [rb.add(w), rb.add(b), rb.add(gw), rb.add(gb)]
            })
            .collect();
        let r = rb.read().await?;
        let layers = outs.len();
        let node = |l: usize, k: usize| &r[nodes_at[l][k]];
        let param = |l: usize, k: usize| &r[params_at[l][k]];
        let loss_v = r.scalar(loss_at);
        let data_v = r.scalar(data_at);

        let mut quantities = vec![
            Quantity::input("x", Formula::new().t("x"), Value::Vector(x_row.clone())),
            Quantity::input("y", Formula::new().t("y"), Value::Scalar(p.label)),
        ];
        for l in 0..layers {
            let n = l + 1;
            for (name, k) in [("z", 0), ("a", 1)] {
                quantities.push(Quantity::node(
                    format!("{name}{n}"),
                    sym(name, n, None),
                    Value::Vector(node(l, k).clone()),
                    Value::Vector(node(l, k + 2).clone()),
                ));
            }
            let to = widths[n];
            let matrix = |v: &[f64]| Value::Matrix(v.chunks(to).map(<[f64]>::to_vec).collect());
            quantities.push(Quantity {
                name: format!("W{n}"),
                label: sym("W", n, None),
                role: Role::Param,
                value: matrix(param(l, 0)),
                grad: Some(matrix(param(l, 2))),
                updated: None,
            });
            quantities.push(Quantity {
                name: format!("b{n}"),
                label: sym("b", n, None),
                role: Role::Param,
                value: Value::Vector(param(l, 1).clone()),
                grad: Some(Value::Vector(param(l, 3).clone())),
                updated: None,
            });
        }

        let ctx = StepCtx {
            act: self.net_spec.activation,
            reg: self.net_spec.regularization,
            rate: self.net_spec.reg_rate,
            head,
            widths: &widths,
            x: &x_row,
            y: p.label,
            y_row: &y_row,
        };
        let z = |l: usize| node(l, 0).as_slice();
        let a = |l: usize| node(l, 1).as_slice();
        let da = |l: usize| node(l, 3).as_slice();
        let dz = |l: usize| node(l, 2).as_slice();
        let w = |l: usize| param(l, 0).as_slice();
        let mut steps = vec![];
        for l in 0..layers {
            let input = if l == 0 { ctx.x } else { a(l - 1) };
            ctx.forward_steps(l, input, w(l), param(l, 1), z(l), a(l), &mut steps);
        }
        steps.push(ctx.loss_step(a(layers - 1), z(layers - 1), data_v));
        for l in (0..layers).rev() {
            let next = (l + 1 < layers).then(|| (w(l + 1), dz(l + 1)));
            ctx.backward_steps(l, z(l), a(l), da(l), dz(l), next, &mut steps);
            let input = if l == 0 { ctx.x } else { a(l - 1) };
            ctx.grad_steps(l, input, w(l), dz(l), param(l, 2), param(l, 3), &mut steps);
        }

        Ok(LessonTrace {
            loss: Some(loss_v),
            quantities,
            steps,
            metrics: vec![Metric {
                name: "data_loss",
                label: crate::i18n::Text::new("数据损失（不含正则项）", "Data loss (no penalty)"),
                value: data_v,
            }],
            views: vec![],
            next: vec![],
            graph: None,
        })
    }
}

struct StepCtx<'a> {
    act: Activation,
    reg: Regularization,
    rate: f64,
    head: Head,
    widths: &'a [usize],
    x: &'a [f64],
    /// The label, and the target row the loss compares with (one-hot for softmax).
    y: f64,
    y_row: &'a [f64],
}

/// `ŷ_j` and `y_j` of output j (softmax has one per class).
fn hat_y(j: usize) -> Formula {
    Formula::new().both(&format!("ŷ[{j}]"), &format!(r"\hat{{y}}_{{{j}}}"))
}

fn y_sym(j: usize) -> Formula {
    Formula::new().both(&format!("y[{j}]"), &format!("y_{{{j}}}"))
}

impl StepCtx<'_> {
    fn out_layer(&self, l: usize) -> bool {
        l + 2 == self.widths.len()
    }

    /// Name of the input to layer l (features for the first layer).
    fn input_sym(&self, l: usize, i: usize) -> Formula {
        if l == 0 {
            Formula::new().both(&format!("x[{i}]"), &format!("x_{{{i}}}"))
        } else {
            sym("a", l, Some(i))
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn forward_steps(
        &self,
        l: usize,
        input: &[f64],
        w: &[f64],
        b: &[f64],
        z: &[f64],
        a: &[f64],
        steps: &mut Vec<Step>,
    ) {
        let (from, to, n) = (self.widths[l], self.widths[l + 1], l + 1);
        for j in 0..to {
            let mut formula = sym("z", n, Some(j)).t(" = ");
            let mut subst = Formula::new();
            for i in 0..from {
                let plus = if i > 0 { " + " } else { "" };
                formula = formula
                    .t(plus)
                    .f(self.input_sym(l, i))
                    .times()
                    .f(w_sym(n, i, j));
                subst = subst
                    .t(plus)
                    .num(input[i], DIGITS)
                    .times()
                    .num(w[i * to + j], DIGITS);
            }
            formula = formula.t(" + ").f(sym("b", n, Some(j)));
            subst = subst
                .t(" + ")
                .num(b[j], DIGITS)
                .t(" = ")
                .result(z[j], DIGITS);
            steps.push(Step {
                phase: Phase::Forward,
                target: format!("z{n}[{j}]"),
                formula,
                substituted: subst,
                value: z[j],
                uses: Vec::new(),
            });
            if self.out_layer(l) && matches!(self.head, Head::Softmax(_)) {
                steps.push(self.softmax_step(n, j, z, a[j]));
                continue;
            }
            let f = if self.out_layer(l) {
                if self.head == Head::Linear { "" } else { "σ" }
            } else {
                match self.act {
                    Activation::Relu => "relu",
                    Activation::Tanh => "tanh",
                    Activation::Sigmoid => "σ",
                    Activation::Linear => "",
                }
            };
            let wrap = |inner: Formula| {
                if f.is_empty() {
                    inner
                } else {
                    let tex = if f == "σ" { r"\sigma" } else { f };
                    Formula::new()
                        .both(f, &format!(r"\mathrm{{{tex}}}"))
                        .t("(")
                        .f(inner)
                        .t(")")
                }
            };
            steps.push(Step {
                phase: Phase::Forward,
                target: format!("a{n}[{j}]"),
                formula: sym("a", n, Some(j)).t(" = ").f(wrap(sym("z", n, Some(j)))),
                substituted: wrap(Formula::new().num(z[j], DIGITS))
                    .t(" = ")
                    .result(a[j], DIGITS),
                value: a[j],
                uses: Vec::new(),
            });
        }
    }

    /// Output j of a softmax layer: e^{z_j} / Σₖ e^{z_k}.
    fn softmax_step(&self, n: usize, j: usize, z: &[f64], a: f64) -> Step {
        let mut den = Formula::new();
        let mut den_sub = Formula::new();
        for (k, &zk) in z.iter().enumerate() {
            let plus = if k > 0 { " + " } else { "" };
            den = den.t(plus).exp(sym("z", n, Some(k)));
            den_sub = den_sub.t(plus).exp(Formula::new().num(zk, DIGITS));
        }
        Step {
            phase: Phase::Forward,
            target: format!("a{n}[{j}]"),
            formula: sym("a", n, Some(j))
                .t(" = ")
                .frac(Formula::new().exp(sym("z", n, Some(j))), den),
            substituted: Formula::new()
                .frac(
                    Formula::new().exp(Formula::new().num(z[j], DIGITS)),
                    den_sub,
                )
                .t(" = ")
                .result(a, DIGITS),
            value: a,
            uses: Vec::new(),
        }
    }

    fn loss_step(&self, a: &[f64], z: &[f64], loss: f64) -> Step {
        let (z, c) = (z[0], self.y as usize);
        let (formula, substituted) = if let Head::Softmax(_) = self.head {
            (
                Formula::new()
                    .both("L = −ln ", r"L = -\ln ")
                    .f(hat_y(c))
                    .both(&format!("  (y = {c})"), &format!(r"\quad (y = {c})")),
                Formula::new()
                    .both("−ln ", r"-\ln ")
                    .num(a.get(c).copied().unwrap_or(f64::NAN), DIGITS)
                    .t(" = ")
                    .result(loss, DIGITS),
            )
        } else if self.head == Head::Linear {
            (
                Formula::new()
                    .t("L = ")
                    .squared(Formula::new().t("ŷ").minus().t("y")),
                Formula::new()
                    .squared(Formula::new().num(z, DIGITS).minus().num(self.y, DIGITS))
                    .t(" = ")
                    .result(loss, DIGITS),
            )
        } else {
            (
                Formula::new().both(
                    "L = −[y ln ŷ + (1 − y) ln(1 − ŷ)]",
                    r"L = -\left[y \ln \hat{y} + (1 - y) \ln(1 - \hat{y})\right]",
                ),
                Formula::new()
                    .both("−[", r"-\left[")
                    .num(self.y, DIGITS)
                    .both(" ln ", r" \ln ")
                    .num(a[0], DIGITS)
                    .t(" + ")
                    .num(1.0 - self.y, DIGITS)
                    .both(" ln ", r" \ln ")
                    .num(1.0 - a[0], DIGITS)
                    .both("]", r"\right]")
                    .t(" = ")
                    .result(loss, DIGITS),
            )
        };
        Step {
            phase: Phase::Forward,
            target: "loss".into(),
            formula,
            substituted,
            value: loss,
            uses: Vec::new(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn backward_steps(
        &self,
        l: usize,
        z: &[f64],
        a: &[f64],
        da: &[f64],
        dz: &[f64],
        next: Option<(&[f64], &[f64])>,
        steps: &mut Vec<Step>,
    ) {
        let (to, n) = (self.widths[l + 1], l + 1);
        for j in 0..to {
            let (formula, substituted) = match next {
                None => {
                    // Output: ∂L/∂z straight from the loss, ∂L/∂a for completeness.
                    let (f, s) = if let Head::Softmax(_) = self.head {
                        // Softmax with cross-entropy: ∂L/∂zⱼ = ŷⱼ − yⱼ, the one-hot target.
                        let logit = |k| sym("z", n, Some(k));
                        let symbols = softmax_ce::Symbols {
                            prob: &hat_y,
                            label: &y_sym,
                            logit: &logit,
                        };
                        softmax_ce::logit_gradient(j, a, self.y_row, &symbols)
                    } else if self.head == Head::Linear {
                        (
                            Formula::new().t("2(ŷ − y)"),
                            Formula::new()
                                .t("2(")
                                .num(z[j], DIGITS)
                                .minus()
                                .num(self.y, DIGITS)
                                .t(")"),
                        )
                    } else {
                        (
                            Formula::new().t("ŷ").minus().t("y"),
                            Formula::new().num(a[j], DIGITS).minus().num(self.y, DIGITS),
                        )
                    };
                    (grad_of(sym("z", n, Some(j))).t(" = ").f(f), s)
                }
                Some((w_next, dz_next)) => {
                    let k_count = self.widths[l + 2];
                    let mut f = grad_of(sym("a", n, Some(j))).t(" = ");
                    let mut s = Formula::new();
                    for k in 0..k_count {
                        let plus = if k > 0 { " + " } else { "" };
                        f = f.t(plus).f(w_sym(n + 1, j, k)).times().f(grad_of(sym(
                            "z",
                            n + 1,
                            Some(k),
                        )));
                        s = s
                            .t(plus)
                            .num(w_next[j * k_count + k], DIGITS)
                            .times()
                            .num(dz_next[k], DIGITS);
                    }
                    steps.push(Step {
                        phase: Phase::Backward,
                        target: format!("grad:a{n}[{j}]"),
                        formula: f,
                        substituted: s.t(" = ").result(da[j], DIGITS),
                        value: da[j],
                        uses: Vec::new(),
                    });
                    let (deriv, dsub) = match self.act {
                        Activation::Tanh => (
                            Formula::new().t("(1 − ").f(sym("a", n, Some(j))).t("²)"),
                            Formula::new().t("(1 − ").num(a[j], DIGITS).t("²)"),
                        ),
                        Activation::Sigmoid => (
                            sym("a", n, Some(j))
                                .t("(1 − ")
                                .f(sym("a", n, Some(j)))
                                .t(")"),
                            Formula::new()
                                .num(a[j], DIGITS)
                                .t("(1 − ")
                                .num(a[j], DIGITS)
                                .t(")"),
                        ),
                        Activation::Relu => (
                            Formula::new().t("[").f(sym("z", n, Some(j))).t(" > 0]"),
                            Formula::new().t("[").num(z[j], DIGITS).t(" > 0]"),
                        ),
                        Activation::Linear => (Formula::new().t("1"), Formula::new().t("1")),
                    };
                    (
                        grad_of(sym("z", n, Some(j)))
                            .t(" = ")
                            .f(grad_of(sym("a", n, Some(j))))
                            .times()
                            .f(deriv),
                        Formula::new().num(da[j], DIGITS).times().f(dsub),
                    )
                }
            };
            steps.push(Step {
                phase: Phase::Backward,
                target: format!("grad:z{n}[{j}]"),
                formula,
                substituted: substituted.t(" = ").result(dz[j], DIGITS),
                value: dz[j],
                uses: Vec::new(),
            });
        }
    }

    // i and j index the input, the weights and their gradients together.
    #[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
    fn grad_steps(
        &self,
        l: usize,
        input: &[f64],
        w: &[f64],
        dz: &[f64],
        dw: &[f64],
        db: &[f64],
        steps: &mut Vec<Step>,
    ) {
        let (from, to, n) = (self.widths[l], self.widths[l + 1], l + 1);
        for i in 0..from {
            for j in 0..to {
                let k = i * to + j;
                let mut f = grad_of(w_sym(n, i, j))
                    .t(" = ")
                    .f(self.input_sym(l, i))
                    .times()
                    .f(grad_of(sym("z", n, Some(j))));
                let mut s = Formula::new()
                    .num(input[i], DIGITS)
                    .times()
                    .num(dz[j], DIGITS);
                match self.reg {
                    Regularization::None => {}
                    Regularization::L1 => {
                        f = f
                            .both(" + λ·sign(", r" + \lambda \cdot \mathrm{sign}(")
                            .f(w_sym(n, i, j))
                            .t(")");
                        s = s
                            .t(" + ")
                            .num(self.rate, DIGITS)
                            .times()
                            .t("sign(")
                            .num(w[k], DIGITS)
                            .t(")");
                    }
                    Regularization::L2 => {
                        f = f.both(" + λ·", r" + \lambda \cdot ").f(w_sym(n, i, j));
                        s = s.t(" + ").num(self.rate, DIGITS).times().num(w[k], DIGITS);
                    }
                }
                steps.push(Step {
                    phase: Phase::Backward,
                    target: format!("grad:W{n}[{i}][{j}]"),
                    formula: f,
                    substituted: s.t(" = ").result(dw[k], DIGITS),
                    value: dw[k],
                    uses: Vec::new(),
                });
            }
        }
        for j in 0..to {
            steps.push(Step {
                phase: Phase::Backward,
                target: format!("grad:b{n}[{j}]"),
                formula: grad_of(sym("b", n, Some(j)))
                    .t(" = ")
                    .f(grad_of(sym("z", n, Some(j)))),
                substituted: Formula::new()
                    .num(dz[j], DIGITS)
                    .t(" = ")
                    .result(db[j], DIGITS),
                value: db[j],
                uses: Vec::new(),
            });
        }
    }
}
