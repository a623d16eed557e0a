//! Text inside the views' SVG and HTML: escaped, and measured roughly for layout.

/// Escapes text for SVG/HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// About how wide a view's title is at its 14 px bold: CJK characters a full em, the rest
/// about half, so the picture can be made wide enough to show the whole title.
pub fn title_width(title: &str) -> f64 {
    title
        .chars()
        .map(|c| if c as u32 >= 0x2E80 { 14.5 } else { 8.2 })
        .sum()
}
