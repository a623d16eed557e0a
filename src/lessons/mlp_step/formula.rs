//! The current step's formula, in symbols and with the numbers substituted, the steps
//! revealed so far, and the last SGD update.

use engine::lessons::mlp_step::labels::label;
use engine::lessons::mlp_step::walkthrough::Phase;
use engine::math::mathml;
use engine::state::number::format_number;
use leptos::prelude::*;

use super::diagram::Reveal;
use super::state::LessonState;
use crate::app::{ctx, tr};
use crate::i18n;

#[component]
pub fn StepPanel(state: LessonState, reveal: Reveal, forward_len: Memo<usize>) -> impl IntoView {
    let lang = ctx().lang;
    let phase = move || {
        let l = lang.get();
        let c = reveal.cursor.get();
        let total = reveal.steps.with(|s| s.len());
        let f = forward_len.get();
        if c == 0 {
            i18n::PHASE_READY.get(l).to_string()
        } else if c <= f {
            format!("{} {c}/{f}", i18n::PHASE_FORWARD.get(l))
        } else if c < total {
            format!("{} {}/{}", i18n::PHASE_BACKWARD.get(l), c - f, total - f)
        } else {
            i18n::PHASE_DONE.get(l).to_string()
        }
    };
    let current = move || {
        let c = reveal.cursor.get();
        if c == 0 {
            None
        } else {
            reveal.steps.with(|s| s.get(c - 1).cloned())
        }
    };
    let log =
        move || {
            let c = reveal.cursor.get();
            reveal.steps.with(|s| {
                s.iter()
                .take(c.saturating_sub(1))
                .rev()
                .map(|s| {
                    let kind = if s.phase == Phase::Forward { "fwd" } else { "bwd" };
                    view! {
                        <li class=kind>
                            <span class="formula" inner_html=mathml(&s.formula.tex, false)></span>
                            " "
                            <span class="subst" inner_html=mathml(&s.substituted.tex, false)></span>
                        </li>
                    }
                })
                .collect_view()
            })
        };
    let update = move || {
        state.last_update.get().map(|lines| {
            let rows = lines
                .into_iter()
                .map(|l| {
                    view! {
                        <li data-testid=format!("update-{}", l.name) data-before=l.before.to_string() data-after=l.after.to_string()>
                            <span class="formula" inner_html=mathml(&l.formula.tex, false)></span>
                            " "
                            <span class="subst" inner_html=mathml(&l.substituted.tex, false)></span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="update" data-testid="update-panel">
                    <h3>{tr(i18n::UPDATE_HEADING)}</h3>
                    <p class="muted">{tr(i18n::UPDATED_FROM)} " α = " {move || state.params.with(|p| format_number(p.lr, 6))}</p>
                    <ul class="update-lines">{rows}</ul>
                </div>
            }
        })
    };
    view! {
        <p class="phase" data-testid="phase" data-cursor=move || reveal.cursor.get()>{phase}</p>
        {move || {
            current()
                .map(|s| {
                    view! {
                        <div class="current-step" data-testid="current-step" data-target=s.target.clone()>
                            <p class="step-label" data-testid="step-label">{label_of(&s.target, &s.label)}</p>
                            // MathML made by the engine from TeX it wrote itself: no learner text inside.
                            <div class="formula big" data-testid="step-formula" data-plain=s.formula.plain.clone()
                                inner_html=mathml(&s.formula.tex, true)></div>
                            <div class="subst big" data-testid="step-substituted" data-plain=s.substituted.plain.clone()
                                data-value=s.value.to_string() inner_html=mathml(&s.substituted.tex, true)></div>
                        </div>
                    }
                })
        }}
        <ol class="step-log" data-testid="step-log">{log}</ol>
        {update}
    }
}

fn label_of(target: &str, fallback: &str) -> String {
    match target.strip_prefix("grad:") {
        Some(_) => fallback.to_string(),
        None if target == "loss" => "L".into(),
        None => label(target),
    }
}
