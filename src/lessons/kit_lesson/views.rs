//! The lesson's pictures (heatmaps, loss surfaces with the paths trained so far, tables),
//! drawn by the engine as SVG/HTML and inserted here.

use std::collections::BTreeMap;

use engine::i18n::Lang;
use engine::lessons::kit::{Surface, View};
use engine::plots::views::{PathData, surface_point, view_svg};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, MouseEvent};

use super::state::{KitState, Traced, path_key};
use crate::app::ctx;
use crate::i18n;

/// A click on a surface moves the run's start there (the settings the surface names).
fn set_from_click(state: KitState, surface: &Surface, x_name: &str, y_name: &str, ev: &MouseEvent) {
    // Leptos delegates clicks to the document, so the SVG is found from the event's target.
    let Some(svg) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("svg").ok().flatten())
    else {
        return;
    };
    let rect = svg.get_bounding_client_rect();
    // The drawing keeps its proportions inside the element (centred where the page caps the
    // height), so the click is read against the drawing, not the element's box.
    let view_box: Vec<f64> = svg
        .get_attribute("viewBox")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let [_, _, vw, vh] = view_box[..] else {
        return;
    };
    let scale = (rect.width() / vw).min(rect.height() / vh);
    if scale.is_nan() || scale <= 0.0 {
        return;
    }
    let left = rect.left() + (rect.width() - vw * scale) / 2.0;
    let top = rect.top() + (rect.height() - vh * scale) / 2.0;
    let fx = (f64::from(ev.client_x()) - left) / (vw * scale);
    let fy = (f64::from(ev.client_y()) - top) / (vh * scale);
    if let Some((x, y)) = surface_point(surface, fx, fy) {
        // Rounded so the fields and the link stay readable; well inside each setting's range.
        let round = |v: f64| format!("{}", (v * 1000.0).round() / 1000.0);
        state.set_value(x_name, &round(x)).ok();
        state.set_value(y_name, &round(y)).ok();
    }
}

/// One view drawn: the engine's SVG/HTML (made from numbers and its own labels, escaped),
/// clickable where the view is a surface that sets a run's start, with its hint under it.
fn one_view(
    state: KitState,
    t: &Traced,
    v: &View,
    l: Lang,
    paths: &BTreeMap<String, Vec<(f64, f64)>>,
) -> impl IntoView + use<> {
    let drawn: Vec<PathData> = match v {
        View::Surface(s) => s
            .paths
            .iter()
            .map(|p| {
                let mut points = paths
                    .get(&path_key(&p.x_name, &p.y_name))
                    .cloned()
                    .unwrap_or_default();
                // The path ends at the current values.
                if let (Some(x), Some(y)) = (t.values.index(&p.x_name), t.values.index(&p.y_name)) {
                    points.push((t.values.values[x], t.values.values[y]));
                }
                PathData {
                    label: p.label.get(l).to_string(),
                    colour: p.colour.to_string(),
                    points,
                }
            })
            .collect(),
        _ => vec![],
    };
    let click = match v {
        View::Surface(s) => s.click_sets.clone().map(|names| (s.clone(), names)),
        _ => None,
    };
    let hint = click
        .is_some()
        .then(|| view! { <p class="hint">{i18n::SURFACE_HINT.get(l)}</p> });
    let on_click = move |ev: MouseEvent| {
        if let Some((surface, (x_name, y_name))) = &click {
            set_from_click(state, surface, x_name, y_name, &ev);
        }
    };
    view! {
        <div class="view" data-testid=format!("view-{}", v.id()) on:click=on_click inner_html=view_svg(v, l, &drawn)></div>
        {hint}
    }
}

/// The lesson's pictures first, each with its hint; its tables side by side under them.
#[component]
pub fn KitViews(state: KitState) -> impl IntoView {
    let lang = ctx().lang;
    move || {
        let l = lang.get();
        let paths = state.paths.get();
        state.traced.with(|t| {
            t.as_ref().map(|t| {
                let views = &t.trace.views;
                let pictures = views
                    .iter()
                    .filter(|v| !matches!(v, View::Table(_)))
                    .map(|v| {
                        // A small labelled matrix and the token links keep their size (their
                        // words and numbers stay readable without growing huge, and they sit
                        // side by side); the other pictures grow to the panel.
                        let class = match v {
                            View::Heatmap(h) if !h.row_labels.is_empty() => "view-item natural",
                            View::Links(_) => "view-item natural",
                            _ => "view-item",
                        };
                        view! { <div class=class>{one_view(state, t, v, l, &paths)}</div> }
                    })
                    .collect_view();
                let tables: Vec<_> = views
                    .iter()
                    .filter(|v| matches!(v, View::Table(_)))
                    .map(|v| one_view(state, t, v, l, &paths))
                    .collect();
                let tables = (!tables.is_empty())
                    .then(|| view! { <div class="view-item tables">{tables}</div> });
                view! { {pictures} {tables} }
            })
        })
    }
}
