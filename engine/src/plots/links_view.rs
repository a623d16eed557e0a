//! Draws `TokenLinks` (who attends to whom) as SVG text: the querying tokens on the left, the
//! tokens looked at on the right, a line between each pair as wide as its attention weight.

use super::svg_text::{esc, title_width};
use crate::base::views::TokenLinks;
use crate::i18n::{Lang, Text};
use crate::state::number::format_number;

const QUERY_X: f64 = 150.0;
const KEY_X: f64 = 370.0;
const TOP: f64 = 78.0;
const ROW: f64 = 64.0;
/// The widest line, for a weight of 1.
const MAX_WIDTH: f64 = 14.0;

const QUERIES: Text = Text::new("查询的词", "Query");
const KEYS: Text = Text::new("被关注的词", "Looked at");

/// A line's width for attention weight `w` in [0, 1]: area-like, so 0.5 reads as half of 1.
pub fn link_width(w: f64) -> f64 {
    0.5 + MAX_WIDTH * w.clamp(0.0, 1.0)
}

pub fn links_svg(l: &TokenLinks, lang: Lang) -> String {
    let n = l.tokens.len();
    let title = esc(l.title.get(lang));
    let w = (KEY_X + 150.0).max(20.0 + title_width(l.title.get(lang)));
    let h = TOP + ROW * n as f64;
    let y = |i: usize| TOP + ROW * (i as f64 + 0.5);
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{title}" data-view="{}"><title>{title}</title>"#,
        l.id
    );
    s += &format!(r#"<text x="10" y="18" class="view-title">{title}</text>"#);
    s += &format!(
        r#"<text x="{:.1}" y="52" text-anchor="end" class="axis">{}</text><text x="{:.1}" y="52" class="axis">{}</text>"#,
        QUERY_X - 10.0,
        esc(QUERIES.get(lang)),
        KEY_X + 10.0,
        esc(KEYS.get(lang))
    );
    for (i, row) in l.weights.iter().enumerate() {
        for (j, &a) in row.iter().enumerate() {
            let (from, to) = (&l.tokens[i], &l.tokens[j]);
            s += &format!(
                r##"<line x1="{QUERY_X}" y1="{:.1}" x2="{KEY_X}" y2="{:.1}" stroke="#2563eb" stroke-opacity="{:.2}" stroke-width="{:.2}" stroke-linecap="round" data-from="{i}" data-to="{j}" data-weight="{a}"><title>{} → {}: {}</title></line>"##,
                y(i),
                y(j),
                0.25 + 0.75 * a.clamp(0.0, 1.0),
                link_width(a),
                esc(from),
                esc(to),
                format_number(a, 3)
            );
        }
    }
    for (i, t) in l.tokens.iter().enumerate() {
        s += &format!(
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="token-label">{}</text><text x="{:.1}" y="{:.1}" class="token-label">{}</text>"#,
            QUERY_X - 10.0,
            y(i) + 6.0,
            esc(t),
            KEY_X + 10.0,
            y(i) + 6.0,
            esc(t)
        );
    }
    s + "</svg>"
}
