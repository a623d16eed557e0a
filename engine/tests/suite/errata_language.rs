//! Every errata row reads in one language at a time: no English prose in a Chinese field, no
//! Chinese in an English one (code between backticks is the same in both), and every Chinese
//! quote of an article carries an English gloss.

use burn::prelude::Device;
use engine::i18n::runs;
use engine::lessons::kit::Erratum;

/// The allow-list shared with the browser checker: one word per line, `#` comments.
const ALLOWED_LIST: &str = include_str!("../../../tests/latin_in_chinese.txt");

fn allowed(token: &str) -> bool {
    ALLOWED_LIST
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .any(|w| w == token)
}

/// ASCII words of 3+ letters in `s` outside code runs that are not allowed in Chinese.
fn english_words(s: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for (code, run) in runs(s) {
        if code {
            continue;
        }
        for token in run.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            let symbol = token.chars().any(|c| c.is_ascii_digit() || c == '_');
            if symbol || token.len() < 3 || allowed(token) {
                continue;
            }
            bad.push(token.to_string());
        }
    }
    bad
}

fn cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Chinese characters in `s` outside code runs and outside “quotes” (an English sentence may
/// quote the article's Chinese words).
fn chinese(s: &str) -> bool {
    runs(s).iter().any(|(code, run)| {
        let mut quoted = false;
        !code
            && run.chars().any(|c| {
                match c {
                    '“' => quoted = true,
                    '”' => quoted = false,
                    _ => {}
                }
                !quoted && cjk(c)
            })
    })
}

/// The distinct code runs of `s`.
fn code_runs(s: &str) -> std::collections::BTreeSet<&str> {
    runs(s)
        .into_iter()
        .filter(|(c, _)| *c)
        .map(|(_, r)| r)
        .collect()
}

/// Every kit lesson's errata, mnist-cnn's and text-classifier's, by lesson id.
fn all_errata() -> Vec<(String, Erratum)> {
    let device = Device::flex();
    let mut all = Vec::new();
    for def in engine::lessons::registry::kit_lessons() {
        for e in pollster::block_on((def.errata)(&(def.article_values)(), &device)).unwrap() {
            all.push((def.id.to_string(), e));
        }
    }
    for e in engine::mnist::errata::errata(&device) {
        all.push(("mnist-cnn".into(), e));
    }
    let text = pollster::block_on(engine::lessons::text_classifier::errata::errata(
        &engine::lessons::text_classifier::errata::errata_settings(),
        &device,
    ));
    for e in text.unwrap() {
        all.push(("text-classifier".into(), e));
    }
    all
}

/// Each field's problems: (lesson/row/field, what is wrong).
fn problems(all: &[(String, Erratum)]) -> Vec<String> {
    let mut out = Vec::new();
    for (lesson, e) in all {
        let mut zh = vec![
            (
                "quantity",
                e.quantity.zh.to_string(),
                e.quantity.en.to_string(),
            ),
            ("truth", e.truth.zh.clone(), e.truth.en.clone()),
            (
                "explanation",
                e.explanation.zh.clone(),
                e.explanation.en.clone(),
            ),
        ];
        if let Some(r) = &e.recomputed {
            zh.push(("recomputed", r.zh.clone(), r.en.clone()));
        }
        for (field, z, en) in zh {
            let words = english_words(&z);
            if !words.is_empty() {
                out.push(format!("{lesson}/{}/{field}.zh: {words:?}", e.id));
            }
            if chinese(&en) {
                out.push(format!("{lesson}/{}/{field}.en has Chinese", e.id));
            }
            if code_runs(&z) != code_runs(&en) {
                out.push(format!("{lesson}/{}/{field}: code runs differ", e.id));
            }
        }
        let prose = e.article.chars().any(cjk) && !e.article.contains('\\');
        match (&e.gloss, prose) {
            (None, true) => out.push(format!("{lesson}/{}: Chinese quote without gloss", e.id)),
            (Some(_), false) => {
                out.push(format!("{lesson}/{}: gloss of a non-Chinese quote", e.id))
            }
            (Some(g), true) if g.chars().any(cjk) || g.is_empty() => {
                out.push(format!("{lesson}/{}: gloss not English", e.id))
            }
            _ => {}
        }
    }
    out
}

#[test]
fn errata_read_in_one_language() {
    let all = all_errata();
    assert!(all.len() > 50, "{} rows", all.len());
    let bad = problems(&all);
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn checks_catch_mixed_languages() {
    assert_eq!(
        english_words("训练用 `nn.MSELoss()` 和 Adam"),
        Vec::<String>::new()
    );
    assert_eq!(english_words("d_model = 4, W_Q"), Vec::<String>::new());
    assert_eq!(english_words("after 3 steps"), vec!["after", "steps"]);
    assert!(chinese("准确率 is accuracy"));
    assert!(!chinese("`准确率` is accuracy"));
    assert!(!chinese("texts use “准确率” for precision"));
    assert!(chinese("“准确率” 是"));
}

/// The playground's choices read in the learner's language (their link tokens stay as they are).
#[test]
fn playground_choices_read_in_one_language() {
    use engine::i18n::{Lang, Text};
    use engine::playground::data::DatasetKind;
    use engine::playground::spec::{Activation, Optimizer, Regularization};
    let labels: Vec<Text> = DatasetKind::ALL
        .iter()
        .chain([DatasetKind::Csv].iter())
        .map(|k| k.label())
        .chain(Activation::ALL.iter().map(|a| a.label()))
        .chain(Optimizer::ALL.iter().map(|o| o.label()))
        .chain(Regularization::ALL.iter().map(|r| r.label()))
        .collect();
    for t in labels {
        assert!(english_words(t.get(Lang::Zh)).is_empty(), "{t:?}");
        assert!(!t.get(Lang::En).chars().any(cjk), "{t:?}");
    }
    assert_eq!(
        Optimizer::Momentum.name(),
        "momentum",
        "the link token stays"
    );
}
