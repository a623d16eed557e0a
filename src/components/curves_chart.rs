//! Several curves on one canvas (e.g. the losses of racing optimisers), redrawn as they grow.

use engine::plots::loss_curve::draw_curves;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use crate::app::ctx;
use crate::i18n;

#[component]
pub fn CurvesChart(
    /// (name, values) per curve, in legend order.
    #[prop(into)]
    series: Signal<Vec<(String, Vec<f64>)>>,
    /// The quantity on the y axis.
    y_label: engine::i18n::Text,
    /// `data-testid` of the canvas.
    testid: &'static str,
    /// The quantity on the x axis (training steps unless given).
    #[prop(optional)]
    x_label: Option<engine::i18n::Text>,
) -> impl IntoView {
    let lang = ctx().lang;
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let s = series.get();
        let l = lang.get();
        let Some(element) = canvas.get() else { return };
        let Some(backend) = CanvasBackend::with_canvas_object(element) else {
            return;
        };
        let area = backend.into_drawing_area();
        let refs: Vec<(&str, &[f64])> = s.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
        // A failed draw leaves the previous picture; the numbers stay in the metrics.
        let x = x_label.unwrap_or(i18n::STEP).get(l);
        draw_curves(&area, &refs, x, y_label.get(l)).ok();
    });
    view! {
        <canvas node_ref=canvas width="560" height="240" data-testid=testid
            data-count=move || series.with(|s| s.first().map(|(_, v)| v.len()).unwrap_or(0))
            aria-label=move || legend_label(y_label.get(lang.get()), &series.get())></canvas>
    }
}

/// What a screen reader says of the chart: its quantity and its curves' names (the legend
/// drawn on the canvas), so the names are read, and checked, in the page's language.
fn legend_label(quantity: &str, series: &[(String, Vec<f64>)]) -> String {
    let names: Vec<&str> = series
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| *n != quantity)
        .collect();
    if names.is_empty() {
        quantity.to_string()
    } else {
        format!("{quantity}: {}", names.join(", "))
    }
}
