//! The page of every lesson built from the lesson kit: controls, step-through, quantities,
//! settings, views, loss curve and errata, all driven by the lesson's `LessonDef`.

mod export;
mod form;
mod formulas;
mod matrix;
mod network;
mod quantities;
mod state;
mod steps;
mod views;

use engine::lessons::kit::{LessonDef, Step};
use engine::lessons::registry::{self, Picture};
use engine::state::hash::{settings_from_assignments, take_step, to_hash_with_step};
use engine::state::number::format_number;
use leptos::prelude::*;

use self::export::ExportPanel;
use self::form::KitForm;
use self::formulas::ArticleFormulas;
use self::network::{NetworkDiagram, Reveal};
use self::quantities::QuantityTable;
use self::state::KitState;
use self::steps::{KitStepPanel, phase_name};
use self::views::KitViews;
use crate::app::{ctx, tr};
use crate::backend::BackendKind;
use crate::classroom::keys::{self, LessonKeys};
use crate::components::autograph::AutographPanel;
use crate::components::curves_chart::CurvesChart;
use crate::components::errata_table::ErrataTable;
use crate::components::gradcheck::{CheckState, GradCheckPanel, follow};
use crate::components::lesson_header::LessonHeader;
use crate::components::loss_chart::LossChart;
use crate::components::predict::{PredictPanel, initially_on};
use crate::components::run_controls::RunControls;
use crate::components::tabs::{TabSpec, Tabs};
use crate::{i18n, route};

/// Most steps a link's `step=` may ask for; the page clamps it to the lesson's count.
const MAX_LINK_STEP: usize = 100_000;

/// The recorded histories of the metrics `keep` picks, in the lesson's order, each named in
/// the learner's language (the chart draws the names as its legend).
fn metric_series(state: KitState, keep: fn(&str) -> bool) -> Signal<Vec<(String, Vec<f64>)>> {
    let lang = ctx().lang;
    Signal::derive(move || {
        let l = lang.get();
        let picked: Vec<(&'static str, &'static str)> = state.traced.with(|t| {
            t.as_ref()
                .map(|t| {
                    t.trace
                        .metrics
                        .iter()
                        .filter(|m| keep(m.name))
                        .map(|m| (m.name, m.label.get(l)))
                        .collect()
                })
                .unwrap_or_default()
        });
        state.metric_history.with(|h| {
            picked
                .into_iter()
                .map(|(name, label)| (label.to_string(), h.get(name).cloned().unwrap_or_default()))
                .collect()
        })
    })
}

#[component]
pub fn KitLesson(def: &'static LessonDef, assignments: Vec<String>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang;
    let info = registry::find(def.id);
    let picture = info.map_or(Picture::LessonViews, |i| i.picture);
    let refs: Vec<&str> = assignments.iter().map(String::as_str).collect();
    let (settings, step) = take_step(&refs, MAX_LINK_STEP);
    let start_step = step.clone().unwrap_or(0);
    let article = (def.article_values)();
    let (initial, link_error) = match (settings_from_assignments(article, &settings), step) {
        (Ok(v), Ok(_)) => (v, None),
        (Ok(v), Err(e)) => (v, Some(e)),
        (Err((v, e)), _) => (v, Some(e)),
    };
    let state = KitState::new(def, initial, c.backend);
    state.cursor.set(start_step);
    state.compute_errata();

    keys::register(
        c.keys,
        LessonKeys {
            toggle_run: Callback::new(move |_| state.toggle_run()),
            next: Callback::new(move |_| state.next_step()),
            previous: Callback::new(move |_| state.previous_step()),
            reset: Callback::new(move |_| state.reset()),
        },
    );

    let steps: Memo<Vec<Step>> = Memo::new(move |_| {
        state.traced.with(|t| {
            t.as_ref()
                .map(|t| t.trace.steps.clone())
                .unwrap_or_default()
        })
    });

    Effect::new(move |_| {
        state.values.track();
        c.backend.kind.track();
        if !state.running.get_untracked() {
            state.recompute();
        }
    });
    // The address bar always holds a link that reproduces this state and step.
    Effect::new(move |_| {
        let v = state.values.get();
        if state.running.get() {
            return;
        }
        route::replace_hash(&to_hash_with_step(def.id, &v, state.cursor.get()));
    });

    // The home page's course map shows how far the learner got.
    Effect::new(move |_| {
        let total = steps.with(Vec::len);
        if total > 0 {
            crate::progress::record_steps(def.id, state.cursor.get(), total);
        }
    });

    // Predict mode: the next step's item, and "new numbers" where the lesson's variant moves any.
    let predict_on = RwSignal::new(initially_on());
    let predict_next = Signal::derive(move || {
        let c = state.cursor.get();
        state.traced.with(|t| {
            t.as_ref()
                .and_then(|t| engine::predict::for_kit_step(&t.trace, c))
        })
    });
    let article_setup = (def.article_values)();
    let varies = engine::lessons::kit::variant::variant(&article_setup, 1) != article_setup;
    let new_numbers = varies.then(|| Callback::new(move |_| state.new_numbers()));

    // The gradient check follows the trace while it is switched on and training is paused.
    let check = CheckState::new();
    follow(
        check,
        move || state.traced.with(|t| t.is_some()),
        state.running,
        move || state.check_gradients(check),
    );
    let break_choices = (def.article_values)()
        .spec(engine::lessons::kit::breaks::NAME)
        .map(|s| s.choices);
    let current_break =
        Signal::derive(move || state.values.with(engine::lessons::kit::breaks::Break::of));
    let set_break = Callback::new(move |name: String| {
        state
            .set_value(engine::lessons::kit::breaks::NAME, &name)
            .ok();
    });

    // Lessons whose model runs through a tape also show its autodiff graph.
    let graph = Memo::new(move |_| {
        state
            .traced
            .with(|t| t.as_ref().and_then(|t| t.trace.graph.clone()))
    });

    let has_views = Memo::new(move |_| {
        state
            .traced
            .with(|t| t.as_ref().is_some_and(|t| !t.trace.views.is_empty()))
    });

    let running = state.running;
    let busy = move || running.get() || state.traced.with(|t| t.is_none());
    let diverged = Memo::new(move |_| state.diverged());
    // Memos: these decide which controls exist, and must not rebuild them on every frame.
    let trains = Memo::new(move |_| state.trains());
    let next_label = move || {
        let c = state.cursor.get();
        steps.with(|s| {
            s.get(c)
                .map(|s| phase_name(s.phase).get(lang.get()).to_string())
        })
    };
    let metrics = move || {
        state.traced.with(|t| {
            t.as_ref().map(|t| {
                t.trace
                    .metrics
                    .iter()
                    .map(|m| view! {
                        <span class="metric" data-testid=format!("metric-{}", m.name) data-value=m.value.to_string()>
                            {m.label.get(lang.get())} " " <b>{format_number(m.value, 4)}</b>
                        </span>
                    })
                    .collect_view()
            })
        })
    };

    // Metrics named `loss_…` are the losses of models trained side by side: one curve each,
    // in the lesson's order (its paths use the same colours in the same order).
    let curves = metric_series(state, |n| n.starts_with("loss_"));
    let has_curves = Memo::new(move |_| curves.with(|c| !c.is_empty()));
    let accuracy = metric_series(state, |n| n == "accuracy");
    let has_accuracy = Memo::new(move |_| accuracy.with(|c| !c.is_empty()));
    let has_graph = Signal::derive(move || graph.with(Option::is_some));
    let mut tabs = Vec::new();
    // A network lesson's own views (keras-4x4's predictions per sample) open first under the
    // stage; the other lessons draw theirs as the picture.
    if picture.is_network() {
        tabs.push(
            TabSpec::new("views", i18n::RESULTS, move || {
                view! {
                    <section class="views-panel"><div data-testid="views"><KitViews state=state/></div></section>
                }
            })
            .when(Signal::derive(move || has_views.get())),
        );
    }
    tabs.push(TabSpec::new("values", i18n::VALUES, move || {
        view! {
            <section class="values-panel"><QuantityTable state=state steps=steps/></section>
        }
    }));
    tabs.push(TabSpec::new("settings", i18n::SETTINGS, move || {
        view! {
            <section class="params-panel"><KitForm state=state/></section>
        }
    }));
    if !def.formulas.is_empty() {
        tabs.push(TabSpec::new(
            "formulas",
            i18n::ARTICLE_FORMULAS,
            move || view! { <ArticleFormulas state=state/> },
        ));
    }
    tabs.push(TabSpec::new(
        "errata",
        i18n::ERRATA_TAB,
        move || view! { <ErrataTable errata=state.errata/> },
    ));
    if let Some(choices) = break_choices {
        tabs.push(TabSpec::new("gradcheck", i18n::GRADIENT_CHECK_TAB, move || view! {
            <GradCheckPanel state=check choices=choices current=current_break set_break=set_break/>
        }));
    }
    tabs.push(
        TabSpec::new("autograph", i18n::AUTOGRAPH_TAB, move || {
            view! {
                <Show when=move || has_graph.get()><AutographPanel graph=graph/></Show>
            }
        })
        .when(has_graph),
    );
    tabs.push(TabSpec::new(
        "downloads",
        i18n::DOWNLOADS,
        move || view! { <ExportPanel state=state/> },
    ));
    view! {
        <section class="lesson" data-testid=format!("lesson-{}", def.id)>
            <LessonHeader page=def.id file=def.article_file link_error=link_error.map(|e| Signal::derive(move || e.message(lang.get())))/>
            <div class="controls" role="toolbar">
                <button data-testid="btn-prev" on:click=move |_| state.previous_step()
                    disabled=move || busy() || state.cursor.get() == 0>{tr(i18n::PREVIOUS_STEP)}</button>
                <button data-testid="btn-next" on:click=move |_| state.next_step()
                    disabled=move || { busy() || state.cursor.get() >= steps.with(|s| s.len()) }>
                    {move || next_label().map(|p| format!("{p} ▸")).unwrap_or_else(|| i18n::NEXT_STEP.get(lang.get()).to_string())}
                </button>
                <button data-testid="btn-all" on:click=move |_| state.all_steps()
                    disabled=move || { busy() || state.cursor.get() >= steps.with(|s| s.len()) }>{tr(i18n::ALL_STEPS)}</button>
                {move || trains.get().then(|| view! {
                    <button data-testid="btn-update" on:click=move |_| state.update()
                        disabled=move || busy() || diverged.get()>{tr(i18n::TRAIN_STEP)}</button>
                    <RunControls testid="btn-run" running=running speed=state.speed
                        run_disabled=Signal::derive(move || diverged.get() || state.traced.with(|t| t.is_none()))
                        on_toggle=Callback::new(move |_| state.toggle_run())/>
                })}
                <button data-testid="btn-reset" on:click=move |_| state.reset()>{tr(i18n::RESET)}</button>
                {def.reseed.map(|_| view! {
                    <button data-testid="btn-reseed" on:click=move |_| state.reseed()>{tr(i18n::NEW_SEED)}</button>
                })}
                <span class="trace-backend" data-testid="trace-backend"
                    data-kind=move || state.traced.with(|t| t.as_ref().map(|t| t.backend.code()).unwrap_or(""))>
                    {move || state.traced.with(|t| t.as_ref().map(|t| {
                        let name = match t.backend { BackendKind::WebGpu => "WebGPU", BackendKind::Cpu => "CPU" };
                        format!("{} {name}", i18n::COMPUTED_ON.get(lang.get()))
                    }))}
                </span>
            </div>
            {move || diverged.get().then(|| view! {
                <div class="banner error" data-testid="diverged" role="alert">
                    {tr(i18n::DIVERGED)} " "
                    <button on:click=move |_| state.reset() data-testid="diverged-reset">{tr(i18n::RESET)}</button>
                </div>
            })}
            {move || state.failure.get().map(|e| view! {
                <div class="banner error" data-testid="compute-failure" role="alert">{e}</div>
            })}
            // The story first: the picture and the current step side by side, the loss under
            // the step; everything else one tab away.
            <div class="stage">
                {if picture.is_network() {
                    // xor draws the model its settings choose; the others have one network.
                    let shape = Memo::new(move |_| state.values.with(|v| picture.network(v)));
                    view! {
                        <section class="panel diagram-panel picture" data-testid="lesson-picture">
                            <h2>{tr(i18n::NETWORK)}</h2>
                            {move || shape.get().map(|shape| view! {
                                <NetworkDiagram state=state reveal=Reveal { steps, cursor: state.cursor } shape=shape/>
                            })}
                        </section>
                    }
                    .into_any()
                } else {
                    view! {
                        <Show when=move || has_views.get()>
                            <section class="panel views-panel picture" data-testid="lesson-picture">
                                <h2>{tr(i18n::VIEWS)}</h2>
                                <div data-testid="views"><KitViews state=state/></div>
                            </section>
                        </Show>
                    }
                    .into_any()
                }}
                <div class="stage-side">
                    <div class="metrics" data-testid="metrics">{metrics}</div>
                    <section class="panel step-panel" data-testid="step-panel">
                        <h2>{tr(i18n::FORMULA)}</h2>
                        <KitStepPanel state=state steps=steps/>
                        <PredictPanel lesson=def.id next=predict_next reveal=Callback::new(move |_| state.next_step())
                            new_numbers=new_numbers on=predict_on/>
                    </section>
                    {move || trains.get().then(|| view! {
                        <section class="panel chart-panel">
                            <h2>{tr(i18n::LOSS_CURVE)}</h2>
                            <LossChart history=state.history/>
                            {move || has_curves.get().then(|| view! { <CurvesChart series=curves y_label=i18n::LOSS testid="curves-chart"/> })}
                            {move || has_accuracy.get().then(|| view! { <CurvesChart series=accuracy y_label=i18n::ACCURACY testid="accuracy-chart"/> })}
                        </section>
                    })}
                </div>
            </div>
            <Tabs page=def.id label=i18n::DETAILS tabs=tabs/>
        </section>
    }
}
