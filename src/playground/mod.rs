//! The playground: build any small network, train it on 2-D data with burn (WebGPU or CPU),
//! watch the decision boundary and every neuron, step through one point, edit any weight.

mod controls;
mod data_import;
mod draw;
mod inspect;
mod state;

use engine::export::{
    curves_svg, playground_classes_svg, playground_output_svg, playground_weights_json,
};
use engine::lessons::kit::breaks::Break;
use engine::playground::frame::OUTPUT_GRID;
use engine::playground::state::from_hash;
use leptos::html::Canvas;
use leptos::prelude::*;

use self::controls::Controls;
use self::data_import::DataImport;
use self::inspect::{Inspector, PickList};
use self::state::PgState;
use crate::app::{ctx, tr};
use crate::backend::BackendKind;
use crate::classroom::download;
use crate::classroom::keys::{self, LessonKeys};
use crate::components::curves_chart::CurvesChart;
use crate::components::gradcheck::{CheckState, GradCheckPanel, follow};
use crate::components::lesson_header::LessonHeader;
use crate::components::run_controls::RunControls;
use crate::i18n;

fn report(result: Result<(), leptos::wasm_bindgen::JsValue>) {
    if let Err(e) = result {
        leptos::logging::warn!("download failed: {e:?}");
    }
}

fn save_canvas(canvas: NodeRef<Canvas>, name: &str) {
    if let Some(c) = canvas.get_untracked() {
        report(download::canvas_png(&c, name));
    }
}

#[component]
pub fn PlaygroundPage(hash: String) -> impl IntoView {
    let c = ctx();
    let lang = c.lang;
    let (initial, link_error) = match from_hash(&hash) {
        Ok(s) => (s, None),
        Err(e) => (Default::default(), Some(e)),
    };
    let state = PgState::new(initial, c.backend, lang);
    state.rebuild();
    keys::register(
        c.keys,
        LessonKeys {
            toggle_run: Callback::new(move |_| state.toggle_run()),
            next: Callback::new(move |_| state.step_epoch()),
            previous: Callback::new(move |_| {}),
            reset: Callback::new(move |_| state.reset()),
        },
    );
    // A backend switch moves the weights to the new device. The first run only records the
    // backend: the network was just built above (building it again here doubled the load).
    Effect::new(move |previous: Option<BackendKind>| {
        let kind = c.backend.kind.get();
        if previous.is_some_and(|p| p != kind) {
            state.rebuild_keeping_weights();
        }
        kind
    });
    // The step view's gradient check follows its trace while training is paused.
    let check = CheckState::new();
    follow(
        check,
        move || state.trace.with(|t| t.is_some()),
        state.running,
        move || state.check_gradients(check),
    );

    let output = NodeRef::<Canvas>::new();
    let network = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let f = state.frame.get();
        if let (Some(f), Some(canvas)) = (f, output.get()) {
            draw::output(&canvas, &f, &state.points(), state.head());
        }
        let sel = state.selected.get();
        if let (Some(f), Some(canvas)) = (state.frame.get_untracked(), network.get()) {
            draw::network(&canvas, &f, &state.widths(), sel);
        }
    });
    let curves = Signal::derive(move || {
        vec![
            (
                i18n::TRAIN_SERIES.get(lang.get()).to_string(),
                state.train_losses.get(),
            ),
            (
                i18n::TEST_SERIES.get(lang.get()).to_string(),
                state.test_losses.get(),
            ),
        ]
    });
    let on_output_click = move |ev: leptos::web_sys::MouseEvent| {
        if let Some(canvas) = output.get_untracked()
            && let Some((x, y)) = draw::output_point(&canvas, &ev)
        {
            state.output_clicked(x, y);
        }
    };
    let on_network_click = move |ev: leptos::web_sys::MouseEvent| {
        if let Some(canvas) = network.get_untracked() {
            state
                .selected
                .set(draw::network_hit(&canvas, &ev, &state.widths()));
        }
    };
    let stats = move || {
        state.frame.with(|f| {
            f.as_ref().map(|f| {
                format!(
                    "{} {} · {} {} · {} {}",
                    i18n::EPOCH.get(lang.get()),
                    f.epoch,
                    i18n::TRAIN_LOSS.get(lang.get()),
                    engine::state::number::format_number(f.train_loss, 4),
                    i18n::TEST_LOSS.get(lang.get()),
                    engine::state::number::format_number(f.test_loss, 4)
                )
            })
        })
    };
    // Each class's mean training loss, in its colour.
    let class_losses = move || {
        state.frame.with(|f| {
            let f = f.as_ref()?;
            if f.class_loss.is_empty() {
                return None;
            }
            let l = lang.get();
            let items = f
                .class_loss
                .iter()
                .enumerate()
                .map(|(c, v)| {
                    let swatch = engine::playground::colour::hex(engine::playground::colour::CLASS_COLOURS[c]);
                    view! {
                        <li data-testid=format!("pg-class-loss-{c}") data-value=v.to_string()>
                            <span class="swatch" style=format!("background:{swatch}")></span>
                            {format!(" {} {c}: {}", i18n::CLASS.get(l), engine::state::number::format_number(*v, 4))}
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="pg-class-loss" data-testid="pg-class-loss">
                    <span>{i18n::CLASS_LOSS.get(l)}</span>
                    <ul>{items}</ul>
                </div>
            })
        })
    };
    view! {
        <section class="lesson playground" data-testid="playground">
            <LessonHeader page="playground" link_error=link_error.map(|e| Signal::derive(move || e.message(lang.get())))/>
            {move || state.link_left_out.get().map(|n| view! {
                <div class="banner warn" data-testid="pg-link-data-left-out" role="status">
                    {tr(i18n::LINK_DATA_LEFT_OUT)} " " {n} " " {tr(i18n::LINK_DATA_LEFT_OUT_END)}
                </div>
            })}
            {move || state.error.get().map(|e| view! {
                <div class="banner error" data-testid="playground-error" role="alert">{e}</div>
            })}
            <div class="controls" role="toolbar">
                <RunControls testid="pg-run" running=state.running speed=state.speed
                    run_disabled=Signal::stored(false) on_toggle=Callback::new(move |_| state.toggle_run())/>
                <button data-testid="pg-step" on:click=move |_| state.step_epoch() disabled=move || state.running.get()>{tr(i18n::ONE_EPOCH)}</button>
                <button data-testid="pg-reset" on:click=move |_| state.reset()>{tr(i18n::RESET)}</button>
                <span class="pg-stats" data-testid="pg-stats" data-builds=move || state.builds.get()
                    data-epoch=move || state.frame.with(|f| f.as_ref().map(|f| f.epoch).unwrap_or(0))
                    data-train-loss=move || state.frame.with(|f| f.as_ref().map(|f| f.train_loss.to_string()).unwrap_or_default())
                    data-test-loss=move || state.frame.with(|f| f.as_ref().map(|f| f.test_loss.to_string()).unwrap_or_default())>
                    {stats}
                </span>
                {class_losses}
            </div>
            // The story first: settings beside the picture (the network and what it outputs,
            // with the loss curves); inspecting, checking and saving under it.
            <div class="pg-grid">
                <section class="panel pg-settings"><h2>{tr(i18n::SETTINGS)}</h2><Controls state=state/><DataImport state=state/></section>
                <div class="pg-main">
                    <div class="pg-picture" data-testid="lesson-picture">
                        <section class="panel">
                            <h2>{tr(i18n::NETWORK)}</h2>
                            <canvas node_ref=network width="640" height="420" class="pg-network" data-testid="pg-network"
                                on:click=on_network_click aria-label=tr(i18n::NETWORK)></canvas>
                            <p class="hint">{tr(i18n::PG_NETWORK_HINT)}</p>
                        </section>
                        <section class="panel">
                            <h2>{tr(i18n::OUTPUT)}</h2>
                            <canvas node_ref=output width="300" height="300" class="pg-output" data-testid="pg-output"
                                on:click=on_output_click aria-label=tr(i18n::OUTPUT)></canvas>
                            <p class="hint">{tr(i18n::PG_OUTPUT_HINT)}</p>
                            <CurvesChart series=curves y_label=i18n::LOSS testid="pg-curves"/>
                        </section>
                    </div>
                    <div class="pg-more">
                        <section class="panel">
                            <PickList state=state/>
                            <Inspector state=state/>
                            <GradCheckPanel state=check choices=&["correct"] current=Signal::derive(|| Break::Correct)
                                set_break=Callback::new(|_: String| {})/>
                        </section>
                        <section class="panel">
                            <h2>{tr(i18n::DOWNLOADS)}</h2>
                            <div class="export-buttons" data-testid="pg-export">
                                <button data-testid="pg-export-output-png" on:click=move |_| save_canvas(output, "playground-output.png")>{tr(i18n::OUTPUT)} " PNG"</button>
                                <button data-testid="pg-export-output-svg" on:click=move |_| {
                                    let l = lang.get_untracked();
                                    state.frame.with_untracked(|f| if let Some(f) = f {
                                        let svg = if f.outputs > 1 {
                                            playground_classes_svg(&f.output, OUTPUT_GRID, f.outputs)
                                        } else {
                                            playground_output_svg(&f.output, OUTPUT_GRID, l)
                                        };
                                        report(download::text("playground-output.svg", "image/svg+xml", &svg));
                                    })
                                }>{tr(i18n::OUTPUT)} " SVG"</button>
                                <button data-testid="pg-export-curves-svg" on:click=move |_| {
                                    let l = lang.get_untracked();
                                    let (train, test) = (state.train_losses.get_untracked(), state.test_losses.get_untracked());
                                    let svg = curves_svg(&[(i18n::TRAIN_SERIES.get(l), &train), (i18n::TEST_SERIES.get(l), &test)], i18n::EPOCH.get(l), i18n::LOSS.get(l));
                                    report(download::text("playground-loss.svg", "image/svg+xml", &svg));
                                }>{tr(i18n::LOSS_CURVE)} " SVG"</button>
                                <button data-testid="pg-export-curves-png" on:click=move |_| {
                                    let canvas = document()
                                        .query_selector("[data-testid=\"pg-curves\"]")
                                        .ok()
                                        .flatten()
                                        .and_then(|e| leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlCanvasElement>(e).ok());
                                    if let Some(c) = canvas {
                                        report(download::canvas_png(&c, "playground-loss.png"));
                                    }
                                }>{tr(i18n::LOSS_CURVE)} " PNG"</button>
                                <button data-testid="pg-export-network-png" on:click=move |_| save_canvas(network, "playground-network.png")>{tr(i18n::NETWORK)} " PNG"</button>
                                <button data-testid="pg-export-weights" on:click=move |_| {
                                    state.frame.with_untracked(|f| if let Some(f) = f {
                                        let json = state.spec.with_untracked(|s| playground_weights_json(&f.weights, s));
                                        report(download::text("playground-weights.json", "application/json", &json.to_string()));
                                    })
                                }>{tr(i18n::WEIGHTS_JSON)}</button>
                            </div>
                        </section>
                    </div>
                </div>
            </div>
        </section>
    }
}
