//! A printable worksheet of one lesson's step-through: the given numbers, then every step's
//! formula with a blank box for the learner's number; the answer key fills each box with the
//! step's substituted formula and value. HTML with print CSS and MathML, no script.

use crate::i18n::{Lang, Text};
use crate::lessons::kit::{LessonTrace, Phase, Values};
use crate::math::mathml;
use crate::state::number::format_number;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#111}\
h1{font-size:1.4em;margin:0}header p{margin:.3em 0 1em}\
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}\
td,th{border:1px solid #999;padding:.35em .5em;text-align:left;vertical-align:middle}\
td.answer{min-width:9em;height:2.2em}td.num{font-variant-numeric:tabular-nums}\
.given{display:grid;grid-template-columns:repeat(auto-fill,minmax(9em,1fr));gap:.2em 1em;font-family:monospace;margin:.5em 0 1.5em}\
@media print{body{margin:0}tr{break-inside:avoid}button{display:none}}";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn phase(p: Phase, lang: Lang) -> &'static str {
    match p {
        Phase::Forward => Text::new("前向", "Forward").get(lang),
        Phase::Backward => Text::new("反向", "Backward").get(lang),
        Phase::Update => Text::new("更新", "Update").get(lang),
    }
}

/// The sheet (or, with `answers`, its key) for `trace`, computed from `values`.
/// `variant` is the seed of the numbers (0: the article's); `None` for numbers set by hand.
pub fn worksheet(
    title: Text,
    values: &Values,
    trace: &LessonTrace,
    variant: Option<u64>,
    answers: bool,
    lang: Lang,
) -> String {
    let t = |zh, en| Text::new(zh, en).get(lang);
    let kind = if answers {
        t("答案", "Answer key")
    } else {
        t("练习单", "Worksheet")
    };
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} · {kind}</title><style>{STYLE}</style></head><body>",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        escape(title.get(lang))
    );
    html.push_str(&format!(
        "<header><h1>{} · {kind}</h1><p>{}</p>{}</header>",
        escape(title.get(lang)),
        t(
            "姓名 ________________　日期 __________",
            "Name ________________   Date __________"
        ),
        variant
            .map(|v| format!(
                "<p data-testid=\"variant\">{} {v}</p>",
                t("题号（随机种子）", "Variant (seed)")
            ))
            .unwrap_or_default(),
    ));
    html.push_str(&format!(
        "<h2>{}</h2><div class=\"given\">",
        t("已知", "Given")
    ));
    for (spec, v) in values.specs.iter().zip(&values.values) {
        if spec.hidden {
            continue;
        }
        let shown = if spec.choices.is_empty() {
            format_number(*v, 6)
        } else {
            spec.choices
                .get(*v as usize)
                .copied()
                .unwrap_or("?")
                .to_string()
        };
        html.push_str(&format!(
            "<span data-given=\"{0}\">{0} = {1}</span>",
            escape(spec.name),
            escape(&shown)
        ));
    }
    html.push_str("</div>");
    html.push_str(&format!(
        "<h2>{}</h2><p>{}</p><table class=\"steps\"><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("逐步计算", "Step by step"),
        t(
            "按顺序算出每一格；保留 4 位小数。",
            "Work out every box in order; keep 4 decimals."
        ),
        t("阶段", "Phase"),
        t("公式", "Formula"),
        if answers {
            t("答案", "Answer")
        } else {
            t("你的答案", "Your answer")
        },
    ));
    for (i, s) in trace.steps.iter().enumerate() {
        let cell = if answers {
            format!(
                "<td class=\"answer\" data-value=\"{}\">{}</td>",
                s.value,
                mathml(&s.substituted.tex, false)
            )
        } else {
            "<td class=\"answer\"></td>".to_string()
        };
        html.push_str(&format!(
            "<tr data-cell=\"{}\"><td>{}</td><td>{}</td><td>{}</td>{cell}</tr>",
            escape(&s.target),
            i + 1,
            phase(s.phase, lang),
            mathml(&s.formula.tex, false),
        ));
    }
    html.push_str("</tbody></table></body></html>");
    html
}
