//! One test walks every lesson of the registry; live lessons load, step and render.

use burn::prelude::Device;
use engine::lessons::mlp_step::params::article_params;
use engine::lessons::mlp_step::walkthrough::{steps, update_lines};
use engine::lessons::registry::{LESSONS, find};
use engine::model::mlp221::trace_step;
use plotters::prelude::*;

#[test]
fn every_lesson_of_the_articles_is_listed() {
    let ids: Vec<&str> = LESSONS.iter().map(|l| l.id).collect();
    assert_eq!(
        ids,
        [
            "mlp-step",
            "keras-4x4",
            "bce",
            "optimizers",
            "linreg-gd",
            "softmax-ce",
            "backprop-352",
            "xor",
            "mnist-cnn",
            "attention",
            "text-classifier"
        ]
    );
    for l in LESSONS {
        assert!(!l.title.zh.is_empty() && !l.title.en.is_empty(), "{}", l.id);
        assert!(
            !l.summary.zh.is_empty() && !l.summary.en.is_empty(),
            "{}",
            l.id
        );
        assert!(
            l.section.starts_with('§') || l.section.contains('§'),
            "{}",
            l.id
        );
        assert_eq!(find(l.id), Some(l));
    }
}

#[test]
fn live_lessons_load_step_and_render() {
    for l in LESSONS.iter().filter(|l| l.live) {
        match l.id {
            "mlp-step" => {
                let p = article_params();
                let t = pollster::block_on(trace_step(&p, &Device::flex())).unwrap();
                let s = steps(&p, &t);
                assert_eq!(s.len(), 7 + 15);
                assert_eq!(update_lines(&p, &t).len(), 9);
                let mut svg = String::new();
                {
                    let area = SVGBackend::with_string(&mut svg, (400, 200)).into_drawing_area();
                    engine::plots::loss_curve::draw_loss_curve(&area, &[t.loss], "step", "loss")
                        .unwrap();
                }
                assert!(
                    svg.contains("<polyline") || svg.contains("<path"),
                    "a curve was drawn"
                );
            }
            other => panic!("live lesson {other} has no check here"),
        }
    }
}
