//! Lesson `mnist-cnn` (article 004 §5): train the article's CNN in the page, watch the curves,
//! look inside (filters, feature maps, confusion, worst digits), draw a digit to classify, save
//! and load weights; the article's errata beside what this page's network does.

pub(crate) mod assets;
mod controls;
mod draw_pad;
mod inside;
mod run;
mod state;
mod text;
mod weights_panel;

use burn::prelude::Device;
use engine::mnist::settings::RunSettings;
use engine::state::hash::settings_from_assignments;
use leptos::prelude::*;

use self::controls::TrainingPanel;
use self::draw_pad::DrawPad;
use self::inside::{FeatureMaps, Filters, HeldOutPanel};
use self::state::{DataStatus, MnistState, RunState};
use self::weights_panel::WeightsPanel;
use crate::app::{ctx, tr};
use crate::classroom::keys::{self, LessonKeys};
use crate::components::curves_chart::CurvesChart;
use crate::components::errata_table::ErrataTable;
use crate::components::lesson_header::LessonHeader;
use crate::components::marked::Marked;
use crate::components::tabs::{TabSpec, Tabs};

#[component]
pub fn MnistPage(assignments: Vec<String>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang;
    let parts: Vec<&str> = assignments.iter().map(String::as_str).collect();
    let (settings, link_error) = match settings_from_assignments(RunSettings::default(), &parts) {
        Ok(s) => (s, None),
        Err((s, e)) => (s, Some(e)),
    };
    let state = MnistState::new(settings, c.backend, lang);
    state.start();
    keys::register(
        c.keys,
        LessonKeys {
            toggle_run: Callback::new(move |_| match state.run.get_untracked() {
                RunState::Running => state.pause(),
                _ => state.train(),
            }),
            next: Callback::new(move |_| {}),
            previous: Callback::new(move |_| {}),
            reset: Callback::new(move |_| state.stop()),
        },
    );
    Effect::new(move |_| {
        let kind = c.backend.kind.get();
        state.move_to(kind, false);
    });
    // Computed once: a derived signal would recompute the errata (with burn) on every read.
    let errata = Signal::stored(Some(Ok(engine::mnist::errata::errata(&Device::flex()))));
    let loss_series = Signal::derive(move || {
        let l = lang.get();
        state.curves.with(|c| {
            vec![
                (text::TRAIN_SERIES.get(l).to_string(), c.train_loss.clone()),
                (text::HELD_SERIES.get(l).to_string(), c.held_loss.clone()),
            ]
        })
    });
    let accuracy_series = Signal::derive(move || {
        let l = lang.get();
        state.curves.with(|c| {
            vec![
                (
                    text::TRAIN_SERIES.get(l).to_string(),
                    c.train_accuracy.clone(),
                ),
                (
                    text::HELD_SERIES.get(l).to_string(),
                    c.held_accuracy.clone(),
                ),
            ]
        })
    });
    view! {
        <section class="lesson mnist" data-testid="mnist-lesson">
            <LessonHeader page="mnist-cnn" summary=text::INTRO link_error=link_error.map(|e| Signal::derive(move || e.message(lang.get())))>
                <p class="muted"><Marked text=text::DATA_NOTE/></p>
            </LessonHeader>
            {move || match state.data_status.get() {
                DataStatus::Loading => Some(view! { <div class="banner" data-testid="data-loading">{tr(text::LOADING_DATA)}</div> }.into_any()),
                DataStatus::Failed(e) => Some(view! {
                    <div class="banner error" data-testid="data-error" role="alert">{tr(text::DATA_FAILED)} {e}</div>
                }.into_any()),
                DataStatus::Ready => None,
            }}
            {move || state.error.get().map(|e| view! {
                <div class="banner error" data-testid="mnist-error" role="alert">{e}</div>
            })}
            {move || state.notice.get().map(|e| view! {
                <div class="banner" data-testid="mnist-notice" role="status">{e}</div>
            })}
            // The picture: how the training goes and what the network makes of a digit the
            // learner draws; the run controls beside it.
            <div class="mnist-grid">
                <TrainingPanel state=state/>
                <div class="mnist-picture" data-testid="lesson-picture">
                    <section class="panel curves">
                        <h2>{tr(text::CURVES)}</h2>
                        <CurvesChart series=loss_series y_label=text::LOSS x_label=text::CHECKPOINT testid="mnist-loss-curves"/>
                        <CurvesChart series=accuracy_series y_label=text::ACCURACY x_label=text::CHECKPOINT testid="mnist-accuracy-curves"/>
                        <p class="hint">{tr(text::CURVES_NOTE)}</p>
                    </section>
                    <DrawPad state=state/>
                </div>
            </div>
            // What the network learned, its weights file and the article's slips: one tab each.
            <Tabs page="mnist-cnn" label=crate::i18n::DETAILS tabs=vec![
                TabSpec::new("inside", text::INSIDE, move || view! {
                    <section class="panel inside" data-testid="inside">
                        <h2>{tr(text::INSIDE)}</h2>
                        <div class="inside-grid">
                            <Filters state=state/>
                            <HeldOutPanel state=state/>
                        </div>
                        <FeatureMaps state=state/>
                    </section>
                }),
                TabSpec::new("weights", text::WEIGHTS, move || view! { <WeightsPanel state=state/> }),
                TabSpec::new("errata", crate::i18n::ERRATA_TAB, move || view! { <ErrataTable errata=errata/> }),
            ]/>
        </section>
    }
}
