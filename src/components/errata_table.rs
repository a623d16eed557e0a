//! The article's claims beside the truth the lesson computes, with what went wrong.

use engine::math::mathml;
use leptos::prelude::*;

use crate::app::{ctx, tr};
use crate::backend::Backend;
use crate::components::marked::marked;
use crate::components::scroll_box::ScrollBox;
use crate::i18n;
use engine::i18n::{Lang, has_cjk};
use engine::lessons::kit::{Erratum, LessonDef, RowKind};

/// `lang="zh"` for a quote in Chinese, so that it is read and shaped as Chinese in either UI.
fn quote_lang(article: &str) -> Option<&'static str> {
    has_cjk(article).then_some("zh")
}

/// The English gloss of a Chinese quote, shown under it in the English UI only.
fn gloss(e: &Erratum, l: Lang) -> Option<AnyView> {
    let g = e.gloss.filter(|_| l == Lang::En)?;
    Some(view! { <br/><span class="gloss" lang="en">{g}</span> }.into_any())
}

/// The claim as printed; a formula quoted in TeX is shown as math.
fn article_cell(e: &Erratum, l: Lang) -> AnyView {
    let (id, article) = (e.id, e.article);
    let testid = format!("erratum-{id}-article");
    if article.contains('\\') {
        // A formula wider than the cell scrolls inside it.
        view! {
            <td class="article" data-quote="article" data-testid=testid data-tex=article>
                <div class="cell-scroll" tabindex="0" inner_html=mathml(article, false)></div>
            </td>
        }
        .into_any()
    } else {
        view! {
            <td class="article" data-quote="article" data-testid=testid lang=quote_lang(article)>
                {article}
                {gloss(e, l)}
            </td>
        }
        .into_any()
    }
}

/// A sentence quoted from the article in a note; TeX is shown as math.
fn article_quote(e: &Erratum, l: Lang) -> AnyView {
    let article = e.article;
    if article.contains('\\') {
        view! { <span class="article" data-quote="article" inner_html=mathml(article, false)></span> }.into_any()
    } else {
        view! {
            <span class="article" data-quote="article" lang=quote_lang(article)>{article}</span>
            {gloss(e, l)}
        }
        .into_any()
    }
}

/// A step-through's errata at the article's setup (the claims are about it, not about the
/// learner's edits), computed on the page's backend into `into`.
pub fn compute_errata(
    def: &'static LessonDef,
    backend: Backend,
    into: RwSignal<Option<Result<Vec<Erratum>, String>>>,
) {
    leptos::task::spawn_local(async move {
        let rows = backend
            .run(|device| async move { (def.errata)(&(def.article_values)(), &device).await })
            .await
            .map_err(|e| e.0);
        into.try_set(Some(rows));
    });
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
                        <th scope="row">{marked(r.quantity.get(l))}</th>
                        {article_cell(r, l)}
                        <td class="truth" data-testid=format!("erratum-{}-truth", r.id)>{marked(r.truth.get(l))}</td>
                        <td class="recomputed">{marked(r.recomputed.as_ref().map_or("—", |p| p.get(l)))}</td>
                        <td class="why">{marked(r.explanation.get(l))}</td>
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
                            <strong>{marked(r.quantity.get(l))}</strong>
                            <blockquote>{article_quote(r, l)}</blockquote>
                            <p><span class="truth">{marked(r.truth.get(l))}</span></p>
                            <p>{marked(r.explanation.get(l))}</p>
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
            <ScrollBox label=i18n::ERRATA>
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
            </ScrollBox>
            {notes}
        </section>
    }
}
