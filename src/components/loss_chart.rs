//! The live loss curve: plotters on a canvas, redrawn whenever the history grows.

use engine::plots::loss_curve::draw_loss_curve;
use engine::state::number::format_number;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use crate::app::{ctx, tr};
use crate::i18n;

#[component]
pub fn LossChart(#[prop(into)] history: Signal<Vec<f64>>) -> impl IntoView {
    let lang = ctx().lang;
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let losses = history.get();
        let l = lang.get();
        let Some(element) = canvas.get() else { return };
        let Some(backend) = CanvasBackend::with_canvas_object(element) else {
            return;
        };
        let area = backend.into_drawing_area();
        // A failed draw leaves the previous picture; the numbers below stay correct.
        draw_loss_curve(&area, &losses, i18n::STEP.get(l), i18n::LOSS.get(l)).ok();
    });
    let latest = move || {
        let h = history.get();
        match h.last() {
            None => i18n::NO_LOSS_YET.get(lang.get()).to_string(),
            Some(v) => format!(
                "{} {} · {} {}",
                i18n::STEP.get(lang.get()),
                h.len(),
                i18n::LOSS.get(lang.get()),
                format_number(*v, 4)
            ),
        }
    };
    view! {
        <div class="loss-chart">
            <canvas node_ref=canvas width="560" height="240" data-testid="loss-chart" aria-label=tr(i18n::LOSS_CURVE)></canvas>
            <p class="chart-caption" data-testid="loss-latest" data-count=move || history.with(|h| h.len())
                data-last=move || history.with(|h| h.last().map(|v| v.to_string()).unwrap_or_default())>{latest}</p>
        </div>
    }
}
