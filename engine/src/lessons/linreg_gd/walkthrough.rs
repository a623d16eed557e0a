//! The step-through: each prediction, the MSE, each gradient and the update of w and b, with the
//! formula in symbols and with the numbers substituted. The update step shows the formula the
//! `formula` setting chose, so the article's printed gradient can be followed literally.

use super::model::{LinregNumbers, Rule};
use crate::lessons::kit::notation::{grad_of, sym_sub};
use crate::lessons::kit::shown::{num, step};
use crate::lessons::kit::{Phase, Step};
use crate::math::Formula;

/// A symbol with the summation index: xᵢ.
fn sub_i(plain: &str, tex: &str) -> Formula {
    Formula::new().both(&format!("{plain}ᵢ"), &format!("{tex}_{{i}}"))
}

/// `(ŷᵢ − yᵢ)`, the residual inside the sums.
fn residual_i() -> Formula {
    t("(")
        .f(sub_i("ŷ", r"\hat{y}"))
        .minus()
        .f(sub_i("y", "y"))
        .t(")")
}

fn t(text: &str) -> Formula {
    Formula::new().t(text)
}

/// `a + b + … + z`: the first two terms and the last, so a 100-term sum stays readable.
fn preview(terms: Vec<Formula>) -> Formula {
    let count = terms.len();
    let mut out = Formula::new();
    for (i, term) in terms.into_iter().enumerate() {
        if count > 3 && i >= 2 && i + 1 < count {
            if i == 2 {
                out = out.both(" + … ", r" + \dots ");
            }
            continue;
        }
        if i > 0 {
            out = out.t(" + ");
        }
        out = out.f(term);
    }
    out
}

/// `(1/m) Σ body`, the article's summation form.
fn mean_sum(scale: &str, body: Formula) -> Formula {
    Formula::new()
        .frac(t(scale), t("m"))
        .both(" Σᵢ ", r" \sum_{i} ")
        .f(body)
}

pub fn steps(n: &LinregNumbers) -> Vec<Step> {
    let m = n.x.len();
    let m_text = m.to_string();
    let (x, y, p) = (
        |i| sym_sub("x", "x", i),
        |i| sym_sub("y", "y", i),
        |i| sym_sub("ŷ", r"\hat{y}", i),
    );
    let mut out = Vec::new();
    for i in 0..m {
        out.push(step(
            Phase::Forward,
            format!("pred[{i}]"),
            p(i).t(" = w").times().f(x(i)).t(" + b"),
            num(n.w).times().f(num(n.x[i])).t(" + ").f(num(n.b)),
            n.pred[i],
        ));
    }
    let gap = |i: usize| num(n.pred[i]).minus().f(num(n.y[i]));
    let squares = (0..m).map(|i| Formula::new().squared(gap(i))).collect();
    out.push(step(
        Phase::Forward,
        "loss".into(),
        t("MSE = ").f(mean_sum(
            "1",
            Formula::new().squared(sub_i("ŷ", r"\hat{y}").minus().f(sub_i("y", "y"))),
        )),
        Formula::new()
            .frac(t("1"), t(&m_text))
            .t("[")
            .f(preview(squares))
            .t("]"),
        n.loss,
    ));
    for i in 0..m {
        out.push(step(
            Phase::Backward,
            format!("grad:pred[{i}]"),
            grad_of(p(i))
                .t(" = ")
                .frac(t("2(").f(p(i)).minus().f(y(i)).t(")"), t("m")),
            Formula::new().frac(t("2(").f(gap(i)).t(")"), t(&m_text)),
            n.grad_pred[i],
        ));
    }
    let weighted = (0..m)
        .map(|i| t("(").f(gap(i)).t(")").times().f(num(n.x[i])))
        .collect();
    out.push(step(
        Phase::Backward,
        "grad:w".into(),
        grad_of(t("w"))
            .t(" = ")
            .f(mean_sum("2", residual_i().times().f(sub_i("x", "x")))),
        Formula::new()
            .frac(t("2"), t(&m_text))
            .t("[")
            .f(preview(weighted))
            .t("]"),
        n.grad_w,
    ));
    let gaps = (0..m).map(|i| t("(").f(gap(i)).t(")")).collect();
    out.push(step(
        Phase::Backward,
        "grad:b".into(),
        grad_of(t("b")).t(" = ").f(mean_sum("2", residual_i())),
        Formula::new()
            .frac(t("2"), t(&m_text))
            .t("[")
            .f(preview(gaps))
            .t("]"),
        n.grad_b,
    ));
    out.push(update(n, "w", n.w, n.dir_w, n.w_next, true));
    out.push(update(n, "b", n.b, n.dir_b, n.b_next, false));
    out
}

/// `θ ← θ − α·d`, where d is ∂L/∂θ or the article's printed (1/m) Σ (yᵢ − ŷᵢ)[·xᵢ].
fn update(n: &LinregNumbers, name: &str, value: f64, dir: f64, next: f64, times_x: bool) -> Step {
    let direction = match n.rule {
        Rule::Correct => grad_of(t(name)),
        Rule::Article => {
            let mut body = t("(")
                .f(sub_i("y", "y"))
                .minus()
                .f(sub_i("ŷ", r"\hat{y}"))
                .t(")");
            if times_x {
                body = body.times().f(sub_i("x", "x"));
            }
            t("[").f(mean_sum("1", body)).t("]")
        }
    };
    step(
        Phase::Update,
        format!("updated:{name}"),
        t(name)
            .both(" ← ", r" \leftarrow ")
            .t(name)
            .minus()
            .both("α·", r"\alpha \cdot ")
            .f(direction),
        num(value).minus().f(num(n.lr)).times().f(num(dir)),
        next,
    )
}
