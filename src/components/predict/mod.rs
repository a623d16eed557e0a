//! Predict, then reveal: before the next step is shown, the learner types the value they
//! expect; the engine judges it (right / close / wrong, with the tolerance said), names the
//! slip it matches, and the step is revealed with its worked formula. The score is kept per
//! lesson in localStorage. Used by every step-through lesson and the playground's inspector.

mod store;
mod text;

pub use store::load_score;

use engine::math::mathml;
use engine::predict::{CLOSE, Feedback, PredictItem, RIGHT, Score, Verdict, feedback};
use engine::state::number::{format_number, parse_number};
use leptos::prelude::*;

use crate::app::{ctx, tr};

fn percent(x: f64) -> String {
    format!("{} %", format_number(100.0 * x, 2))
}

/// The tolerance, said in words (the same constants the judge uses).
fn tolerance_text(lang: engine::i18n::Lang) -> String {
    text::TOLERANCE
        .get(lang)
        .replace("{right}", &percent(RIGHT.rel))
        .replace("{right_abs}", &format_number(RIGHT.abs, 4))
        .replace("{close}", &percent(CLOSE.rel))
}

#[component]
pub fn PredictPanel(
    /// The lesson's id: each lesson keeps its own score.
    lesson: &'static str,
    /// The step to predict next; `None` once every step is revealed.
    #[prop(into)]
    next: Signal<Option<PredictItem>>,
    /// Reveals that step (moves the walkthrough on by one).
    reveal: Callback<()>,
    /// New inputs and weights for the same exercise, where the lesson can make them.
    #[prop(optional_no_strip)]
    new_numbers: Option<Callback<()>>,
    /// Shared by the page so it can hide unrevealed values while predicting.
    on: RwSignal<bool>,
) -> impl IntoView {
    let lang = ctx().lang;
    let guess = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let last = RwSignal::new(None::<(PredictItem, Feedback)>);
    let score = RwSignal::new(store::load_score(lesson));

    let check = move || {
        let Some(item) = next.get_untracked() else {
            return;
        };
        match parse_number(&guess.get_untracked()) {
            Err(e) => error.set(Some(e.message(lang.get_untracked()))),
            Ok(g) => {
                error.set(None);
                let fb = feedback(g, item.value, &item.slips);
                score.update(|s| s.record(fb.verdict));
                store::save_score(lesson, score.get_untracked());
                last.set(Some((item, fb)));
                guess.set(String::new());
                reveal.run(());
            }
        }
    };
    let toggle = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        on.set(checked);
        store::save_on(checked);
        if !checked {
            last.set(None);
        }
    };
    let score_line = move || {
        let s: Score = score.get();
        text::SCORE
            .get(lang.get())
            .replace("{right}", &s.right.to_string())
            .replace("{close}", &s.close.to_string())
            .replace("{wrong}", &s.wrong.to_string())
    };
    let ask = move || {
        if !on.get() {
            return None;
        }
        let Some(item) = next.get() else {
            return Some(
                view! { <p class="muted" data-testid="predict-done">{tr(text::ALL_REVEALED)}</p> }
                    .into_any(),
            );
        };
        Some(view! {
            <form class="predict-ask" data-testid="predict-ask" data-target=item.target.clone()
                on:submit=move |ev| { ev.prevent_default(); check(); }>
                <span>{tr(text::WHAT_IS)}</span>
                <span class="formula big" data-testid="predict-question" data-plain=item.question.plain.clone()
                    inner_html=mathml(&item.question.tex, true)></span>
                <input type="text" inputmode="decimal" data-testid="predict-input" autocomplete="off"
                    aria-label=move || text::YOUR_VALUE.get(lang.get())
                    prop:value=move || guess.get()
                    on:input=move |ev| guess.set(event_target_value(&ev))/>
                <button type="submit" class="primary" data-testid="predict-check">{tr(text::CHECK)}</button>
                <span class="field-error" role="alert" data-testid="predict-error">{move || error.get()}</span>
            </form>
        }.into_any())
    };
    let result = move || {
        if !on.get() {
            return None;
        }
        last.get().map(|(item, fb)| {
            let l = lang.get();
            let verdict = match fb.verdict {
                Verdict::Right => text::RIGHT,
                Verdict::Close => text::CLOSE,
                Verdict::Wrong => text::WRONG,
            };
            let off = match fb.relative {
                Some(r) => format!("{} ({})", format_number(fb.difference, 4), percent(r)),
                None => format_number(fb.difference, 4),
            };
            let numbers = text::NUMBERS
                .get(l)
                .replace("{guess}", &format_number(fb.guess, 6))
                .replace("{truth}", &format_number(fb.truth, 6))
                .replace("{off}", &off);
            view! {
                <div class=format!("predict-feedback {}", fb.verdict.code()) data-testid="predict-feedback"
                    data-verdict=fb.verdict.code() data-target=item.target.clone() role="status">
                    <p class="verdict"><b>{verdict.get(l)}</b> " " {numbers}</p>
                    {fb.slip.map(|s| view! { <p class="slip" data-testid="predict-slip">{s.why.get(l)}</p> })}
                    <div class="worked">
                        <span class="formula" inner_html=mathml(&item.question.tex, false)></span>
                        " "
                        <span class="subst" data-testid="predict-worked" inner_html=mathml(&item.substituted.tex, false)></span>
                    </div>
                </div>
            }
        })
    };
    view! {
        <section class="predict" data-testid="predict-panel" data-on=move || on.get().to_string()>
            <div class="predict-bar">
                <label class="toggle">
                    <input type="checkbox" data-testid="predict-toggle" prop:checked=move || on.get() on:change=toggle/>
                    " " {tr(text::MODE)}
                </label>
                <span class="predict-score" data-testid="predict-score"
                    data-right=move || score.get().right data-close=move || score.get().close
                    data-wrong=move || score.get().wrong>{score_line}</span>
                <button data-testid="predict-reset-score" on:click=move |_| {
                    score.set(Score::default());
                    store::clear_score(lesson);
                }>{tr(text::RESET_SCORE)}</button>
                {new_numbers.map(|cb| view! {
                    <button data-testid="predict-new-numbers" on:click=move |_| {
                        last.set(None);
                        cb.run(());
                    }>{tr(text::NEW_NUMBERS)}</button>
                })}
            </div>
            {move || on.get().then(|| view! { <p class="hint">{move || tolerance_text(lang.get())}</p> })}
            {ask}
            {result}
        </section>
    }
}

/// Whether predict mode was left on (kept across lessons and visits).
pub fn initially_on() -> bool {
    store::load_on()
}
