//! The home page: the playground and every lesson of the articles, read from the registry.

use engine::lessons::registry::{find, lessons};
use leptos::prelude::*;

use crate::app::{ctx, tr};
use crate::i18n;

#[component]
pub fn Home() -> impl IntoView {
    let lang = ctx().lang;
    let cards = lessons()
        .map(|l| {
            let status = if l.live { i18n::LIVE } else { i18n::COMING };
            let title = move || l.title.get(lang.get());
            let summary = move || l.summary.get(lang.get());
            let body = view! {
                <h3>{title}</h3>
                <p class="summary">{summary}</p>
                <p class="meta">
                    {tr(i18n::ARTICLE)} " " {l.article} " " {move || engine::i18n::section(l.section, lang.get())}
                    <span class="status" data-testid=format!("lesson-{}-status", l.id)>{tr(status)}</span>
                </p>
            };
            if l.live {
                view! {
                    <a class="card live" href=format!("#/{}", l.id) data-testid=format!("lesson-{}", l.id)>
                        {body}
                    </a>
                }
                .into_any()
            } else {
                view! {
                    <div class="card coming" aria-disabled="true" data-testid=format!("lesson-{}", l.id)>
                        {body}
                    </div>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <section class="home">
            <p class="tagline">{tr(i18n::TAGLINE)}</p>
            {find("playground").map(|p| view! {
                <a class="card live playground-card" href=format!("#/{}", p.id) data-testid="open-playground">
                    <strong>{tr(p.title)}</strong>
                    <span>{tr(p.summary)}</span>
                </a>
            })}
            <h2>{tr(i18n::LESSONS_HEADING)}</h2>
            <div class="cards" data-testid="lesson-list">{cards}</div>
        </section>
    }
}
