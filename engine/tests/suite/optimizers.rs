//! Lesson `optimizers`: each racer's loss, gradient and update against an f64 implementation of
//! the four rules, gradients against central finite differences, and the errata's truths.

use burn::prelude::Device;
use engine::lessons::kit::{LessonTrace, Values, View};
use engine::lessons::optimizers::{self, errata, model};
use engine::state::setting::Settings;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn loss(w: [f64; 2]) -> f64 {
    model::X
        .iter()
        .zip(model::Y)
        .map(|(x, y)| (w[0] * x[0] + w[1] * x[1] - y).powi(2))
        .sum::<f64>()
        / model::N as f64
}

fn sample_loss(w: [f64; 2], s: usize) -> f64 {
    let x = model::X[s];
    (w[0] * x[0] + w[1] * x[1] - model::Y[s]).powi(2)
}

/// (2/N) Σ (ŷᵢ − yᵢ) xᵢ, derived by hand.
fn grad(w: [f64; 2]) -> [f64; 2] {
    let mut g = [0.0; 2];
    for (x, y) in model::X.iter().zip(model::Y) {
        let r = w[0] * x[0] + w[1] * x[1] - y;
        for j in 0..2 {
            g[j] += 2.0 * r * x[j] / model::N as f64;
        }
    }
    g
}

fn sample_grad(w: [f64; 2], s: usize) -> [f64; 2] {
    let x = model::X[s];
    let r = w[0] * x[0] + w[1] * x[1] - model::Y[s];
    [2.0 * r * x[0], 2.0 * r * x[1]]
}

/// The four rules in f64, state carried like the lesson's hidden settings.
struct Oracle {
    pos: [[f64; 2]; 4],
    vel: [f64; 2],
    m: [f64; 2],
    v: [f64; 2],
    t: f64,
}

impl Oracle {
    fn new(start: [f64; 2]) -> Oracle {
        Oracle {
            pos: [start; 4],
            vel: [0.0; 2],
            m: [0.0; 2],
            v: [0.0; 2],
            t: 0.0,
        }
    }

    // Indexing the parallel arrays by coordinate reads like the update formulas.
    #[allow(clippy::needless_range_loop)]
    fn step(&mut self, s: &Values) {
        let lr = ["lr_gd", "lr_sgd", "lr_momentum", "lr_adam"].map(|n| s.get(n));
        let (mu, b1, b2, eps) = (
            s.get("momentum"),
            s.get("beta1"),
            s.get("beta2"),
            s.get("eps"),
        );
        let sample = model::sample_index(s.get("seed"), self.t);
        let g = [
            grad(self.pos[0]),
            sample_grad(self.pos[1], sample),
            grad(self.pos[2]),
            grad(self.pos[3]),
        ];
        self.t += 1.0;
        for j in 0..2 {
            self.pos[0][j] -= lr[0] * g[0][j];
            self.pos[1][j] -= lr[1] * g[1][j];
            self.vel[j] = mu * self.vel[j] + g[2][j];
            self.pos[2][j] -= lr[2] * self.vel[j];
            self.m[j] = b1 * self.m[j] + (1.0 - b1) * g[3][j];
            self.v[j] = b2 * self.v[j] + (1.0 - b2) * g[3][j] * g[3][j];
            let m_hat = self.m[j] / (1.0 - b1.powf(self.t));
            let v_hat = self.v[j] / (1.0 - b2.powf(self.t));
            self.pos[3][j] -= lr[3] * m_hat / (v_hat.sqrt() + eps);
        }
    }
}

fn trace(v: &Values) -> LessonTrace {
    pollster::block_on((optimizers::LESSON.trace)(v, &Device::flex())).unwrap()
}

fn metric(t: &LessonTrace, name: &str) -> f64 {
    t.metrics.iter().find(|m| m.name == name).unwrap().value
}

#[test]
fn twenty_steps_follow_the_f64_rules() {
    let mut v = optimizers::article_values();
    v.apply_all(["seed=7", "lr_adam=0.05"]).unwrap();
    let mut o = Oracle::new([v.get("start[0]"), v.get("start[1]")]);
    for _ in 0..20 {
        let t = trace(&v);
        for (r, name) in optimizers::RACERS.iter().enumerate() {
            let q = t.quantity(name).unwrap();
            let pos = q.value.flat();
            assert!(
                close(pos[0], o.pos[r][0], 1e-4) && close(pos[1], o.pos[r][1], 1e-4),
                "{name} {pos:?} vs {:?}",
                o.pos[r]
            );
            assert!(close(
                metric(&t, &format!("loss_{name}")),
                loss(o.pos[r]),
                1e-4
            ));
            let g = q.grad.as_ref().unwrap().flat();
            let expected = if r == 1 {
                sample_grad(o.pos[1], model::sample_index(7.0, o.t))
            } else {
                grad(o.pos[r])
            };
            assert!(
                close(g[0], expected[0], 1e-3) && close(g[1], expected[1], 1e-3),
                "{name} grad"
            );
        }
        o.step(&v);
        v = t.advance(&v);
    }
    assert!(close(v.get("m[0]"), o.m[0], 1e-3) && close(v.get("v[1]"), o.v[1], 1e-3));
    assert!(close(v.get("vel[1]"), o.vel[1], 1e-3));
}

#[test]
fn gradients_match_central_finite_differences() {
    let device = Device::flex();
    let mut v = optimizers::article_values();
    v.apply_all(["start[0]=0.7", "start[1]=-0.9", "seed=3"])
        .unwrap();
    let n = pollster::block_on(model::compute(&v, &device)).unwrap();
    let w = [0.7, -0.9];
    let h = 1e-6;
    for j in 0..2 {
        let at = |d: f64, f: &dyn Fn([f64; 2]) -> f64| {
            let mut q = w;
            q[j] += d;
            f(q)
        };
        let fd = (at(h, &loss) - at(-h, &loss)) / (2.0 * h);
        assert!(close(n.grads[j], fd, 1e-4), "{} vs {fd}", n.grads[j]);
        let s = n.sample;
        let fs = |q: [f64; 2]| sample_loss(q, s);
        let fd_s = (at(h, &fs) - at(-h, &fs)) / (2.0 * h);
        assert!(
            close(n.grads[2 + j], fd_s, 1e-4),
            "sample: {} vs {fd_s}",
            n.grads[2 + j]
        );
    }
}

#[test]
fn every_step_shows_the_number_of_the_trace() {
    let mut v = optimizers::article_values();
    for _ in 0..3 {
        v = trace(&v).advance(&v);
    }
    let t = trace(&v);
    let n = pollster::block_on(model::compute(&v, &Device::flex())).unwrap();
    assert_eq!(t.steps.len(), 5 + 8 + 10 + 8);
    for s in &t.steps {
        let expected = if s.target == "sample_loss" {
            n.sample_loss
        } else {
            let (kind, i) = s.target.split_once('[').unwrap();
            let i: usize = i.trim_end_matches(']').parse().unwrap();
            let racer = |name: &str| optimizers::RACERS.iter().position(|r| *r == name).unwrap();
            match kind {
                "losses" => n.losses[i],
                "vel" => n.vel_next[i],
                "m" => n.m_next[i],
                "v" => n.v_next[i],
                "m_hat" => n.m_hat[i],
                "v_hat" => n.v_hat[i],
                k if k.starts_with("grad:") => n.grads[2 * racer(&k[5..]) + i],
                k if k.starts_with("updated:") => n.next[2 * racer(&k[8..]) + i],
                other => panic!("unexpected step {other}"),
            }
        };
        assert_eq!(s.value, expected, "{}", s.target);
        assert!(
            s.substituted
                .plain
                .ends_with(&engine::state::number::format_number(expected, 4))
        );
    }
}

#[test]
fn every_racer_lowers_its_loss_and_the_surface_has_four_paths() {
    let mut v = optimizers::article_values();
    let first = trace(&v);
    for _ in 0..150 {
        v = trace(&v).advance(&v);
    }
    let last = trace(&v);
    for name in ["loss_gd", "loss_sgd", "loss_momentum", "loss_adam"] {
        assert!(metric(&last, name) < 0.5 * metric(&first, name), "{name}");
    }
    let Some(View::Surface(s)) = last.views.first() else {
        panic!("no surface")
    };
    assert_eq!(s.paths.len(), 4);
    let w1 = model::axis(s.x_range);
    let w2 = model::axis(s.y_range);
    assert!(close(s.z[5][33], loss([w1[33], w2[5]]), 1e-5));
    assert!(s.x_range.0 < v.get("start[0]") && v.get("start[1]") < s.y_range.1);
}

#[test]
fn errata_truths_are_the_oracle_values() {
    let rows = pollster::block_on(errata::errata(
        &optimizers::setup::article_values(),
        &Device::flex(),
    ))
    .unwrap();
    let row = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
    let v = optimizers::article_values();
    let g = grad([v.get("start[0]"), v.get("start[1]")]);
    let f = |a: f64, b: f64| {
        format!(
            "[{}, {}]",
            engine::state::number::format_number(a, 4),
            engine::state::number::format_number(b, 4)
        )
    };
    let nums = |s: &str| -> Vec<f64> {
        s.replace('\u{2212}', "-")
            .split(|c: char| c == '[' || c == ']' || c == ',' || c.is_whitespace())
            .filter_map(|x| x.parse().ok())
            .collect()
    };
    let sq = nums(&row("grad_squared").truth.en);
    assert!(
        close(sq[0], g[0] * g[0], 1e-4) && close(sq[1], g[1] * g[1], 1e-4),
        "{sq:?}"
    );
    let h =
        [0, 1].map(|j| model::X.iter().map(|x| 2.0 * x[j] * x[j]).sum::<f64>() / model::N as f64);
    assert!(
        row("grad_squared")
            .recomputed
            .as_ref()
            .map(|p| p.en.as_str())
            .unwrap()
            .ends_with(&f(h[0], h[1]))
    );
    // Adam's first corrected step is ≈ α·sign(g); the article's uncorrected one ≈ 3.16 α.
    let mut o = Oracle::new([v.get("start[0]"), v.get("start[1]")]);
    o.step(&v);
    let step = [
        o.pos[3][0] - v.get("start[0]"),
        o.pos[3][1] - v.get("start[1]"),
    ];
    let got = nums(&row("bias_correction").truth.en);
    assert!(
        close(got[0], step[0], 1e-4) && close(got[1], step[1], 1e-4),
        "{got:?} vs {step:?}"
    );
    let lr = v.get("lr_adam");
    let printed = nums(
        row("bias_correction")
            .recomputed
            .as_ref()
            .map(|p| p.en.as_str())
            .unwrap(),
    );
    let ratio = (1.0 - 0.9) / (1.0f64 - 0.999).sqrt();
    assert!(
        close(printed[0], -lr * ratio * g[0].signum(), 1e-4),
        "{printed:?}"
    );
}

#[test]
fn extreme_settings_never_panic() {
    let mut v = optimizers::article_values();
    v.apply_all([
        "lr_gd=10",
        "lr_sgd=10",
        "lr_momentum=10",
        "lr_adam=10",
        "momentum=0.999",
        "beta2=0",
        "eps=1",
    ])
    .unwrap();
    for _ in 0..60 {
        v = trace(&v).advance(&v);
    }
    let mut v = optimizers::article_values();
    v.apply_all([
        "beta1=0",
        "beta2=0.999999",
        "start[0]=10",
        "start[1]=-10",
        "seed=1000000",
    ])
    .unwrap();
    for _ in 0..5 {
        v = trace(&v).advance(&v);
    }
}
