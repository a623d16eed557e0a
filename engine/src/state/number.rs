//! Validation of every number a learner types, pastes or links.

use crate::i18n::{Lang, Text};

/// The largest magnitude accepted for any typed value. Larger inputs only saturate the
/// sigmoids; the limit keeps a stray keystroke (1e300) from producing an unreadable page.
pub const MAX_MAGNITUDE: f64 = 1.0e6;

/// Why a typed value was refused. The previous value is kept.
#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    Empty,
    NotANumber(String),
    NotFinite,
    TooLarge(f64),
    OutOfRange {
        min: f64,
        max: f64,
    },
    NotAChoice {
        choices: Vec<&'static str>,
    },
    UnknownName(String),
    Malformed(String),
    /// A name given twice in one link.
    Repeated(String),
    /// A setting's own check refused the text: which setting, the text (cut to 40
    /// characters) and why, in both languages.
    Refused {
        name: String,
        value: String,
        problem: Text,
    },
}

impl InputError {
    pub fn refused(name: &str, value: &str, problem: Text) -> InputError {
        let cut = |s: &str| s.chars().take(40).collect::<String>();
        InputError::Refused {
            name: cut(name),
            value: cut(value),
            problem,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (InputError::Empty, Lang::Zh) => "请输入一个数。".into(),
            (InputError::Empty, Lang::En) => "Enter a number.".into(),
            (InputError::NotANumber(t), Lang::Zh) => format!("“{t}”不是数。"),
            (InputError::NotANumber(t), Lang::En) => format!("“{t}” is not a number."),
            (InputError::NotFinite, Lang::Zh) => "必须是有限的数（不能是 NaN 或 ∞）。".into(),
            (InputError::NotFinite, Lang::En) => "Must be a finite number (not NaN or ∞).".into(),
            (InputError::TooLarge(_), Lang::Zh) => {
                format!("太大了：绝对值不能超过 {MAX_MAGNITUDE:e}。")
            }
            (InputError::TooLarge(_), Lang::En) => {
                format!("Too large: the magnitude must stay within {MAX_MAGNITUDE:e}.")
            }
            (InputError::OutOfRange { min, max }, Lang::Zh) => {
                format!("必须在 {min} 到 {max} 之间。")
            }
            (InputError::OutOfRange { min, max }, Lang::En) => {
                format!("Must be between {min} and {max}.")
            }
            (InputError::NotAChoice { choices }, Lang::Zh) => {
                format!("只能是 {} 之一。", choices.join(" / "))
            }
            (InputError::NotAChoice { choices }, Lang::En) => {
                format!("Must be one of {}.", choices.join(" / "))
            }
            (InputError::UnknownName(n), Lang::Zh) => format!("没有叫“{n}”的量。"),
            (InputError::UnknownName(n), Lang::En) => format!("There is no value named “{n}”."),
            (InputError::Malformed(t), Lang::Zh) => format!("无法理解“{t}”（应为 名称=值）。"),
            (InputError::Malformed(t), Lang::En) => {
                format!("Cannot read “{t}” (expected NAME=VALUE).")
            }
            (InputError::Repeated(n), Lang::Zh) => format!("“{n}”在链接里出现了两次。"),
            (InputError::Repeated(n), Lang::En) => format!("“{n}” appears twice in the link."),
            (
                InputError::Refused {
                    name,
                    value,
                    problem,
                },
                _,
            ) => format!("{name} = “{value}”: {}", problem.get(lang)),
        }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for InputError {}

/// Parses a typed number: trims, accepts `−` (U+2212) and a decimal comma, refuses
/// empty text, words, NaN, ∞ and magnitudes beyond [`MAX_MAGNITUDE`].
pub fn parse_number(text: &str) -> Result<f64, InputError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(InputError::Empty);
    }
    let normalised = t.replace('\u{2212}', "-").replace(',', ".");
    let lower = normalised.to_ascii_lowercase();
    // Rust parses "inf", "nan" and "infinity"; a learner typing them gets the finite-number message.
    if lower.contains("nan") || lower.contains("inf") || t.contains('∞') {
        return Err(InputError::NotFinite);
    }
    let v: f64 = normalised
        .parse()
        .map_err(|_| InputError::NotANumber(t.chars().take(40).collect()))?;
    if !v.is_finite() {
        return Err(InputError::NotFinite);
    }
    if v.abs() > MAX_MAGNITUDE {
        return Err(InputError::TooLarge(v));
    }
    Ok(v)
}

/// Parses a number that must lie in `[min, max]`.
pub fn parse_in_range(text: &str, min: f64, max: f64) -> Result<f64, InputError> {
    let v = parse_number(text)?;
    if v < min || v > max {
        return Err(InputError::OutOfRange { min, max });
    }
    Ok(v)
}

/// Formats a value for display: `digits` decimals, trailing zeros trimmed, `−` for minus.
/// A value that is not a whole number never shows as one: σ(11) = 0.9999833 is shown as
/// 0.99998, not 1, so a learner is not told that a sigmoid reached 1. Tiny values use
/// scientific notation.
pub fn format_number(v: f64, digits: usize) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    if v != 0.0 && v.abs() < 10f64.powi(-(digits as i32)) {
        return format!("{v:.3e}").replace('-', "\u{2212}");
    }
    let mut d = digits;
    let mut s = format!("{v:.d$}");
    // f32 carries about 7 significant digits; look no further than 8 decimals.
    while v.fract() != 0.0 && d < 8 && s.parse::<f64>().is_ok_and(|r| r.fract() == 0.0) {
        d += 1;
        s = format!("{v:.d$}");
    }
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if s == "-0" {
        s = "0".into();
    }
    s.replace('-', "\u{2212}")
}

/// Formats a value rounded to `significant` digits, for prose that says "about": 27069.5 is
/// "27070", 0.00261 stays "0.00261", 5·10⁻⁵ is "0.00005".
pub fn format_significant(v: f64, significant: i32) -> String {
    if v == 0.0 || !v.is_finite() {
        return format_number(v, 0);
    }
    let magnitude = v.abs().log10().floor() as i32;
    let scale = 10f64.powi(significant - 1 - magnitude);
    let rounded = (v * scale).round() / scale;
    format_number(rounded, (significant - 1 - magnitude).clamp(0, 12) as usize)
}

/// A caption for errors shown beside a field.
pub const FIELD_ERROR_TITLE: Text = Text::new("输入有误", "Invalid input");
