//! Formulas written once and rendered two ways: plain text (step log, tests, CLI) and TeX,
//! which the page shows as MathML (pulldown-latex, no JavaScript).

use crate::state::number::format_number;
use pulldown_latex::{Parser, RenderConfig, Storage, config::DisplayMode, push_mathml};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Formula {
    pub plain: String,
    pub tex: String,
}

impl Formula {
    pub fn new() -> Formula {
        Formula::default()
    }

    /// Text that reads the same in both notations: letters, digits, `+`, `=`, brackets, spaces.
    pub fn t(mut self, text: &str) -> Formula {
        self.plain.push_str(text);
        self.tex.push_str(text);
        self
    }

    /// Text with a different spelling in each notation.
    pub fn both(mut self, plain: &str, tex: &str) -> Formula {
        self.plain.push_str(plain);
        self.tex.push_str(tex);
        self
    }

    /// Appends another formula.
    pub fn f(mut self, other: Formula) -> Formula {
        self.plain.push_str(&other.plain);
        self.tex.push_str(&other.tex);
        self
    }

    pub fn times(self) -> Formula {
        self.both("·", r" \cdot ")
    }

    pub fn minus(self) -> Formula {
        self.both(" − ", " - ")
    }

    /// A number as the page shows it (`digits` decimals), in parentheses when negative.
    pub fn num(self, v: f64, digits: usize) -> Formula {
        let plain = format_number(v, digits);
        let tex = tex_number(&plain);
        if v < 0.0 {
            self.both(&format!("({plain})"), &format!(r"\left({tex}\right)"))
        } else {
            self.both(&plain, &tex)
        }
    }

    /// A number standing alone (a result after `=`): no parentheses.
    pub fn result(self, v: f64, digits: usize) -> Formula {
        let plain = format_number(v, digits);
        let tex = tex_number(&plain);
        self.both(&plain, &tex)
    }

    /// `num / den`, a fraction in TeX.
    pub fn frac(self, num: Formula, den: Formula) -> Formula {
        let plain = format!("{} / {}", wrap(&num.plain), wrap(&den.plain));
        let tex = format!(r"\frac{{{}}}{{{}}}", num.tex, den.tex);
        self.both(&plain, &tex)
    }

    /// `e^(x)`.
    pub fn exp(self, power: Formula) -> Formula {
        let plain = format!("e^({})", power.plain);
        let tex = format!("e^{{{}}}", power.tex);
        self.both(&plain, &tex)
    }

    /// `(…)²`, the square of a bracketed formula.
    pub fn squared(self, inner: Formula) -> Formula {
        let plain = format!("({})²", inner.plain);
        let tex = format!(r"\left({}\right)^{{2}}", inner.tex);
        self.both(&plain, &tex)
    }
}

/// Brackets a plain-text fraction part that holds an operator.
fn wrap(s: &str) -> String {
    if s.contains(' ') && !s.starts_with('(') {
        format!("({s})")
    } else {
        s.to_string()
    }
}

/// A displayed number in TeX: ASCII minus, `1.2e−5` as 1.2 × 10⁻⁵, ∞ and NaN as symbols.
fn tex_number(shown: &str) -> String {
    let s = shown.replace('\u{2212}', "-");
    if let Some((mantissa, exponent)) = s.split_once('e') {
        return format!(r"{mantissa} \times 10^{{{exponent}}}");
    }
    match s.as_str() {
        "∞" => r"\infty".into(),
        "-∞" => r"-\infty".into(),
        "NaN" => r"\mathrm{NaN}".into(),
        _ => s,
    }
}

/// Renders TeX as a MathML `<math>` element.
pub fn mathml(tex: &str, display: bool) -> String {
    let storage = Storage::new();
    let parser = Parser::new(tex, &storage);
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        ..RenderConfig::default()
    };
    let mut out = String::new();
    if push_mathml(&mut out, parser, config).is_err() {
        // Writing into a String cannot fail; keep the source visible if it ever does.
        out = tex.to_string();
    }
    out
}
