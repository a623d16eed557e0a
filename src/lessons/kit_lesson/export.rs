//! Downloads of the lesson's current state: the trace (JSON, CSV), the weights (JSON), the
//! loss curve (SVG, PNG) and each picture (SVG, PNG). Made in the page; nothing is sent.

use engine::export::worksheet::worksheet;
use engine::export::{loss_curve_svg, trace_csv, weights_json};
use engine::lessons::kit::View;
use engine::lessons::registry;
use engine::plots::views::view_svg;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::HtmlCanvasElement;

use super::state::KitState;
use crate::app::{ctx, tr};
use crate::classroom::download;
use crate::i18n;

/// The `width`/`height` an SVG document declares (the engine always writes both).
fn svg_size(svg: &str) -> (u32, u32) {
    let attr = |name: &str| {
        svg.split_once(&format!("{name}=\""))
            .and_then(|(_, rest)| rest.split_once('"'))
            .and_then(|(v, _)| v.parse::<f64>().ok())
            .map(|v| v.round() as u32)
    };
    (attr("width").unwrap_or(640), attr("height").unwrap_or(400))
}

fn report(result: Result<(), leptos::wasm_bindgen::JsValue>) {
    if let Err(e) = result {
        leptos::logging::warn!("download failed: {e:?}");
    }
}

#[component]
pub fn ExportPanel(state: KitState) -> impl IntoView {
    let lang = ctx().lang;
    let id = state.def.id;
    let with_trace = move |f: &dyn Fn(&super::state::Traced)| {
        state.traced.with_untracked(|t| {
            if let Some(t) = t {
                f(t)
            }
        })
    };
    let trace_json = move |_| {
        with_trace(&|t| {
            let json = t.trace.to_json(id, t.backend.code(), &t.values);
            report(download::text(
                &format!("{id}-trace.json"),
                "application/json",
                &json.to_string(),
            ));
        })
    };
    // Printable sheets of the step as it is now (the learner's numbers): open and print.
    let sheet = move |answers: bool| {
        let l = lang.get_untracked();
        with_trace(&|t| {
            let title = registry::find(id)
                .map(|i| i.title)
                .unwrap_or(engine::i18n::Text::new(id, id));
            let html = worksheet(title, &t.values, &t.trace, None, answers, l);
            let name = if answers { "answers" } else { "worksheet" };
            report(download::text(
                &format!("{id}-{name}.html"),
                "text/html",
                &html,
            ));
        })
    };
    let trace_csv_click = move |_| {
        with_trace(&|t| {
            report(download::text(
                &format!("{id}-trace.csv"),
                "text/csv",
                &trace_csv(&t.trace),
            ))
        })
    };
    let weights = move |_| {
        with_trace(&|t| {
            let json = weights_json(id, &t.trace, &t.values);
            report(download::text(
                &format!("{id}-weights.json"),
                "application/json",
                &json.to_string(),
            ));
        })
    };
    let curve_svg = move |_| {
        let l = lang.get_untracked();
        let svg = state
            .history
            .with_untracked(|h| loss_curve_svg(h, i18n::STEP.get(l), i18n::LOSS.get(l)));
        report(download::text(
            &format!("{id}-loss.svg"),
            "image/svg+xml",
            &svg,
        ));
    };
    let curve_png = move |_| {
        let canvas = document()
            .query_selector("[data-testid=\"loss-chart\"]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok());
        if let Some(c) = canvas {
            report(download::canvas_png(&c, &format!("{id}-loss.png")));
        }
    };
    let pictures = move || {
        let l = lang.get();
        state.traced.with(|t| {
            t.as_ref().map(|t| {
                t.trace
                    .views
                    .iter()
                    .filter_map(|v| {
                        if matches!(v, View::Table(_)) {
                            return None;
                        }
                        let (vid, title) = (v.id(), v.title().get(l));
                        let svg = view_svg(v, l, &[]);
                        let (w, h) = svg_size(&svg);
                        let svg2 = svg.clone();
                        Some(view! {
                            <button data-testid=format!("export-{vid}-svg") on:click=move |_| {
                                report(download::text(&format!("{id}-{vid}.svg"), "image/svg+xml", &svg));
                            }>{title} " · SVG"</button>
                            <button data-testid=format!("export-{vid}-png") on:click=move |_| {
                                report(download::svg_png(&svg2, w, h, &format!("{id}-{vid}.png")));
                            }>{title} " · PNG"</button>
                        })
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="panel export" data-testid="export">
            <h2>{tr(i18n::DOWNLOADS)}</h2>
            <div class="export-buttons">
                <button data-testid="export-trace-json" on:click=trace_json>{tr(i18n::TRACE_JSON)}</button>
                <button data-testid="export-trace-csv" on:click=trace_csv_click>{tr(i18n::TRACE_CSV)}</button>
                <button data-testid="export-worksheet" on:click=move |_| sheet(false)>{tr(i18n::WORKSHEET)}</button>
                <button data-testid="export-answers" on:click=move |_| sheet(true)>{tr(i18n::ANSWER_KEY)}</button>
                <button data-testid="export-weights-json" on:click=weights>{tr(i18n::WEIGHTS_JSON)}</button>
                <button data-testid="export-loss-svg" on:click=curve_svg>{tr(i18n::CURVE_SVG)}</button>
                <button data-testid="export-loss-png" on:click=curve_png>{tr(i18n::CURVE_PNG)}</button>
                {pictures}
            </div>
        </section>
    }
}
