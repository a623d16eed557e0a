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

/// A `lang` attribute for a label that is data rather than interface text (a sentence's
/// tokens): ` lang="zh"` for Chinese, ` lang="en"` for Latin letters, nothing otherwise, so
/// a Chinese word in the English page (or the reverse) is read in its own language.
pub fn lang_attr(label: &str) -> &'static str {
    if label.chars().any(|c| c as u32 >= 0x2E80) {
        r#" lang="zh""#
    } else if label.chars().any(|c| c.is_ascii_alphabetic()) {
        r#" lang="en""#
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::lang_attr;

    #[test]
    fn labels_say_their_language() {
        assert_eq!(lang_attr("喜欢"), r#" lang="zh""#);
        assert_eq!(lang_attr("love"), r#" lang="en""#);
        assert_eq!(lang_attr("<unk>"), r#" lang="en""#);
        assert_eq!(lang_attr("0.5"), "");
    }
}
