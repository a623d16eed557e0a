//! Every quantity of the trace (inputs, nodes, parameters) with its value, gradient and
//! updated value. Entries the step-through has not reached yet show “?”.

use std::collections::HashSet;

use engine::lessons::kit::{LessonTrace, Quantity, Role, Step};
use engine::math::mathml;
use engine::model::value::Value;
use engine::state::number::format_number;
use leptos::prelude::*;

use super::state::KitState;
use crate::app::tr;
use crate::components::scroll_box::ScrollBox;
use crate::i18n;

/// Which step targets exist, and which are revealed, to decide what a cell shows.
struct Reveal {
    all: HashSet<String>,
    shown: HashSet<String>,
    current: Option<String>,
}

impl Reveal {
    fn new(steps: &[Step], cursor: usize) -> Reveal {
        Reveal {
            all: steps.iter().map(|s| s.target.clone()).collect(),
            shown: steps
                .iter()
                .take(cursor)
                .map(|s| s.target.clone())
                .collect(),
            current: cursor
                .checked_sub(1)
                .and_then(|i| steps.get(i))
                .map(|s| s.target.clone()),
        }
    }

    /// A cell is hidden only while a step that reveals it (the entry or its whole quantity)
    /// is still ahead.
    fn visible(&self, prefix: &str, name: &str, entry: &str) -> bool {
        let whole = format!("{prefix}{name}");
        let one = format!("{prefix}{entry}");
        let gated = self.all.contains(&one) || self.all.contains(&whole);
        !gated || self.shown.contains(&one) || self.shown.contains(&whole)
    }

    fn is_current(&self, prefix: &str, name: &str, entry: &str) -> bool {
        self.current
            .as_ref()
            .is_some_and(|c| *c == format!("{prefix}{entry}") || *c == format!("{prefix}{name}"))
    }
}

/// Entry names of a value: `z`, `z[1]`, `W[0][2]`, with their numbers, row by row.
fn entries(name: &str, v: &Value) -> Vec<Vec<(String, f64)>> {
    match v {
        Value::Scalar(x) => vec![vec![(name.to_string(), *x)]],
        Value::Vector(xs) => vec![
            xs.iter()
                .enumerate()
                .map(|(i, x)| (format!("{name}[{i}]"), *x))
                .collect(),
        ],
        Value::Matrix(m) => m
            .iter()
            .enumerate()
            .map(|(i, row)| {
                row.iter()
                    .enumerate()
                    .map(|(j, x)| (format!("{name}[{i}][{j}]"), *x))
                    .collect()
            })
            .collect(),
    }
}

/// `value-z[1]`, `grad-z[1]`, `updated-z[1]`: what the browser tests read.
fn testid_prefix(prefix: &str) -> &'static str {
    match prefix {
        "grad:" => "grad",
        "updated:" => "updated",
        _ => "value",
    }
}

fn matrix_view(
    q: &Quantity,
    v: &Value,
    prefix: &'static str,
    reveal: &Reveal,
) -> impl IntoView + use<> {
    let rows = entries(&q.name, v)
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .map(|(entry, x)| {
                    let show = reveal.visible(prefix, &q.name, &entry);
                    let current = reveal.is_current(prefix, &q.name, &entry);
                    let text = if show {
                        format_number(x, 4)
                    } else {
                        "?".to_string()
                    };
                    view! {
                        <td class:current=current class:hidden-value=!show
                            data-testid=format!("{}-{}", testid_prefix(prefix), entry.clone())
                            data-value=if show { x.to_string() } else { String::new() }
                            title=entry>{text}</td>
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    // Numbers, and entry names as links write them (`terms[0]`) in the tooltips.
    view! { <table class="matrix" translate="no"><tbody>{rows}</tbody></table> }
}

fn quantity_row(q: &Quantity, reveal: &Reveal) -> impl IntoView + use<> {
    let role = match q.role {
        Role::Input => "input",
        Role::Node => "node",
        Role::Param => "param",
    };
    let dash = || view! { <span class="muted">"—"</span> }.into_any();
    view! {
        <tr class=role data-testid=format!("quantity-{}", q.name)>
            <th scope="row" inner_html=mathml(&q.label.tex, false)></th>
            <td>{matrix_view(q, &q.value, "", reveal)}</td>
            <td>{q.grad.as_ref().map(|g| matrix_view(q, g, "grad:", reveal).into_any()).unwrap_or_else(dash)}</td>
            <td>{q.updated.as_ref().map(|u| matrix_view(q, u, "updated:", reveal).into_any()).unwrap_or_else(dash)}</td>
        </tr>
    }
}

#[component]
pub fn QuantityTable(state: KitState, steps: Memo<Vec<Step>>) -> impl IntoView {
    let body = move || {
        let cursor = state.cursor.get();
        let reveal = steps.with(|s| Reveal::new(s, cursor));
        state.traced.with(|t| {
            t.as_ref().map(|t| {
                let trace: &LessonTrace = &t.trace;
                trace
                    .quantities
                    .iter()
                    .map(|q| quantity_row(q, &reveal))
                    .collect_view()
            })
        })
    };
    let loss = move || {
        let cursor = state.cursor.get();
        let shown = steps.with(|s| Reveal::new(s, cursor).visible("", "loss", "loss"));
        state.traced.with(|t| {
            t.as_ref().and_then(|t| t.trace.loss).map(|l| {
                view! {
                    <p class="loss-line" data-testid="value-loss" data-value=if shown { l.to_string() } else { String::new() }>
                        "L = " {if shown { format_number(l, 5) } else { "?".into() }}
                    </p>
                }
            })
        })
    };
    view! {
        <ScrollBox label=i18n::VALUES>
            <table class="quantities" data-testid="quantities">
                <thead><tr><th></th><th>{tr(i18n::VALUE)}</th><th>{tr(i18n::GRADIENT)}</th><th>{tr(i18n::UPDATED)}</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </ScrollBox>
        {loss}
    }
}
