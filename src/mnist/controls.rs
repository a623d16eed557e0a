//! The training panel: settings (locked during a run), train / pause / resume / stop, fresh or
//! pretrained weights, and the progress bar.

use engine::mnist::settings::RunSettings;
use engine::state::setting::Settings;
use leptos::prelude::*;

use super::state::{MnistState, Origin, RunState};
use super::text;
use crate::app::{ctx, tr};
use crate::components::marked::marked;
use crate::components::number_field::NumberField;
use crate::components::run_controls::RunControls;

fn field(state: MnistState, name: &'static str, label: engine::i18n::Text) -> impl IntoView {
    let lang = ctx().lang;
    let value = Signal::derive(move || state.settings.with(|s| s.get(name).unwrap_or_default()));
    let commit = Callback::new(move |text: String| {
        let mut next: RunSettings = state.settings.get_untracked();
        next.set(name, &text)?;
        state.settings.set(next);
        state.write_link();
        Ok(())
    });
    view! { <NumberField name=name.to_string() label=Signal::derive(move || label.get(lang.get()).to_string()) value=value on_commit=commit/> }
}

fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

#[component]
pub fn TrainingPanel(state: MnistState) -> impl IntoView {
    let lang = ctx().lang;
    let run = state.run;
    let ready = move || state.data_status.get() == super::state::DataStatus::Ready;
    let progress_text = move || {
        let p = state.progress.get();
        let l = lang.get();
        if p.total == 0 {
            return match run.get() {
                RunState::Paused => text::PAUSED.get(l).to_string(),
                _ => text::IDLE.get(l).to_string(),
            };
        }
        let mut parts = vec![
            format!("{} {}/{}", text::EPOCH.get(l), p.epoch, p.epochs),
            format!("{} {}/{}", text::BATCH_OF.get(l), p.batch, p.batches),
        ];
        if let Some(r) = p.per_second {
            parts.push(format!("{r:.0} {}", text::SAMPLES_PER_S.get(l)));
        }
        if let Some(t) = p.seconds_left {
            parts.push(format!("{} {}", clock(t), text::TIME_LEFT.get(l)));
        }
        parts.join(" · ")
    };
    let origin = move || {
        let l = lang.get();
        let steps = state.steps.get();
        let base = match state.origin.get() {
            Origin::Pretrained => text::MODEL_PRETRAINED.get(l).to_string(),
            Origin::Fresh(seed) => format!("{}{seed}", text::MODEL_FRESH.get(l)),
            Origin::Uploaded(name) => format!("{}{name}", text::MODEL_UPLOADED.get(l)),
        };
        if steps > 0 {
            format!(
                "{base}{}{steps}{}",
                text::MODEL_TRAINED.get(l),
                text::STEPS.get(l)
            )
        } else {
            base
        }
    };
    view! {
        <section class="panel training" data-testid="training">
            <h2>{tr(text::TRAINING)}</h2>
            <p class="model-origin" data-testid="model-origin">{move || marked(&origin())}</p>
            <fieldset class="mnist-settings" disabled=move || run.get() != RunState::Idle>
                {field(state, "epochs", text::EPOCHS)}
                {field(state, "lr", text::LEARNING_RATE)}
                {field(state, "batch", text::BATCH)}
                {field(state, "seed", text::SEED)}
            </fieldset>
            {move || (run.get() != RunState::Idle).then(|| view! { <p class="hint">{tr(text::SETTINGS_LOCKED)}</p> })}
            <div class="controls" role="toolbar">
                <RunControls testid="mnist-train" speed=state.speed
                    running=Signal::derive(move || run.get() == RunState::Running)
                    run_disabled=Signal::derive(move || !ready())
                    run_label=Signal::derive(move || if run.get() == RunState::Paused { text::RESUME } else { text::TRAIN })
                    on_toggle=Callback::new(move |_| match run.get_untracked() {
                        RunState::Running => state.pause(),
                        _ => state.train(),
                    })/>
                <button data-testid="mnist-stop" disabled=move || run.get() == RunState::Idle
                    on:click=move |_| state.stop()>{tr(text::STOP)}</button>
                <button data-testid="mnist-fresh" on:click=move |_| state.fresh()>{tr(text::FRESH)}</button>
                <button data-testid="mnist-pretrained" on:click=move |_| state.load_pretrained()>{tr(text::PRETRAINED)}</button>
            </div>
            <progress data-testid="mnist-progress"
                max=move || state.progress.with(|p| p.total.max(1).to_string())
                value=move || state.progress.with(|p| p.done.to_string())></progress>
            <p class="progress-text" data-testid="mnist-progress-text" aria-live="polite"
                data-run=move || format!("{:?}", run.get()).to_lowercase()
                data-done=move || state.progress.with(|p| p.done.to_string())
                data-rate=move || state.progress.with(|p| p.per_second.map(|r| r.to_string()).unwrap_or_default())>
                {progress_text}
            </p>
            <p class="hint">{tr(text::SWITCH_NOTE)}</p>
        </section>
    }
}
