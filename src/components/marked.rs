//! Text with code between backticks, as the engine's `i18n::runs` reads it: prose as text,
//! code as `<code>` (so that a layer name or a command is marked as code in either language),
//! backticks dropped.

use engine::i18n::{Text, runs};
use leptos::prelude::*;

use crate::app::ctx;

pub fn marked(text: &str) -> AnyView {
    runs(text)
        .into_iter()
        .map(|(code, run)| {
            let run = run.to_string();
            if code {
                view! { <code>{run}</code> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// [`marked`] of `text` in the learner's language, following a language switch.
#[component]
pub fn Marked(text: Text) -> impl IntoView {
    let lang = ctx().lang;
    move || marked(text.get(lang.get()))
}
