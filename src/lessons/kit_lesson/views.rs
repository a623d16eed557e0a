//! The lesson's pictures (heatmaps, loss surfaces with the paths trained so far, tables),
//! drawn by the engine as SVG/HTML and inserted here.

use engine::lessons::kit::View;
use engine::plots::views::{PathData, view_svg};
use leptos::prelude::*;

use super::state::{KitState, path_key};
use crate::app::ctx;

fn view_id(v: &View) -> &'static str {
    match v {
        View::Heatmap(h) => h.id,
        View::Surface(s) => s.id,
        View::Table(t) => t.id,
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
                                    PathData { label: p.label.to_string(), colour: p.colour.to_string(), points }
                                })
                                .collect(),
                            _ => vec![],
                        };
                        // SVG/HTML made by the engine from numbers and its own labels, escaped.
                        view! { <div class="view" data-testid=format!("view-{}", view_id(v)) inner_html=view_svg(v, l, &drawn)></div> }
                    })
                    .collect_view()
            })
        })
    }
}
