//! Lesson `attention`: every value and gradient burn computes, against a plain f64 attention
//! with a hand-derived backward pass and against central finite differences; every step's
//! number; training; extreme settings; the errata's truths.

use burn::prelude::Device;
use engine::lessons::attention::{self, errata::errata, model::AttnNumbers, model::compute};
use engine::lessons::kit::{Phase, Values};
use engine::state::number::format_number;
use engine::state::setting::Settings;

type Mat = Vec<Vec<f64>>;

const N: usize = 3;
const D: usize = 4;

/// The lesson's inputs as plain numbers.
struct Setup {
    x: Mat,
    t: Mat,
    /// W_Q, W_K, W_V, W_O.
    w: Vec<Mat>,
    heads: usize,
}

fn setup(v: &Values) -> Setup {
    Setup {
        x: v.matrix("X", N, D),
        t: v.matrix("T", N, D),
        w: ["WQ", "WK", "WV", "WO"]
            .iter()
            .map(|n| v.matrix(n, D, D))
            .collect(),
        heads: if v.get("heads") >= 1.0 { 2 } else { 1 },
    }
}

fn matmul(a: &Mat, b: &Mat) -> Mat {
    (0..a.len())
        .map(|i| {
            (0..b[0].len())
                .map(|j| (0..b.len()).map(|k| a[i][k] * b[k][j]).sum())
                .collect()
        })
        .collect()
}

fn transpose(a: &Mat) -> Mat {
    (0..a[0].len())
        .map(|j| a.iter().map(|r| r[j]).collect())
        .collect()
}

fn cols(a: &Mat, from: usize, to: usize) -> Mat {
    a.iter().map(|r| r[from..to].to_vec()).collect()
}

/// The forward pass from Q, K, V on: scores, weights, concatenated heads, output.
struct Fwd {
    s: Vec<Mat>,
    a: Vec<Mat>,
    h: Mat,
    o: Mat,
    loss: f64,
}

fn from_qkv(q: &Mat, k: &Mat, v: &Mat, su: &Setup) -> Fwd {
    let dk = D / su.heads;
    let (mut s_all, mut a_all) = (vec![], vec![]);
    let mut h = vec![vec![0.0; D]; N];
    for head in 0..su.heads {
        let (lo, hi) = (head * dk, (head + 1) * dk);
        let s: Mat = matmul(&cols(q, lo, hi), &transpose(&cols(k, lo, hi)))
            .into_iter()
            .map(|r| r.into_iter().map(|x| x / (dk as f64).sqrt()).collect())
            .collect();
        let a: Mat = s
            .iter()
            .map(|r| {
                let e: Vec<f64> = r.iter().map(|x| x.exp()).collect();
                let z: f64 = e.iter().sum();
                e.iter().map(|x| x / z).collect()
            })
            .collect();
        let out = matmul(&a, &cols(v, lo, hi));
        for i in 0..N {
            h[i][lo..hi].copy_from_slice(&out[i]);
        }
        s_all.push(s);
        a_all.push(a);
    }
    let o = if su.heads == 2 {
        matmul(&h, &su.w[3])
    } else {
        h.clone()
    };
    let loss = 0.5
        * (0..N)
            .flat_map(|i| (0..D).map(move |c| (i, c)))
            .map(|(i, c)| (o[i][c] - su.t[i][c]).powi(2))
            .sum::<f64>();
    Fwd {
        s: s_all,
        a: a_all,
        h,
        o,
        loss,
    }
}

fn qkv(su: &Setup) -> [Mat; 3] {
    [
        matmul(&su.x, &su.w[0]),
        matmul(&su.x, &su.w[1]),
        matmul(&su.x, &su.w[2]),
    ]
}

fn loss_of(su: &Setup) -> f64 {
    let [q, k, v] = qkv(su);
    from_qkv(&q, &k, &v, su).loss
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn assert_mat(what: &str, got: &[Vec<f64>], want: &[Vec<f64>], tol: f64) {
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        for (j, (g, w)) in g.iter().zip(w).enumerate() {
            assert!(
                close(*g, *w, tol),
                "{what}[{i}][{j}]: burn {g} vs oracle {w}"
            );
        }
    }
}

fn setups() -> Vec<Values> {
    let mut out = vec![attention::article_values()];
    let mut two = attention::article_values();
    two.apply_all(["heads=2"]).unwrap();
    out.push(two);
    let mut other = attention::article_values();
    other
        .apply_all([
            "heads=2",
            "X[1][2]=-1.5",
            "WQ[3][1]=2",
            "WK[0][3]=-1",
            "WO[2][0]=0.7",
            "T[2][3]=2",
        ])
        .unwrap();
    out.push(other);
    out
}

fn run(v: &Values) -> AttnNumbers {
    pollster::block_on(compute(v, &Device::flex())).unwrap()
}

#[test]
fn forward_values_match_a_plain_f64_attention() {
    for v in setups() {
        let su = setup(&v);
        let n = run(&v);
        let [q, k, val] = qkv(&su);
        let f = from_qkv(&q, &k, &val, &su);
        assert_eq!(n.heads, su.heads);
        assert_mat("Q", &n.q, &q, 1e-5);
        assert_mat("K", &n.k, &k, 1e-5);
        assert_mat("V", &n.v, &val, 1e-5);
        for head in 0..su.heads {
            assert_mat("S", &n.s[head], &f.s[head], 1e-5);
            assert_mat("A", &n.a[head], &f.a[head], 1e-5);
            for row in &n.a[head] {
                assert!(
                    close(row.iter().sum(), 1.0, 1e-6),
                    "weights of a query sum to 1"
                );
            }
        }
        assert_mat("H", &n.h, &f.h, 1e-5);
        assert_mat("O", &n.o, &f.o, 1e-5);
        assert!(close(n.loss, f.loss, 1e-5), "{} vs {}", n.loss, f.loss);
    }
}

/// The backward pass derived by hand, entry by entry.
struct Grads {
    o: Mat,
    h: Mat,
    a: Vec<Mat>,
    s: Vec<Mat>,
    q: Mat,
    k: Mat,
    v: Mat,
    w: Vec<Mat>,
}

fn hand_backward(su: &Setup) -> Grads {
    let [q, k, v] = qkv(su);
    let f = from_qkv(&q, &k, &v, su);
    let dk = D / su.heads;
    let root = (dk as f64).sqrt();
    let g_o: Mat = (0..N)
        .map(|i| (0..D).map(|c| f.o[i][c] - su.t[i][c]).collect())
        .collect();
    let g_h = if su.heads == 2 {
        matmul(&g_o, &transpose(&su.w[3]))
    } else {
        g_o.clone()
    };
    let zero = |r: usize, c: usize| vec![vec![0.0; c]; r];
    let (mut g_q, mut g_k, mut g_v) = (zero(N, D), zero(N, D), zero(N, D));
    let (mut g_a_all, mut g_s_all) = (vec![], vec![]);
    for head in 0..su.heads {
        let hc = head * dk..(head + 1) * dk;
        let a = &f.a[head];
        let mut g_a = zero(N, N);
        let mut g_s = zero(N, N);
        for i in 0..N {
            for j in 0..N {
                g_a[i][j] = hc.clone().map(|c| g_h[i][c] * v[j][c]).sum();
            }
            let mean: f64 = (0..N).map(|j| a[i][j] * g_a[i][j]).sum();
            for j in 0..N {
                g_s[i][j] = a[i][j] * (g_a[i][j] - mean);
            }
        }
        for c in hc {
            for j in 0..N {
                g_v[j][c] = (0..N).map(|i| a[i][j] * g_h[i][c]).sum();
                g_k[j][c] = (0..N).map(|i| g_s[i][j] * q[i][c]).sum::<f64>() / root;
                g_q[j][c] = (0..N).map(|m| g_s[j][m] * k[m][c]).sum::<f64>() / root;
            }
        }
        g_a_all.push(g_a);
        g_s_all.push(g_s);
    }
    let xt = transpose(&su.x);
    let w = vec![
        matmul(&xt, &g_q),
        matmul(&xt, &g_k),
        matmul(&xt, &g_v),
        matmul(&transpose(&f.h), &g_o),
    ];
    Grads {
        o: g_o,
        h: g_h,
        a: g_a_all,
        s: g_s_all,
        q: g_q,
        k: g_k,
        v: g_v,
        w,
    }
}

#[test]
fn gradients_match_the_hand_derived_backward_pass() {
    for v in setups() {
        let su = setup(&v);
        let n = run(&v);
        let g = hand_backward(&su);
        assert_mat("∂O", &n.g_o, &g.o, 1e-4);
        assert_mat("∂H", &n.g_h, &g.h, 1e-4);
        for head in 0..su.heads {
            assert_mat("∂A", &n.g_a[head], &g.a[head], 1e-4);
            assert_mat("∂S", &n.g_s[head], &g.s[head], 1e-4);
        }
        assert_mat("∂Q", &n.g_q, &g.q, 1e-4);
        assert_mat("∂K", &n.g_k, &g.k, 1e-4);
        assert_mat("∂V", &n.g_v, &g.v, 1e-4);
        assert_eq!(n.params.len(), 1 + su.heads + 1);
        for (p, want) in n.params.iter().zip(&g.w) {
            assert_mat(p.name, &p.grad, want, 1e-4);
            let lr = v.get("lr");
            let next: Mat = (0..D)
                .map(|a| (0..D).map(|c| p.value[a][c] - lr * want[a][c]).collect())
                .collect();
            assert_mat(p.name, &p.next, &next, 1e-4);
        }
    }
}

#[test]
fn gradients_match_central_finite_differences() {
    let h = 1e-6;
    for v in setups() {
        let su = setup(&v);
        let n = run(&v);
        for (wi, p) in n.params.iter().enumerate() {
            for a in 0..D {
                for c in 0..D {
                    let at = |d: f64| {
                        let mut s = setup(&v);
                        s.w[wi][a][c] += d;
                        loss_of(&s)
                    };
                    let fd = (at(h) - at(-h)) / (2.0 * h);
                    assert!(
                        close(p.grad[a][c], fd, 1e-4),
                        "{}[{a}][{c}]: {} vs {fd}",
                        p.name,
                        p.grad[a][c]
                    );
                }
            }
        }
        // The intermediates' gradients: nudge one entry of Q, K or V and rerun from there.
        let [q, k, val] = qkv(&su);
        for (which, got) in [(0, &n.g_q), (1, &n.g_k), (2, &n.g_v)] {
            for i in 0..N {
                for c in 0..D {
                    let at = |d: f64| {
                        let mut m = [q.clone(), k.clone(), val.clone()];
                        m[which][i][c] += d;
                        from_qkv(&m[0], &m[1], &m[2], &su).loss
                    };
                    let fd = (at(h) - at(-h)) / (2.0 * h);
                    assert!(
                        close(got[i][c], fd, 1e-4),
                        "QKV {which} [{i}][{c}]: {} vs {fd}",
                        got[i][c]
                    );
                }
            }
        }
    }
}

fn expected(n: &AttnNumbers, target: &str) -> f64 {
    if target == "loss" {
        return n.loss;
    }
    let (kind, rest) = target.split_once('[').unwrap();
    let idx: Vec<usize> = rest
        .trim_end_matches(']')
        .split("][")
        .map(|s| s.parse().unwrap())
        .collect();
    let (i, j) = (idx[0], idx[1]);
    let head = |name: &str| match name.as_bytes().get(1) {
        Some(b'2') => 1,
        _ => 0,
    };
    let param = |name: &str| n.param(name).unwrap();
    match kind {
        "Q" => n.q[i][j],
        "K" => n.k[i][j],
        "V" => n.v[i][j],
        "H" => n.h[i][j],
        "O" => n.o[i][j],
        "grad:Q" => n.g_q[i][j],
        "grad:K" => n.g_k[i][j],
        "grad:V" => n.g_v[i][j],
        "grad:H" => n.g_h[i][j],
        "grad:O" => n.g_o[i][j],
        s if s.starts_with('S') => n.s[head(s)][i][j],
        a if a.starts_with('A') => n.a[head(a)][i][j],
        g if g.starts_with("grad:S") => n.g_s[head(&g[5..])][i][j],
        g if g.starts_with("grad:A") => n.g_a[head(&g[5..])][i][j],
        g if g.starts_with("grad:W") => param(&g[5..]).grad[i][j],
        u if u.starts_with("updated:W") => param(&u[8..]).next[i][j],
        other => panic!("unexpected step {other}"),
    }
}

#[test]
fn every_step_shows_the_number_of_the_trace() {
    for v in setups() {
        let t = pollster::block_on((attention::LESSON.trace)(&v, &Device::flex())).unwrap();
        let n = run(&v);
        let heads = n.heads;
        let per_head = 9 + 9;
        let forward = 36 + heads * per_head + 12 + if heads == 2 { 12 } else { 0 } + 1;
        let backward =
            12 + if heads == 2 { 12 } else { 0 } + heads * per_head + 36 + 16 * (2 + heads);
        assert_eq!(t.steps.len(), forward + backward + 16 * (2 + heads));
        for s in &t.steps {
            let want = expected(&n, &s.target);
            assert_eq!(s.value, want, "{}", s.target);
            assert!(
                s.substituted.plain.ends_with(&format_number(want, 4)),
                "{}",
                s.substituted.plain
            );
        }
        let phases: Vec<Phase> = t.steps.iter().map(|s| s.phase).collect();
        assert_eq!(
            phases.iter().filter(|p| **p == Phase::Forward).count(),
            forward
        );
        assert!(
            phases.windows(2).all(|w| w[0] as u8 <= w[1] as u8),
            "forward, backward, update in order"
        );
        // Per head: who looks at whom, the scores, the weights; then the outputs table.
        assert_eq!(t.views.len(), 3 * heads + 1);
        assert!(t.all_finite());
    }
}

#[test]
fn training_lowers_the_loss() {
    for v in setups().into_iter().take(2) {
        let device = Device::flex();
        let first = run(&v).loss;
        let mut cur = v.clone();
        for _ in 0..30 {
            let t = pollster::block_on((attention::LESSON.trace)(&cur, &device)).unwrap();
            cur = t.advance(&cur);
        }
        let last = run(&cur).loss;
        assert!(last < 0.7 * first, "loss {first} → {last}");
    }
}

#[test]
fn extreme_settings_never_panic() {
    let device = Device::flex();
    let mut v = attention::article_values();
    let names: Vec<String> = v.names();
    for name in names
        .iter()
        .filter(|n| n.starts_with('W') || n.starts_with('X'))
    {
        v.set(name, "100").unwrap();
    }
    for heads in ["1", "2"] {
        v.apply_all([&*format!("heads={heads}"), "lr=100", "T[0][0]=-100"])
            .unwrap();
        let mut cur = v.clone();
        for _ in 0..3 {
            let t = pollster::block_on((attention::LESSON.trace)(&cur, &device)).unwrap();
            cur = t.advance(&cur);
        }
    }
}

fn row(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|&x| format_number(x, 4)).collect();
    format!("[{}]", items.join(", "))
}

fn oracle(v: &Values) -> (Setup, [Mat; 3], Fwd) {
    let su = setup(v);
    let m = qkv(&su);
    let f = from_qkv(&m[0], &m[1], &m[2], &su);
    (su, m, f)
}

#[test]
fn errata_truths_are_the_oracle_values() {
    let rows =
        pollster::block_on(errata(&attention::setup::article_values(), &Device::flex())).unwrap();
    let truth = |id: &str| rows.iter().find(|r| r.id == id).unwrap().truth.en.clone();
    for r in &rows {
        assert!(!r.explanation.zh.is_empty() && !r.explanation.en.is_empty());
        assert!(!r.truth.en.is_empty());
    }
    let article = attention::article_values();
    let (_, [q, _, _], one) = oracle(&article);
    assert_eq!(
        truth("qkv-formula"),
        format!("Q = X·W_Q, K = X·W_K, V = X·W_V; Q₁ = {}", row(&q[0]))
    );
    assert_eq!(
        truth("qkv-formula"),
        "Q = X·W_Q, K = X·W_K, V = X·W_V; Q₁ = [−0.1, 0.2, 0.2, 0.45]"
    );
    let mut v2 = article.clone();
    v2.apply_all(["heads=2"]).unwrap();
    let (_, _, two) = oracle(&v2);
    assert_eq!(
        truth("multihead-formula"),
        format!("Concat(head₁, head₂)·W_O; O₁ = {}", row(&two.o[0]))
    );
    assert!(truth("head-formula").ends_with(&format!(
        "A⁽¹⁾₁ = {}, A⁽²⁾₁ = {}",
        row(&two.a[0][0]),
        row(&two.a[1][0])
    )));
    assert_ne!(
        two.a[0][0], two.a[1][0],
        "the two heads weigh tokens differently"
    );
    // 64 entries in steps of 0.1: start + 63 × 0.1.
    assert_eq!(truth("embedding-width"), "6.4, 7, 7.6");
    // The printed codes filled to 64 entries from 0 in steps of 0.1, 0.2, 0.3 end at 63 × step;
    // beside them, for comparison, the sinusoidal code: position p starts [sin p, cos p].
    let pe: Vec<String> = (0..3)
        .map(|p| {
            let p = p as f64;
            format!(
                "[{}, {}, …]",
                format_number(p.sin(), 4),
                format_number(p.cos(), 4)
            )
        })
        .collect();
    assert_eq!(
        truth("position-codes"),
        format!("6.3, 12.6, 18.9 (sinusoidal: {})", pe.join(", "))
    );
    assert_eq!(
        truth("position-codes"),
        "6.3, 12.6, 18.9 (sinusoidal: [0, 1, …], [0.8415, 0.5403, …], [0.9093, −0.4161, …])"
    );
    // Q = K = V = X: scores XXᵀ/√4.
    let x = article.matrix("X", N, D);
    let s: Vec<f64> = (0..N)
        .map(|j| (0..D).map(|c| x[0][c] * x[j][c]).sum::<f64>() / 2.0)
        .collect();
    let z: f64 = s.iter().map(|v| v.exp()).sum();
    let bare: Vec<f64> = s.iter().map(|v| v.exp() / z).collect();
    assert_eq!(
        truth("qkv-embedding"),
        format!(
            "Q = X·W_Q ≠ K = X·W_K; A₁ = {} (Q = K = V = X: {})",
            row(&one.a[0][0]),
            row(&bare)
        )
    );
    let score_sum: f64 = one.s[0][0].iter().sum();
    assert_eq!(
        truth("weights-from-dot"),
        format!(
            "S₁ = {} (Σ = {}), A₁ = softmax(S₁) = {} (Σ = 1)",
            row(&one.s[0][0]),
            format_number(score_sum, 4),
            row(&one.a[0][0])
        )
    );
    assert!(truth("independent").ends_with(&row(&one.a[0][0])));
    // Without position codes, swapping two tokens swaps their outputs.
    let mut swapped = article.clone();
    for (c, (first, last)) in x[0].iter().zip(&x[2]).enumerate() {
        swapped.put(&format!("X[0][{c}]"), *last);
        swapped.put(&format!("X[2][{c}]"), *first);
    }
    let (_, _, sw) = oracle(&swapped);
    assert_mat("swapped O", &sw.o[..1], &one.o[2..], 1e-12);
    assert_eq!(
        truth("order"),
        format!(
            "O₃ = {}; “I” ↔ “programming” swapped: O₁ = {}",
            row(&one.o[2]),
            row(&sw.o[0])
        )
    );
    let weights = article
        .names()
        .iter()
        .filter(|n| n.starts_with('W'))
        .count();
    assert_eq!(weights, 4 * D * D);
    assert_eq!(
        truth("param-count"),
        "W_Q, W_K, W_V, W_O: 4·d_model² = 64 (1 head or 2)"
    );
}

/// The token-to-token picture of each head draws one line per query and key, as wide as the
/// weight the plain f64 attention computes (wider for a larger weight).
#[test]
fn the_token_links_follow_the_plain_attention_weights() {
    use engine::lessons::kit::View;
    use engine::plots::links_view::link_width;
    use engine::plots::views::view_svg;
    let device = Device::flex();
    for v in setups() {
        let su = setup(&v);
        let [q, k, val] = qkv(&su);
        let f = from_qkv(&q, &k, &val, &su);
        let t = pollster::block_on(attention::trace(&v, &device)).unwrap();
        for head in 0..su.heads {
            let id = format!("links-{}", head + 1);
            let Some(view @ View::Links(links)) = t.views.iter().find(|w| w.id() == id) else {
                panic!("no {id}");
            };
            assert_mat("links", &links.weights, &f.a[head], 1e-5);
            let svg = view_svg(view, engine::i18n::Lang::En, &[]);
            let n = links.tokens.len();
            assert_eq!(svg.matches("<line").count(), n * n);
            for (i, row) in f.a[head].iter().enumerate() {
                for (j, &a) in row.iter().enumerate() {
                    let tag = format!(r#"data-from="{i}" data-to="{j}""#);
                    let line = svg.split("<line").find(|l| l.contains(&tag)).unwrap();
                    let width = crate::svg_number(line, "stroke-width");
                    assert!(close(width, link_width(a), 1e-2), "{i}→{j}: {width}");
                }
            }
        }
    }
    assert!(link_width(0.9) > link_width(0.1));
}
