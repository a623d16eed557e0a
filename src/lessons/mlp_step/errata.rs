//! The article's numbers beside the computed truth, with what went wrong.

use engine::lessons::mlp_step::errata::{ERRATA, Truth};
use engine::state::number::format_number;
use leptos::prelude::*;

use super::state::LessonState;
use crate::app::{ctx, tr};
use crate::i18n;

#[component]
pub fn ErrataPanel(state: LessonState) -> impl IntoView {
    let lang = ctx().lang;
    let rows = ERRATA
        .iter()
        .map(|e| {
            let truth = move || match e.truth {
                Truth::Stated(text) => (text.get(lang.get()).to_string(), String::new()),
                Truth::Computed(f) => state.article.with(|a| match a {
                    Some(t) => {
                        let v = f(&t.params, &t.trace);
                        (format_number(v, 5), v.to_string())
                    }
                    None => ("…".into(), String::new()),
                }),
            };
            let recomputed = e.recomputed.map(|f| format_number(f(), 5)).unwrap_or_else(|| "—".into());
            view! {
                <tr data-testid=format!("erratum-{}", e.id)>
                    <th scope="row">{move || e.quantity.get(lang.get())}</th>
                    <td class="article" data-quote="article" data-testid=format!("erratum-{}-article", e.id)>{e.article}</td>
                    <td class="truth" data-testid=format!("erratum-{}-truth", e.id) data-value=move || truth().1>{move || truth().0}</td>
                    <td class="recomputed">{recomputed}</td>
                    <td class="why">{move || e.explanation.get(lang.get())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel errata" data-testid="errata">
            <h2>{tr(i18n::ERRATA)}</h2>
            <p class="muted">{tr(i18n::ERRATA_NOTE)}</p>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th>{tr(i18n::QUANTITY)}</th>
                            <th>{tr(i18n::ARTICLE_SAYS)}</th>
                            <th>{tr(i18n::COMPUTED)}</th>
                            <th>{tr(i18n::RECOMPUTED)}</th>
                            <th>{tr(i18n::WHY)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
