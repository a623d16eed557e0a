//! What a learner can download: a lesson's trace as CSV, its parameters as JSON, and the loss
//! curve as SVG. Text only, built here so it is tested natively.

pub mod worksheet;

use serde_json::{Map, Value as Json, json};

use crate::lessons::kit::{LessonTrace, Role, Values};
use crate::model::value::Value;

/// Every entry of a value, named like the page's cells: `z`, `z[1]`, `W[0][2]`.
fn entries(name: &str, v: &Value) -> Vec<(String, f64)> {
    match v {
        Value::Scalar(x) => vec![(name.to_string(), *x)],
        Value::Vector(xs) => xs
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("{name}[{i}]"), *x))
            .collect(),
        Value::Matrix(m) => m
            .iter()
            .enumerate()
            .flat_map(|(i, row)| {
                row.iter()
                    .enumerate()
                    .map(move |(j, x)| (format!("{name}[{i}][{j}]"), *x))
            })
            .collect(),
    }
}

/// One CSV row per quantity entry: role, entry, value, gradient, updated value (empty when the
/// quantity has none), then the loss. Numbers in full precision (`{}` round-trips f64).
pub fn trace_csv(t: &LessonTrace) -> String {
    let mut out = String::from("role,entry,value,grad,updated\n");
    for q in &t.quantities {
        let role = match q.role {
            Role::Input => "input",
            Role::Node => "node",
            Role::Param => "param",
        };
        let grads = q.grad.as_ref().map(|g| entries(&q.name, g));
        let updated = q.updated.as_ref().map(|u| entries(&q.name, u));
        for (i, (entry, v)) in entries(&q.name, &q.value).into_iter().enumerate() {
            let cell = |list: &Option<Vec<(String, f64)>>| {
                list.as_ref()
                    .and_then(|l| l.get(i))
                    .map(|(_, x)| x.to_string())
                    .unwrap_or_default()
            };
            out += &format!("{role},{entry},{v},{},{}\n", cell(&grads), cell(&updated));
        }
    }
    if let Some(loss) = t.loss {
        out += &format!("loss,L,{loss},,\n");
    }
    out
}

/// The trained parameters (every `Param` quantity) with their current values, as JSON.
pub fn weights_json(lesson: &str, t: &LessonTrace, values: &Values) -> Json {
    let params: Map<String, Json> = t
        .quantities
        .iter()
        .filter(|q| q.role == Role::Param)
        .map(|q| (q.name.clone(), json!(q.value)))
        .collect();
    json!({
        "lesson": lesson,
        "params": params,
        "link": crate::state::hash::to_hash(lesson, values),
    })
}

/// The loss curve as an SVG document.
pub fn loss_curve_svg(losses: &[f64], x_label: &str, y_label: &str) -> String {
    use plotters::prelude::*;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 300)).into_drawing_area();
        // A drawing error leaves an empty document; the page then still offers the CSV.
        crate::plots::loss_curve::draw_loss_curve(&area, losses, x_label, y_label).ok();
    }
    svg
}

/// The playground's weights and biases, layer by layer (`w[from][to]`), with the link that
/// reproduces the whole playground.
pub fn playground_weights_json(
    weights: &crate::playground::net::Weights,
    state: &crate::playground::state::PlaygroundState,
) -> Json {
    let layers: Vec<Json> = weights
        .layers
        .iter()
        .map(|l| json!({ "w": l.w, "b": l.b }))
        .collect();
    json!({
        "widths": state.widths(),
        "layers": layers,
        "link": crate::playground::state::to_hash(state),
    })
}

/// The playground's output over the plane as an SVG heatmap (row 0 at the bottom).
pub fn playground_output_svg(output: &[f64], n: usize, lang: crate::i18n::Lang) -> String {
    use crate::base::views::{Heatmap, View};
    let r = crate::playground::data::RADIUS;
    let cells: Vec<Vec<f64>> = output.chunks(n.max(1)).map(<[f64]>::to_vec).collect();
    let view = View::Heatmap(Heatmap {
        id: "playground-output",
        title: crate::i18n::Text::new("输出", "Output"),
        col_labels: vec![],
        row_labels: vec![],
        extent: Some([-r, r, -r, r]),
        cells,
        lo: 0.0,
        hi: 1.0,
        numbers: false,
        points: vec![],
    });
    crate::plots::views::view_svg(&view, lang, &[])
}

/// A softmax playground's output as SVG: `n`×`n` cells (row 0 at the bottom), each in its
/// classes' colours mixed by the `k` probabilities there (as the page draws it).
pub fn playground_classes_svg(probs: &[f64], n: usize, k: usize) -> String {
    use crate::playground::colour::{blend, hex};
    let cell = 3;
    let size = n * cell;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">"#
    );
    for r in 0..n {
        for c in 0..n {
            let at = (r * n + c) * k;
            let colour = probs.get(at..at + k).map_or((136, 136, 136), blend);
            svg.push_str(&format!(
                r#"<rect x="{}" y="{}" width="{cell}" height="{cell}" fill="{}"/>"#,
                c * cell,
                (n - 1 - r) * cell,
                hex(colour)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Several named curves (e.g. train and test loss) as an SVG document.
pub fn curves_svg(series: &[(&str, &[f64])], x_label: &str, y_label: &str) -> String {
    use plotters::prelude::*;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 300)).into_drawing_area();
        crate::plots::loss_curve::draw_curves(&area, series, x_label, y_label).ok();
    }
    svg
}
