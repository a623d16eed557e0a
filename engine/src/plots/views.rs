//! Draws a lesson's views (heatmaps, loss surfaces with paths, tables) as SVG/HTML text, so the
//! page inserts them as they are and native tests can read what is drawn.

use super::svg_text::{esc, lang_attr, title_width};
use crate::base::views::{Heatmap, Surface, Table, View};
use crate::i18n::Lang;
use crate::state::number::format_number;

/// A path recorded by the page while training: a setting pair's history.
#[derive(Clone, Debug, PartialEq)]
pub struct PathData {
    pub label: String,
    pub colour: String,
    pub points: Vec<(f64, f64)>,
}

pub fn view_svg(view: &View, lang: Lang, paths: &[PathData]) -> String {
    match view {
        View::Heatmap(h) => heatmap_svg(h, lang),
        View::Surface(s) => surface_svg(s, lang, paths),
        View::Table(t) => table_html(t, lang),
        View::Plot(p) => super::plot_view::plot_svg(p, lang),
        View::Links(l) => super::links_view::links_svg(l, lang),
    }
}

/// Viridis, sampled: perceptually even and readable with every common colour-vision deficiency.
const VIRIDIS: [(f64, f64, f64); 6] = [
    (68.0, 1.0, 84.0),
    (65.0, 68.0, 135.0),
    (42.0, 120.0, 142.0),
    (34.0, 168.0, 132.0),
    (122.0, 209.0, 81.0),
    (253.0, 231.0, 37.0),
];

/// The colour of `t` in [0, 1] (clamped; NaN is grey).
pub fn colour(t: f64) -> String {
    let [r, g, b] = viridis_rgb(t);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Viridis at `t` in [0, 1] as RGB bytes (clamped; NaN is grey).
pub fn viridis_rgb(t: f64) -> [u8; 3] {
    if !t.is_finite() {
        return [0x88; 3];
    }
    let t = t.clamp(0.0, 1.0) * (VIRIDIS.len() - 1) as f64;
    let i = (t.floor() as usize).min(VIRIDIS.len() - 2);
    let f = t - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |x: f64, y: f64| (x + (y - x) * f).round() as u8;
    [mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2)]
}

fn unit(v: f64, lo: f64, hi: f64) -> f64 {
    if hi > lo { (v - lo) / (hi - lo) } else { 0.5 }
}

fn heatmap_svg(h: &Heatmap, lang: Lang) -> String {
    let rows = h.cells.len();
    let cols = h.cells.first().map_or(0, Vec::len);
    let labelled = !h.row_labels.is_empty();
    let (left, top) = if labelled {
        (110.0, 70.0)
    } else {
        (40.0, 30.0)
    };
    let size = if labelled {
        60.0 * cols.max(1) as f64
    } else {
        300.0
    };
    // A tall labelled map (the LSTM's 16 units) gets flatter rows, so the page, which caps
    // its height, shrinks its numbers less.
    let (cw, ch) = (
        size / cols.max(1) as f64,
        match (labelled, rows > 8) {
            (true, false) => 44.0,
            (true, true) => 26.0,
            (false, _) => size / rows.max(1) as f64,
        },
    );
    let (w, hgt) = (
        (left + cw * cols as f64 + 20.0).max(left + title_width(h.title.get(lang)) + 10.0),
        top + ch * rows as f64 + 30.0,
    );
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {hgt}" width="{w}" height="{hgt}" role="img" aria-label="{}" data-view="{}"><title>{}</title>"#,
        esc(h.title.get(lang)),
        h.id,
        esc(h.title.get(lang))
    );
    s += &format!(
        r#"<text x="{left}" y="16" class="view-title">{}</text>"#,
        esc(h.title.get(lang))
    );
    for (r, row) in h.cells.iter().enumerate() {
        // A continuous field is drawn with y growing upwards, like a plot.
        let ry = if labelled { r } else { rows - 1 - r };
        for (c, v) in row.iter().enumerate() {
            let t = unit(*v, h.lo, h.hi);
            let (x, y) = (left + c as f64 * cw, top + ry as f64 * ch);
            s += &format!(
                r#"<rect x="{x:.1}" y="{y:.1}" width="{:.2}" height="{:.2}" fill="{}"/>"#,
                cw + 0.3,
                ch + 0.3,
                colour(t)
            );
            if h.numbers {
                let ink = if t > 0.6 { "#111" } else { "#fff" };
                s += &format!(
                    r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{ink}" class="cell">{}</text>"#,
                    x + cw / 2.0,
                    y + ch / 2.0 + 5.0,
                    esc(&format_number(*v, 3))
                );
            }
        }
    }
    for (c, l) in h.col_labels.iter().enumerate() {
        s += &format!(
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="axis"{}>{}</text>"#,
            left + (c as f64 + 0.5) * cw,
            top - 8.0,
            lang_attr(l),
            esc(l)
        );
    }
    for (r, l) in h.row_labels.iter().enumerate() {
        s += &format!(
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="axis"{}>{}</text>"#,
            left - 8.0,
            top + (r as f64 + 0.5) * ch + 5.0,
            lang_attr(l),
            esc(l)
        );
    }
    if let Some([x0, x1, y0, y1]) = h.extent {
        let px = |x: f64| left + unit(x, x0, x1) * cw * cols as f64;
        let py = |y: f64| top + (1.0 - unit(y, y0, y1)) * ch * rows as f64;
        for p in &h.points {
            let fill = colour(unit(p.value, h.lo, h.hi));
            s += &format!(
                r##"<circle cx="{:.1}" cy="{:.1}" r="7" fill="{fill}" stroke="#fff" stroke-width="2.5"/>"##,
                px(p.x),
                py(p.y)
            );
        }
        s += &format!(
            r#"<text x="{left}" y="{:.1}" class="axis">{}</text><text x="{:.1}" y="{:.1}" text-anchor="end" class="axis">{}</text>"#,
            hgt - 8.0,
            esc(&format_number(x0, 2)),
            left + cw * cols as f64,
            hgt - 8.0,
            esc(&format_number(x1, 2)),
        );
    }
    s + "</svg>"
}

/// Contour levels: geometric between the surface's minimum and maximum, dense near the minimum.
fn levels(z: &[Vec<f64>], count: usize) -> Vec<f64> {
    let finite = z.iter().flatten().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !(lo.is_finite() && hi > lo) {
        return vec![];
    }
    let span = hi - lo;
    (1..=count)
        .map(|k| lo + span * (k as f64 / count as f64).powi(3))
        .collect()
}

/// Marching squares: the segments where `z` crosses `level`, in grid coordinates.
pub fn contour_segments(z: &[Vec<f64>], level: f64) -> Vec<((f64, f64), (f64, f64))> {
    let mut out = Vec::new();
    for r in 0..z.len().saturating_sub(1) {
        for c in 0..z[r].len().saturating_sub(1) {
            let corners = [
                (c as f64, r as f64, z[r][c]),
                (c as f64 + 1.0, r as f64, z[r][c + 1]),
                (c as f64 + 1.0, r as f64 + 1.0, z[r + 1][c + 1]),
                (c as f64, r as f64 + 1.0, z[r + 1][c]),
            ];
            let mut cuts = Vec::new();
            for k in 0..4 {
                let (x0, y0, a) = corners[k];
                let (x1, y1, b) = corners[(k + 1) % 4];
                if (a < level) != (b < level) && a.is_finite() && b.is_finite() {
                    let t = (level - a) / (b - a);
                    cuts.push((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
                }
            }
            for pair in cuts.chunks_exact(2) {
                out.push((pair[0], pair[1]));
            }
        }
    }
    out
}

/// A surface's plot square inside its SVG: left, top, side, and the SVG's width and height.
const SURFACE_LEFT: f64 = 56.0;
const SURFACE_TOP: f64 = 30.0;
const SURFACE_SIZE: f64 = 320.0;
const SURFACE_W: f64 = SURFACE_LEFT + SURFACE_SIZE + 150.0;
const SURFACE_H: f64 = SURFACE_TOP + SURFACE_SIZE + 46.0;

/// The (x, y) values under a click at `(fx, fy)`, given as fractions of the drawn SVG's width
/// and height; `None` outside the plot square.
pub fn surface_point(sf: &Surface, fx: f64, fy: f64) -> Option<(f64, f64)> {
    let u = (fx * SURFACE_W - SURFACE_LEFT) / SURFACE_SIZE;
    let v = (fy * SURFACE_H - SURFACE_TOP) / SURFACE_SIZE;
    if !(0.0..=1.0).contains(&u) || !(0.0..=1.0).contains(&v) {
        return None;
    }
    let (x0, x1) = sf.x_range;
    let (y0, y1) = sf.y_range;
    Some((x0 + u * (x1 - x0), y1 - v * (y1 - y0)))
}

fn surface_svg(sf: &Surface, lang: Lang, paths: &[PathData]) -> String {
    let (left, top, size) = (SURFACE_LEFT, SURFACE_TOP, SURFACE_SIZE);
    let rows = sf.z.len();
    let cols = sf.z.first().map_or(0, Vec::len);
    let (x0, x1) = sf.x_range;
    let (y0, y1) = sf.y_range;
    let px = |x: f64| left + unit(x, x0, x1) * size;
    let py = |y: f64| top + (1.0 - unit(y, y0, y1)) * size;
    let (w, h) = (SURFACE_W, SURFACE_H);
    let clickable = if sf.click_sets.is_some() {
        r#" class="clickable""#
    } else {
        ""
    };
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{}" data-view="{}"{clickable}><title>{}</title>"#,
        esc(sf.title.get(lang)),
        sf.id,
        esc(sf.title.get(lang))
    );
    s += &format!(
        r#"<text x="{left}" y="18" class="view-title">{}</text>"#,
        esc(sf.title.get(lang))
    );
    // Shading by log loss, so the valley floor stays visible next to steep walls.
    let logz: Vec<Vec<f64>> =
        sf.z.iter()
            .map(|r| r.iter().map(|v| v.max(0.0).ln_1p()).collect())
            .collect();
    let (lo, hi) = logz
        .iter()
        .flatten()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let (cw, ch) = (size / cols.max(1) as f64, size / rows.max(1) as f64);
    for (r, row) in logz.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            s += &format!(
                r#"<rect x="{:.1}" y="{:.1}" width="{:.2}" height="{:.2}" fill="{}" opacity="0.85"/>"#,
                left + c as f64 * cw,
                top + (rows - 1 - r) as f64 * ch,
                cw + 0.3,
                ch + 0.3,
                colour(1.0 - unit(*v, lo, hi))
            );
        }
    }
    // Contours, with the grid's cell centres as coordinates.
    let gx = |c: f64| left + (c + 0.5) * cw;
    let gy = |r: f64| top + (rows as f64 - 1.0 - r + 0.5) * ch;
    let mut d = String::new();
    for level in levels(&sf.z, 12) {
        for ((ax, ay), (bx, by)) in contour_segments(&sf.z, level) {
            d += &format!("M{:.1} {:.1}L{:.1} {:.1}", gx(ax), gy(ay), gx(bx), gy(by));
        }
    }
    s += &format!(
        r##"<path d="{d}" fill="none" stroke="#fff" stroke-opacity="0.7" stroke-width="1" class="contours"/>"##
    );
    // Paths, clipped to the plot so a diverging run stays readable.
    s += &format!(
        r#"<clipPath id="clip-{0}"><rect x="{left}" y="{top}" width="{size}" height="{size}"/></clipPath><g clip-path="url(#clip-{0})">"#,
        sf.id
    );
    for p in paths {
        let pts: Vec<String> = p
            .points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
            .collect();
        if let Some(last) = pts.last() {
            let (lx, ly) = last.split_once(',').unwrap_or(("0", "0"));
            s += &format!(
                r##"<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" data-path="{}"/><circle cx="{lx}" cy="{ly}" r="5" fill="{}" stroke="#000"/>"##,
                pts.join(" "),
                esc(&p.colour),
                esc(&p.label),
                esc(&p.colour)
            );
        }
    }
    s += "</g>";
    // Axes: ends of each range and the setting names.
    let axis = |x: f64, y: f64, anchor: &str, text: &str| {
        format!(
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" class="axis">{}</text>"#,
            esc(text)
        )
    };
    s += &axis(left, top + size + 16.0, "start", &format_number(x0, 2));
    s += &axis(left + size, top + size + 16.0, "end", &format_number(x1, 2));
    s += &axis(left + size / 2.0, top + size + 36.0, "middle", &sf.x_label);
    s += &axis(left - 6.0, top + size, "end", &format_number(y0, 2));
    s += &axis(left - 6.0, top + 10.0, "end", &format_number(y1, 2));
    s += &axis(left - 6.0, top + size / 2.0, "end", &sf.y_label);
    // Legend.
    for (i, p) in paths.iter().enumerate() {
        let y = top + 14.0 + i as f64 * 22.0;
        s += &format!(
            r#"<rect x="{:.1}" y="{:.1}" width="14" height="14" fill="{}"/>"#,
            left + size + 14.0,
            y - 11.0,
            esc(&p.colour)
        );
        s += &axis(left + size + 34.0, y, "start", &p.label);
    }
    s + "</svg>"
}

fn table_html(t: &Table, lang: Lang) -> String {
    let mut s = format!(
        r#"<table class="view-table" data-view="{}"><caption>{}</caption><thead><tr>"#,
        t.id,
        esc(t.title.get(lang))
    );
    for c in &t.columns {
        s += &format!("<th>{}</th>", esc(c.get(lang)));
    }
    s += "</tr></thead><tbody>";
    for row in &t.rows {
        s += "<tr>";
        for cell in row {
            s += &format!("<td>{}</td>", esc(cell));
        }
        s += "</tr>";
    }
    s + "</tbody></table>"
}
