//! Lesson `mlp-step` (article 000 §4.3): the page.

mod diagram;
mod formula;
mod params_form;
pub mod state;

use engine::lessons::mlp_step::params::article_params;
use engine::lessons::mlp_step::walkthrough::{STEP_COUNT, forward_len, steps};
use engine::lessons::mlp_step::{self as lesson};
use engine::lessons::registry;
use engine::predict::for_kit_step;
use engine::state::hash::{settings_from_assignments, take_step, to_hash_with_step};
use leptos::prelude::*;

use self::diagram::{Diagram, Reveal};
use self::formula::StepPanel;
use self::params_form::ParamsForm;
use self::state::LessonState;
use crate::app::{ctx, tr};
use crate::backend::BackendKind;
use crate::classroom::keys::{self, LessonKeys};
use crate::components::autograph::AutographPanel;
use crate::components::errata_table::ErrataTable;
use crate::components::gradcheck::{CheckState, GradCheckPanel, follow};
use crate::components::loss_chart::LossChart;
use crate::components::predict::{PredictPanel, initially_on};
use crate::speed::SpeedSelect;
use crate::{i18n, route};

/// The article's file name, shown as the source of every number quoted.
const ARTICLE_FILE: &str = "000_43c5c6e8a9ce5015.txt";

#[component]
pub fn MlpStepLesson(assignments: Vec<String>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang;
    let info = registry::find(lesson::ID).expect("mlp-step is registered");
    let refs: Vec<&str> = assignments.iter().map(String::as_str).collect();
    let (settings, step) = take_step(&refs, STEP_COUNT);
    let start_step = step.clone().unwrap_or(0);
    let (initial, link_error) = match (settings_from_assignments(article_params(), &settings), step)
    {
        (Ok(p), Ok(_)) => (p, None),
        (Ok(p), Err(e)) => (p, Some(e)),
        (Err((p, e)), _) => (p, Some(e)),
    };
    let state = LessonState::new(initial, c.backend);
    state.cursor.set(start_step);

    let all_steps = Memo::new(move |_| {
        state.traced.with(|t| {
            t.as_ref()
                .map(|t| steps(&t.params, &t.trace))
                .unwrap_or_default()
        })
    });
    let fwd_len = Memo::new(move |_| all_steps.with(|s| forward_len(s)));
    let reveal = Reveal {
        steps: all_steps,
        cursor: state.cursor,
    };

    keys::register(
        c.keys,
        LessonKeys {
            toggle_run: Callback::new(move |_| {
                if state.running.get_untracked() {
                    state.pause()
                } else {
                    state.run()
                }
            }),
            next: Callback::new(move |_| {
                let f = fwd_len.get_untracked();
                if state.cursor.get_untracked() < f {
                    state.forward(f)
                } else {
                    state.backward(f)
                }
            }),
            previous: Callback::new(move |_| state.cursor.update(|c| *c = c.saturating_sub(1))),
            reset: Callback::new(move |_| state.reset()),
        },
    );

    // Recompute whenever the parameters or the backend change (the run loop computes its own).
    Effect::new(move |_| {
        state.params.track();
        c.backend.kind.track();
        if !state.running.get_untracked() {
            state.recompute();
        }
    });
    Effect::new(move |_| {
        c.backend.kind.track();
        state.compute_errata();
    });
    // The address bar always holds a link that reproduces this state and step.
    Effect::new(move |_| {
        let p = state.params.get();
        // Not at 60 Hz while running: browsers throttle history updates; written on pause.
        if state.running.get() {
            return;
        }
        route::replace_hash(&to_hash_with_step(lesson::ID, &p, state.cursor.get()));
    });

    let predict_on = RwSignal::new(initially_on());
    let predict_next = Signal::derive(move || {
        let c = state.cursor.get();
        state.traced.with(|t| {
            t.as_ref()
                .and_then(|t| for_kit_step(&lesson::kit_trace(&t.params, &t.trace), c))
        })
    });

    // The gradient check follows the trace while it is switched on and training is paused.
    let check = CheckState::new();
    follow(
        check,
        move || state.traced.with(|t| t.is_some()),
        state.running,
        move || state.check_gradients(check),
    );
    let current_break = Signal::derive(move || state.params.with(|p| p.backward));
    let set_break = Callback::new(move |name: String| {
        state
            .set_value(engine::lessons::kit::breaks::NAME, &name)
            .ok();
    });

    let graph = Memo::new(move |_| {
        state
            .traced
            .with(|t| t.as_ref().map(|t| t.trace.graph.clone()))
    });

    let running = state.running;
    let total = move || all_steps.with(|s| s.len());
    let busy = move || running.get() || state.traced.with(|t| t.is_none());
    let diverged = move || state.diverged();

    view! {
        <section class="lesson" data-testid="lesson-mlp-step">
            <nav class="crumbs"><a href="#/" data-testid="back">{tr(i18n::ALL_LESSONS)}</a></nav>
            <h1>{move || info.title.get(lang.get())}</h1>
            <p class="source" data-testid="source">
                {tr(i18n::ARTICLE)} " " {info.article} " " {info.section} " · " <code>{ARTICLE_FILE}</code>
            </p>
            <p class="summary">{move || info.summary.get(lang.get())}</p>
            {link_error.map(|e| view! {
                <div class="banner warn" data-testid="link-error" role="alert">
                    {tr(i18n::LINK_ERROR)} " " {move || e.message(lang.get())}
                </div>
            })}
            <div class="controls" role="toolbar">
                <button data-testid="btn-forward" on:click=move |_| state.forward(fwd_len.get_untracked())
                    disabled=move || { busy() || state.cursor.get() >= fwd_len.get() }>{tr(i18n::FORWARD)}</button>
                <button data-testid="btn-backward" on:click=move |_| state.backward(fwd_len.get_untracked())
                    disabled=move || { busy() || state.cursor.get() < fwd_len.get() || state.cursor.get() >= total() }>{tr(i18n::BACKWARD)}</button>
                <button data-testid="btn-update" on:click=move |_| state.update()
                    disabled=move || busy() || diverged()>{tr(i18n::UPDATE)}</button>
                {move || if running.get() {
                    view! { <button data-testid="btn-run" class="primary" on:click=move |_| state.pause()>{tr(i18n::PAUSE)}</button> }.into_any()
                } else {
                    view! { <button data-testid="btn-run" class="primary" on:click=move |_| state.run()
                        disabled=move || diverged() || state.traced.with(|t| t.is_none())>{tr(i18n::RUN)}</button> }.into_any()
                }}
                <button data-testid="btn-reset" on:click=move |_| state.reset()>{tr(i18n::RESET)}</button>
                <SpeedSelect speed=state.speed/>
                <span class="trace-backend" data-testid="trace-backend"
                    data-kind=move || state.traced.with(|t| t.as_ref().map(|t| t.backend.code()).unwrap_or(""))>
                    {move || state.traced.with(|t| t.as_ref().map(|t| {
                        let name = match t.backend { BackendKind::WebGpu => "WebGPU", BackendKind::Cpu => "CPU" };
                        format!("{} {name}", i18n::COMPUTED_ON.get(lang.get()))
                    }))}
                </span>
            </div>
            {move || diverged().then(|| view! {
                <div class="banner error" data-testid="diverged" role="alert">
                    {tr(i18n::DIVERGED)} " "
                    <button on:click=move |_| state.reset() data-testid="diverged-reset">{tr(i18n::RESET)}</button>
                </div>
            })}
            {move || state.failure.get().map(|e| view! {
                <div class="banner error" data-testid="compute-failure" role="alert">{e}</div>
            })}
            <div class="lesson-grid">
                <section class="panel diagram-panel">
                    <h2>{tr(i18n::NETWORK)}</h2>
                    <Diagram state=state reveal=reveal/>
                    <p class="hint">{tr(i18n::EDIT_HINT)}</p>
                </section>
                <section class="panel step-panel" data-testid="step-panel">
                    <h2>{tr(i18n::FORMULA)}</h2>
                    <StepPanel state=state reveal=reveal forward_len=fwd_len/>
                    <PredictPanel lesson=lesson::ID next=predict_next
                        reveal=Callback::new(move |_| state.cursor.update(|c| *c += 1))
                        new_numbers=Some(Callback::new(move |_| state.new_numbers())) on=predict_on/>
                </section>
                <section class="panel params-panel">
                    <h2>{tr(i18n::PARAMETERS)}</h2>
                    <ParamsForm state=state/>
                </section>
                <GradCheckPanel state=check choices=engine::lessons::kit::breaks::WITH_SIGMOID.choices
                    current=current_break set_break=set_break/>
                <section class="panel chart-panel">
                    <h2>{tr(i18n::LOSS_CURVE)}</h2>
                    <LossChart history=state.history/>
                </section>
                <AutographPanel graph=graph/>
            </div>
            <ErrataTable errata=state.errata/>
        </section>
    }
}
