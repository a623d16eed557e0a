//! Playground training against an independent f64 network: forward values, gradients (also
//! checked by central finite differences), L1/L2 terms, SGD/Momentum/Adam updates, the frame's
//! grids and losses, weight editing, and that training lowers the loss.

#![allow(clippy::needless_range_loop)]

use burn::prelude::Device;
use engine::playground::features::feature_row;
use engine::playground::{
    Activation, DataSpec, DatasetKind, Feature, NEURON_GRID, NetSpec, OUTPUT_GRID, Optimizer,
    Playground, Point, Regularization, Weights, grid_points,
};

/// The oracle's forward pass: z and a per layer.
fn forward(w: &Weights, spec: &NetSpec, reg: bool, x: &[f64]) -> Vec<(Vec<f64>, Vec<f64>)> {
    let mut input = x.to_vec();
    let mut out = vec![];
    let last = w.layers.len() - 1;
    for (l, layer) in w.layers.iter().enumerate() {
        let z: Vec<f64> = (0..layer.b.len())
            .map(|j| {
                (0..input.len())
                    .map(|i| input[i] * layer.w[i][j])
                    .sum::<f64>()
                    + layer.b[j]
            })
            .collect();
        let a: Vec<f64> = z
            .iter()
            .map(|&v| {
                if l < last {
                    spec.activation.apply(v)
                } else if reg {
                    v
                } else {
                    1.0 / (1.0 + (-v).exp())
                }
            })
            .collect();
        input = a.clone();
        out.push((z, a));
    }
    out
}

fn data_loss(w: &Weights, spec: &NetSpec, reg: bool, p: &Point) -> f64 {
    let f = forward(w, spec, reg, &feature_row(&spec.features, p.x, p.y));
    let z = f.last().unwrap().0[0];
    if reg {
        (z - p.label).powi(2)
    } else {
        let a = 1.0 / (1.0 + (-z).exp());
        -(p.label * a.ln() + (1.0 - p.label) * (1.0 - a).ln())
    }
}

fn penalty(w: &Weights, spec: &NetSpec) -> f64 {
    let all = w.layers.iter().flat_map(|l| l.w.iter().flatten());
    spec.reg_rate
        * match spec.regularization {
            Regularization::None => 0.0,
            Regularization::L1 => all.map(|v| v.abs()).sum(),
            Regularization::L2 => all.map(|v| 0.5 * v * v).sum(),
        }
}

/// Backprop in f64 for one point: (dz, da, dW, db) per layer, penalty gradient included.
type Back = Vec<(Vec<f64>, Vec<f64>, Vec<Vec<f64>>, Vec<f64>)>;
fn backward(w: &Weights, spec: &NetSpec, reg: bool, p: &Point) -> Back {
    let x = feature_row(&spec.features, p.x, p.y);
    let f = forward(w, spec, reg, &x);
    let n = w.layers.len();
    let mut out: Back = vec![(vec![], vec![], vec![], vec![]); n];
    let (zl, al) = &f[n - 1];
    let mut dz = vec![if reg {
        2.0 * (zl[0] - p.label)
    } else {
        al[0] - p.label
    }];
    let mut da = dz.clone(); // unused for the output in the trace; checked only for hidden layers
    for l in (0..n).rev() {
        if l < n - 1 {
            let next = &w.layers[l + 1];
            da = (0..next.w.len())
                .map(|j| (0..dz.len()).map(|k| next.w[j][k] * dz[k]).sum())
                .collect();
            let (z, a) = &f[l];
            dz = (0..da.len())
                .map(|j| {
                    da[j]
                        * match spec.activation {
                            Activation::Tanh => 1.0 - a[j] * a[j],
                            Activation::Sigmoid => a[j] * (1.0 - a[j]),
                            Activation::Relu => f64::from(u8::from(z[j] > 0.0)),
                            Activation::Linear => 1.0,
                        }
                })
                .collect();
        }
        let input = if l == 0 { &x } else { &f[l - 1].1 };
        let dw = (0..input.len())
            .map(|i| {
                (0..dz.len())
                    .map(|j| {
                        let wij = w.layers[l].w[i][j];
                        input[i] * dz[j]
                            + spec.reg_rate
                                * match spec.regularization {
                                    Regularization::None => 0.0,
                                    Regularization::L1 => {
                                        wij.signum() * f64::from(u8::from(wij != 0.0))
                                    }
                                    Regularization::L2 => wij,
                                }
                    })
                    .collect()
            })
            .collect();
        out[l] = (dz.clone(), da.clone(), dw, dz.clone());
    }
    out
}

fn spec(hidden: Vec<usize>, act: Activation) -> NetSpec {
    NetSpec {
        features: vec![Feature::X1, Feature::X2, Feature::X1X2],
        hidden,
        activation: act,
        ..NetSpec::default()
    }
}

fn small_data(kind: DatasetKind) -> DataSpec {
    DataSpec {
        kind,
        points: 10,
        train_pct: 90,
        noise_pct: 10,
        seed: 4,
        ..DataSpec::default()
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    pollster::block_on(f)
}

#[test]
fn step_trace_matches_f64_backprop_and_finite_differences() {
    let dev = Device::flex();
    for act in Activation::ALL {
        for (kind, regn) in [
            (DatasetKind::Circle, Regularization::L2),
            (DatasetKind::Plane, Regularization::L1),
            (DatasetKind::Xor, Regularization::None),
        ] {
            let mut s = spec(vec![3, 2], *act);
            s.regularization = regn;
            s.reg_rate = 0.05;
            let pg = Playground::new(s.clone(), small_data(kind), None, &dev).unwrap();
            let w = run(pg.weights()).unwrap();
            assert_eq!(w, {
                let init = Weights::init(&s.widths(), s.seed);
                // f32 storage: the read-back weights are the seeded ones rounded to f32.
                let mut r = init.clone();
                for l in &mut r.layers {
                    l.w.iter_mut()
                        .flatten()
                        .for_each(|v| *v = f64::from(*v as f32));
                    l.b.iter_mut().for_each(|v| *v = f64::from(*v as f32));
                }
                r
            });
            let reg = kind.is_regression();
            let p = Point {
                x: 1.5,
                y: -0.8,
                label: if reg { 0.3 } else { 1.0 },
            };
            let t = run(pg.step_trace(p)).unwrap();
            let f = forward(&w, &s, reg, &feature_row(&s.features, p.x, p.y));
            let b = backward(&w, &s, reg, &p);
            let loss = data_loss(&w, &s, reg, &p) + penalty(&w, &s);
            assert!(close(t.loss.unwrap(), loss, 1e-5), "{act:?} {kind:?} loss");
            for l in 0..f.len() {
                let q = |n: &str| t.quantity(&format!("{n}{}", l + 1)).unwrap();
                let flat = |v: &engine::model::value::Value| v.flat();
                let cmp = |got: Vec<f64>, want: &[f64], what: &str| {
                    for (g, e) in got.iter().zip(want) {
                        assert!(
                            close(*g, *e, 1e-4),
                            "{act:?} {kind:?} {what}{}: {g} vs {e}",
                            l + 1
                        );
                    }
                };
                cmp(flat(&q("z").value), &f[l].0, "z");
                cmp(flat(&q("a").value), &f[l].1, "a");
                cmp(flat(q("z").grad.as_ref().unwrap()), &b[l].0, "dz");
                if l + 1 < f.len() {
                    cmp(flat(q("a").grad.as_ref().unwrap()), &b[l].1, "da");
                }
                cmp(flat(q("W").grad.as_ref().unwrap()), &b[l].2.concat(), "dW");
                cmp(flat(q("b").grad.as_ref().unwrap()), &b[l].3, "db");
            }
            // The oracle's gradients against central differences of its own loss.
            let h = 1e-6;
            for l in 0..w.layers.len() {
                for i in 0..w.layers[l].w.len() {
                    for j in 0..w.layers[l].b.len() {
                        let bump = |d: f64| {
                            let mut v = w.clone();
                            v.layers[l].w[i][j] += d;
                            data_loss(&v, &s, reg, &p) + penalty(&v, &s)
                        };
                        let fd = (bump(h) - bump(-h)) / (2.0 * h);
                        // ReLU's kink can sit between the two probes; skip such an entry.
                        if *act == Activation::Relu && (fd - b[l].2[i][j]).abs() > 1e-3 {
                            continue;
                        }
                        assert!(close(fd, b[l].2[i][j], 1e-5), "FD {act:?} W{l}[{i}][{j}]");
                    }
                }
            }
            // Every step's number is one of the read-back quantities (the page shows these).
            let grad_w1 = t
                .steps
                .iter()
                .find(|st| st.target == "grad:W1[0][0]")
                .unwrap();
            assert!(close(grad_w1.value, b[0].2[0][0], 1e-4));
            assert!(grad_w1.substituted.plain.contains('='));
        }
    }
}

#[test]
fn l1_and_l2_add_their_terms_to_the_weight_gradient() {
    let dev = Device::flex();
    let p = Point {
        x: -2.0,
        y: 1.0,
        label: 0.0,
    };
    let grads = |regn: Regularization| {
        let mut s = spec(vec![2], Activation::Tanh);
        s.regularization = regn;
        s.reg_rate = 0.3;
        let pg = Playground::new(s, small_data(DatasetKind::Circle), None, &dev).unwrap();
        let t = run(pg.step_trace(p)).unwrap();
        let w = |n: &str| t.quantity(n).unwrap().value.flat();
        let g = |n: &str| t.quantity(n).unwrap().grad.as_ref().unwrap().flat();
        (w("W1"), g("W1"), g("b1"))
    };
    let (w, none, b_none) = grads(Regularization::None);
    let (_, l1, b_l1) = grads(Regularization::L1);
    let (_, l2, b_l2) = grads(Regularization::L2);
    for k in 0..w.len() {
        assert!(
            (l1[k] - none[k] - 0.3 * w[k].signum()).abs() < 1e-6,
            "L1 {k}"
        );
        assert!((l2[k] - none[k] - 0.3 * w[k]).abs() < 1e-6, "L2 {k}");
    }
    assert_eq!(b_none, b_l1, "biases are not penalised");
    assert_eq!(b_none, b_l2);
}

/// One full-batch step of each optimiser, twice, in f64 from the same start.
#[test]
fn optimiser_updates_match_f64() {
    let dev = Device::flex();
    for opt in Optimizer::ALL {
        let mut s = spec(vec![2], Activation::Tanh);
        s.optimizer = *opt;
        s.learning_rate = 0.1;
        s.batch_size = 10; // the 9 training points are one batch: order cannot matter
        s.regularization = Regularization::L2;
        s.reg_rate = 0.01;
        let data = small_data(DatasetKind::Gauss);
        let mut pg = Playground::new(s.clone(), data, None, &dev).unwrap();
        let train = pg.split().train.clone();
        assert_eq!(train.len(), 9);
        let mut w = run(pg.weights()).unwrap();
        let mut m: Vec<f64> = vec![0.0; 0];
        let mut v: Vec<f64> = vec![];
        for t in 1..=2 {
            let report = run(pg.train_batches(1)).unwrap();
            let loss: f64 = train
                .iter()
                .map(|p| data_loss(&w, &s, false, p))
                .sum::<f64>()
                / 9.0;
            assert!(
                close(report.batch_losses[0], loss, 1e-5),
                "{opt:?} loss {t}"
            );
            // Mean data gradient + penalty gradient, flattened layer by layer (W then b).
            let mut g = vec![];
            let backs: Vec<Back> = train.iter().map(|p| backward(&w, &s, false, p)).collect();
            for l in 0..w.layers.len() {
                let (nf, nt) = (w.layers[l].w.len(), w.layers[l].b.len());
                for i in 0..nf {
                    for j in 0..nt {
                        // backward() adds the penalty per point; the mean keeps it once.
                        g.push(backs.iter().map(|b| b[l].2[i][j]).sum::<f64>() / 9.0);
                    }
                }
                for j in 0..nt {
                    g.push(backs.iter().map(|b| b[l].3[j]).sum::<f64>() / 9.0);
                }
            }
            if m.is_empty() {
                m = vec![0.0; g.len()];
                v = vec![0.0; g.len()];
            }
            let step: Vec<f64> = (0..g.len())
                .map(|k| match opt {
                    Optimizer::Sgd => g[k],
                    Optimizer::Momentum => {
                        // burn: v₁ = g, then v = 0.9·v + g (no dampening).
                        m[k] = if t == 1 { g[k] } else { 0.9 * m[k] + g[k] };
                        m[k]
                    }
                    Optimizer::Adam => {
                        m[k] = 0.9 * m[k] + 0.1 * g[k];
                        v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
                        let mh = m[k] / (1.0 - 0.9f64.powi(t));
                        let vh = v[k] / (1.0 - 0.999f64.powi(t));
                        mh / (vh.sqrt() + 1e-8)
                    }
                })
                .collect();
            let mut k = 0;
            for layer in &mut w.layers {
                for row in &mut layer.w {
                    for x in row.iter_mut() {
                        *x -= 0.1 * step[k];
                        k += 1;
                    }
                }
                for x in &mut layer.b {
                    *x -= 0.1 * step[k];
                    k += 1;
                }
            }
            let got = run(pg.weights()).unwrap();
            for (gl, el) in got.layers.iter().zip(&w.layers) {
                for (g, e) in gl.w.iter().flatten().zip(el.w.iter().flatten()) {
                    assert!((g - e).abs() < 2e-5, "{opt:?} step {t}: w {g} vs {e}");
                }
                for (g, e) in gl.b.iter().zip(&el.b) {
                    assert!((g - e).abs() < 2e-5, "{opt:?} step {t}: b {g} vs {e}");
                }
            }
            w = got;
        }
    }
}

#[test]
fn frame_grids_and_losses_match_a_direct_forward_pass() {
    let dev = Device::flex();
    let s = spec(vec![3, 2], Activation::Relu);
    let pg = Playground::new(s.clone(), small_data(DatasetKind::Spiral), None, &dev).unwrap();
    let fr = run(pg.frame()).unwrap();
    let w = run(pg.weights()).unwrap();
    assert_eq!(fr.weights, w);
    assert_eq!(fr.epoch, 0);
    let mean = |ps: &[Point]| {
        ps.iter().map(|p| data_loss(&w, &s, false, p)).sum::<f64>() / ps.len() as f64
    };
    assert!(close(fr.train_loss, mean(&pg.split().train), 1e-5));
    assert!(close(fr.test_loss, mean(&pg.split().test), 1e-5));
    let fine = grid_points(OUTPUT_GRID);
    assert_eq!(fr.output.len(), OUTPUT_GRID * OUTPUT_GRID);
    assert_eq!(fine[0], (-5.94, -5.94));
    assert_eq!(fine[OUTPUT_GRID - 1].1, -5.94, "row 0 is the bottom row");
    for (k, &(x, y)) in fine.iter().enumerate().step_by(37) {
        let f = forward(&w, &s, false, &feature_row(&s.features, x, y));
        assert!(
            close(fr.output[k], f.last().unwrap().1[0], 1e-5),
            "cell {k}"
        );
    }
    let coarse = grid_points(NEURON_GRID);
    assert_eq!(fr.neurons.len(), 4);
    assert_eq!(
        fr.neurons.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![3, 3, 2, 1]
    );
    for (k, &(x, y)) in coarse.iter().enumerate() {
        let feats = feature_row(&s.features, x, y);
        let f = forward(&w, &s, false, &feats);
        for (i, v) in feats.iter().enumerate() {
            assert_eq!(fr.neurons[0][i][k], *v);
        }
        for l in 0..f.len() {
            for (j, a) in f[l].1.iter().enumerate() {
                assert!(
                    close(fr.neurons[l + 1][j][k], *a, 1e-5),
                    "layer {} neuron {j}",
                    l + 1
                );
            }
        }
    }
}

#[test]
fn editing_one_weight_changes_only_it_and_bad_edits_are_refused() {
    let dev = Device::flex();
    let s = spec(vec![2], Activation::Tanh);
    let mut pg = Playground::new(s, small_data(DatasetKind::Circle), None, &dev).unwrap();
    let before = run(pg.weights()).unwrap();
    pg.set_weight(0, 2, 1, 0.75).unwrap();
    pg.set_bias(1, 0, -0.5).unwrap();
    let mut want = before.clone();
    want.layers[0].w[2][1] = 0.75;
    want.layers[1].b[0] = -0.5;
    assert_eq!(run(pg.weights()).unwrap(), want);
    // Training still works after the edit (the edited tensors stay trainable).
    run(pg.train_batches(2)).unwrap();
    assert_ne!(run(pg.weights()).unwrap().layers[0].w[2][1], 0.75);
    for (l, i, j) in [(2, 0, 0), (0, 3, 0), (0, 0, 2), (1, 2, 0)] {
        assert!(pg.set_weight(l, i, j, 1.0).is_err(), "({l}, {i}, {j})");
    }
    assert!(pg.set_bias(1, 1, 0.0).is_err());
    assert!(pg.set_weight(0, 0, 0, f64::NAN).is_err());
    assert!(pg.set_weight(0, 0, 0, 1e9).is_err());
}

#[test]
fn an_epoch_lowers_the_loss_on_an_easy_set() {
    let dev = Device::flex();
    let s = NetSpec {
        hidden: vec![2],
        learning_rate: 0.1,
        ..NetSpec::default()
    };
    let data = DataSpec {
        kind: DatasetKind::Gauss,
        points: 100,
        ..DataSpec::default()
    };
    let mut pg = Playground::new(s, data, None, &dev).unwrap();
    let start = run(pg.frame()).unwrap();
    let report = run(pg.train_epoch()).unwrap();
    assert_eq!(report.epoch, 1);
    assert_eq!(report.batch_losses.len(), 5); // 50 training points, batches of 10
    let after = run(pg.frame()).unwrap();
    assert_eq!(after.epoch, 1);
    assert!(
        after.train_loss < 0.8 * start.train_loss,
        "{} → {}",
        start.train_loss,
        after.train_loss
    );
    assert!(after.test_loss < start.test_loss);
}

#[test]
fn invalid_settings_are_refused_with_a_message() {
    let dev = Device::flex();
    let cases = [
        NetSpec {
            features: vec![],
            ..NetSpec::default()
        },
        NetSpec {
            hidden: vec![9],
            ..NetSpec::default()
        },
        NetSpec {
            hidden: vec![1; 7],
            ..NetSpec::default()
        },
        NetSpec {
            learning_rate: 0.0,
            ..NetSpec::default()
        },
        NetSpec {
            batch_size: 31,
            ..NetSpec::default()
        },
        NetSpec {
            reg_rate: f64::INFINITY,
            ..NetSpec::default()
        },
        NetSpec {
            features: vec![Feature::X1, Feature::X1],
            ..NetSpec::default()
        },
    ];
    for s in cases {
        let e = Playground::new(s.clone(), DataSpec::default(), None, &dev)
            .err()
            .unwrap();
        assert!(!e.message(engine::i18n::Lang::Zh).is_empty(), "{s:?}");
    }
    let wrong = Weights::init(&[3, 1], 1);
    assert!(Playground::new(NetSpec::default(), DataSpec::default(), Some(&wrong), &dev).is_err());
}

/// Native speed of the benchmark network: `cargo test --release -p engine --test
/// playground_train -- --ignored --nocapture`.
#[test]
#[ignore]
fn bench_steps_per_second() {
    let dev = Device::flex();
    let s = NetSpec {
        hidden: vec![8, 8],
        ..NetSpec::default()
    };
    let data = DataSpec {
        points: 500,
        train_pct: 50,
        ..DataSpec::default()
    };
    let mut pg = Playground::new(s, data, None, &dev).unwrap();
    run(pg.train_batches(100)).unwrap();
    let t = std::time::Instant::now();
    let mut steps = 0;
    while t.elapsed().as_secs_f64() < 3.0 {
        run(pg.train_batches(25)).unwrap();
        steps += 25;
    }
    let sps = steps as f64 / t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let mut frames = 0;
    while t.elapsed().as_secs_f64() < 2.0 {
        run(pg.frame()).unwrap();
        frames += 1;
    }
    let fps = frames as f64 / t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let mut epochs = 0;
    while t.elapsed().as_secs_f64() < 2.0 {
        run(pg.train_epoch()).unwrap();
        run(pg.frame()).unwrap();
        epochs += 1;
    }
    let eps = epochs as f64 / t.elapsed().as_secs_f64();
    println!("steps/s {sps:.0}  frames/s {fps:.1}  (epoch of 25 steps + frame)/s {eps:.1}");
}
