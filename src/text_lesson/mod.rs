//! Lesson `text-classifier`: does a sentence contain a keyword? Generated sentences, an LSTM or
//! a Transformer trained live by burn (WebGPU or CPU) with loss and accuracy curves, a typed
//! sentence classified (with the Transformer's attention heads), and the articles' errata.

mod curves;
mod form;
mod i18n;
mod predict;
mod state;

use engine::lessons::text_classifier::ID;
use engine::lessons::text_classifier::net::ModelKind;
use engine::lessons::text_classifier::settings::TextSettings;
use engine::state::number::format_number;
use leptos::prelude::*;

use self::curves::StepCurves;
use self::form::TextForm;
use self::i18n as t;
use self::predict::{AttentionView, PredictionView, SentenceBox, StepAnswers};
use self::state::TextState;
use crate::app::{ctx, tr};
use crate::backend::BackendKind;
use crate::classroom::keys::{self, LessonKeys};
use crate::components::errata_table::ErrataTable;
use crate::components::lesson_header::LessonHeader;
use crate::components::marked::{Marked, marked};
use crate::components::run_controls::RunControls;
use crate::components::tabs::{TabSpec, Tabs};

fn percent(v: f64) -> String {
    format!("{} %", format_number(100.0 * v, 1))
}

#[component]
pub fn TextClassifierPage(assignments: Vec<String>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang;
    let refs: Vec<&str> = assignments.iter().map(String::as_str).collect();
    let (initial, link_error) = TextSettings::from_assignments(&refs);
    let state = TextState::new(initial, c.backend, lang);
    state.compute_errata();
    keys::register(
        c.keys,
        LessonKeys {
            toggle_run: Callback::new(move |_| state.toggle_run()),
            next: Callback::new(move |_| state.step_once()),
            previous: Callback::new(move |_| {}),
            reset: Callback::new(move |_| state.reset()),
        },
    );
    // The first session, and a new one on the new device whenever the backend changes.
    Effect::new(move |_| {
        c.backend.kind.track();
        state.rebuild();
    });

    let running = state.running;
    let stats = move || {
        let l = lang.get();
        let s = state.stats.get();
        let mut parts = vec![
            format!("{} {}", t::STEPS.get(l), s.steps),
            format!("{} {}", t::EPOCHS.get(l), s.epochs),
        ];
        if let Some(loss) = s.batch_loss {
            parts.push(format!(
                "{} {}",
                t::BATCH_LOSS.get(l),
                format_number(loss, 4)
            ));
        }
        state.checkpoints.with(|h| {
            if let Some(c) = h.last() {
                parts.push(format!(
                    "{} {}",
                    t::TRAIN_ACC.get(l),
                    percent(c.train.accuracy())
                ));
                parts.push(format!(
                    "{} {}",
                    t::TEST_ACC.get(l),
                    percent(c.test.accuracy())
                ));
            }
        });
        parts.join(" · ")
    };
    let last_acc = move |test: bool| {
        state.checkpoints.with(|h| {
            h.last()
                .map(|c| {
                    let e = if test { &c.test } else { &c.train };
                    e.accuracy().to_string()
                })
                .unwrap_or_default()
        })
    };
    let backend_name = move || {
        state.stats.with(|s| match s.backend {
            Some(BackendKind::WebGpu) => "WebGPU",
            Some(BackendKind::Cpu) => "CPU (flex)",
            None => "",
        })
    };
    let about = move || {
        let l = lang.get();
        match state.settings.with(|s| s.model) {
            ModelKind::Lstm => t::LSTM_ABOUT.get(l),
            ModelKind::Transformer => t::TRANSFORMER_ABOUT.get(l),
        }
    };
    let tabs = vec![
        TabSpec::new("settings", crate::i18n::SETTINGS, move || {
            view! {
                <section class="panel params-panel">
                    <TextForm state=state/>
                    <p class="hint">{tr(t::RESTART_NOTE)}</p>
                    <h3>{tr(t::MODEL)}</h3>
                    <p class="hint" data-testid="tc-model-about">{move || marked(about())}</p>
                    <p class="hint"><Marked text=t::TRAINING_ABOUT/></p>
                    <p class="hint" data-testid="tc-split">
                        {tr(t::DATA_SPLIT)} ": " {move || state.stats.with(|s| format!("{} / {}", s.train_size, s.test_size))}
                    </p>
                </section>
            }
        }),
        TabSpec::new("errata", crate::i18n::ERRATA_TAB, move || {
            view! { <ErrataTable errata=state.errata note=t::ERRATA_NOTE/> }
        }),
    ];
    view! {
        <section class="lesson text-lesson" data-testid=format!("lesson-{ID}")>
            <LessonHeader page=ID summary=t::TASK link_lead=t::LINK_ERROR link_error=link_error.map(|e| Signal::derive(move || e.message(lang.get())))/>
            <div class="controls" role="toolbar">
                <RunControls testid="tc-run" running=running speed=state.speed
                    run_disabled=state.busy on_toggle=Callback::new(move |_| state.toggle_run())/>
                <button data-testid="tc-step" on:click=move |_| state.step_once() disabled=move || state.busy.get()>{tr(t::TRAIN_BATCH)}</button>
                <button data-testid="tc-reset" on:click=move |_| state.reset()>{tr(crate::i18n::RESET)}</button>
                <span class="pg-stats" data-testid="tc-stats"
                    data-steps=move || state.stats.with(|s| s.steps)
                    data-epochs=move || state.stats.with(|s| s.epochs)
                    data-batch-loss=move || state.stats.with(|s| s.batch_loss.map(|v| v.to_string()).unwrap_or_default())
                    data-train-acc=move || last_acc(false)
                    data-test-acc=move || last_acc(true)
                    data-running=move || running.get().to_string()
                    data-busy=move || state.busy.get().to_string()>
                    {stats}
                </span>
                <span class="trace-backend" data-testid="tc-backend"
                    data-kind=move || state.stats.with(|s| s.backend.map(|b| b.code()).unwrap_or(""))>
                    {tr(t::TRAINED_ON)} " " {backend_name}
                </span>
            </div>
            {move || state.error.get().map(|e| view! {
                <div class="banner error" data-testid="tc-error" role="alert">{e}</div>
            })}
            // The story first: a sentence, what the model says of it and where it looks,
            // beside the curves; the settings, the model and the errata one tab away.
            <div class="stage">
                <section class="panel picture tc-picture" data-testid="lesson-picture">
                    <div data-testid="tc-try">
                        <h2>{tr(t::PREDICTION)}</h2>
                        <SentenceBox state=state/>
                        <PredictionView state=state/>
                        <StepAnswers state=state/>
                    </div>
                    <div class="tc-inside"><AttentionView state=state/></div>
                </section>
                <div class="stage-side">
                    <section class="panel chart-panel">
                        <h2>{tr(t::CURVES)}</h2>
                        <StepCurves checkpoints=state.checkpoints value=|e| e.loss title=t::LOSS_TITLE y_max=None testid="tc-loss-chart"/>
                        <StepCurves checkpoints=state.checkpoints value=|e| 100.0 * e.accuracy() title=t::ACCURACY_TITLE y_max=Some(100.0) testid="tc-accuracy-chart"/>
                        <p class="hint">{tr(t::CURVES_NOTE)}</p>
                    </section>
                </div>
            </div>
            <Tabs page=ID label=crate::i18n::DETAILS tabs=tabs/>
        </section>
    }
}
