//! The gradient check beside a backward pass: each parameter's autodiff gradient, its central
//! finite difference and their relative error, colour-coded; ε editable; and a switch that
//! breaks the backward pass on purpose. The page that owns the model runs the check
//! ([`spawn_check`]); this panel only shows it and takes the learner's choices.

mod text;

use std::future::Future;
use std::pin::Pin;

use engine::base::error::TraceError;
use engine::gradcheck::{AGREES, CheckVerdict, GradCheck, MAX_EPS, MIN_EPS, NEARLY};
use engine::lessons::kit::breaks::Break;
use engine::state::number::{format_number, parse_number};
use leptos::prelude::*;

use crate::app::{ctx, tr};
use crate::components::scroll_box::ScrollBox;
use crate::frame::{next_frame, now_ms};

/// The check's state, shared by the panel and the page that runs it.
#[derive(Clone, Copy)]
pub struct CheckState {
    pub on: RwSignal<bool>,
    pub eps: RwSignal<f64>,
    pub result: RwSignal<Option<Result<GradCheck, String>>>,
    /// (done, total) while a check runs.
    pub progress: RwSignal<Option<(usize, usize)>>,
    generation: StoredValue<u64>,
}

impl CheckState {
    pub fn new() -> CheckState {
        CheckState {
            on: RwSignal::new(false),
            eps: RwSignal::new(engine::gradcheck::DEFAULT_EPS),
            result: RwSignal::new(None),
            progress: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }
}

impl Default for CheckState {
    fn default() -> Self {
        CheckState::new()
    }
}

/// Longest the check computes before it lets the page paint a frame.
const SLICE_MS: f64 = 12.0;

/// What [`spawn_check`] hands the work: call it as the check's progress.
pub type ProgressFn = Box<dyn FnMut(usize, usize) -> Pin<Box<dyn Future<Output = ()>>>>;

/// Runs `work(ε, progress)` for `state`, the newest request winning; the progress callback
/// shows how far it is and yields a frame every [`SLICE_MS`].
pub fn spawn_check<F, Fut>(state: CheckState, work: F)
where
    F: FnOnce(f64, ProgressFn) -> Fut + 'static,
    Fut: Future<Output = Result<GradCheck, TraceError>> + 'static,
{
    let generation = state.generation.get_value() + 1;
    state.generation.set_value(generation);
    let current = move || state.generation.try_get_value() == Some(generation);
    let eps = state.eps.get_untracked();
    leptos::task::spawn_local(async move {
        let mut last_yield = now_ms();
        let progress = move |done: usize, total: usize| -> Pin<Box<dyn Future<Output = ()>>> {
            if current() {
                state.progress.try_set(Some((done, total)));
            }
            if now_ms() - last_yield > SLICE_MS {
                last_yield = now_ms();
                Box::pin(next_frame())
            } else {
                Box::pin(async {})
            }
        };
        let result = work(eps, Box::new(progress)).await;
        if current() {
            state.progress.try_set(None);
            state.result.try_set(Some(result.map_err(|e| e.0)));
        }
    });
}

/// Runs the check again whenever what `ready` reads changes (the trace) or ε, while the check is
/// switched on and training is paused (a check per frame would stall a run); `run` starts it.
pub fn follow(
    check: CheckState,
    ready: impl Fn() -> bool + 'static,
    running: RwSignal<bool>,
    run: impl Fn() + 'static,
) {
    Effect::new(move |_| {
        let (on, _eps) = (check.on.get(), check.eps.get());
        if on && ready() && !running.get() {
            run();
        } else {
            cancel(check);
        }
    });
}

/// Forgets a running check's result (the settings it was for have changed).
pub fn cancel(state: CheckState) {
    state.generation.update_value(|g| *g += 1);
    state.progress.set(None);
}

fn verdict_text(v: CheckVerdict) -> engine::i18n::Text {
    match v {
        CheckVerdict::Agrees => text::AGREES,
        CheckVerdict::Nearly => text::NEARLY,
        CheckVerdict::Disagrees => text::DISAGREES,
    }
}

/// A relative error as the table shows it: 2 significant digits, in scientific notation.
fn relative_text(r: f64) -> String {
    if !r.is_finite() {
        "∞".into()
    } else if r == 0.0 {
        "0".into()
    } else {
        format!("{r:.1e}")
    }
}

fn summary(c: &GradCheck, lang: engine::i18n::Lang) -> String {
    let n = c.entries.len();
    let count = |v: CheckVerdict| c.entries.iter().filter(|e| e.verdict == v).count();
    let (bad, nearly) = (count(CheckVerdict::Disagrees), count(CheckVerdict::Nearly));
    let worst = c
        .worst()
        .map(|e| relative_text(e.relative))
        .unwrap_or_default();
    let t = if bad > 0 {
        text::SOME_DISAGREE
    } else if nearly > 0 {
        text::SOME_NEARLY
    } else {
        text::ALL_AGREE
    };
    t.get(lang)
        .replace("{n}", &n.to_string())
        .replace("{bad}", &(if bad > 0 { bad } else { nearly }).to_string())
        .replace("{worst}", &worst)
}

#[component]
pub fn GradCheckPanel(
    state: CheckState,
    /// The break choices the lesson offers (`correct` first; with only that, no select).
    choices: &'static [&'static str],
    /// The backward pass now (a setting of the lesson, so links carry it).
    #[prop(into)]
    current: Signal<Break>,
    /// Sets the backward pass by name.
    set_break: Callback<String>,
) -> impl IntoView {
    let lang = ctx().lang;
    let eps_text = RwSignal::new(format_number(state.eps.get_untracked(), 6));
    let eps_error = RwSignal::new(None::<String>);
    let commit_eps = move |t: String| {
        eps_text.set(t.clone());
        match parse_number(&t) {
            Ok(v) if (MIN_EPS..=MAX_EPS).contains(&v) => {
                eps_error.set(None);
                // The same ε again (a second change event on blur) keeps the table: a rerun
                // would move the page under the pointer.
                if state.eps.get_untracked() != v {
                    state.eps.set(v);
                }
            }
            _ => eps_error.set(Some(
                text::BAD_EPS
                    .get(lang.get_untracked())
                    .replace("{min}", &format!("{MIN_EPS:e}"))
                    .replace("{max}", &format_number(MAX_EPS, 0)),
            )),
        }
    };
    let how = move || {
        text::HOW
            .get(lang.get())
            .replace("{agrees}", &format!("{AGREES:e}"))
            .replace("{nearly}", &format!("{NEARLY:e}"))
    };
    let options = move || {
        choices
            .iter()
            .map(|&c| {
                let selected = move || current.get().name() == c;
                view! { <option value=c selected=selected>{move || text::break_label(c).get(lang.get())}</option> }
            })
            .collect_view()
    };
    let rows = move || {
        state.result.with(|r| match r {
            Some(Ok(c)) => {
                let l = lang.get();
                let body = c
                    .entries
                    .iter()
                    .map(|e| {
                        view! {
                            <tr class=format!("gc-{}", e.verdict.code()) data-testid=format!("gc-row-{}", e.name)
                                data-verdict=e.verdict.code() data-autodiff=e.autodiff.to_string()
                                data-numeric=e.numeric.to_string() data-relative=e.relative.to_string()>
                                <th scope="row"><code>{e.name.clone()}</code></th>
                                <td class="num">{format_number(e.autodiff, 6)}</td>
                                <td class="num">{format_number(e.numeric, 6)}</td>
                                <td class="num">{relative_text(e.relative)}</td>
                                <td>{verdict_text(e.verdict).get(l)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                Some(view! {
                    <p class="gc-summary" data-testid="gc-summary" data-passes=c.passes().to_string()
                        data-count=c.entries.len()>{summary(c, l)}</p>
                    <ScrollBox label=text::TITLE>
                        <table class="gc-table" data-testid="gc-table">
                            <thead><tr>
                                <th scope="col">{text::PARAMETER.get(l)}</th>
                                <th scope="col">{text::AUTODIFF.get(l)}</th>
                                <th scope="col">{text::NUMERIC.get(l)}</th>
                                <th scope="col">{text::RELATIVE.get(l)}</th>
                                <th scope="col"></th>
                            </tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    </ScrollBox>
                }
                .into_any())
            }
            Some(Err(e)) => Some(view! { <p class="field-error" role="alert" data-testid="gc-error">{e.clone()}</p> }.into_any()),
            None => None,
        })
    };
    view! {
        <section class="panel gradcheck-panel" data-testid="gradcheck">
            <h2>{tr(text::TITLE)}</h2>
            <div class="gc-controls">
                <label class="toggle">
                    <input type="checkbox" data-testid="gc-toggle" prop:checked=move || state.on.get()
                        on:change=move |ev| state.on.set(event_target_checked(&ev))/>
                    " " {tr(text::TOGGLE)}
                </label>
                {(choices.len() > 1).then(|| view! {
                    <label class="field">
                        <span class="field-label">{tr(text::BACKWARD)}</span>
                        <select data-testid="gc-break" on:change=move |ev| set_break.run(event_target_value(&ev))>
                            {options}
                        </select>
                    </label>
                })}
                <label class="field" class:invalid=move || eps_error.get().is_some()>
                    <span class="field-label">{tr(text::EPS)}</span>
                    <input type="text" inputmode="decimal" data-testid="gc-eps" autocomplete="off"
                        prop:value=move || eps_text.get()
                        on:change=move |ev| commit_eps(event_target_value(&ev))/>
                    <span class="field-error" role="alert" data-testid="gc-eps-error">{move || eps_error.get()}</span>
                </label>
            </div>
            {move || current.get().explain().map(|t| view! {
                <div class="banner warn" data-testid="gc-broken" role="status">{move || t.get(lang.get())}</div>
            })}
            {move || state.on.get().then(|| view! {
                <p class="hint">{how}</p>
                {move || state.progress.get().map(|(done, total)| view! {
                    <p class="gc-progress" data-testid="gc-progress">
                        <progress max=total value=done></progress> " "
                        {text::CHECKING.get(lang.get()).replace("{done}", &done.to_string()).replace("{total}", &total.to_string())}
                    </p>
                })}
                {rows}
            })}
        </section>
    }
}
