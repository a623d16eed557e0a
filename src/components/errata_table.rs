//! The article's claims beside the truth the lesson computes, with what went wrong.

use engine::math::mathml;
use leptos::prelude::*;

use crate::app::{ctx, tr};
use crate::i18n;
use engine::lessons::kit::{Erratum, RowKind};

/// The claim as printed; a formula quoted in TeX is shown as math.
fn article_cell(id: &'static str, article: &'static str) -> AnyView {
    let testid = format!("erratum-{id}-article");
    if article.contains('\\') {
        view! { <td class="article" data-testid=testid data-tex=article inner_html=mathml(article, false)></td> }.into_any()
    } else {
        view! { <td class="article" data-testid=testid>{article}</td> }.into_any()
    }
}

/// A sentence quoted from the article in a note; TeX is shown as math.
fn article_quote(article: &'static str) -> AnyView {
    if article.contains('\\') {
        view! { <span class="article" inner_html=mathml(article, false)></span> }.into_any()
    } else {
        view! { <span class="article">{article}</span> }.into_any()
    }
}

/// The errata of a lesson: `None` while they are computed, `Err` when that failed.
#[component]
pub fn ErrataTable(
    #[prop(into)] errata: Signal<Option<Result<Vec<Erratum>, String>>>,
    /// What "computed" and "recomputed" mean for this lesson, if not the kit's usual note.
    #[prop(optional)]
    note: Option<engine::i18n::Text>,
) -> impl IntoView {
    let lang = ctx().lang;
    let rows = move || {
        let l = lang.get();
        errata.with(|e| match e {
            None => view! { <tr><td colspan="5">"…"</td></tr> }.into_any(),
            Some(Err(msg)) => view! {
                <tr><td colspan="5" role="alert">{i18n::ERRATA_FAILED.get(l)} {msg.clone()}</td></tr>
            }.into_any(),
            Some(Ok(rows)) => rows
                .iter()
                .filter(|r| r.kind == RowKind::Slip)
                .map(|r| view! {
                    <tr data-testid=format!("erratum-{}", r.id)>
                        <th scope="row">{r.quantity.get(l)}</th>
                        {article_cell(r.id, r.article)}
                        <td class="truth" data-testid=format!("erratum-{}-truth", r.id)>{r.truth.clone()}</td>
                        <td class="recomputed">{r.recomputed.clone().unwrap_or_else(|| "—".into())}</td>
                        <td class="why">{r.explanation.get(l)}</td>
                    </tr>
                })
                .collect_view()
                .into_any(),
        })
    };
    // Rows that accuse the article of nothing: true or loosely worded sentences, with context.
    let notes = move || {
        let l = lang.get();
        errata.with(|e| {
            let Some(Ok(rows)) = e else { return None };
            let items: Vec<_> = rows
                .iter()
                .filter(|r| r.kind == RowKind::Note)
                .map(|r| {
                    view! {
                        <li data-testid=format!("note-{}", r.id)>
                            <strong>{r.quantity.get(l)}</strong>
                            <blockquote>{article_quote(r.article)}</blockquote>
                            <p><span class="truth">{r.truth.clone()}</span></p>
                            <p>{r.explanation.get(l)}</p>
                        </li>
                    }
                })
                .collect();
            (!items.is_empty()).then(|| {
                view! {
                    <div class="errata-notes" data-testid="errata-notes">
                        <h3>{i18n::ERRATA_NOTES.get(l)}</h3>
                        <p class="muted">{i18n::ERRATA_NOTES_INTRO.get(l)}</p>
                        <ul>{items}</ul>
                    </div>
                }
            })
        })
    };
    view! {
        <section class="panel errata" data-testid="errata">
            <h2>{tr(i18n::ERRATA)}</h2>
            <p class="muted">{tr(note.unwrap_or(i18n::ERRATA_NOTE))}</p>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th>{tr(i18n::QUANTITY)}</th>
                        <th>{tr(i18n::ARTICLE_SAYS)}</th>
                        <th>{tr(i18n::COMPUTED)}</th>
                        <th>{tr(i18n::RECOMPUTED)}</th>
                        <th>{tr(i18n::WHY)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {notes}
        </section>
    }
}
