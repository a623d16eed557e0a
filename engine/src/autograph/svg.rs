//! Drawing the graph as SVG: one column per depth (leaves just left of their first use), the
//! op that made a node written where its input edges meet, and the walk's node lit.

use std::fmt::Write;

use super::graph::{Graph, GraphNode, Phase, Walk};
use crate::state::number::format_number;

const BOX_W: f64 = 128.0;
const BOX_H: f64 = 56.0;
/// Room between columns for the edges and the op's badge.
const GAP_X: f64 = 64.0;
const GAP_Y: f64 = 14.0;
const MARGIN: f64 = 8.0;

/// Each node's column: ops one right of their deepest input; a leaf one left of its first use.
pub fn columns(g: &Graph) -> Vec<usize> {
    let mut col = vec![0usize; g.nodes.len()];
    for n in &g.nodes {
        if !n.op.is_leaf() {
            col[n.id] = 1 + n.inputs.iter().map(|&i| col[i]).max().unwrap_or(0);
        }
    }
    for n in g.nodes.iter().filter(|n| n.op.is_leaf()) {
        let first_use = g
            .nodes
            .iter()
            .filter(|m| m.inputs.contains(&n.id))
            .map(|m| col[m.id])
            .min();
        col[n.id] = first_use.map_or(0, |c| c.saturating_sub(1));
    }
    col
}

/// Top-left corner of every node's box, and the drawing's size.
fn layout(g: &Graph) -> (Vec<(f64, f64)>, f64, f64) {
    let col = columns(g);
    let mut rows_in = vec![0usize; col.iter().max().map_or(0, |m| m + 1)];
    let mut at = Vec::with_capacity(g.nodes.len());
    for n in &g.nodes {
        let row = rows_in[col[n.id]];
        rows_in[col[n.id]] += 1;
        let x = MARGIN + col[n.id] as f64 * (BOX_W + GAP_X);
        let y = MARGIN + row as f64 * (BOX_H + GAP_Y);
        at.push((x, y));
    }
    let width = 2.0 * MARGIN + rows_in.len() as f64 * (BOX_W + GAP_X) - GAP_X;
    let height = 2.0 * MARGIN + rows_in.iter().max().copied().unwrap_or(0) as f64 * (BOX_H + GAP_Y);
    (at, width.max(BOX_W), height)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A tensor in a few characters: a scalar, or its first entries.
pub fn short(values: &[f64]) -> String {
    match values {
        [v] => format_number(*v, 4),
        _ => {
            let head: Vec<String> = values
                .iter()
                .take(2)
                .map(|&v| format_number(v, 3))
                .collect();
            let more = if values.len() > 2 { ", …" } else { "" };
            format!("[{}{more}]", head.join(", "))
        }
    }
}

fn shape_text(n: &GraphNode) -> String {
    let dims: Vec<String> = n.shape.iter().map(usize::to_string).collect();
    dims.join("×")
}

fn all_values(values: &[f64]) -> String {
    let v: Vec<String> = values.iter().map(|&v| format_number(v, 6)).collect();
    v.join(", ")
}

/// The graph at `walk`: values the walk has computed, gradients it has reached. `title` names
/// the picture for screen readers (the page's caption says each step in words).
pub fn draw(g: &Graph, walk: Walk, title: &str) -> String {
    let (at, width, height) = layout(g);
    let lit = g.lit(walk);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="autograph" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{title}" translate="no"><title>{title}</title>"#,
        title = escape(title)
    );
    // Edges first, under the boxes: from each input's right side to the op's badge.
    for n in g.nodes.iter().filter(|n| !n.op.is_leaf()) {
        let (x, y) = at[n.id];
        let (bx, by) = (x - GAP_X / 2.0, y + BOX_H / 2.0);
        for &i in &n.inputs {
            let (ix, iy) = (at[i].0 + BOX_W, at[i].1 + BOX_H / 2.0);
            let mid = (ix + bx) / 2.0;
            let _ = write!(
                s,
                r#"<path class="edge" d="M{ix},{iy} C{mid},{iy} {mid},{by} {bx},{by}"/>"#
            );
        }
        let _ = write!(
            s,
            r#"<path class="edge" d="M{bx},{by} L{x},{by}"/><g class="op-badge"><rect x="{}" y="{}" width="44" height="18" rx="9"/><text x="{bx}" y="{}">{}</text></g>"#,
            bx - 22.0,
            by - 9.0,
            by + 4.5,
            escape(n.op.symbol())
        );
    }
    for n in &g.nodes {
        let (x, y) = at[n.id];
        let kind = if n.op.is_leaf() { n.op.code() } else { "op" };
        let value_known = g.value_known(walk, n.id);
        let grad_known = g.grad_known(walk, n.id);
        let mut class = format!("node {kind}");
        if lit == Some(n.id) {
            class.push_str(match walk.phase {
                Phase::Forward => " lit-forward",
                Phase::Backward => " lit-backward",
            });
        }
        let value = if value_known {
            short(&n.value)
        } else {
            "?".into()
        };
        let grad = match (&n.grad, grad_known) {
            (Some(g), true) => format!("∂L = {}", short(g)),
            _ => String::new(),
        };
        let mut title = format!("{} ({}) {}", n.label(), n.op.code(), shape_text(n));
        if value_known {
            let _ = write!(title, "\n= {}", all_values(&n.value));
        }
        if let (Some(gr), true) = (&n.grad, grad_known) {
            let _ = write!(title, "\n∂L/∂· = {}", all_values(gr));
        }
        let _ = write!(
            s,
            r#"<g class="{class}" data-node="{}" data-name="{}" data-op="{}" data-value-shown="{value_known}" data-grad-shown="{grad_known}"><title>{}</title><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6"/><text class="label" x="{}" y="{}">{}<tspan class="shape"> {}</tspan></text><text class="value" x="{}" y="{}">{}</text><text class="grad" x="{}" y="{}">{}</text></g>"#,
            n.id,
            escape(&n.name.clone().unwrap_or_default()),
            n.op.code(),
            escape(&title),
            x + 8.0,
            y + 16.0,
            escape(&n.label()),
            escape(&shape_text(n)),
            x + 8.0,
            y + 33.0,
            escape(&value),
            x + 8.0,
            y + 49.0,
            escape(&grad),
        );
    }
    s.push_str("</svg>");
    s
}
