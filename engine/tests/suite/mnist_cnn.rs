//! The article-004 CNN: layer shapes and parameter counts against hand counts, the loss against
//! a host-side cross-entropy, Adam's first step, feature maps against host convolution and
//! pooling, weights save/load, the shipped weights, preprocessing and the report.

use burn::prelude::*;
use engine::mnist::asset::{PIXELS, decode};
use engine::mnist::errata::{errata, layers, steps_per_epoch};
use engine::mnist::preprocess::{PreprocessError, centre_of_mass, to_mnist};
use engine::mnist::report::{Evaluation, confusion};
use engine::mnist::split::{SPLIT_SEED, TRAIN, split};
use engine::mnist::trainer::cross_entropy;
use engine::mnist::{CnnError, Dataset, MnistCnn};
use pollster::block_on;

fn root(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn data() -> Dataset {
    let bytes =
        std::fs::read(root("assets/mnist.bin")).expect("assets/mnist.bin: run scripts/setup.sh");
    decode(&bytes).unwrap()
}

fn cpu() -> Device {
    Device::flex()
}

#[test]
fn layer_shapes_and_parameters_match_hand_counts() {
    let got: Vec<(Vec<usize>, usize)> = layers(&cpu())
        .into_iter()
        .map(|l| (l.output, l.params))
        .collect();
    // 28−3+1 = 26, ⌊26/2⌋ = 13, 13−3+1 = 11, ⌊11/2⌋ = 5; params = k·k·c_in·c_out + c_out, d_in·d_out + d_out.
    let hand = vec![
        (vec![26, 26, 32], 3 * 3 * 32 + 32),
        (vec![13, 13, 32], 0),
        (vec![11, 11, 64], 3 * 3 * 32 * 64 + 64),
        (vec![5, 5, 64], 0),
        (vec![1600], 0),
        (vec![64], 1600 * 64 + 64),
        (vec![10], 64 * 10 + 10),
    ];
    assert_eq!(got, hand);
    assert_eq!(hand.iter().map(|h| h.1).sum::<usize>(), 121_930);
}

#[test]
fn errata_quote_the_computed_numbers() {
    let e = errata(&cpu());
    let ids: Vec<&str> = e.iter().map(|e| e.id).collect();
    assert!(ids.contains(&"loss") && ids.contains(&"epoch") && ids.contains(&"shapes"));
    let get = |id| e.iter().find(|e| e.id == id).unwrap();
    assert!(get("loss").article.contains("MSE"));
    assert!(
        get("shapes").truth.en.contains("total 121930"),
        "{}",
        get("shapes").truth.en
    );
    assert!(get("shapes").truth.en.contains("(5, 5, 64)"));
    // The explanation's sizes, by hand: 28 − 2 = 26, 26/2 = 13, 13 − 2 = 11, ⌊11/2⌋ = 5.
    let why = &get("shapes").explanation.en;
    assert!(why.contains("26 → 13 → 11 → 5"), "{why}");
    assert!(
        why.contains(&format!("= {} parameters", 5 * 5 * 64 * 64 + 64)),
        "{why}"
    );
    assert_eq!(steps_per_epoch(60_000, 32), 1875);
    assert_eq!(steps_per_epoch(8_000, 32), 250);
    assert_eq!(steps_per_epoch(33, 32), 2);
    assert!(get("epoch").truth.en.contains("1875 steps"));
    for x in &e {
        assert!(!x.explanation.zh.is_empty() && !x.explanation.en.is_empty());
    }
}

#[test]
fn cross_entropy_matches_a_host_log_sum_exp() {
    let logits = [[1.0f64, -2.0, 0.5], [0.0, 3.0, -1.0]];
    let labels = [2u8, 1];
    let flat: Vec<f32> = logits.iter().flatten().map(|&v| v as f32).collect();
    let t = Tensor::<2>::from_data(TensorData::new(flat, [2, 3]), &cpu());
    let got = cross_entropy(t, &labels, &cpu())
        .into_data()
        .try_to_vec::<f32>()
        .unwrap()[0];
    let hand: f64 = logits
        .iter()
        .zip(labels)
        .map(|(z, y)| z.iter().map(|v| v.exp()).sum::<f64>().ln() - z[usize::from(y)])
        .sum::<f64>()
        / 2.0;
    assert!((f64::from(got) - hand).abs() < 1e-6, "{got} vs {hand}");
}

#[test]
fn training_steps_lower_the_loss_and_the_loss_is_cross_entropy() {
    let d = data();
    let idx: Vec<usize> = (0..16).map(|i| i * 617).collect(); // spread over the classes
    let (x, y) = d.batch(&idx);
    let mut net = MnistCnn::new(7, &cpu());
    // The loss train_step reports is the host cross-entropy of the predicted probabilities.
    let probs = block_on(net.predict(&x)).unwrap();
    let host: f64 = probs
        .iter()
        .zip(&y)
        .map(|(p, &l)| -f64::from(p[usize::from(l)]).ln())
        .sum::<f64>()
        / 16.0;
    let before = block_on(net.filters()).unwrap();
    let report = block_on(net.train_step(&x, &y)).unwrap();
    let first = report.loss;
    // The right answers it counts are the argmax of the same probabilities.
    let right = probs
        .iter()
        .zip(&y)
        .filter(|(p, l)| engine::mnist::report::argmax(&p[..]) == usize::from(**l))
        .count();
    assert_eq!((report.correct, report.samples), (right, 16));
    assert!((f64::from(first) - host).abs() < 1e-4, "{first} vs {host}");
    // Adam's first step moves each weight by lr · g/(|g| + ε) ≈ ±lr.
    let after = block_on(net.filters()).unwrap();
    let moves: Vec<f32> = before
        .iter()
        .flatten()
        .flatten()
        .zip(after.iter().flatten().flatten())
        .map(|(a, b)| (b - a).abs())
        .collect();
    assert!(
        moves.iter().all(|&m| m <= 0.001 * 1.0001),
        "no weight moves more than lr"
    );
    assert!(
        moves.iter().filter(|&&m| (m - 0.001).abs() < 1e-5).count() > 250,
        "most move by lr"
    );
    let mut losses = vec![first];
    for _ in 0..4 {
        losses.push(block_on(net.train_step(&x, &y)).unwrap().loss);
    }
    assert!(
        losses.windows(2).all(|w| w[1] < w[0]),
        "every step lowers the loss: {losses:?}"
    );
    assert!(losses[4] < first - 0.1, "{losses:?}");
    assert_eq!(net.steps(), 5);
}

#[test]
fn bad_inputs_are_errors() {
    let mut net = MnistCnn::new(1, &cpu());
    let img = vec![0.0f32; PIXELS];
    assert!(matches!(
        block_on(net.train_step(&img, &[1, 2])),
        Err(CnnError::Input(_))
    ));
    assert!(matches!(
        block_on(net.train_step(&img, &[10])),
        Err(CnnError::Input(_))
    ));
    assert!(matches!(
        block_on(net.train_step(&img[..100], &[1])),
        Err(CnnError::Input(_))
    ));
    assert!(matches!(
        block_on(net.predict(&[f32::NAN; PIXELS])),
        Err(CnnError::Input(_))
    ));
    assert!(matches!(
        block_on(net.predict(&[])),
        Err(CnnError::Input(_))
    ));
    assert!(block_on(net.feature_maps(&[0.0; 2 * PIXELS])).is_err());
    for lr in [0.0, -1.0, f64::NAN, f64::INFINITY, 2.0] {
        assert!(
            matches!(net.set_lr(lr), Err(CnnError::LearningRate(_))),
            "{lr}"
        );
    }
    assert_eq!(net.lr(), 0.001);
    net.set_lr(0.01).unwrap();
    assert_eq!(net.lr(), 0.01);
    assert_eq!(net.steps(), 0);
}

#[test]
fn feature_maps_match_host_convolution_and_pooling() {
    let d = data();
    let (x, _) = d.batch(&[5000]);
    let net = MnistCnn::new(3, &cpu());
    let maps = block_on(net.feature_maps(&x)).unwrap();
    let shapes: Vec<(&str, Vec<usize>)> = maps.iter().map(|m| (m.name, m.shape.clone())).collect();
    assert_eq!(
        shapes,
        vec![
            ("conv1", vec![32, 26, 26]),
            ("pool1", vec![32, 13, 13]),
            ("conv2", vec![64, 11, 11]),
            ("pool2", vec![64, 5, 5]),
            ("dense1", vec![64]),
            ("softmax", vec![10]),
        ]
    );
    let filters = block_on(net.filters()).unwrap();
    assert_eq!(filters.len(), 32);
    let limit = (6.0f32 / (9.0 + 288.0)).sqrt(); // Glorot uniform, fan_in 9, fan_out 288
    assert!(filters.iter().flatten().flatten().all(|w| w.abs() <= limit));
    // conv1 = relu(Σ w·x) (biases start at 0), cross-correlation as Keras computes it.
    let conv1 = &maps[0].values;
    for c in [0, 13, 31] {
        for (i, j) in [(0, 0), (10, 12), (25, 25), (14, 7)] {
            let mut s = 0.0f64;
            for (u, row) in filters[c].iter().enumerate() {
                for (v, w) in row.iter().enumerate() {
                    s += f64::from(*w) * f64::from(x[(i + u) * 28 + j + v]);
                }
            }
            let got = f64::from(conv1[c * 676 + i * 26 + j]);
            assert!(
                (got - s.max(0.0)).abs() < 1e-5,
                "conv1[{c}][{i}][{j}] {got} vs {s}"
            );
        }
    }
    // pool1 = max over each 2×2 block of conv1.
    let pool1 = &maps[1].values;
    for c in 0..32 {
        for i in 0..13 {
            for j in 0..13 {
                let m = [(0, 0), (0, 1), (1, 0), (1, 1)]
                    .iter()
                    .map(|(a, b)| conv1[c * 676 + (2 * i + a) * 26 + 2 * j + b])
                    .fold(f32::MIN, f32::max);
                assert_eq!(pool1[c * 169 + i * 13 + j], m);
            }
        }
    }
    let p = block_on(net.predict(&x)).unwrap();
    for (a, b) in maps[5].values.iter().zip(p[0]) {
        assert!((a - b).abs() < 1e-6);
    }
    assert!((maps[5].values.iter().sum::<f32>() - 1.0).abs() < 1e-5);
}

#[test]
fn weights_round_trip_and_bad_files_leave_the_model_untouched() {
    let d = data();
    let (x, _) = d.batch(&[1, 2000, 9000]);
    let a = MnistCnn::new(11, &cpu());
    let bytes = block_on(a.save()).unwrap();
    let mut b = MnistCnn::new(12, &cpu());
    let b_before = block_on(b.predict(&x)).unwrap();
    assert_ne!(b_before, block_on(a.predict(&x)).unwrap());

    let mut garbage = bytes.clone();
    garbage.truncate(bytes.len() / 2);
    let other = Device::flex();
    let linear = burn::nn::LinearConfig::new(3, 4).init(&other);
    let foreign = linear.into_record().into_bytes().unwrap().to_vec();
    let misshapen = misshapen_record();
    for bad in [
        vec![],
        b"not weights at all".to_vec(),
        garbage,
        foreign,
        misshapen,
    ] {
        assert!(matches!(b.load(&bad), Err(CnnError::Weights(_))));
        assert_eq!(
            block_on(b.predict(&x)).unwrap(),
            b_before,
            "a failed load changed the model"
        );
    }
    let why = b.load(&misshapen_record()).unwrap_err().to_string();
    assert!(why.to_lowercase().contains("shape"), "{why}");
    let (y1, l1) = d.batch(&[1]);
    block_on(b.train_step(&y1, &l1)).unwrap();
    assert_eq!(b.steps(), 1);
    b.load(&bytes).unwrap();
    assert_eq!(b.steps(), 0, "loaded weights start their own count");
    b.continue_count(7);
    assert_eq!(b.steps(), 7);
    assert_eq!(
        block_on(b.predict(&x)).unwrap(),
        block_on(a.predict(&x)).unwrap()
    );
    // Parameter ids are fixed, so the same weights always give the same file.
    assert!(
        block_on(b.save()).unwrap() == bytes,
        "saving again gives other bytes"
    );
}

/// The article's layer names with 16 filters in the first layer: names match, shapes do not.
#[derive(burn::module::Module, Debug)]
struct Misshapen {
    conv1: burn::nn::conv::Conv2d,
    conv2: burn::nn::conv::Conv2d,
    dense1: burn::nn::Linear,
    dense2: burn::nn::Linear,
}

fn misshapen_record() -> Vec<u8> {
    use burn::nn::LinearConfig;
    use burn::nn::conv::Conv2dConfig;
    let d = cpu();
    let m = Misshapen {
        conv1: Conv2dConfig::new([1, 16], [3, 3]).init(&d),
        conv2: Conv2dConfig::new([16, 64], [3, 3]).init(&d),
        dense1: LinearConfig::new(1600, 64).init(&d),
        dense2: LinearConfig::new(64, 10).init(&d),
    };
    m.into_record().into_bytes().unwrap().to_vec()
}

#[test]
fn shipped_weights_classify_held_out_digits() {
    let d = data();
    let weights = std::fs::read(root("assets/mnist-cnn.bin")).expect("assets/mnist-cnn.bin");
    let mut net = MnistCnn::new(0, &cpu());
    net.load(&weights).unwrap();
    let (_, held) = split(d.len(), TRAIN, SPLIT_SEED);
    let subset: Vec<usize> = held.iter().step_by(10).copied().collect(); // 200 digits
    let eval = block_on(net.evaluate(&d, &subset)).unwrap();
    assert_eq!(eval.len(), 200);
    assert!(
        eval.accuracy() > 0.90,
        "held-out accuracy {}",
        eval.accuracy()
    );
    let m = eval.confusion();
    let diagonal: u32 = (0..10).map(|i| m[i][i]).sum();
    assert_eq!(f64::from(diagonal) / 200.0, eval.accuracy());
    assert!(block_on(net.evaluate(&d, &[10_000])).is_err());
}

#[test]
fn report_counts_match_hand_tallies() {
    let ln = |p: [f64; 10]| p.map(|v| v.ln() as f32);
    let mut a = [0.01; 10];
    a[3] = 0.91; // label 3, right
    let mut b = [0.02; 10];
    b[1] = 0.82; // label 7, called 1, p(7) = 0.02
    let mut c = [0.05; 10];
    c[2] = 0.35;
    c[4] = 0.3; // label 4, called 2, p(4) = 0.3
    let e = Evaluation {
        indices: vec![10, 20, 30],
        labels: vec![3, 7, 4],
        log_probs: vec![ln(a), ln(b), ln(c)],
    };
    assert_eq!(e.predictions(), vec![3, 1, 2]);
    assert!((e.accuracy() - 1.0 / 3.0).abs() < 1e-12);
    let hand = -(0.91f64.ln() + 0.02f64.ln() + 0.3f64.ln()) / 3.0;
    assert!((e.loss() - hand).abs() < 1e-6);
    let w = e.worst(5);
    assert_eq!(
        w.iter()
            .map(|w| (w.index, w.label, w.predicted))
            .collect::<Vec<_>>(),
        vec![(20, 7, 1), (30, 4, 2)]
    );
    assert!((w[0].p_label - 0.02).abs() < 1e-6 && (w[0].p_predicted - 0.82).abs() < 1e-6);
    let m = confusion(&[0, 0, 1, 9, 12], &[0, 1, 1, 9, 0]);
    assert_eq!((m[0][0], m[0][1], m[1][1], m[9][9]), (1, 1, 1, 1));
    assert_eq!(
        m.iter().flatten().sum::<u32>(),
        4,
        "label 12 is not counted"
    );
}

/// A `w`×`h` canvas with the rectangle [x0, x0+rw) × [y0, y0+rh) inked at `v`.
fn rect(w: usize, h: usize, x0: usize, y0: usize, rw: usize, rh: usize, v: f32) -> Vec<f32> {
    let mut c = vec![0.0; w * h];
    for y in y0..y0 + rh {
        for x in x0..x0 + rw {
            c[y * w + x] = v;
        }
    }
    c
}

fn bbox(img: &[f32]) -> (usize, usize, usize, usize) {
    let on: Vec<usize> = (0..784).filter(|&i| img[i] > 0.0).collect();
    let xs = on.iter().map(|i| i % 28);
    let ys = on.iter().map(|i| i / 28);
    (
        xs.clone().min().unwrap(),
        ys.clone().min().unwrap(),
        xs.max().unwrap() + 1,
        ys.max().unwrap() + 1,
    )
}

#[test]
fn preprocessing_crops_scales_and_centres() {
    // A 100×50 bar: longer side to 20, so 20×10, mass centred at (13.5, 13.5) → x 4‥24, y 9‥19.
    let out = to_mnist(&rect(200, 160, 30, 90, 100, 50, 1.0), 200, 160).unwrap();
    assert_eq!(bbox(&out), (4, 9, 24, 19));
    assert!(out.iter().all(|&v| v == 0.0 || (v - 1.0).abs() < 1e-6));
    // Where it was drawn does not matter; nor does a 2× larger drawing of the same shape.
    let moved = to_mnist(&rect(200, 160, 70, 5, 100, 50, 1.0), 200, 160).unwrap();
    assert_eq!(out, moved);
    let big = to_mnist(&rect(300, 300, 10, 10, 200, 100, 1.0), 300, 300).unwrap();
    for (a, b) in out.iter().zip(&big) {
        assert!((a - b).abs() < 1e-5);
    }
    // Box filtering keeps the mean ink: 7×7 of 1s scaled by 20/7 covers 20×20 at full ink.
    let small = to_mnist(&rect(10, 10, 1, 2, 7, 7, 1.0), 10, 10).unwrap();
    assert!((small.iter().sum::<f32>() - 400.0).abs() < 1e-3);
    // An L shape: the centre of mass, not the box, lands in the middle.
    let mut l = rect(40, 40, 0, 0, 4, 40, 1.0);
    for v in &mut l[36 * 40..] {
        *v = 1.0;
    }
    let out = to_mnist(&l, 40, 40).unwrap();
    let mass: Vec<f64> = out.iter().map(|&v| f64::from(v)).collect();
    let (cx, cy) = centre_of_mass(&mass, 28).unwrap();
    assert!(
        (cx - 13.5).abs() <= 0.5 && (cy - 13.5).abs() <= 0.5,
        "({cx}, {cy})"
    );
    let (x0, _, x1, _) = bbox(&out);
    assert!(x1 - x0 == 20 && x0 > 4, "the box is off-centre: {x0}‥{x1}");
    // Faint haze below the ink threshold is ignored.
    let mut hazy = rect(200, 160, 30, 90, 100, 50, 1.0);
    hazy[0] = 0.04;
    assert_eq!(
        to_mnist(&hazy, 200, 160).unwrap(),
        to_mnist(&rect(200, 160, 30, 90, 100, 50, 1.0), 200, 160).unwrap()
    );
}

#[test]
fn preprocessing_rejects_bad_canvases() {
    assert_eq!(to_mnist(&[0.0; 100], 10, 10), Err(PreprocessError::NoInk));
    assert!(matches!(
        to_mnist(&[0.0; 99], 10, 10),
        Err(PreprocessError::Size { .. })
    ));
    assert!(matches!(
        to_mnist(&[], 0, 0),
        Err(PreprocessError::Size { .. })
    ));
    assert!(matches!(
        to_mnist(&[2.0], 1, 1),
        Err(PreprocessError::Value { index: 0 })
    ));
    assert!(matches!(
        to_mnist(&[f32::NAN], 1, 1),
        Err(PreprocessError::Value { .. })
    ));
    assert_eq!(
        bbox(&to_mnist(&[1.0], 1, 1).unwrap()),
        (4, 4, 24, 24),
        "one dot fills the box"
    );
}

#[test]
fn an_evaluation_scored_in_chunks_equals_one_scored_at_once() {
    let d = data();
    let net = MnistCnn::new(3, &cpu());
    let idx: Vec<usize> = (0..40).map(|i| i * 211).collect();
    let whole = block_on(net.evaluate(&d, &idx)).unwrap();
    let mut parts = Evaluation::empty();
    for chunk in idx.chunks(7) {
        parts.append(block_on(net.evaluate(&d, chunk)).unwrap());
    }
    assert_eq!(parts.indices, whole.indices);
    assert_eq!(parts.labels, whole.labels);
    assert!((parts.loss() - whole.loss()).abs() < 1e-5);
    assert_eq!(parts.confusion(), whole.confusion());
}

#[test]
fn a_batch_trained_in_slices_takes_the_same_adam_step_as_the_whole_batch() {
    let d = data();
    let idx: Vec<usize> = (0..48).map(|i| i * 197).collect();
    let (x, y) = d.batch(&idx);
    let mut whole = MnistCnn::new(11, &cpu());
    let mut sliced = MnistCnn::new(11, &cpu());
    for _ in 0..2 {
        let a = block_on(whole.train_step(&x, &y)).unwrap();
        let mut batch = sliced.begin_batch(48);
        for (xs, ys) in x.chunks(20 * PIXELS).zip(y.chunks(20)) {
            block_on(sliced.accumulate(&mut batch, xs, ys)).unwrap();
        }
        let b = sliced.apply(batch).unwrap();
        assert!((a.loss - b.loss).abs() < 1e-5, "{} vs {}", a.loss, b.loss);
        assert_eq!((a.correct, a.samples), (b.correct, b.samples));
    }
    let (fw, fs) = (
        block_on(whole.filters()).unwrap(),
        block_on(sliced.filters()).unwrap(),
    );
    let worst = fw
        .iter()
        .flatten()
        .flatten()
        .zip(fs.iter().flatten().flatten())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0f32, f32::max);
    assert!(worst < 1e-6, "the weights agree after two steps: {worst}");
    let probe = &x[..2 * PIXELS];
    let (pw, ps) = (
        block_on(whole.predict(probe)).unwrap(),
        block_on(sliced.predict(probe)).unwrap(),
    );
    for (a, b) in pw.iter().flatten().zip(ps.iter().flatten()) {
        assert!((a - b).abs() < 1e-5);
    }
    // Slices must add up to the batch.
    let mut short = sliced.begin_batch(48);
    block_on(sliced.accumulate(&mut short, &x[..20 * PIXELS], &y[..20])).unwrap();
    assert!(sliced.apply(short).is_err());
    let mut over = sliced.begin_batch(10);
    assert!(block_on(sliced.accumulate(&mut over, &x[..20 * PIXELS], &y[..20])).is_err());
}
