//! Canvas drawings of the playground: the output over the plane with the data points, and the
//! network with each neuron's own picture and edges sized and coloured by weight. Blue and
//! orange, as in TensorFlow Playground: a pair that stays distinct with common colour-vision
//! deficiencies. With more classes (softmax) each class has its colour
//! ([`engine::playground::colour`]) and the plane is coloured by the class probabilities.

use engine::playground::Head;
use engine::playground::colour::{CLASS_COLOURS, blend, hex};
use engine::playground::data::{Point, RADIUS};
use engine::playground::frame::{Frame, NEURON_GRID, OUTPUT_GRID};
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, MouseEvent};

use super::state::Selection;

const BLUE: (f64, f64, f64) = (8.0, 119.0, 189.0);
const ORANGE: (f64, f64, f64) = (245.0, 147.0, 34.0);

/// `v` in [−1, 1]: orange through white to blue.
fn colour(v: f64) -> String {
    if !v.is_finite() {
        return "#888".into();
    }
    let v = v.clamp(-1.0, 1.0);
    let (c, t) = if v >= 0.0 { (BLUE, v) } else { (ORANGE, -v) };
    let mix = |x: f64| (255.0 + (x - 255.0) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(c.0), mix(c.1), mix(c.2))
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Paints an n×n grid (row 0 at the bottom) into a square, values scaled by `scale`.
fn paint_grid(
    ctx: &CanvasRenderingContext2d,
    cells: &[f64],
    n: usize,
    x: f64,
    y: f64,
    size: f64,
    scale: f64,
) {
    let cell = size / n as f64;
    for r in 0..n {
        for c in 0..n {
            let v = cells.get(r * n + c).copied().unwrap_or(f64::NAN);
            ctx.set_fill_style_str(&colour(v * scale));
            ctx.fill_rect(
                x + c as f64 * cell,
                y + (n - 1 - r) as f64 * cell,
                cell + 0.5,
                cell + 0.5,
            );
        }
    }
}

/// Softmax: each cell in its classes' colours mixed by probability (paler where unsure).
fn paint_classes(ctx: &CanvasRenderingContext2d, probs: &[f64], k: usize, size: f64) {
    let n = OUTPUT_GRID;
    let cell = size / n as f64;
    for r in 0..n {
        for c in 0..n {
            let at = (r * n + c) * k;
            let colour = probs.get(at..at + k).map_or((136, 136, 136), blend);
            ctx.set_fill_style_str(&hex(colour));
            ctx.fill_rect(
                c as f64 * cell,
                (n - 1 - r) as f64 * cell,
                cell + 0.5,
                cell + 0.5,
            );
        }
    }
}

/// The output over the plane, with every point (test points hollow).
pub fn output(canvas: &HtmlCanvasElement, f: &Frame, points: &[(Point, bool)], head: Head) {
    let Some(ctx) = context(canvas) else { return };
    let size = f64::from(canvas.width());
    let to_px = |v: f64| (v + RADIUS) / (2.0 * RADIUS) * size;
    if let Head::Softmax(k) = head {
        paint_classes(&ctx, &f.output, k, size);
        for (p, test) in points {
            let colour = CLASS_COLOURS
                .get(p.label as usize)
                .copied()
                .unwrap_or((136, 136, 136));
            // Test points keep their class colour inside a dark ring.
            dot(
                &ctx,
                to_px(p.x),
                size - to_px(p.y),
                &hex(colour),
                *test,
                true,
            );
        }
        return;
    }
    let regression = head == Head::Linear;
    // Classification: probability p → 2p − 1. Regression: the value, scaled to the plot.
    let cells: Vec<f64> = f
        .output
        .iter()
        .map(|&v| {
            if regression {
                v / RADIUS
            } else {
                2.0 * v - 1.0
            }
        })
        .collect();
    paint_grid(&ctx, &cells, OUTPUT_GRID, 0.0, 0.0, size, 1.0);
    for (p, test) in points {
        let value = if regression {
            p.label / RADIUS
        } else {
            2.0 * p.label - 1.0
        };
        let fill = colour(value.signum() * value.abs().max(0.6));
        dot(&ctx, to_px(p.x), size - to_px(p.y), &fill, *test, false);
    }
}

/// A data point: filled with a white rim (training) or a dark ring (test; hollow unless
/// `fill_test`).
fn dot(ctx: &CanvasRenderingContext2d, x: f64, y: f64, fill: &str, test: bool, fill_test: bool) {
    ctx.begin_path();
    ctx.arc(x, y, 3.5, 0.0, std::f64::consts::TAU).ok();
    ctx.set_fill_style_str(fill);
    ctx.set_stroke_style_str(if test { "#000" } else { "#fff" });
    ctx.set_line_width(if test { 1.5 } else { 1.0 });
    if !test || fill_test {
        ctx.fill();
    }
    ctx.stroke();
}

/// The plane coordinates under a click on the output canvas.
pub fn output_point(canvas: &HtmlCanvasElement, ev: &MouseEvent) -> Option<(f64, f64)> {
    let rect = canvas.get_bounding_client_rect();
    if rect.width() <= 0.0 {
        return None;
    }
    let fx = (f64::from(ev.client_x()) - rect.left()) / rect.width();
    let fy = (f64::from(ev.client_y()) - rect.top()) / rect.height();
    let x = -RADIUS + fx * 2.0 * RADIUS;
    let y = RADIUS - fy * 2.0 * RADIUS;
    ((-RADIUS..=RADIUS).contains(&x) && (-RADIUS..=RADIUS).contains(&y)).then_some((x, y))
}

const NEURON: f64 = 36.0;
const GAP: f64 = 12.0;

/// Top-left corner of neuron `i` of layer `l` on a canvas of `w`×`h`.
fn position(widths: &[usize], l: usize, i: usize, w: f64, h: f64) -> (f64, f64) {
    let cols = widths.len().max(2) as f64 - 1.0;
    let x = 20.0 + l as f64 * (w - 40.0 - NEURON) / cols;
    let n = widths[l] as f64;
    let column = n * NEURON + (n - 1.0) * GAP;
    let y = (h - column) / 2.0 + i as f64 * (NEURON + GAP);
    (x, y)
}

/// The network: edges by weight (blue positive, orange negative, width by size), and each
/// neuron's output over the plane.
pub fn network(
    canvas: &HtmlCanvasElement,
    f: &Frame,
    widths: &[usize],
    selected: Option<Selection>,
) {
    let Some(ctx) = context(canvas) else { return };
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w, h);
    for (l, layer) in f.weights.layers.iter().enumerate() {
        for (i, row) in layer.w.iter().enumerate() {
            for (j, &wt) in row.iter().enumerate() {
                let (x0, y0) = position(widths, l, i, w, h);
                let (x1, y1) = position(widths, l + 1, j, w, h);
                let chosen = selected
                    == Some(Selection::Edge {
                        layer: l,
                        from: i,
                        to: j,
                    });
                ctx.begin_path();
                ctx.move_to(x0 + NEURON, y0 + NEURON / 2.0);
                ctx.line_to(x1, y1 + NEURON / 2.0);
                ctx.set_stroke_style_str(&if chosen {
                    "#000".to_string()
                } else {
                    colour(wt.signum() * 0.9)
                });
                ctx.set_line_width(if chosen {
                    4.0
                } else {
                    (0.4 + wt.abs() * 1.5).min(6.0)
                });
                ctx.stroke();
            }
        }
    }
    for (l, layer) in f.neurons.iter().enumerate() {
        for (i, cells) in layer.iter().enumerate() {
            if l >= widths.len() || i >= widths[l] {
                continue;
            }
            let (x, y) = position(widths, l, i, w, h);
            // Each neuron on its own scale, so a small hidden signal is still visible.
            let max = cells
                .iter()
                .filter(|v| v.is_finite())
                .fold(0.0_f64, |m, v| m.max(v.abs()));
            paint_grid(
                &ctx,
                cells,
                NEURON_GRID,
                x,
                y,
                NEURON,
                if max > 0.0 { 1.0 / max } else { 1.0 },
            );
            let chosen = selected == Some(Selection::Neuron { layer: l, index: i });
            ctx.set_stroke_style_str(if chosen { "#000" } else { "#94a3b8" });
            ctx.set_line_width(if chosen { 3.0 } else { 1.0 });
            ctx.stroke_rect(x, y, NEURON, NEURON);
        }
    }
}

/// Distance from (px, py) to the segment a–b.
fn to_segment(px: f64, py: f64, a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((px - a.0) * dx + (py - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((px - a.0 - t * dx).powi(2) + (py - a.1 - t * dy).powi(2)).sqrt()
}

/// What a click on the network drawing picked: a neuron, else the nearest edge within 5 px.
pub fn network_hit(
    canvas: &HtmlCanvasElement,
    ev: &MouseEvent,
    widths: &[usize],
) -> Option<Selection> {
    let rect = canvas.get_bounding_client_rect();
    if rect.width() <= 0.0 {
        return None;
    }
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let px = (f64::from(ev.client_x()) - rect.left()) * w / rect.width();
    let py = (f64::from(ev.client_y()) - rect.top()) * h / rect.height();
    for (l, &n) in widths.iter().enumerate() {
        for i in 0..n {
            let (x, y) = position(widths, l, i, w, h);
            if (x..=x + NEURON).contains(&px) && (y..=y + NEURON).contains(&py) {
                return Some(Selection::Neuron { layer: l, index: i });
            }
        }
    }
    let mut best: Option<(f64, Selection)> = None;
    for l in 0..widths.len().saturating_sub(1) {
        for i in 0..widths[l] {
            for j in 0..widths[l + 1] {
                let (x0, y0) = position(widths, l, i, w, h);
                let (x1, y1) = position(widths, l + 1, j, w, h);
                let d = to_segment(
                    px,
                    py,
                    (x0 + NEURON, y0 + NEURON / 2.0),
                    (x1, y1 + NEURON / 2.0),
                );
                if d < 5.0 && best.is_none_or(|(b, _)| d < b) {
                    best = Some((
                        d,
                        Selection::Edge {
                            layer: l,
                            from: i,
                            to: j,
                        },
                    ));
                }
            }
        }
    }
    best.map(|(_, s)| s)
}
