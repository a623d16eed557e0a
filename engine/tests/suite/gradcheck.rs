//! The gradient check: central finite differences of each lesson's own loss agree with autodiff
//! to the tolerance the page shows, on every lesson; a deliberately broken backward pass fails
//! it, and training with the flipped sign walks uphill.

use burn::prelude::Device;
use engine::gradcheck::{self, AGREES, CheckVerdict, judge};
use engine::lessons::kit::breaks::{self, Break};
use engine::lessons::kit::{LessonDef, Values};
use engine::lessons::mlp_step::article_params;
use engine::lessons::registry::{kit_lesson, kit_lessons};
use engine::state::setting::Settings;

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    pollster::block_on(f)
}

fn kit_check(def: &LessonDef, v: &Values, eps: f64) -> gradcheck::GradCheck {
    let dev = Device::flex();
    let t = run((def.trace)(v, &dev)).unwrap();
    run(gradcheck::kit::check(
        def,
        v,
        &t,
        eps,
        &dev,
        &mut gradcheck::quiet,
    ))
    .unwrap()
}

fn failing(c: &gradcheck::GradCheck) -> Vec<&gradcheck::CheckEntry> {
    c.entries
        .iter()
        .filter(|e| e.verdict != CheckVerdict::Agrees)
        .collect()
}

fn broken(def: &LessonDef, b: &str) -> Values {
    let mut v = (def.article_values)();
    v.set(breaks::NAME, b).unwrap();
    v
}

#[test]
fn judge_uses_the_tolerances_it_states() {
    assert_eq!(judge(1.0, 1.0 + 0.5 * AGREES, 0.0).1, CheckVerdict::Agrees);
    assert_eq!(judge(1.0, 1.05, 0.0).1, CheckVerdict::Nearly);
    assert_eq!(judge(1.0, -1.0, 0.0).1, CheckVerdict::Disagrees);
    assert_eq!(judge(0.0, 0.0, 0.0), (0.0, CheckVerdict::Agrees));
    // A gradient near zero: rounding noise decides, not the relative size.
    assert_eq!(judge(1e-9, 3e-6, 1e-5).1, CheckVerdict::Agrees);
    assert_eq!(judge(1e-9, 3e-6, 1e-7).1, CheckVerdict::Disagrees);
    assert_eq!(judge(1.0, f64::NAN, 0.0).1, CheckVerdict::Disagrees);
}

#[test]
fn every_kit_lesson_passes_the_check_at_the_article_setup() {
    for def in kit_lessons() {
        let v = (def.article_values)();
        let c = kit_check(def, &v, gradcheck::DEFAULT_EPS);
        assert!(!c.entries.is_empty(), "{}: nothing to check", def.id);
        let worst = c.worst().unwrap();
        assert!(
            c.passes(),
            "{}: {} autodiff {} vs numeric {} (rel {})",
            def.id,
            worst.name,
            worst.autodiff,
            worst.numeric,
            worst.relative
        );
        println!(
            "{}: {} entries, worst rel {:.2e} ({})",
            def.id,
            c.entries.len(),
            worst.relative,
            worst.name
        );
    }
}

fn choices(def: &LessonDef) -> &'static [&'static str] {
    let v = (def.article_values)();
    v.spec(breaks::NAME)
        .unwrap_or_else(|| panic!("{} has no {} setting", def.id, breaks::NAME))
        .choices
}

#[test]
fn a_broken_backward_pass_keeps_every_forward_value_and_fails_the_check() {
    let dev = Device::flex();
    for def in kit_lessons() {
        let right = run((def.trace)(&(def.article_values)(), &dev)).unwrap();
        for &b in choices(def).iter().filter(|&&b| b != "correct") {
            let v = broken(def, b);
            let t = run((def.trace)(&v, &dev)).unwrap();
            assert_eq!(t.loss, right.loss, "{} {b}: the loss moved", def.id);
            let forward = |t: &engine::lessons::kit::LessonTrace| -> Vec<(String, f64)> {
                t.steps
                    .iter()
                    .filter(|s| s.phase == engine::lessons::kit::Phase::Forward)
                    .map(|s| (s.target.clone(), s.value))
                    .collect()
            };
            assert!(!forward(&t).is_empty(), "{}: no forward steps", def.id);
            assert_eq!(
                forward(&t),
                forward(&right),
                "{} {b}: a forward value moved",
                def.id
            );
            let c = kit_check(def, &v, gradcheck::DEFAULT_EPS);
            let bad = c
                .entries
                .iter()
                .filter(|e| e.verdict == CheckVerdict::Disagrees)
                .count();
            assert!(bad > 0, "{} {b}: the broken pass passed the check", def.id);
            if b == "flipped-sign" {
                // Every gradient that is not ~0 is negated: each such entry disagrees.
                for e in &c.entries {
                    if e.numeric.abs() > 100.0 * e.noise {
                        assert_eq!(e.verdict, CheckVerdict::Disagrees, "{} {}", def.id, e.name);
                        assert!((e.autodiff + e.numeric).abs() <= 0.02 * e.numeric.abs());
                    }
                }
            }
        }
    }
}

#[test]
fn training_with_the_flipped_sign_walks_uphill() {
    let dev = Device::flex();
    for def in kit_lessons() {
        let v = broken(def, "flipped-sign");
        let t = run((def.trace)(&v, &dev)).unwrap();
        if t.next.is_empty() {
            continue;
        }
        let after = run((def.trace)(&t.advance(&v), &dev)).unwrap();
        let (l0, l1) = (t.loss.unwrap(), after.loss.unwrap());
        assert!(l1 > l0, "{}: {l0} -> {l1} with the sign flipped", def.id);
    }
}

#[test]
fn the_check_passes_mid_run_and_in_every_model_choice() {
    let dev = Device::flex();
    for def in kit_lessons() {
        let mut v = (def.article_values)();
        for _ in 0..5 {
            let t = run((def.trace)(&v, &dev)).unwrap();
            if t.next.is_empty() {
                break;
            }
            v = t.advance(&v);
        }
        let c = kit_check(def, &v, gradcheck::DEFAULT_EPS);
        assert!(c.passes(), "{} after 5 steps: {:?}", def.id, failing(&c));
    }
    for (id, name, choice) in [("xor", "model", "hidden"), ("attention", "heads", "2")] {
        let def = engine::lessons::registry::kit_lesson(id).unwrap();
        let mut v = (def.article_values)();
        if v.set(name, choice).is_err() {
            continue;
        }
        let c = kit_check(def, &v, gradcheck::DEFAULT_EPS);
        assert!(
            c.entries.len() > 3,
            "{id} {choice}: {} entries",
            c.entries.len()
        );
        assert!(c.passes(), "{id} {choice}: {:?}", failing(&c));
    }
}

#[test]
fn mlp_step_checks_its_nine_parameters() {
    // Through the kit, as every lesson: the page's parameters become the lesson's settings.
    let dev = Device::flex();
    let def = &engine::lessons::mlp_step::LESSON;
    let check = |p: &engine::model::mlp221::Mlp221Params| {
        let v = engine::lessons::mlp_step::values_of(p);
        let t = run((def.trace)(&v, &dev)).unwrap();
        run(gradcheck::kit::check(
            def,
            &v,
            &t,
            gradcheck::DEFAULT_EPS,
            &dev,
            &mut gradcheck::quiet,
        ))
        .unwrap()
    };
    let p = article_params();
    let c = check(&p);
    let names: Vec<&str> = c.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "W1[0][0]", "W1[0][1]", "W1[1][0]", "W1[1][1]", "b1[0]", "b1[1]", "W2[0]", "W2[1]",
            "b2"
        ]
    );
    assert!(c.passes(), "{:?}", c.worst());
    for b in [Break::SigmoidOnePlusA, Break::FlippedSign] {
        let c = check(&engine::model::mlp221::Mlp221Params {
            backward: b,
            ..p.clone()
        });
        assert!(!c.passes(), "{b:?} passed");
    }
}

#[test]
fn an_epsilon_out_of_range_is_refused() {
    let def = kit_lesson("mlp-step").unwrap();
    let v = (def.article_values)();
    let dev = Device::flex();
    let t = run((def.trace)(&v, &dev)).unwrap();
    for eps in [0.0, -1e-3, f64::NAN, 10.0] {
        assert!(
            run(gradcheck::kit::check(
                def,
                &v,
                &t,
                eps,
                &dev,
                &mut gradcheck::quiet
            ))
            .is_err()
        );
    }
}

#[test]
fn the_playground_step_view_passes_the_check_on_every_head_and_leaves_the_network_alone() {
    use engine::playground::probe::ParamAt;
    use engine::playground::{DataSpec, DatasetKind, NetSpec, Playground, Point, Regularization};
    let dev = Device::flex();
    let cases = [
        (DatasetKind::Circle, 2, Regularization::None, 0.0),
        (DatasetKind::Blobs, 3, Regularization::L2, 0.01),
        (DatasetKind::Plane, 2, Regularization::L1, 0.003),
    ];
    for (kind, classes, reg, rate) in cases {
        let data = DataSpec {
            kind,
            classes,
            points: 40,
            ..DataSpec::default()
        };
        let spec = NetSpec {
            regularization: reg,
            reg_rate: rate,
            ..NetSpec::default()
        };
        let mut pg = Playground::new(spec, data, None, &dev).unwrap();
        run(pg.train_epoch()).unwrap();
        let p = Point {
            x: 1.5,
            y: -2.0,
            label: if kind == DatasetKind::Plane { 0.4 } else { 1.0 },
        };
        let before = run(pg.step_trace(p)).unwrap();
        let c = run(gradcheck::playground::check(
            &pg,
            p,
            &before,
            gradcheck::DEFAULT_EPS,
            &mut gradcheck::quiet,
        ))
        .unwrap();
        // x₁, x₂ → 4 → 2 → outputs: every weight and bias.
        let outputs = if classes > 2 { classes } else { 1 };
        assert_eq!(
            c.entries.len(),
            2 * 4 + 4 + 4 * 2 + 2 + 2 * outputs + outputs
        );
        assert!(c.passes(), "{kind:?}: {:?}", failing(&c));
        assert_eq!(
            run(pg.step_trace(p)).unwrap(),
            before,
            "the check moves a copy"
        );
        for e in &c.entries {
            assert!(ParamAt::from_name(&e.name).is_some(), "{}", e.name);
        }
    }
    assert_eq!(
        ParamAt::from_name("W3[1][0]"),
        Some(ParamAt::Weight {
            layer: 2,
            from: 1,
            to: 0
        })
    );
    assert_eq!(
        ParamAt::from_name("b1[3]"),
        Some(ParamAt::Bias { layer: 0, to: 3 })
    );
    for bad in ["", "W", "W0[0][0]", "b1[x]", "c1[0]", "W1[0]", "b1[0][0]"] {
        assert_eq!(ParamAt::from_name(bad), None, "{bad:?}");
    }
}
