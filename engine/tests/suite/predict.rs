//! Predict, then reveal: the judge, the slips and the score, against values computed
//! independently (the f64 oracle of the 2-2-1 network, hand formulas).

use crate::oracle::{backward, forward, sigmoid};
use burn::prelude::Device;
use engine::lessons::kit::Phase;
use engine::lessons::mlp_step::article_params;
use engine::lessons::registry::kit_lessons;
use engine::model::mlp221::trace_step;
use engine::predict::{PredictItem, RIGHT, Score, Verdict, feedback, for_kit_step, judge};

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    pollster::block_on(f)
}

/// mlp-step's items, as its page asks for them: from the kit trace of the network's trace.
fn mlp_items_of(p: &engine::model::mlp221::Mlp221Params) -> Vec<PredictItem> {
    let t = run(trace_step(p, &Device::flex())).unwrap();
    let kit = engine::lessons::mlp_step::kit_trace(p, &t);
    (0..).map_while(|i| for_kit_step(&kit, i)).collect()
}

fn mlp_items() -> Vec<PredictItem> {
    mlp_items_of(&article_params())
}

fn item<'a>(items: &'a [PredictItem], target: &str) -> &'a PredictItem {
    items.iter().find(|i| i.target == target).unwrap()
}

#[test]
fn judge_uses_the_tolerances_it_states() {
    assert_eq!(judge(0.7311, 0.731_058_6), Verdict::Right);
    assert_eq!(judge(0.73, 0.731_058_6), Verdict::Right); // 0.14 % off
    assert_eq!(judge(0.72, 0.731_058_6), Verdict::Close); // 1.5 % off
    assert_eq!(judge(0.5, 0.731_058_6), Verdict::Wrong);
    // Near zero the absolute floor decides: 4 decimals are enough.
    assert_eq!(judge(0.0003, 0.0), Verdict::Right);
    assert_eq!(judge(0.003, 0.0), Verdict::Close);
    assert_eq!(judge(0.03, 0.0), Verdict::Wrong);
    assert_eq!(judge(f64::NAN, 1.0), Verdict::Wrong);
    assert_eq!(judge(f64::INFINITY, 1.0), Verdict::Wrong);
    assert!(RIGHT.accepts(100.4, 100.0) && !RIGHT.accepts(100.6, 100.0));
}

#[test]
fn mlp_step_items_are_the_walkthrough_and_the_oracle_is_right() {
    let p = article_params();
    let items = mlp_items();
    // The 22 forward and backward steps the page walks, then the kit's 9 update lines.
    let walked = engine::lessons::mlp_step::walkthrough::STEP_COUNT;
    assert_eq!(items.len(), walked + 9);
    assert!(
        items[..walked]
            .iter()
            .all(|i| !i.target.starts_with("updated:"))
    );
    assert!(
        items[walked..]
            .iter()
            .all(|i| i.target.starts_with("updated:"))
    );
    let f = forward(&p);
    let b = backward(&p);
    let expected = [
        ("z1[0]", f.z1[0]),
        ("a1[0]", f.a1[0]),
        ("z1[1]", f.z1[1]),
        ("a1[1]", f.a1[1]),
        ("z2", f.z2),
        ("a2", f.a2),
        ("loss", f.loss),
        ("grad:a2", b.d_a2),
        ("grad:z2", b.d_z2),
        ("grad:z1[0]", b.d_z1[0]),
        ("grad:z1[1]", b.d_z1[1]),
    ];
    for (target, truth) in expected {
        let it = item(&items, target);
        let fb = feedback(truth, it.value, &it.slips);
        assert_eq!(
            fb.verdict,
            Verdict::Right,
            "{target}: {truth} vs {}",
            it.value
        );
        assert!(fb.slip.is_none());
        assert!(it.substituted.plain.starts_with("= "), "{target}");
    }
}

#[test]
fn the_articles_sigmoid_slip_is_recognised() {
    // A setup where the gradient through the output sigmoid is not tiny.
    let mut p = article_params();
    p.w1 = [[0.1, -0.2], [0.3, 0.1]];
    p.w2 = [0.5, -0.4];
    p.y = 0.0;
    let items = mlp_items_of(&p);
    let f = forward(&p);
    let b = backward(&p);
    // σ′ = 1 + a instead of a(1 − a), computed by hand from the oracle's numbers.
    let slipped = b.d_a2 * (1.0 + f.a2);
    let it = item(&items, "grad:z2");
    let fb = feedback(slipped, it.value, &it.slips);
    assert_eq!(fb.verdict, Verdict::Wrong);
    assert!(
        fb.slip.as_ref().unwrap().why.en.contains("σ′ = 1 + a"),
        "{fb:?}"
    );
    // Leaving σ′ out altogether.
    let fb = feedback(b.d_a2, it.value, &it.slips);
    assert!(fb.slip.unwrap().why.en.contains("missing"));
    // The hidden layer's sigmoid, too.
    let slipped = b.d_a1[1] * (1.0 + f.a1[1]);
    let it = item(&items, "grad:z1[1]");
    let fb = feedback(slipped, it.value, &it.slips);
    assert!(fb.slip.unwrap().why.en.contains("σ′ = 1 + a"));
    // e^(+z) in the forward sigmoid.
    let it = item(&items, "a1[0]");
    let fb = feedback(1.0 / (1.0 + f.z1[0].exp()), it.value, &it.slips);
    assert!(fb.slip.unwrap().why.en.contains("exponent"));
    assert!((it.value - sigmoid(f.z1[0])).abs() < 1e-6);
    // log₁₀ in the loss.
    let it = item(&items, "loss");
    let fb = feedback(f.loss / std::f64::consts::LN_10, it.value, &it.slips);
    assert!(fb.slip.unwrap().why.en.contains("base-10"));
    // A flipped sign anywhere.
    let it = item(&items, "grad:z2");
    let fb = feedback(-b.d_z2, it.value, &it.slips);
    assert!(fb.slip.unwrap().why.en.contains("sign"));
    // A guess that matches no slip gets none.
    let fb = feedback(it.value * 7.3 + 1.0, it.value, &it.slips);
    assert_eq!(fb.verdict, Verdict::Wrong);
    assert!(fb.slip.is_none());
}

#[test]
fn every_kit_step_is_right_against_itself_and_no_slip_hides_the_truth() {
    let dev = Device::flex();
    let mut updates = 0;
    for def in kit_lessons() {
        let values = (def.article_values)();
        let trace = run((def.trace)(&values, &dev)).unwrap();
        for i in 0..trace.steps.len() {
            let it = for_kit_step(&trace, i).unwrap();
            let step = &trace.steps[i];
            assert_eq!(it.value, step.value, "{} {}", def.id, step.target);
            let fb = feedback(it.value, it.value, &it.slips);
            assert_eq!(fb.verdict, Verdict::Right, "{} {}", def.id, step.target);
            for s in &it.slips {
                if judge(s.value, it.value) == Verdict::Right {
                    // A slip that gives the true value is never used to explain a guess.
                    let fb = feedback(s.value, it.value, &it.slips);
                    assert!(fb.slip.is_none(), "{} {}", def.id, step.target);
                }
            }
            if step.phase == Phase::Update {
                let param = step.target.strip_prefix("updated:").unwrap_or(&step.target);
                let q = param.split('[').next().unwrap();
                if let Some(before) = trace.quantity(q).map(|q| q.value.flat()) {
                    // Uphill: θ + (θ − θ′), from the quantity's value before the step.
                    let idx = param.strip_prefix(q).unwrap_or("");
                    let flat_index = flat_index(idx, &trace.quantity(q).unwrap().value);
                    if let Some(k) = flat_index {
                        let uphill = 2.0 * before[k] - it.value;
                        let fb = feedback(uphill, it.value, &it.slips);
                        if judge(uphill, it.value) == Verdict::Wrong {
                            assert!(
                                fb.slip.unwrap().why.en.contains("direction"),
                                "{} {}",
                                def.id,
                                step.target
                            );
                            updates += 1;
                        }
                    }
                }
            }
        }
        assert!(!trace.steps.is_empty(), "{}", def.id);
    }
    assert!(updates > 0, "some kit lesson has update steps");
}

fn flat_index(idx: &str, v: &engine::model::value::Value) -> Option<usize> {
    use engine::model::value::Value;
    let nums: Vec<usize> = idx
        .split(['[', ']'])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match (v, nums.as_slice()) {
        (Value::Scalar(_), []) => Some(0),
        (Value::Vector(_), [i]) => Some(*i),
        (Value::Matrix(m), [i, j]) => Some(i * m.first()?.len() + j),
        _ => None,
    }
}

#[test]
fn playground_tanh_slip_is_recognised() {
    use engine::playground::data::DatasetKind;
    use engine::playground::data::Point;
    use engine::playground::dataset::DataSpec;
    use engine::playground::spec::{Activation, NetSpec};
    use engine::playground::trainer::Playground;
    let dev = Device::flex();
    let spec = NetSpec {
        hidden: vec![3],
        activation: Activation::Tanh,
        ..NetSpec::default()
    };
    let data = DataSpec {
        kind: DatasetKind::Circle,
        ..DataSpec::default()
    };
    let pg = Playground::new(spec, data, None, &dev).unwrap();
    let t = run(pg.step_trace(Point {
        x: 1.5,
        y: -0.8,
        label: 1.0,
    }))
    .unwrap();
    let step = t.steps.iter().find(|s| s.target == "grad:z1[0]").unwrap();
    let it = engine::predict::for_playground_step(&t, step);
    let a = t.quantity("a1").unwrap().value.flat()[0];
    let ga = t.quantity("a1").unwrap().grad.as_ref().unwrap().flat()[0];
    assert!((it.value - ga * (1.0 - a * a)).abs() < 1e-5);
    let fb = feedback(ga * (1.0 - a), it.value, &it.slips);
    if judge(ga * (1.0 - a), it.value) != Verdict::Right {
        assert!(fb.slip.unwrap().why.en.contains("1 − a²"));
    }
}

#[test]
fn score_counts_and_survives_storage() {
    let mut s = Score::default();
    for v in [
        Verdict::Right,
        Verdict::Right,
        Verdict::Close,
        Verdict::Wrong,
    ] {
        s.record(v);
    }
    assert_eq!((s.right, s.close, s.wrong, s.total()), (2, 1, 1, 4));
    assert_eq!(Score::from_text(&s.to_text()), s);
    for junk in ["", "1,2", "a,b,c", "1,2,3,4", "-1,0,0", "99999999999,0,0"] {
        assert_eq!(Score::from_text(junk), Score::default(), "{junk:?}");
    }
}
