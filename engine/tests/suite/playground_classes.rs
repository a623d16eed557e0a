//! Multi-class playground: softmax and cross-entropy against an independent f64 network
//! (forward, ŷ − y at the output, every gradient by hand backprop and by central finite
//! differences, also through the model itself), the frame's class probabilities and per-class
//! losses, the multi-class data sets, the two-class default left as it was, and training.

#![allow(clippy::needless_range_loop)]

use burn::prelude::Device;
use engine::playground::colour::{CLASS_COLOURS, blend};
use engine::playground::features::feature_row;
use engine::playground::head::one_hot;
use engine::playground::state::{from_hash, to_hash};
use engine::playground::{
    Activation, DataSpec, DatasetKind, Feature, Head, NetSpec, OUTPUT_GRID, Playground,
    PlaygroundState, Point, Weights, grid_points,
};

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    pollster::block_on(f)
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().map(|v| v / s).collect()
}

/// The oracle's forward pass, softmax at the output: (z, a) per layer.
fn forward(w: &Weights, act: Activation, x: &[f64]) -> Vec<(Vec<f64>, Vec<f64>)> {
    let mut input = x.to_vec();
    let mut out = vec![];
    for (l, layer) in w.layers.iter().enumerate() {
        let z: Vec<f64> = (0..layer.b.len())
            .map(|j| {
                (0..input.len())
                    .map(|i| input[i] * layer.w[i][j])
                    .sum::<f64>()
                    + layer.b[j]
            })
            .collect();
        let a = if l + 1 == w.layers.len() {
            softmax(&z)
        } else {
            z.iter().map(|&v| act.apply(v)).collect()
        };
        input = a.clone();
        out.push((z, a));
    }
    out
}

fn ce(w: &Weights, s: &NetSpec, p: &Point) -> f64 {
    let f = forward(w, s.activation, &feature_row(&s.features, p.x, p.y));
    -f.last().unwrap().1[p.label as usize].ln()
}

/// Hand backprop: per layer (dz, dW); the output's dz is ŷ − y.
fn backward(w: &Weights, s: &NetSpec, p: &Point) -> Vec<(Vec<f64>, Vec<Vec<f64>>)> {
    let x = feature_row(&s.features, p.x, p.y);
    let f = forward(w, s.activation, &x);
    let n = w.layers.len();
    let k = w.layers[n - 1].b.len();
    let y = one_hot(p.label, k);
    let mut dz: Vec<f64> = (0..k).map(|j| f[n - 1].1[j] - y[j]).collect();
    let mut out = vec![(vec![], vec![]); n];
    for l in (0..n).rev() {
        if l < n - 1 {
            let next = &w.layers[l + 1];
            let a = &f[l].1;
            dz = (0..next.w.len())
                .map(|j| {
                    let da: f64 = (0..dz.len()).map(|m| next.w[j][m] * dz[m]).sum();
                    da * match s.activation {
                        Activation::Tanh => 1.0 - a[j] * a[j],
                        Activation::Sigmoid => a[j] * (1.0 - a[j]),
                        Activation::Relu => f64::from(u8::from(f[l].0[j] > 0.0)),
                        Activation::Linear => 1.0,
                    }
                })
                .collect();
        }
        let input = if l == 0 { &x } else { &f[l - 1].1 };
        let dw = input
            .iter()
            .map(|xi| dz.iter().map(|d| xi * d).collect())
            .collect();
        out[l] = (dz.clone(), dw);
    }
    out
}

fn net(hidden: Vec<usize>, act: Activation) -> NetSpec {
    NetSpec {
        features: vec![Feature::X1, Feature::X2, Feature::SinX1],
        hidden,
        activation: act,
        ..NetSpec::default()
    }
}

fn blobs(classes: usize) -> DataSpec {
    DataSpec {
        kind: DatasetKind::Blobs,
        classes,
        points: 40,
        train_pct: 75,
        noise_pct: 10,
        seed: 3,
        ..DataSpec::default()
    }
}

#[test]
fn softmax_ce_gradient_at_the_output_is_y_hat_minus_y() {
    let dev = Device::flex();
    for (k, softmax_flag) in [(2, true), (3, false), (5, false)] {
        let s = NetSpec {
            softmax: softmax_flag,
            ..net(vec![4], Activation::Tanh)
        };
        let pg = Playground::new(s.clone(), blobs(k), None, &dev).unwrap();
        assert_eq!(pg.head(), Head::Softmax(k));
        assert_eq!(pg.widths(), &[3, 4, k]);
        for c in 0..k {
            let p = Point {
                x: -1.2,
                y: 2.5,
                label: c as f64,
            };
            let t = run(pg.step_trace(p)).unwrap();
            let a = t.quantity("a2").unwrap().value.flat();
            let dz = t.quantity("z2").unwrap().grad.as_ref().unwrap().flat();
            assert!(
                (a.iter().sum::<f64>() - 1.0).abs() < 1e-6,
                "softmax sums to 1"
            );
            for j in 0..k {
                let y = f64::from(u8::from(j == c));
                assert!((dz[j] - (a[j] - y)).abs() < 1e-6, "k {k} c {c} j {j}");
                let step = t
                    .steps
                    .iter()
                    .find(|st| st.target == format!("grad:z2[{j}]"))
                    .unwrap();
                assert_eq!(step.formula.plain, format!("∂L/∂z2[{j}] = ŷ[{j}] − y[{j}]"));
                assert!((step.value - dz[j]).abs() < 1e-12);
                assert!(
                    step.substituted
                        .plain
                        .starts_with(&engine::state::number::format_number(a[j], 4))
                );
            }
            // The loss step is −ln ŷ of the point's class.
            let loss = t.steps.iter().find(|st| st.target == "loss").unwrap();
            assert!(close(loss.value, -a[c].ln(), 1e-5));
            assert!(loss.formula.plain.starts_with(&format!("L = −ln ŷ[{c}]")));
            let soft = t.steps.iter().find(|st| st.target == "a2[0]").unwrap();
            assert!(
                soft.formula.plain.contains("e^(z2[0])"),
                "{}",
                soft.formula.plain
            );
        }
    }
}

#[test]
fn multi_class_gradients_match_f64_backprop_and_finite_differences() {
    let dev = Device::flex();
    for act in [Activation::Tanh, Activation::Sigmoid, Activation::Relu] {
        let s = net(vec![4, 3], act);
        let data = blobs(4);
        let pg = Playground::new(s.clone(), data.clone(), None, &dev).unwrap();
        let w = run(pg.weights()).unwrap();
        let p = Point {
            x: 1.7,
            y: -0.6,
            label: 2.0,
        };
        let t = run(pg.step_trace(p)).unwrap();
        let f = forward(&w, act, &feature_row(&s.features, p.x, p.y));
        let b = backward(&w, &s, &p);
        assert!(close(t.loss.unwrap(), ce(&w, &s, &p), 1e-5), "{act:?} loss");
        for l in 0..3 {
            let q = |n: &str| t.quantity(&format!("{n}{}", l + 1)).unwrap();
            let got_a = q("a").value.flat();
            let got_dz = q("z").grad.as_ref().unwrap().flat();
            let got_dw = q("W").grad.as_ref().unwrap().flat();
            for (g, e) in got_a.iter().zip(&f[l].1) {
                assert!(close(*g, *e, 1e-5), "{act:?} a{}", l + 1);
            }
            for (g, e) in got_dz.iter().zip(&b[l].0) {
                assert!(close(*g, *e, 1e-4), "{act:?} dz{}: {g} vs {e}", l + 1);
            }
            for (g, e) in got_dw.iter().zip(b[l].1.concat().iter()) {
                assert!(close(*g, *e, 1e-4), "{act:?} dW{}: {g} vs {e}", l + 1);
            }
        }
        // The oracle against central differences of its own loss (f64, h = 1e-6), and the
        // model's gradients against central differences of the model's own loss (burn computes
        // in f32, so h = 1e-2 and a looser tolerance).
        for l in 0..3 {
            for i in 0..w.layers[l].w.len() {
                for j in 0..w.layers[l].b.len() {
                    let bump = |d: f64| {
                        let mut v = w.clone();
                        v.layers[l].w[i][j] += d;
                        v
                    };
                    let h = 1e-6;
                    let fd = (ce(&bump(h), &s, &p) - ce(&bump(-h), &s, &p)) / (2.0 * h);
                    if act == Activation::Relu && (fd - b[l].1[i][j]).abs() > 1e-3 {
                        continue; // a ReLU kink between the probes
                    }
                    assert!(
                        close(fd, b[l].1[i][j], 1e-5),
                        "oracle FD {act:?} W{l}[{i}][{j}]"
                    );
                    let model_loss = |v: &Weights| {
                        let pg = Playground::new(s.clone(), data.clone(), Some(v), &dev).unwrap();
                        run(pg.step_trace(p)).unwrap().loss.unwrap()
                    };
                    let h = 1e-2;
                    let model_fd = (model_loss(&bump(h)) - model_loss(&bump(-h))) / (2.0 * h);
                    let got = t
                        .quantity(&format!("W{}", l + 1))
                        .unwrap()
                        .grad
                        .as_ref()
                        .unwrap()
                        .flat()[i * w.layers[l].b.len() + j];
                    assert!(
                        (model_fd - got).abs() < 2e-3 + 2e-2 * got.abs(),
                        "model FD {act:?} W{l}[{i}][{j}]: {model_fd} vs {got}"
                    );
                }
            }
        }
    }
}

#[test]
fn frame_class_probabilities_and_per_class_losses_match_f64() {
    let dev = Device::flex();
    let s = net(vec![5], Activation::Tanh);
    let data = blobs(3);
    let pg = Playground::new(s.clone(), data, None, &dev).unwrap();
    let fr = run(pg.frame()).unwrap();
    let w = run(pg.weights()).unwrap();
    assert_eq!(fr.outputs, 3);
    assert_eq!(fr.output.len(), OUTPUT_GRID * OUTPUT_GRID * 3);
    for (cell, &(x, y)) in grid_points(OUTPUT_GRID).iter().enumerate().step_by(53) {
        let want = forward(&w, s.activation, &feature_row(&s.features, x, y))
            .last()
            .unwrap()
            .1
            .clone();
        for c in 0..3 {
            assert!(
                close(fr.output[cell * 3 + c], want[c], 1e-5),
                "cell {cell} class {c}"
            );
        }
    }
    let train = &pg.split().train;
    let mean = |ps: &[&Point]| ps.iter().map(|p| ce(&w, &s, p)).sum::<f64>() / ps.len() as f64;
    let all: Vec<&Point> = train.iter().collect();
    assert!(close(fr.train_loss, mean(&all), 1e-5));
    let test: Vec<&Point> = pg.split().test.iter().collect();
    assert!(close(fr.test_loss, mean(&test), 1e-5));
    assert_eq!(fr.class_loss.len(), 3);
    for c in 0..3 {
        let of_c: Vec<&Point> = train.iter().filter(|p| p.label == c as f64).collect();
        assert!(!of_c.is_empty());
        assert!(close(fr.class_loss[c], mean(&of_c), 1e-5), "class {c}");
    }
    // The output neurons' small pictures are the class probabilities too.
    assert_eq!(fr.neurons.last().unwrap().len(), 3);
}

#[test]
fn two_class_sets_keep_the_sigmoid_unless_the_learner_picks_softmax() {
    let dev = Device::flex();
    let state = PlaygroundState::default();
    assert_eq!(state.head(), Head::Sigmoid);
    assert_eq!(state.widths(), vec![2, 4, 2, 1]);
    // A link from before these features reads as it did, and the default link is unchanged.
    let old = "#/playground?d=circle&n=500&noise=0&train=50&dseed=1&f=x1,x2&h=4,2&act=tanh&reg=none&rr=0e0&lr=3e-2&bs=10&opt=sgd&seed=1";
    assert_eq!(from_hash(old).unwrap(), state);
    assert_eq!(to_hash(&state), old);
    // The same data with softmax: two outputs, the same class-1 probability shape.
    let mut soft = state.clone();
    soft.net.softmax = true;
    assert_eq!(soft.head(), Head::Softmax(2));
    assert_eq!(soft.widths(), vec![2, 4, 2, 2]);
    assert_eq!(from_hash(&to_hash(&soft)).unwrap(), soft);
    let pg = Playground::new(soft.net.clone(), soft.data.clone(), None, &dev).unwrap();
    let fr = run(pg.frame()).unwrap();
    assert_eq!(fr.class_loss.len(), 2);
    for cell in fr.output.chunks(2).take(50) {
        assert!((cell[0] + cell[1] - 1.0).abs() < 1e-5);
    }
    // Regression has no classes and no per-class loss.
    let mut reg = PlaygroundState::default();
    reg.data.kind = DatasetKind::Plane;
    reg.net.softmax = true;
    assert_eq!(reg.head(), Head::Linear);
    let pg = Playground::new(reg.net, reg.data, None, &dev).unwrap();
    assert!(run(pg.frame()).unwrap().class_loss.is_empty());
    // A sigmoid network's weights do not fit a 3-class link.
    let bad = "d=blobs&k=3&h=1&w=1,2~3&b=0~0.5";
    assert!(from_hash(bad).is_err());
    assert!(from_hash("d=blobs&k=3&h=1&w=1,2~3,4,5&b=0~0,0,0").is_ok());
    assert!(
        from_hash("k=6").is_err() && from_hash("k=1").is_err() && from_hash("out=relu").is_err()
    );
}

#[test]
fn multi_class_sets_are_balanced_and_their_labels_fit() {
    for kind in [DatasetKind::Blobs, DatasetKind::Arms] {
        for k in 2..=5 {
            let spec = DataSpec {
                kind,
                classes: k,
                points: 101,
                noise_pct: 5,
                ..DataSpec::default()
            };
            let pts = spec.generated();
            assert_eq!(pts.len(), 101);
            for c in 0..k {
                let n = pts.iter().filter(|p| p.label == c as f64).count();
                assert!(
                    n == 101 / k || n == 101 / k + 1,
                    "{kind:?} k {k} class {c}: {n}"
                );
            }
            assert!(pts.iter().all(|p| p.x.abs() <= 6.0 && p.y.abs() <= 6.0));
            assert_eq!(spec.class_count(), Some(k));
            // A point of a class the set lacks is refused; one it has is taken.
            let mut s = spec.clone();
            assert!(
                s.add_point(Point {
                    x: 0.0,
                    y: 0.0,
                    label: k as f64
                })
                .is_err()
            );
            assert!(
                s.add_point(Point {
                    x: 0.0,
                    y: 0.0,
                    label: (k - 1) as f64
                })
                .is_ok()
            );
            // Fewer classes later: the point that no longer fits goes, the rest stays.
            s.classes = 2;
            s.tidy();
            assert_eq!(s.added.len(), usize::from(k == 2));
        }
    }
    // Blob centres: each class's mean sits near its ring position (σ 0.6 at no noise).
    let spec = DataSpec {
        kind: DatasetKind::Blobs,
        classes: 4,
        points: 400,
        noise_pct: 0,
        ..DataSpec::default()
    };
    let pts = spec.generated();
    for c in 0..4 {
        let t = std::f64::consts::TAU * c as f64 / 4.0 + std::f64::consts::FRAC_PI_4;
        let of_c: Vec<&Point> = pts.iter().filter(|p| p.label == c as f64).collect();
        let mx = of_c.iter().map(|p| p.x).sum::<f64>() / of_c.len() as f64;
        let my = of_c.iter().map(|p| p.y).sum::<f64>() / of_c.len() as f64;
        assert!(
            (mx - 3.5 * t.cos()).abs() < 0.2 && (my - 3.5 * t.sin()).abs() < 0.2,
            "class {c}"
        );
    }
}

#[test]
fn training_lowers_the_loss_on_three_and_five_blobs() {
    let dev = Device::flex();
    for k in [3, 5] {
        let s = NetSpec {
            hidden: vec![6],
            learning_rate: 0.1,
            ..NetSpec::default()
        };
        let data = DataSpec {
            points: 200,
            ..blobs(k)
        };
        let mut pg = Playground::new(s, data, None, &dev).unwrap();
        let start = run(pg.frame()).unwrap();
        for _ in 0..5 {
            run(pg.train_epoch()).unwrap();
        }
        let after = run(pg.frame()).unwrap();
        assert!(
            after.train_loss < 0.7 * start.train_loss,
            "k {k}: {} → {}",
            start.train_loss,
            after.train_loss
        );
        assert!(after.class_loss.iter().all(|v| v.is_finite()));
    }
}

#[test]
fn class_colours_blend_by_probability() {
    assert_eq!(blend(&[0.0, 1.0, 0.0]), CLASS_COLOURS[1]);
    assert_eq!(blend(&[0.0, 0.0, 0.0, 0.0, 1.0]), CLASS_COLOURS[4]);
    // A uniform guess is pale: close to white whatever the classes' colours.
    let (r, g, b) = blend(&[0.2; 5]);
    assert!(r > 200 && g > 200 && b > 200, "{r} {g} {b}");
    assert_eq!(blend(&[f64::NAN, 1.0]), (136, 136, 136));
}

#[test]
fn the_class_map_svg_has_a_cell_per_grid_point_in_its_blended_colour() {
    let probs = [
        1.0,
        0.0,
        0.0,
        0.0,
        0.0,
        1.0,
        0.2,
        0.3,
        0.5,
        1.0 / 3.0,
        1.0 / 3.0,
        1.0 / 3.0,
    ];
    let svg = engine::export::playground_classes_svg(&probs, 2, 3);
    assert_eq!(svg.matches("<rect").count(), 4);
    // Row 0 (the first two cells) is the bottom row.
    let first = engine::playground::colour::hex(CLASS_COLOURS[0]);
    assert!(
        svg.contains(&format!(
            r#"x="0" y="3" width="3" height="3" fill="{first}""#
        )),
        "{svg}"
    );
    assert!(svg.contains(&engine::playground::colour::hex(blend(&probs[6..9]))));
}
