//! The article's formulas as printed, rendered as math, beside the ones the lesson computes.

use engine::math::mathml;
use leptos::prelude::*;

use super::state::KitState;
use crate::app::{ctx, tr};
use crate::components::scroll_box::ScrollBox;
use crate::i18n;

/// MathML of quoted TeX; TeX the renderer cannot read is shown as it is printed.
fn math_or_source(tex: &'static str) -> AnyView {
    let ml = mathml(tex, true);
    if ml.contains("merror") {
        view! { <code>{tex}</code> }.into_any()
    } else {
        // MathML made by the engine from TeX quoted in the lesson's source, no learner text.
        // A formula wider than its column scrolls inside the cell (by keyboard too).
        view! { <div class="cell-scroll" tabindex="0" inner_html=ml></div> }.into_any()
    }
}

#[component]
pub fn ArticleFormulas(state: KitState) -> impl IntoView {
    let lang = ctx().lang;
    let formulas = state.def.formulas;
    (!formulas.is_empty()).then(|| {
        let rows = formulas
            .iter()
            .enumerate()
            .map(|(i, f)| {
                view! {
                    <tr data-testid=format!("article-formula-{i}")>
                        <td class="muted">{move || engine::i18n::section(f.section, lang.get())}</td>
                        <td class="article-math" data-tex=f.article>{math_or_source(f.article)}</td>
                        <td class="our-math">{math_or_source(f.ours)}</td>
                        <td class="why">{move || f.note.get(lang.get())}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="panel formulas" data-testid="article-formulas">
                <h2>{tr(i18n::ARTICLE_FORMULAS)}</h2>
                <ScrollBox label=i18n::ARTICLE_FORMULAS>
                    <table>
                        <thead><tr>
                            <th></th>
                            <th>{tr(i18n::ARTICLE_SAYS)}</th>
                            <th>{tr(i18n::LESSON_COMPUTES)}</th>
                            <th>{tr(i18n::WHY)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </ScrollBox>
            </section>
        }
    })
}
