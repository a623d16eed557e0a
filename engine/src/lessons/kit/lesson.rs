//! A lesson as the page and the `trace` tool see it: its settings and the functions that
//! compute it. Plain function pointers keep the registry a static table.

use std::future::Future;
use std::pin::Pin;

use burn::prelude::Device;

use crate::i18n::{Lang, Text};

use super::spec::{SettingSpec, Values};
use super::trace::{Erratum, LessonTrace, TraceError};

pub type TraceFuture<'a> = Pin<Box<dyn Future<Output = Result<LessonTrace, TraceError>> + 'a>>;
pub type ErrataFuture<'a> = Pin<Box<dyn Future<Output = Result<Vec<Erratum>, TraceError>> + 'a>>;

/// A formula as the article prints it (TeX quoted as data) beside the one the lesson computes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArticleFormula {
    /// Where it is printed, e.g. "§4.3".
    pub section: &'static str,
    /// The article's TeX, exactly as printed.
    pub article: &'static str,
    /// The formula the lesson computes, in TeX.
    pub ours: &'static str,
    /// What differs, or that nothing does.
    pub note: crate::i18n::Text,
}

pub struct LessonDef {
    pub id: &'static str,
    /// The article file the setup and the claims are quoted from.
    pub article_file: &'static str,
    pub settings: &'static [SettingSpec],
    /// The article's formulas for this example, shown as math beside the lesson's own.
    pub formulas: &'static [ArticleFormula],
    /// Computes everything shown for these settings on `device`.
    pub trace: for<'a> fn(&'a Values, &'a Device) -> TraceFuture<'a>,
    /// The article's claims beside the truth computed at `values`. The page passes the
    /// article's setup; a test passes a moved one, so that no shown number is a frozen copy.
    pub errata: for<'a> fn(&'a Values, &'a Device) -> ErrataFuture<'a>,
    /// New random initial weights from the `seed` setting (lessons that have one).
    pub reseed: Option<fn(&mut Values)>,
    /// The article's setup (usually the defaults; a lesson may derive weights from a seed).
    pub article_values: fn() -> Values,
    /// The caption of a setting's field in the form, in the learner's language.
    pub field_label: fn(&SettingSpec, Lang) -> String,
    /// What the gradient check moves, where the rule of `gradcheck::kit::checked_settings`
    /// (every number setting that names an entry with a gradient) does not fit the lesson.
    pub gradcheck: Option<CheckSpec>,
}

/// The form's caption unless the lesson names its fields: the words for the settings several
/// lessons share, in the learner's language; otherwise the setting's name, as in links (an
/// indexed symbol such as `W1[0][1]` or `p[2]` reads the same in both languages).
pub fn common_field_label(spec: &SettingSpec, lang: Lang) -> String {
    let words = match spec.name {
        "lr" => Text::new("学习率 α", "Learning rate α"),
        "lr_gd" => Text::new("GD 的学习率", "GD learning rate"),
        "lr_sgd" => Text::new("SGD 的学习率", "SGD learning rate"),
        "lr_momentum" => Text::new("动量法的学习率", "Momentum learning rate"),
        "lr_adam" => Text::new("Adam 的学习率", "Adam learning rate"),
        "momentum" => Text::new("动量系数", "Momentum coefficient"),
        "beta1" => Text::new("β₁（一阶矩衰减）", "β₁ (first-moment decay)"),
        "beta2" => Text::new("β₂（二阶矩衰减）", "β₂ (second-moment decay)"),
        "eps" => Text::new("ε（防止除以零）", "ε (keeps the division finite)"),
        "seed" => Text::new("随机种子", "Random seed"),
        "loss" => Text::new("损失函数", "Loss function"),
        "model" => Text::new("模型", "Model"),
        "formula" => Text::new("公式", "Formula"),
        "heads" => Text::new("注意力头数", "Attention heads"),
        name => return name.to_string(),
    };
    words.get(lang).to_string()
}

/// A lesson's own gradient check: the numbers to move, each with its autodiff gradient, and
/// how to move one of them by δ in the settings.
#[derive(Clone, Copy)]
pub struct CheckSpec {
    pub targets: fn(&Values, &LessonTrace) -> Vec<(String, f64)>,
    pub nudge: fn(&mut Values, &str, f64),
}

/// A lesson module's [`LessonDef`], from the names every lesson module declares: `ID`,
/// `SETTINGS`, `article_values`, its `trace(&Values, &Device)` and `errata::errata(&Values,
/// &Device)`. Only the article file is always given; `formulas`, `reseed` and `gradcheck`
/// follow as `field: value` where the lesson has them.
macro_rules! lesson_def {
    ($file:expr) => {
        $crate::lessons::kit::lesson::LessonDef {
            id: ID,
            article_file: $file,
            settings: SETTINGS,
            formulas: &[],
            trace: |v, d| Box::pin(trace(v, d)),
            errata: |v, d| Box::pin(errata::errata(v, d)),
            reseed: None,
            article_values,
            gradcheck: None,
            field_label: $crate::lessons::kit::lesson::common_field_label,
        }
    };
    ($file:expr, $($field:ident: $value:expr),+ $(,)?) => {
        $crate::lessons::kit::lesson::LessonDef {
            $($field: $value,)+
            ..$crate::lessons::kit::lesson::lesson_def!($file)
        }
    };
}
pub(crate) use lesson_def;

/// The article's formulas of the lesson folder `$lesson`, from its `formulas.toml` (turned into
/// a table by `engine/build.rs`).
macro_rules! article_formulas {
    ($lesson:literal) => {
        include!(concat!(env!("OUT_DIR"), "/formulas/", $lesson, ".rs"))
    };
}
pub(crate) use article_formulas;
