//! The step-through: every entry of Q, K, V, the scores, the weights and the output, the loss,
//! every gradient back to the weights, and each weight's step, with the formula in symbols and
//! with the numbers substituted.

use super::model::{AttnNumbers, Mat};
use super::setup::{D, N};
use crate::lessons::kit::notation::{grad_of, subscript};
use crate::lessons::kit::shown::{DIGITS, num};
use crate::lessons::kit::{Phase, Step};
use crate::math::Formula;

/// The quantity name of a per-head matrix: `S` with one head, `S1`, `S2` with two.
pub fn head_name(base: &str, heads: usize, head: usize) -> String {
    if heads == 1 {
        base.to_string()
    } else {
        format!("{base}{}", head + 1)
    }
}

/// `S`, or `S⁽²⁾` for head 2 of two.
pub fn head_symbol(base: &str, heads: usize, head: usize) -> Formula {
    if heads == 1 {
        Formula::new().t(base)
    } else {
        let n = head + 1;
        let sup = ['⁰', '¹', '²'][n.min(2)];
        Formula::new().both(&format!("{base}⁽{sup}⁾"), &format!("{base}^{{({n})}}"))
    }
}

/// `W_Q` for the setting `WQ`.
pub fn weight_symbol(name: &str) -> Formula {
    let which = name.trim_start_matches('W');
    Formula::new().both(&format!("W_{which}"), &format!("W_{{{which}}}"))
}

/// Entry (i, j) of a matrix symbol, 1-based: `Q₁₂`, `(W_Q)₂₃`.
fn ent(sym: &Formula, i: usize, j: usize) -> Formula {
    let (plain, tex) = if sym.plain.len() > 1 {
        (
            format!("({})", sym.plain),
            format!(r"\left({}\right)", sym.tex),
        )
    } else {
        (sym.plain.clone(), sym.tex.clone())
    };
    Formula::new().both(
        &format!("{plain}{}{}", subscript(i + 1), subscript(j + 1)),
        &format!("{tex}_{{{}{}}}", i + 1, j + 1),
    )
}

/// `a₁·b₁ + a₂·b₂ + …`
fn dot(pairs: impl IntoIterator<Item = (Formula, Formula)>) -> Formula {
    let mut out = Formula::new();
    for (k, (a, b)) in pairs.into_iter().enumerate() {
        if k > 0 {
            out = out.t(" + ");
        }
        out = out.f(a).times().f(b);
    }
    out
}

fn sqrt_dk(n: &AttnNumbers) -> Formula {
    Formula::new().both(&format!("√{}", n.dk), &format!(r"\sqrt{{{}}}", n.dk))
}

/// A matrix symbol with its numbers, for writing sums over its entries.
struct M<'a> {
    sym: Formula,
    val: &'a Mat,
}

impl M<'_> {
    fn s(&self, i: usize, j: usize) -> Formula {
        ent(&self.sym, i, j)
    }
    fn n(&self, i: usize, j: usize) -> Formula {
        num(self.val[i][j])
    }
    fn g(&self, i: usize, j: usize) -> Formula {
        grad_of(self.s(i, j))
    }
}

fn m<'a>(plain: &str, val: &'a Mat) -> M<'a> {
    M {
        sym: Formula::new().t(plain),
        val,
    }
}

struct Steps(Vec<Step>);

impl Steps {
    fn push(&mut self, phase: Phase, target: String, formula: Formula, subst: Formula, value: f64) {
        self.0
            .push(Step::computed(phase, target, formula, subst, value, DIGITS));
    }
}

pub fn steps(n: &AttnNumbers) -> Vec<Step> {
    let mut out = Steps(Vec::new());
    forward(n, &mut out);
    backward(n, &mut out);
    update(n, &mut out);
    out.0
}

/// The symbol of the concatenated head outputs: H with two heads, the output O itself with one.
fn heads_out(n: &AttnNumbers) -> (&'static str, M<'_>) {
    if n.heads == 2 {
        ("H", m("H", &n.h))
    } else {
        ("O", m("O", &n.o))
    }
}

fn forward(n: &AttnNumbers, out: &mut Steps) {
    let x = m("X", &n.x);
    for (name, val) in [("Q", &n.q), ("K", &n.k), ("V", &n.v)] {
        let Some(p) = n.param(&format!("W{name}")) else {
            continue;
        };
        let w = M {
            sym: weight_symbol(p.name),
            val: &p.value,
        };
        let lhs = m(name, val);
        for i in 0..N {
            for c in 0..D {
                out.push(
                    Phase::Forward,
                    format!("{name}[{i}][{c}]"),
                    lhs.s(i, c)
                        .t(" = ")
                        .f(dot((0..D).map(|a| (x.s(i, a), w.s(a, c))))),
                    dot((0..D).map(|a| (x.n(i, a), w.n(a, c)))),
                    lhs.val[i][c],
                );
            }
        }
    }
    let (q, k, v) = (m("Q", &n.q), m("K", &n.k), m("V", &n.v));
    for head in 0..n.heads {
        let cols = head * n.dk..(head + 1) * n.dk;
        let s = M {
            sym: head_symbol("S", n.heads, head),
            val: &n.s[head],
        };
        let a = M {
            sym: head_symbol("A", n.heads, head),
            val: &n.a[head],
        };
        let (s_name, a_name) = (head_name("S", n.heads, head), head_name("A", n.heads, head));
        for i in 0..N {
            for j in 0..N {
                out.push(
                    Phase::Forward,
                    format!("{s_name}[{i}][{j}]"),
                    s.s(i, j).t(" = ").frac(
                        dot(cols.clone().map(|c| (q.s(i, c), k.s(j, c)))),
                        sqrt_dk(n),
                    ),
                    Formula::new().frac(
                        dot(cols.clone().map(|c| (q.n(i, c), k.n(j, c)))),
                        sqrt_dk(n),
                    ),
                    s.val[i][j],
                );
            }
        }
        for i in 0..N {
            for j in 0..N {
                let denom = |f: &dyn Fn(usize) -> Formula| {
                    let mut d = Formula::new();
                    for kk in 0..N {
                        if kk > 0 {
                            d = d.t(" + ");
                        }
                        d = d.exp(f(kk));
                    }
                    d
                };
                out.push(
                    Phase::Forward,
                    format!("{a_name}[{i}][{j}]"),
                    a.s(i, j)
                        .t(" = ")
                        .frac(Formula::new().exp(s.s(i, j)), denom(&|kk| s.s(i, kk))),
                    Formula::new().frac(Formula::new().exp(s.n(i, j)), denom(&|kk| s.n(i, kk))),
                    a.val[i][j],
                );
            }
        }
        let (h_name, h) = heads_out(n);
        for i in 0..N {
            for c in cols.clone() {
                out.push(
                    Phase::Forward,
                    format!("{h_name}[{i}][{c}]"),
                    h.s(i, c)
                        .t(" = ")
                        .f(dot((0..N).map(|j| (a.s(i, j), v.s(j, c))))),
                    dot((0..N).map(|j| (a.n(i, j), v.n(j, c)))),
                    h.val[i][c],
                );
            }
        }
    }
    if let Some(p) = n.param("WO") {
        let (h, o) = (m("H", &n.h), m("O", &n.o));
        let w = M {
            sym: weight_symbol(p.name),
            val: &p.value,
        };
        for i in 0..N {
            for c in 0..D {
                out.push(
                    Phase::Forward,
                    format!("O[{i}][{c}]"),
                    o.s(i, c)
                        .t(" = ")
                        .f(dot((0..D).map(|a| (h.s(i, a), w.s(a, c))))),
                    dot((0..D).map(|a| (h.n(i, a), w.n(a, c)))),
                    n.o[i][c],
                );
            }
        }
    }
    let mut terms = Formula::new();
    for i in 0..N {
        for c in 0..D {
            if i + c > 0 {
                terms = terms.t(" + ");
            }
            terms = terms.squared(num(n.o[i][c]).minus().f(num(n.t[i][c])));
        }
    }
    out.push(
        Phase::Forward,
        "loss".into(),
        Formula::new().both(
            "L = ½ Σᵢⱼ (Oᵢⱼ − Tᵢⱼ)²",
            r"L = \frac{1}{2}\sum_{ij} (O_{ij} - T_{ij})^2",
        ),
        Formula::new()
            .both("½·[", r"\frac{1}{2}\left[")
            .f(terms)
            .both("]", r"\right]"),
        n.loss,
    );
}

fn backward(n: &AttnNumbers, out: &mut Steps) {
    let (o, t) = (m("O", &n.o), m("T", &n.t));
    for i in 0..N {
        for c in 0..D {
            out.push(
                Phase::Backward,
                format!("grad:O[{i}][{c}]"),
                o.g(i, c).t(" = ").f(o.s(i, c)).minus().f(t.s(i, c)),
                o.n(i, c).minus().f(t.n(i, c)),
                n.g_o[i][c],
            );
        }
    }
    let g_o = m("O", &n.g_o);
    if let Some(p) = n.param("WO") {
        let w = M {
            sym: weight_symbol(p.name),
            val: &p.value,
        };
        let h = m("H", &n.h);
        for i in 0..N {
            for a in 0..D {
                out.push(
                    Phase::Backward,
                    format!("grad:H[{i}][{a}]"),
                    h.g(i, a)
                        .t(" = ")
                        .f(dot((0..D).map(|c| (o.g(i, c), w.s(a, c))))),
                    dot((0..D).map(|c| (g_o.n(i, c), w.n(a, c)))),
                    n.g_h[i][a],
                );
            }
        }
    }
    let (h_name, h) = heads_out(n);
    let g_h = m(h_name, &n.g_h);
    let (q, k, v) = (m("Q", &n.q), m("K", &n.k), m("V", &n.v));
    let (g_q, g_k) = (m("Q", &n.g_q), m("K", &n.g_k));
    for head in 0..n.heads {
        let cols = head * n.dk..(head + 1) * n.dk;
        let a = M {
            sym: head_symbol("A", n.heads, head),
            val: &n.a[head],
        };
        let s = M {
            sym: head_symbol("S", n.heads, head),
            val: &n.s[head],
        };
        let g_a = M {
            sym: a.sym.clone(),
            val: &n.g_a[head],
        };
        let g_s = M {
            sym: s.sym.clone(),
            val: &n.g_s[head],
        };
        let (s_name, a_name) = (head_name("S", n.heads, head), head_name("A", n.heads, head));
        for i in 0..N {
            for j in 0..N {
                out.push(
                    Phase::Backward,
                    format!("grad:{a_name}[{i}][{j}]"),
                    a.g(i, j)
                        .t(" = ")
                        .f(dot(cols.clone().map(|c| (h.g(i, c), v.s(j, c))))),
                    dot(cols.clone().map(|c| (g_h.n(i, c), v.n(j, c)))),
                    g_a.val[i][j],
                );
            }
        }
        for i in 0..N {
            for j in 0..N {
                let inner = |sym: bool| {
                    let pairs = (0..N).map(|kk| {
                        if sym {
                            (a.s(i, kk), a.g(i, kk))
                        } else {
                            (a.n(i, kk), g_a.n(i, kk))
                        }
                    });
                    Formula::new().t("(").f(dot(pairs)).t(")")
                };
                out.push(
                    Phase::Backward,
                    format!("grad:{s_name}[{i}][{j}]"),
                    s.g(i, j)
                        .t(" = ")
                        .f(a.s(i, j))
                        .t("·(")
                        .f(a.g(i, j))
                        .minus()
                        .f(inner(true))
                        .t(")"),
                    a.n(i, j)
                        .t("·(")
                        .f(g_a.n(i, j))
                        .minus()
                        .f(inner(false))
                        .t(")"),
                    g_s.val[i][j],
                );
            }
        }
        for j in 0..N {
            for c in cols.clone() {
                out.push(
                    Phase::Backward,
                    format!("grad:V[{j}][{c}]"),
                    v.g(j, c)
                        .t(" = ")
                        .f(dot((0..N).map(|i| (a.s(i, j), h.g(i, c))))),
                    dot((0..N).map(|i| (a.n(i, j), g_h.n(i, c)))),
                    n.g_v[j][c],
                );
            }
        }
        for i in 0..N {
            for c in cols.clone() {
                out.push(
                    Phase::Backward,
                    format!("grad:Q[{i}][{c}]"),
                    q.g(i, c)
                        .t(" = ")
                        .frac(dot((0..N).map(|j| (s.g(i, j), k.s(j, c)))), sqrt_dk(n)),
                    Formula::new().frac(dot((0..N).map(|j| (g_s.n(i, j), k.n(j, c)))), sqrt_dk(n)),
                    g_q.val[i][c],
                );
            }
        }
        for j in 0..N {
            for c in cols.clone() {
                out.push(
                    Phase::Backward,
                    format!("grad:K[{j}][{c}]"),
                    k.g(j, c)
                        .t(" = ")
                        .frac(dot((0..N).map(|i| (s.g(i, j), q.s(i, c)))), sqrt_dk(n)),
                    Formula::new().frac(dot((0..N).map(|i| (g_s.n(i, j), q.n(i, c)))), sqrt_dk(n)),
                    g_k.val[j][c],
                );
            }
        }
    }
    // ∂L/∂W = (input of the product)ᵀ · ∂L/∂(product), entry by entry.
    let x = m("X", &n.x);
    let hm = m("H", &n.h);
    for p in &n.params {
        let (input, g_prod): (&M, M) = match p.name {
            "WQ" => (&x, m("Q", &n.g_q)),
            "WK" => (&x, m("K", &n.g_k)),
            "WV" => (&x, m("V", &n.g_v)),
            _ => (&hm, m("O", &n.g_o)),
        };
        let w = M {
            sym: weight_symbol(p.name),
            val: &p.grad,
        };
        for a in 0..D {
            for c in 0..D {
                out.push(
                    Phase::Backward,
                    format!("grad:{}[{a}][{c}]", p.name),
                    w.g(a, c)
                        .t(" = ")
                        .f(dot((0..N).map(|i| (input.s(i, a), g_prod.g(i, c))))),
                    dot((0..N).map(|i| (input.n(i, a), g_prod.n(i, c)))),
                    p.grad[a][c],
                );
            }
        }
    }
}

fn update(n: &AttnNumbers, out: &mut Steps) {
    for p in &n.params {
        let w = M {
            sym: weight_symbol(p.name),
            val: &p.value,
        };
        for a in 0..D {
            for c in 0..D {
                out.push(
                    Phase::Update,
                    format!("updated:{}[{a}][{c}]", p.name),
                    w.s(a, c)
                        .both(" ← ", r" \leftarrow ")
                        .f(w.s(a, c))
                        .minus()
                        .both("α·", r"\alpha \cdot ")
                        .f(w.g(a, c)),
                    w.n(a, c).minus().f(num(n.lr)).times().f(num(p.grad[a][c])),
                    p.next[a][c],
                );
            }
        }
    }
}
