//! Loss and accuracy over training steps, for the training and the held-out sentences.

use engine::i18n::Text;
use engine::lessons::text_classifier::classifier::Evaluation;
use engine::lessons::text_classifier::session::Checkpoint;
use engine::lessons::text_classifier::views::{draw_step_curves, series};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::i18n as t;
use crate::app::{ctx, tr};

#[component]
pub fn StepCurves(
    checkpoints: RwSignal<Vec<Checkpoint>>,
    /// The quantity of an evaluation drawn.
    value: fn(&Evaluation) -> f64,
    title: Text,
    /// Fixed top of the y axis (accuracy); `None` follows the data.
    y_max: Option<f64>,
    testid: &'static str,
) -> impl IntoView {
    let lang = ctx().lang;
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let l = lang.get();
        let [train, test] = checkpoints.with(|c| series(c, value));
        let Some(element) = canvas.get() else { return };
        let Some(backend) = CanvasBackend::with_canvas_object(element) else {
            return;
        };
        let area = backend.into_drawing_area();
        // A failed draw leaves the previous picture; the numbers stay in the stats line.
        draw_step_curves(
            &area,
            &[(t::TRAIN.get(l), &train), (t::HELD_OUT.get(l), &test)],
            t::STEPS.get(l),
            title.get(l),
            y_max,
        )
        .ok();
    });
    let last = move |test: bool| {
        checkpoints.with(|c| {
            c.last()
                .map(|c| value(if test { &c.test } else { &c.train }).to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <canvas node_ref=canvas width="560" height="240" data-testid=testid
            data-count=move || checkpoints.with(|c| c.len())
            data-last-step=move || checkpoints.with(|c| c.last().map(|c| c.step).unwrap_or(0))
            data-first-train=move || checkpoints.with(|c| c.first().map(|c| value(&c.train).to_string()).unwrap_or_default())
            data-last-train=move || last(false)
            data-last-test=move || last(true)
            aria-label=tr(title)></canvas>
    }
}
