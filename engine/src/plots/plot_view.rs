//! Draws a `Plot` (curves over one variable, marked points with their tangents) as SVG text.

use super::svg_text::{esc, title_width};
use crate::base::views::Plot;
use crate::i18n::Lang;
use crate::state::number::format_number;

const LEFT: f64 = 56.0;
const TOP: f64 = 34.0;
const PLOT_W: f64 = 420.0;
const PLOT_H: f64 = 400.0;
/// Room right of the axes for the legend.
const LEGEND_W: f64 = 110.0;
const BOTTOM: f64 = 46.0;
/// How far each side of its point a tangent reaches, as a share of the x range.
const TANGENT_HALF: f64 = 0.16;
const TICKS: usize = 4;

pub fn plot_svg(p: &Plot, lang: Lang) -> String {
    let (x0, x1) = p.x_range;
    let (y0, y1) = p.y_range;
    let px = |x: f64| LEFT + (x - x0) / (x1 - x0) * PLOT_W;
    let py = |y: f64| TOP + (1.0 - (y - y0) / (y1 - y0)) * PLOT_H;
    let inside = |y: f64| y.is_finite() && y >= y0 && y <= y1;
    let title = esc(p.title.get(lang));
    let w = (LEFT + PLOT_W + LEGEND_W).max(LEFT + title_width(p.title.get(lang)) + 10.0);
    let h = TOP + PLOT_H + BOTTOM;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{title}" data-view="{}"><title>{title}</title>"#,
        p.id
    );
    s += &format!(r#"<text x="{LEFT}" y="18" class="view-title">{title}</text>"#);
    // Axes, ticks and their labels.
    s += &format!(
        r##"<rect x="{LEFT}" y="{TOP}" width="{PLOT_W}" height="{PLOT_H}" fill="#fff" stroke="#94a3b8"/>"##
    );
    for i in 0..=TICKS {
        let f = i as f64 / TICKS as f64;
        let (x, y) = (x0 + f * (x1 - x0), y0 + f * (y1 - y0));
        s += &format!(
            r##"<line x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{1:.1}" stroke="#e2e8f0"/><text x="{0:.1}" y="{2:.1}" text-anchor="middle" class="axis">{3}</text>"##,
            px(x),
            TOP + PLOT_H,
            TOP + PLOT_H + 16.0,
            format_number(x, 2)
        );
        s += &format!(
            r##"<line x1="{LEFT}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="#e2e8f0"/><text x="{2:.1}" y="{3:.1}" text-anchor="end" class="axis">{4}</text>"##,
            py(y),
            LEFT + PLOT_W,
            LEFT - 6.0,
            py(y) + 4.0,
            format_number(y, 2)
        );
    }
    s += &format!(
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="axis">{}</text>"#,
        LEFT + PLOT_W / 2.0,
        h - 8.0,
        esc(&p.x_label)
    );
    s += &format!(
        r#"<text x="14" y="{:.1}" text-anchor="middle" class="axis" transform="rotate(-90 14 {:.1})">{}</text>"#,
        TOP + PLOT_H / 2.0,
        TOP + PLOT_H / 2.0,
        esc(&p.y_label)
    );
    // Curves, broken where they leave the plotted range.
    for (k, c) in p.curves.iter().enumerate() {
        let mut d = String::new();
        let mut pen_down = false;
        for &(x, y) in &c.points {
            if inside(y) {
                d += &format!(
                    "{}{:.1},{:.1} ",
                    if pen_down { "L" } else { "M" },
                    px(x),
                    py(y)
                );
                pen_down = true;
            } else {
                pen_down = false;
            }
        }
        s += &format!(
            r#"<path d="{d}" fill="none" stroke="{}" stroke-width="2.5" data-curve="{k}"/>"#,
            c.colour
        );
        let ly = TOP + 10.0 + 22.0 * k as f64;
        s += &format!(
            r#"<line x1="{0:.1}" y1="{ly:.1}" x2="{1:.1}" y2="{ly:.1}" stroke="{2}" stroke-width="3"/><text x="{3:.1}" y="{4:.1}" class="axis">{5}</text>"#,
            LEFT + PLOT_W + 12.0,
            LEFT + PLOT_W + 32.0,
            c.colour,
            LEFT + PLOT_W + 38.0,
            ly + 4.0,
            esc(&c.label)
        );
    }
    // Marks with their tangents (clipped to the plot) and their labels.
    s += &format!(
        r#"<clipPath id="clip-{0}"><rect x="{LEFT}" y="{TOP}" width="{PLOT_W}" height="{PLOT_H}"/></clipPath>"#,
        p.id
    );
    for m in &p.marks {
        if !(m.x.is_finite() && inside(m.y)) {
            continue;
        }
        if let Some(k) = m.slope.filter(|k| k.is_finite()) {
            let dx = TANGENT_HALF * (x1 - x0);
            s += &format!(
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="1.5" stroke-dasharray="6 4" clip-path="url(#clip-{})" data-slope="{k}"/>"#,
                px(m.x - dx),
                py(m.y - k * dx),
                px(m.x + dx),
                py(m.y + k * dx),
                "#0f172a",
                p.id
            );
        }
        s += &format!(
            r##"<circle cx="{0:.1}" cy="{1:.1}" r="7" fill="{2}" stroke="#fff" stroke-width="2" data-x="{3}" data-y="{4}"/><text x="{0:.1}" y="{5:.1}" text-anchor="middle" class="cell">{6}</text>"##,
            px(m.x),
            py(m.y),
            m.colour,
            m.x,
            m.y,
            py(m.y) - 12.0,
            esc(&m.label)
        );
    }
    s + "</svg>"
}
