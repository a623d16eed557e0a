//! The two languages of the app. Text that belongs to a lesson (errata, formulas)
//! lives with the lesson; UI chrome lives in the app.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    /// Chinese first: the articles are Chinese.
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A sentence written in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(zh: &'static str, en: &'static str) -> Text {
        Text { zh, en }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// An owned sentence in both languages, for text built at run time (errata with computed
/// numbers). Text between backticks is code (`nn.CrossEntropyLoss()`): the same in both
/// languages, shown as code, with the backticks never shown.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Phrase {
    pub zh: String,
    pub en: String,
}

impl Phrase {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Phrase {
        Phrase {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// Language-neutral text (numbers, formulas, code): the same in both languages.
    pub fn same(s: impl Into<String>) -> Phrase {
        let s = s.into();
        Phrase {
            zh: s.clone(),
            en: s,
        }
    }

    /// The text in `lang`, backticks included (see [`Phrase::runs`]).
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The text in `lang` as runs `(is_code, text)`: code between backticks, prose outside;
    /// the backticks themselves are dropped, and empty runs are left out.
    pub fn runs(&self, lang: Lang) -> Vec<(bool, &str)> {
        runs(self.get(lang))
    }

    /// The text in `lang` without the backticks.
    pub fn plain(&self, lang: Lang) -> String {
        self.runs(lang).into_iter().map(|(_, s)| s).collect()
    }
}

/// `s` split at backticks into `(is_code, text)` runs; empty runs are left out.
pub fn runs(s: &str) -> Vec<(bool, &str)> {
    s.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| (i % 2 == 1, part))
        .collect()
}

/// True when `s` holds a Chinese character (CJK ideographs and punctuation, full-width forms).
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
    })
}

impl From<Text> for Phrase {
    fn from(t: Text) -> Phrase {
        Phrase::new(t.zh, t.en)
    }
}

/// An article section as the learner reads it. Article 002 heads its worked examples in
/// English ("Mathematical Models & Detailed Explanations with Examples") and its code walk-through
/// "Project Case: …"; the lessons cite them as `§Mathematical models N` and `§Project case`,
/// which the Chinese UI says by their Chinese names. Numbered sections read the same in both.
pub fn section(cited: &str, lang: Lang) -> String {
    match lang {
        Lang::En => cited.to_string(),
        Lang::Zh => cited
            .replace("Mathematical models", "数学模型")
            .replace("Project case", "项目案例"),
    }
}

/// Where a lesson's example is in the articles, in `lang`: each article number with its own
/// section ("文章 002 §数学模型 1、003 §4.3", "Articles 002 §Mathematical models 1, 003 §4.3").
/// `article` and `cited` list them in step, separated by " / ", as the registry writes them.
pub fn article_reference(article: &str, cited: &str, lang: Lang) -> String {
    let articles: Vec<&str> = article.split(" / ").collect();
    let sections: Vec<&str> = cited.split(" / ").collect();
    let pairs: Vec<String> = if articles.len() == sections.len() {
        articles
            .iter()
            .zip(&sections)
            .map(|(a, s)| format!("{a} {}", section(s, lang)))
            .collect()
    } else {
        vec![format!("{article} {}", section(cited, lang))]
    };
    let (one, many, sep) = match lang {
        Lang::Zh => ("文章", "文章", "、"),
        Lang::En => ("Article", "Articles", ", "),
    };
    let word = if articles.len() > 1 { many } else { one };
    format!("{word} {}", pairs.join(sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_references_pair_each_article_with_its_section() {
        assert_eq!(
            article_reference("002 / 003", "§Mathematical models 1 / §4.3", Lang::Zh),
            "文章 002 §数学模型 1、003 §4.3"
        );
        assert_eq!(
            article_reference("002 / 003", "§Mathematical models 1 / §4.3", Lang::En),
            "Articles 002 §Mathematical models 1, 003 §4.3"
        );
        assert_eq!(
            article_reference("003", "§3.1.3, §4.2.3, §4.3", Lang::En),
            "Article 003 §3.1.3, §4.2.3, §4.3"
        );
        // Lists out of step are shown as written rather than paired wrongly.
        assert_eq!(
            article_reference("001 / 002", "§5", Lang::En),
            "Articles 001 / 002 §5"
        );
    }

    #[test]
    fn runs_split_code_from_prose() {
        let p = Phrase::new(
            "训练用的是 `nn.CrossEntropyLoss()`，没有 MSE",
            "trains with `nn.CrossEntropyLoss()`, not MSE",
        );
        let zh = p.runs(Lang::Zh);
        let en = p.runs(Lang::En);
        assert_eq!(
            zh,
            vec![
                (false, "训练用的是 "),
                (true, "nn.CrossEntropyLoss()"),
                (false, "，没有 MSE")
            ]
        );
        assert_eq!(
            en,
            vec![
                (false, "trains with "),
                (true, "nn.CrossEntropyLoss()"),
                (false, ", not MSE")
            ]
        );
        let code = |r: &[(bool, &str)]| -> Vec<String> {
            r.iter()
                .filter(|(c, _)| *c)
                .map(|(_, s)| s.to_string())
                .collect()
        };
        assert_eq!(code(&zh), code(&en));
        for (_, s) in zh.iter().chain(&en) {
            assert!(!s.contains('`'));
        }
        assert_eq!(
            p.plain(Lang::En),
            "trains with nn.CrossEntropyLoss(), not MSE"
        );
    }

    #[test]
    fn same_and_from_text() {
        let p = Phrase::same("`x` = 1");
        assert_eq!(p.get(Lang::Zh), p.get(Lang::En));
        assert_eq!(p.runs(Lang::Zh), vec![(true, "x"), (false, " = 1")]);
        let t: Phrase = Text::new("甲", "a").into();
        assert_eq!((t.zh.as_str(), t.en.as_str()), ("甲", "a"));
        assert_eq!(runs("no code"), vec![(false, "no code")]);
        assert!(runs("").is_empty());
    }
}
