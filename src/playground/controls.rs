//! The playground's settings: data, features, layers, activation, regularisation, learning
//! rate, batch size and optimiser, and what a click on the output does.

use engine::i18n::{Lang, Text};
use engine::playground::data::{DatasetKind, MAX_CLASSES};
use engine::playground::features::Feature;
use engine::playground::spec::{
    Activation, MAX_BATCH, MAX_LAYERS, MAX_NEURONS, Optimizer, Regularization,
};
use leptos::prelude::*;
use std::sync::Arc;

use super::state::PgState;
use crate::app::{ctx, tr};
use crate::i18n;

/// TensorFlow Playground's choices, so lessons and links line up with what teachers know.
const RATES: [f64; 11] = [
    0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0,
];
const REG_RATES: [f64; 10] = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];

/// An option's caption: words in the learner's language, or a number.
type Caption = Arc<dyn Fn(Lang) -> String + Send + Sync>;

fn words(text: Text) -> Caption {
    Arc::new(move |l| text.get(l).to_string())
}

fn number(shown: String) -> Caption {
    Arc::new(move |_| shown.clone())
}

fn select<T: Copy + PartialEq + Send + Sync + 'static>(
    testid: &'static str,
    options: Vec<(T, Caption)>,
    current: impl Fn() -> T + Copy + Send + Sync + 'static,
    on_pick: impl Fn(T) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = ctx().lang;
    let values: Vec<T> = options.iter().map(|(v, _)| *v).collect();
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, (v, name))| view! { <option value=i.to_string() selected=move || current() == v>{move || name(lang.get())}</option> })
        .collect_view();
    view! {
        <select data-testid=testid on:change=move |ev| {
            if let Some(v) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| values.get(i)) {
                on_pick(*v);
            }
        }>{items}</select>
    }
}

#[component]
pub fn Controls(state: PgState) -> impl IntoView {
    let spec = state.spec;
    let net = move || spec.with(|s| s.net.clone());
    let data = move || spec.with(|s| s.data.clone());
    // The imported set is offered once there is one (it stays while other sets are tried).
    let datasets = move || {
        let mut kinds: Vec<DatasetKind> = DatasetKind::ALL.to_vec();
        if spec.with(|s| !s.data.imported.is_empty()) {
            kinds.push(DatasetKind::Csv);
        }
        select(
            "pg-dataset",
            kinds.iter().map(|k| (*k, words(k.label()))).collect(),
            move || data().kind,
            move |k| {
                state.change(false, |s| {
                    s.data.kind = k;
                    s.data.tidy();
                })
            },
        )
    };
    let class_choice = move || {
        data().kind.has_class_choice().then(|| {
            let classes = select(
                "pg-classes",
                (2..=MAX_CLASSES)
                    .map(|k| (k, number(k.to_string())))
                    .collect(),
                move || data().classes,
                move |k| {
                    state.change(false, |s| {
                        s.data.classes = k;
                        s.data.tidy();
                    })
                },
            );
            view! { <label class="field">{tr(i18n::CLASSES)} " " {classes}</label> }
        })
    };
    let softmax_choice = move || {
        (data().class_count() == Some(2)).then(|| view! {
            <label class="check">
                <input type="checkbox" data-testid="pg-softmax" prop:checked=move || net().softmax
                    on:change=move |_| state.change(false, |s| s.net.softmax = !s.net.softmax)/>
                " " {tr(i18n::SOFTMAX_TWO)}
            </label>
        })
    };
    let activation = select(
        "pg-activation",
        Activation::ALL
            .iter()
            .map(|a| (*a, words(a.label())))
            .collect(),
        move || net().activation,
        move |a| state.change(true, |s| s.net.activation = a),
    );
    let optimizer = select(
        "pg-optimizer",
        Optimizer::ALL
            .iter()
            .map(|o| (*o, words(o.label())))
            .collect(),
        move || net().optimizer,
        move |o| state.change(true, |s| s.net.optimizer = o),
    );
    let regularization = select(
        "pg-regularization",
        Regularization::ALL
            .iter()
            .map(|r| (*r, words(r.label())))
            .collect(),
        move || net().regularization,
        move |r| state.change(true, |s| s.net.regularization = r),
    );
    let rate = select(
        "pg-lr",
        RATES.iter().map(|r| (*r, number(r.to_string()))).collect(),
        move || net().learning_rate,
        move |r| state.change(true, |s| s.net.learning_rate = r),
    );
    let reg_rate = select(
        "pg-reg-rate",
        REG_RATES
            .iter()
            .map(|r| (*r, number(r.to_string())))
            .collect(),
        move || net().reg_rate,
        move |r| state.change(true, |s| s.net.reg_rate = r),
    );
    let features = Feature::ALL
        .iter()
        .map(|&f| {
            let on = move || net().features.contains(&f);
            view! {
                <label class="check">
                    <input type="checkbox" data-testid=format!("pg-feature-{}", f.name()) prop:checked=on
                        on:change=move |_| state.change(false, |s| {
                            if s.net.features.contains(&f) {
                                s.net.features.retain(|g| *g != f);
                            } else {
                                s.net.features.push(f);
                            }
                        })/>
                    " " {f.label()}
                </label>
            }
        })
        .collect_view();
    let layers = move || {
        net()
            .hidden
            .iter()
            .enumerate()
            .map(|(l, &n)| {
                view! {
                    <span class="layer-size" data-testid=format!("pg-layer-{l}")>
                        <button aria-label="−" on:click=move |_| state.change(false, |s| {
                            if s.net.hidden[l] > 1 { s.net.hidden[l] -= 1 }
                        })>"−"</button>
                        " " {n} " "
                        <button aria-label="+" on:click=move |_| state.change(false, |s| {
                            if s.net.hidden[l] < MAX_NEURONS { s.net.hidden[l] += 1 }
                        })>"+"</button>
                    </span>
                }
            })
            .collect_view()
    };
    let range = |testid: &'static str,
                 min: u32,
                 max: u32,
                 value: Signal<u32>,
                 set: fn(&mut engine::playground::state::PlaygroundState, u32)| {
        view! {
            <input type="range" data-testid=testid min=min max=max prop:value=move || value.get().to_string()
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                        state.change(true, |s| set(s, v));
                    }
                }/>
            <span>{move || value.get()}</span>
        }
    };
    let noise = Signal::derive(move || data().noise_pct);
    let train = Signal::derive(move || data().train_pct);
    let batch = Signal::derive(move || net().batch_size as u32);
    let mode = move |v: Option<f64>| move || state.add_class.get() == v;
    // Classes 2–4 get a radio each when the data has them (0 and 1 keep their colour names).
    let more_classes = move || {
        let k = data().class_count().unwrap_or(2);
        (2..k)
            .map(|c| {
                let v = Some(c as f64);
                let swatch = engine::playground::colour::hex(engine::playground::colour::CLASS_COLOURS[c]);
                view! {
                    <label><input type="radio" name="pg-click" data-testid=format!("pg-click-add-{c}") prop:checked=mode(v) on:change=move |_| state.add_class.set(v)/>
                        " " {tr(i18n::CLICK_ADD_CLASS)} " " {c} " "
                        <span class="swatch" style=format!("background:{swatch}")></span>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <div class="pg-controls params-form">
            <fieldset><legend>{tr(i18n::DATA)}</legend>
                <label class="field">{tr(i18n::DATASET)} " " {datasets}</label>
                {class_choice}
                {softmax_choice}
                <label class="field">{tr(i18n::NOISE)} " " {range("pg-noise", 0, 50, noise, |s, v| s.data.noise_pct = v)}</label>
                <label class="field">{tr(i18n::TRAIN_RATIO)} " " {range("pg-train", 10, 90, train, |s, v| s.data.train_pct = v)}</label>
                <div class="click-mode" role="radiogroup">
                    <label><input type="radio" name="pg-click" data-testid="pg-click-inspect" prop:checked=mode(None) on:change=move |_| state.add_class.set(None)/> {tr(i18n::CLICK_INSPECT)}</label>
                    <label><input type="radio" name="pg-click" data-testid="pg-click-add-0" prop:checked=mode(Some(0.0)) on:change=move |_| state.add_class.set(Some(0.0))/> {tr(i18n::CLICK_ADD_0)}</label>
                    <label><input type="radio" name="pg-click" data-testid="pg-click-add-1" prop:checked=mode(Some(1.0)) on:change=move |_| state.add_class.set(Some(1.0))/> {tr(i18n::CLICK_ADD_1)}</label>
                    {more_classes}
                </div>
            </fieldset>
            <fieldset><legend>{tr(i18n::FEATURES)}</legend><div class="features">{features}</div></fieldset>
            <fieldset><legend>{tr(i18n::HIDDEN_LAYERS)}</legend>
                <button data-testid="pg-remove-layer" on:click=move |_| state.change(false, |s| { s.net.hidden.pop(); })>"−"</button>
                <button data-testid="pg-add-layer" on:click=move |_| state.change(false, |s| {
                    if s.net.hidden.len() < MAX_LAYERS { s.net.hidden.push(2) }
                })>"+"</button>
                <div class="layers">{layers}</div>
            </fieldset>
            <fieldset><legend>{tr(i18n::TRAINING)}</legend>
                <label class="field">{tr(i18n::LEARNING_RATE)} " " {rate}</label>
                <label class="field">{tr(i18n::ACTIVATION)} " " {activation}</label>
                <label class="field">{tr(i18n::REGULARIZATION)} " " {regularization} " " {reg_rate}</label>
                <label class="field">{tr(i18n::BATCH_SIZE)} " " {range("pg-batch", 1, MAX_BATCH as u32, batch, |s, v| s.net.batch_size = v as usize)}</label>
                <label class="field">{tr(i18n::OPTIMIZER)} " " {optimizer}</label>
                <button data-testid="pg-reseed" on:click=move |_| state.change(false, |s| s.net.seed = s.net.seed.wrapping_add(1))>{tr(i18n::NEW_SEED)}</button>
            </fieldset>
        </div>
    }
}
