//! The lesson's pictures (heatmaps, loss surfaces with the paths trained so far, tables),
//! drawn by the engine as SVG/HTML and inserted here.

use engine::lessons::kit::{Surface, View};
use engine::plots::views::{PathData, surface_point, view_svg};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, MouseEvent};

use super::state::{KitState, path_key};
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
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return;
    }
    let fx = (f64::from(ev.client_x()) - rect.left()) / rect.width();
    let fy = (f64::from(ev.client_y()) - rect.top()) / rect.height();
    if let Some((x, y)) = surface_point(surface, fx, fy) {
        // Rounded so the fields and the link stay readable; well inside each setting's range.
        let round = |v: f64| format!("{}", (v * 1000.0).round() / 1000.0);
        state.set_value(x_name, &round(x)).ok();
        state.set_value(y_name, &round(y)).ok();
    }
}

#[component]
pub fn KitViews(state: KitState) -> impl IntoView {
    let lang = ctx().lang;
    move || {
        let l = lang.get();
        let paths = state.paths.get();
        state.traced.with(|t| {
            t.as_ref().map(|t| {
                t.trace
                    .views
                    .iter()
                    .map(|v| {
                        let drawn: Vec<PathData> = match v {
                            View::Surface(s) => s
                                .paths
                                .iter()
                                .map(|p| {
                                    let mut points = paths.get(&path_key(&p.x_name, &p.y_name)).cloned().unwrap_or_default();
                                    // The path ends at the current values.
                                    if let (Some(x), Some(y)) = (t.values.index(&p.x_name), t.values.index(&p.y_name)) {
                                        points.push((t.values.values[x], t.values.values[y]));
                                    }
                                    PathData { label: p.label.get(l).to_string(), colour: p.colour.to_string(), points }
                                })
                                .collect(),
                            _ => vec![],
                        };
                        let click = match v {
                            View::Surface(s) => s.click_sets.clone().map(|names| (s.clone(), names)),
                            _ => None,
                        };
                        let hint = click.is_some().then(|| view! { <p class="hint">{i18n::SURFACE_HINT.get(l)}</p> });
                        let on_click = move |ev: MouseEvent| {
                            if let Some((surface, (x_name, y_name))) = &click {
                                set_from_click(state, surface, x_name, y_name, &ev);
                            }
                        };
                        // SVG/HTML made by the engine from numbers and its own labels, escaped.
                        view! { <div class="view" data-testid=format!("view-{}", v.id()) on:click=on_click inner_html=view_svg(v, l, &drawn)></div> {hint} }
                    })
                    .collect_view()
            })
        })
    }
}
