//! The current step's formula in symbols and with the numbers substituted, and the log of
//! the steps revealed so far.

use engine::lessons::kit::{Phase, Step};
use engine::math::mathml;
use leptos::prelude::*;

use super::state::KitState;
use crate::app::{ctx, tr};
use crate::i18n;

pub fn phase_name(phase: Phase) -> engine::i18n::Text {
    match phase {
        Phase::Forward => i18n::PHASE_FORWARD,
        Phase::Backward => i18n::PHASE_BACKWARD,
        Phase::Update => i18n::PHASE_UPDATE,
    }
}

fn phase_class(phase: Phase) -> &'static str {
    match phase {
        Phase::Forward => "fwd",
        Phase::Backward => "bwd",
        Phase::Update => "upd",
    }
}

/// Font sizes (em) a long formula of the current step tries, largest first, so that its end
/// (the value) shows in a narrow column; below the last it scrolls inside its box.
const FIT_SIZES: [f64; 5] = [1.0, 0.9, 0.8, 0.7, 0.6];

/// Shrinks each big formula of the current step until it fits its box's width.
fn fit_formulas() {
    let Ok(found) = document().query_selector_all(".current-step .big") else {
        return;
    };
    for i in 0..found.length() {
        let Some(el) = found.item(i).and_then(|n| {
            leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::Element>(n).ok()
        }) else {
            continue;
        };
        el.remove_attribute("style").ok();
        let fits = |el: &leptos::web_sys::Element| el.scroll_width() <= el.client_width();
        for size in FIT_SIZES {
            if fits(&el) {
                break;
            }
            el.set_attribute("style", &format!("font-size: {size}em"))
                .ok();
        }
    }
}

#[component]
pub fn KitStepPanel(state: KitState, steps: Memo<Vec<Step>>) -> impl IntoView {
    let lang = ctx().lang;
    // After each step (or language, which changes widths) is drawn, fit its formulas.
    Effect::new(move |_| {
        state.cursor.track();
        steps.track();
        lang.track();
        request_animation_frame(fit_formulas);
    });
    // A window resized (a phone turned, a projector's window) changes the box's width too.
    let on_resize = window_event_listener(leptos::ev::resize, |_| fit_formulas());
    on_cleanup(move || on_resize.remove());
    let phase = move || {
        let l = lang.get();
        let c = state.cursor.get();
        steps.with(|s| {
            if c == 0 {
                i18n::PHASE_READY.get(l).to_string()
            } else if c >= s.len() {
                format!("{} ({c}/{})", i18n::PHASE_DONE.get(l), s.len())
            } else {
                format!("{} {c}/{}", phase_name(s[c - 1].phase).get(l), s.len())
            }
        })
    };
    let current = move || {
        let c = state.cursor.get();
        (c > 0)
            .then(|| steps.with(|s| s.get(c - 1).cloned()))
            .flatten()
    };
    let log = move || {
        let c = state.cursor.get();
        steps.with(|s| {
            s.iter()
                .take(c.saturating_sub(1))
                .rev()
                .map(|s| {
                    view! {
                        <li class=phase_class(s.phase) data-target=s.target.clone()>
                            <span class="formula" inner_html=mathml(&s.formula.tex, false)></span>
                            " "
                            <span class="subst" inner_html=mathml(&s.substituted.tex, false)></span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <p class="phase" data-testid="phase" data-cursor=move || state.cursor.get()
            data-total=move || steps.with(|s| s.len())>{phase}</p>
        {move || current().map(|s| view! {
            <div class="current-step" data-testid="current-step" data-target=s.target.clone()
                data-phase=phase_class(s.phase)>
                // MathML made by the engine from TeX it wrote itself: no learner text inside.
                <div class="formula big" data-testid="step-formula" data-plain=s.formula.plain.clone()
                    inner_html=mathml(&s.formula.tex, true)></div>
                <div class="subst big" data-testid="step-substituted" data-plain=s.substituted.plain.clone()
                    data-value=s.value.to_string() inner_html=mathml(&s.substituted.tex, true)></div>
            </div>
        })}
        <p class="hint">{tr(i18n::STEP_HINT)}</p>
        <ol class="step-log" data-testid="step-log">{log}</ol>
    }
}
