//! The top of every lesson page: the way back, the title, where the example comes from, what
//! the learner does here, and why a link could not be read. Read from the page registry.

use engine::i18n::Text;
use engine::lessons::registry;
use leptos::prelude::*;

use crate::app::{ctx, tr};
use crate::components::marked::marked;
use crate::i18n;

#[component]
pub fn LessonHeader(
    /// The page's registry id: its title, article, section and summary.
    page: &'static str,
    /// The article file the page quotes its numbers from.
    #[prop(optional)]
    file: Option<&'static str>,
    /// What the learner does here, where the page says more than the registry's summary.
    #[prop(optional)]
    summary: Option<Text>,
    /// Why the link's state could not be read, in the learner's language.
    link_error: Option<Signal<String>>,
    /// What the page did instead (default: the article's setup is loaded).
    #[prop(optional)]
    link_lead: Option<Text>,
    /// Notes under the summary.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let lang = ctx().lang;
    let info = registry::find(page);
    let summary = summary.or(info.map(|i| i.summary));
    let source = info.filter(|i| !i.article.is_empty()).map(|i| {
        view! {
            <p class="source" data-testid="source">
                {move || engine::i18n::article_reference(i.article, i.section, lang.get())}
                {file.map(|f| view! { " · " <code>{f}</code> })}
            </p>
        }
    });
    view! {
        // One line on a wide screen (the way back, the title, the source), so the picture
        // starts high on the first screen.
        <div class="lesson-head">
            <nav class="crumbs"><a href="#/" data-testid="back">{tr(i18n::ALL_LESSONS)}</a></nav>
            <h1>{move || info.map(|i| i.title.get(lang.get()))}</h1>
            {source}
        </div>
        <p class="summary">{move || summary.map(|t| marked(t.get(lang.get())))}</p>
        {children.map(|c| c())}
        {link_error.map(|reason| view! {
            <div class="banner warn" data-testid="link-error" role="alert">
                {tr(link_lead.unwrap_or(i18n::LINK_ERROR))} " " {reason}
            </div>
        })}
    }
}
