//! The step-through: each racer's loss, its gradient, Momentum's velocity, Adam's moments with
//! their bias correction, and every update, with symbols and with numbers substituted.

use super::model::{N, RaceNumbers, X, Y};
use super::setup::RACERS;
use crate::lessons::kit::shown::{num, step};
use crate::lessons::kit::{Phase, Step};
use crate::math::Formula;

fn t(text: &str) -> Formula {
    Formula::new().t(text)
}

fn sub(plain: &str, tex: &str, j: usize) -> Formula {
    let k = ["₁", "₂"][j.min(1)];
    Formula::new().both(&format!("{plain}{k}"), &format!("{tex}_{{{}}}", j + 1))
}

/// (1/N) Σᵢ (θ₁xᵢ₁ + θ₂xᵢ₂ − yᵢ)² with θ given.
fn loss_formula(theta: (Formula, Formula)) -> Formula {
    Formula::new()
        .frac(t("1"), t(&N.to_string()))
        .both(" Σᵢ ", r" \sum_{i} ")
        .squared(
            theta
                .0
                .times()
                .both("xᵢ₁", "x_{i1}")
                .t(" + ")
                .f(theta.1)
                .times()
                .both("xᵢ₂", "x_{i2}")
                .minus()
                .both("yᵢ", "y_i"),
        )
}

pub fn steps(n: &RaceNumbers) -> Vec<Step> {
    let mut out = Vec::new();
    for (r, name) in RACERS.iter().enumerate() {
        out.push(step(
            Phase::Forward,
            format!("losses[{r}]"),
            Formula::new()
                .both(
                    &format!("L_{name} = "),
                    &format!(r"L_{{\text{{{name}}}}} = "),
                )
                .f(loss_formula((
                    sub("θ", r"\theta", 0),
                    sub("θ", r"\theta", 1),
                ))),
            loss_formula((num(n.pos[2 * r]), num(n.pos[2 * r + 1]))),
            n.losses[r],
        ));
    }
    let s = n.sample;
    let (xs, ys, k) = (X[s], Y[s], s + 1);
    out.push(step(
        Phase::Forward,
        "sample_loss".into(),
        Formula::new()
            .both(
                &format!("L_sgd,{k} = "),
                &format!(r"L_{{\text{{sgd}},{k}}} = "),
            )
            .squared(
                sub("θ", r"\theta", 0)
                    .times()
                    .both(&format!("x{k}₁"), &format!("x_{{{k}1}}"))
                    .t(" + ")
                    .f(sub("θ", r"\theta", 1))
                    .times()
                    .both(&format!("x{k}₂"), &format!("x_{{{k}2}}"))
                    .minus()
                    .both(&format!("y{k}"), &format!("y_{{{k}}}")),
            ),
        Formula::new().squared(
            num(n.pos[2])
                .times()
                .f(num(xs[0]))
                .t(" + ")
                .f(num(n.pos[3]))
                .times()
                .f(num(xs[1]))
                .minus()
                .f(num(ys)),
        ),
        n.sample_loss,
    ));
    for (r, name) in RACERS.iter().enumerate() {
        for j in 0..2 {
            let g = n.grads[2 * r + j];
            let (formula, subst) = if r == 1 {
                let resid = n.pos[2] * xs[0] + n.pos[3] * xs[1] - ys;
                (
                    t("2(ŷ").minus().t("y)").times().f(sub("x", "x", j)),
                    t("2").times().f(num(resid)).times().f(num(xs[j])),
                )
            } else {
                (
                    Formula::new()
                        .frac(t("2"), t(&N.to_string()))
                        .both(" Σᵢ (ŷᵢ − yᵢ)", r" \sum_i (\hat{y}_i - y_i)")
                        .times()
                        .both(
                            &format!("xᵢ{}", ["₁", "₂"][j]),
                            &format!("x_{{i{}}}", j + 1),
                        ),
                    Formula::new()
                        .frac(t("2"), t(&N.to_string()))
                        .times()
                        .f(num(g * N as f64 / 2.0)),
                )
            };
            out.push(step(
                Phase::Backward,
                format!("grad:{name}[{j}]"),
                Formula::new()
                    .both(
                        &format!("g_{name},{} = ", j + 1),
                        &format!(r"g_{{\text{{{name}}},{}}} = ", j + 1),
                    )
                    .f(formula),
                subst,
                g,
            ));
        }
    }
    moments(n, &mut out);
    for (r, name) in RACERS.iter().enumerate() {
        for j in 0..2 {
            let i = 2 * r + j;
            let (rule, subst) = match r {
                2 => (
                    t("θ − α·u"),
                    num(n.pos[i])
                        .minus()
                        .f(num(n.lr[r]))
                        .times()
                        .f(num(n.vel_next[j])),
                ),
                3 => (
                    Formula::new()
                        .t("θ")
                        .minus()
                        .both("α·", r"\alpha \cdot ")
                        .frac(
                            Formula::new().both("m̂", r"\hat{m}"),
                            Formula::new().both("√v̂ + ε", r"\sqrt{\hat{v}} + \epsilon"),
                        ),
                    num(n.pos[i]).minus().f(num(n.lr[r])).times().frac(
                        num(n.m_hat[j]),
                        Formula::new()
                            .both("√", r"\sqrt{")
                            .f(num(n.v_hat[j]))
                            .both("", "}")
                            .t(" + ")
                            .f(num(n.eps)),
                    ),
                ),
                _ => (
                    t("θ − α·g"),
                    num(n.pos[i])
                        .minus()
                        .f(num(n.lr[r]))
                        .times()
                        .f(num(n.grads[i])),
                ),
            };
            out.push(step(
                Phase::Update,
                format!("updated:{name}[{j}]"),
                Formula::new()
                    .both(
                        &format!("θ_{name},{} ← ", j + 1),
                        &format!(r"\theta_{{\text{{{name}}},{}}} \leftarrow ", j + 1),
                    )
                    .f(rule),
                subst,
                n.next[i],
            ));
        }
    }
    out
}

/// Momentum's velocity and Adam's m, v, m̂, v̂ for each coordinate.
fn moments(n: &RaceNumbers, out: &mut Vec<Step>) {
    let tt = n.t + 1.0;
    for j in 0..2 {
        let (g_mom, g_adam) = (n.grads[4 + j], n.grads[6 + j]);
        out.push(step(
            Phase::Update,
            format!("vel[{j}]"),
            t("u ← μ·u + g"),
            num(n.momentum)
                .times()
                .f(num(n.vel[j]))
                .t(" + ")
                .f(num(g_mom)),
            n.vel_next[j],
        ));
        out.push(step(
            Phase::Update,
            format!("m[{j}]"),
            Formula::new().both(
                "m ← β₁·m + (1 − β₁)·g",
                r"m \leftarrow \beta_1 m + (1 - \beta_1) g",
            ),
            num(n.beta1)
                .times()
                .f(num(n.m[j]))
                .t(" + ")
                .f(num(1.0 - n.beta1))
                .times()
                .f(num(g_adam)),
            n.m_next[j],
        ));
        out.push(step(
            Phase::Update,
            format!("v[{j}]"),
            Formula::new().both(
                "v ← β₂·v + (1 − β₂)·g²",
                r"v \leftarrow \beta_2 v + (1 - \beta_2) g^2",
            ),
            num(n.beta2)
                .times()
                .f(num(n.v[j]))
                .t(" + ")
                .f(num(1.0 - n.beta2))
                .times()
                .squared(num(g_adam)),
            n.v_next[j],
        ));
        out.push(step(
            Phase::Update,
            format!("m_hat[{j}]"),
            Formula::new().both("m̂ = m / (1 − β₁ᵗ)", r"\hat{m} = \frac{m}{1 - \beta_1^t}"),
            Formula::new().frac(
                num(n.m_next[j]),
                t("1")
                    .minus()
                    .f(num(n.beta1))
                    .both(&format!("^{tt}"), &format!("^{{{tt}}}")),
            ),
            n.m_hat[j],
        ));
        out.push(step(
            Phase::Update,
            format!("v_hat[{j}]"),
            Formula::new().both("v̂ = v / (1 − β₂ᵗ)", r"\hat{v} = \frac{v}{1 - \beta_2^t}"),
            Formula::new().frac(
                num(n.v_next[j]),
                t("1")
                    .minus()
                    .f(num(n.beta2))
                    .both(&format!("^{tt}"), &format!("^{{{tt}}}")),
            ),
            n.v_hat[j],
        ));
    }
}
