//! What the learner opened on the network: a neuron's forward value and backward gradient
//! for the inspected point, with the foundation lesson's formulas; or a weight to edit.

use engine::math::mathml;
use engine::state::number::{format_number, parse_number};
use leptos::prelude::*;

use super::state::{PgState, Selection};
use crate::app::{ctx, tr};
use crate::components::predict::{PredictPanel, initially_on};
use crate::i18n;

/// The step targets that belong to a selection (an output neuron also shows the loss).
fn targets(sel: Selection, layers: usize) -> Vec<String> {
    match sel {
        Selection::Neuron { layer, index } if layer > 0 => {
            let mut t = vec![
                format!("z{layer}[{index}]"),
                format!("a{layer}[{index}]"),
                format!("grad:a{layer}[{index}]"),
                format!("grad:z{layer}[{index}]"),
                format!("grad:b{layer}[{index}]"),
            ];
            if layer + 1 == layers {
                t.insert(2, "loss".into());
            }
            t
        }
        Selection::Neuron { .. } => vec![],
        Selection::Edge { layer, from, to } => vec![format!("grad:W{}[{from}][{to}]", layer + 1)],
    }
}

fn current_value(state: PgState, sel: Selection) -> Option<f64> {
    state.frame.with_untracked(|f| {
        let f = f.as_ref()?;
        match sel {
            Selection::Edge { layer, from, to } => {
                f.weights.layers.get(layer)?.w.get(from)?.get(to).copied()
            }
            Selection::Neuron { layer, index } if layer > 0 => {
                f.weights.layers.get(layer - 1)?.b.get(index).copied()
            }
            Selection::Neuron { .. } => None,
        }
    })
}

/// The selection's steps of the point trace, in walkthrough order.
fn selected_steps(state: PgState, sel: Selection) -> Vec<engine::lessons::kit::Step> {
    let wanted = targets(sel, state.spec.with(|s| s.widths().len()));
    state.trace.with(|t| {
        t.as_ref()
            .map(|t| {
                t.steps
                    .iter()
                    .filter(|s| wanted.contains(&s.target))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    })
}

#[component]
pub fn Inspector(state: PgState) -> impl IntoView {
    let predict_on = RwSignal::new(initially_on());
    // In predict mode the selection's steps are revealed one guess at a time.
    let revealed = RwSignal::new(0usize);
    Effect::new(move |_| {
        state.selected.track();
        state.inspect_point.track();
        revealed.set(0);
    });
    let next = Signal::derive(move || {
        let sel = state.selected.get()?;
        let step = selected_steps(state, sel).into_iter().nth(revealed.get())?;
        state.trace.with(|t| {
            t.as_ref()
                .map(|t| engine::predict::for_playground_step(t, &step))
        })
    });
    view! {
        <InspectorSteps state=state predict_on=predict_on revealed=revealed/>
        <Show when=move || state.selected.with(Option::is_some)>
            <PredictPanel lesson="playground" next=next
                reveal=Callback::new(move |_| revealed.update(|r| *r += 1)) on=predict_on/>
        </Show>
    }
}

#[component]
fn InspectorSteps(
    state: PgState,
    predict_on: RwSignal<bool>,
    revealed: RwSignal<usize>,
) -> impl IntoView {
    let lang = ctx().lang;
    let error = RwSignal::new(None::<String>);
    // Rebuilt only when the selection or the language changes: the steps, the point and the
    // field's value follow the training inside, so a number being typed is not replaced when
    // a new trace arrives.
    move || {
        let sel = state.selected.get()?;
        let l = lang.get();
        let title = match sel {
            Selection::Neuron { layer, index } => {
                format!("{} {layer}.{}", i18n::NEURON.get(l), index + 1)
            }
            Selection::Edge { layer, from, to } => format!("W{}[{from}][{to}]", layer + 1),
        };
        let steps = move || {
            let shown = if predict_on.get() {
                revealed.get()
            } else {
                usize::MAX
            };
            selected_steps(state, sel)
                .into_iter()
                .take(shown)
                .map(|s| {
                    view! {
                        <li data-testid=format!("pg-step-{}", s.target) data-value=s.value.to_string()>
                            <span inner_html=mathml(&s.formula.tex, false)></span> " "
                            <span class="subst" inner_html=mathml(&s.substituted.tex, false)></span>
                        </li>
                    }
                })
                .collect_view()
        };
        let point = move || {
            state
                .inspect_point
                .get()
                .or_else(|| state.points.with(|p| p.first().map(|p| p.0)))
                .map(|p| {
                    format!(
                        " · x = ({}, {})",
                        format_number(p.x, 2),
                        format_number(p.y, 2)
                    )
                })
        };
        // The value only notifies when it changes (training moved it), not on every trace.
        let value = Memo::new(move |_| {
            state.frame.track();
            current_value(state, sel)
        });
        let field = value.get_untracked().is_some().then(|| {
            view! {
                <label class="field">
                    {if matches!(sel, Selection::Edge { .. }) { i18n::WEIGHT.get(l) } else { i18n::BIAS.get(l) }} " "
                    <input type="text" data-testid="pg-edit-value" inputmode="decimal"
                        prop:value=move || value.get().map(|v| format_number(v, 6)).unwrap_or_default()
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            match parse_number(&text) {
                                Ok(v) => state.set_weight(sel, v, error),
                                Err(e) => error.set(Some(e.message(lang.get_untracked()))),
                            }
                        }/>
                    <span class="field-error" role="alert" data-testid="pg-edit-error">{move || error.get()}</span>
                </label>
            }
        });
        Some(view! {
            <div class="pg-inspector current-step" data-testid="pg-inspector">
                <p class="step-label">{title} {point}</p>
                {field}
                <ol class="step-log">{steps}</ol>
                <p class="hint">{tr(i18n::PG_INSPECT_HINT)}</p>
            </div>
        })
    }
}

/// Every neuron and weight as a list: the keyboard's (and screen reader's) way to what a click
/// on the drawing opens.
#[component]
pub fn PickList(state: PgState) -> impl IntoView {
    let lang = ctx().lang;
    move || {
        let widths = state.spec.with(|s| s.widths());
        let l = lang.get();
        let mut items: Vec<(Selection, String)> = Vec::new();
        for (layer, &n) in widths.iter().enumerate() {
            for index in 0..n {
                items.push((
                    Selection::Neuron { layer, index },
                    format!("{} {layer}.{}", i18n::NEURON.get(l), index + 1),
                ));
            }
        }
        for layer in 0..widths.len().saturating_sub(1) {
            for from in 0..widths[layer] {
                for to in 0..widths[layer + 1] {
                    items.push((
                        Selection::Edge { layer, from, to },
                        format!("W{}[{from}][{to}]", layer + 1),
                    ));
                }
            }
        }
        let choices: Vec<Selection> = items.iter().map(|(s, _)| *s).collect();
        let options = items
            .into_iter()
            .enumerate()
            .map(|(i, (sel, name))| view! { <option value=i.to_string() selected=move || state.selected.get() == Some(sel)>{name}</option> })
            .collect_view();
        view! {
            <label class="field">{tr(i18n::PICK)} " "
                <select data-testid="pg-pick" on:change=move |ev| {
                    let picked = event_target_value(&ev).parse::<usize>().ok().and_then(|i| choices.get(i).copied());
                    state.selected.set(picked);
                }>
                    <option value="">"—"</option>
                    {options}
                </select>
            </label>
        }
    }
}
