//! A matrix of settings edited as a matrix: type in a cell, drag a cell sideways to change it
//! (0.01 a pixel), paste a block of numbers into a cell (it fills rightwards and down, as in a
//! spreadsheet), or paste the whole matrix as text; a bad paste is explained and changes
//! nothing.

use engine::lessons::kit::SettingSpec;
use engine::state::matrix::{MatrixShape, parse_matrix, paste_at};
use engine::state::setting::Settings;
use leptos::prelude::*;
use leptos::web_sys::{ClipboardEvent, PointerEvent};

use super::state::KitState;
use crate::app::{ctx, tr};
use crate::components::drag_number::DragNumber;
use crate::components::number_field::NumberField;
use crate::i18n;

/// `paste` takes text pasted into the cell and says whether it filled a block (so the cell's
/// own field must not take it too).
fn cell(
    state: KitState,
    spec: &'static SettingSpec,
    paste: Callback<String, bool>,
) -> impl IntoView {
    let name = spec.name;
    let lang = ctx().lang;
    let value = Signal::derive(move || {
        state
            .values
            .with(|v| Settings::get(v, name))
            .unwrap_or_default()
    });
    let label = Signal::derive(move || (state.def.field_label)(spec, lang.get()));
    let on_commit = Callback::new(move |text: String| state.set_value(name, &text));
    let drag = DragNumber::new();
    let on_down =
        move |ev: PointerEvent| drag.down(&ev, state.values.with_untracked(|v| v.get(name)));
    let on_move = move |ev: PointerEvent| {
        if let Some(next) = drag.moved(&ev) {
            state.set_value(name, &next.to_string()).ok();
        }
    };
    let on_up = move |_: PointerEvent| {
        drag.up();
    };
    let on_paste = move |ev: ClipboardEvent| {
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text").ok())
            .unwrap_or_default();
        if paste.run(text) {
            ev.prevent_default();
        }
    };
    view! {
        <td data-cell=name on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
            on:pointercancel=on_up on:paste=on_paste>
            <NumberField name=name.to_string() label=label value=value on_commit=on_commit compact=true/>
        </td>
    }
}

#[component]
pub fn MatrixEditor(
    state: KitState,
    shape: MatrixShape,
    specs: Vec<&'static SettingSpec>,
) -> impl IntoView {
    let lang = ctx().lang;
    let (rows, cols) = (shape.rows, shape.cols);
    let base = shape.base.clone();
    let names: Vec<&'static str> = specs.iter().map(|s| s.name).collect();
    let header = (1..=cols)
        .map(|c| view! { <th scope="col">{c}</th> })
        .collect_view();
    let pasted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<engine::state::matrix::MatrixError>);
    let refused = RwSignal::new(None::<(String, engine::state::number::InputError)>);
    let names_for_cells = names.clone();
    // A block pasted into cell `at` (row by row): set every cell it covers at once.
    let paste_into = move |at: usize, text: String| -> bool {
        refused.set(None);
        match paste_at(&text, (at / cols, at % cols), rows, cols) {
            Ok(None) => {
                error.set(None);
                false
            }
            Err(e) => {
                error.set(Some(e));
                true
            }
            Ok(Some(cells)) => {
                error.set(None);
                let texts: Vec<(&str, String)> = cells
                    .iter()
                    .map(|&(i, v)| (names_for_cells[i], v.to_string()))
                    .collect();
                let items: Vec<(&str, &str)> =
                    texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
                if let Err(e) = state.set_values(&items) {
                    refused.set(Some(e));
                }
                true
            }
        }
    };
    let body = (0..rows)
        .map(|r| {
            let cells = (0..cols)
                .map(|c| {
                    let at = r * cols + c;
                    let paste_into = paste_into.clone();
                    let paste = Callback::new(move |text: String| paste_into(at, text));
                    cell(state, specs[r * cols + c], paste)
                })
                .collect_view();
            view! { <tr><th scope="row">{r + 1}</th>{cells}</tr> }
        })
        .collect_view();
    let apply = move |_| {
        refused.set(None);
        match parse_matrix(&pasted.get_untracked(), rows, cols) {
            Err(e) => error.set(Some(e)),
            Ok(values) => {
                error.set(None);
                let texts: Vec<String> = values.iter().map(f64::to_string).collect();
                let items: Vec<(&str, &str)> = names
                    .iter()
                    .copied()
                    .zip(texts.iter().map(String::as_str))
                    .collect();
                if let Err(e) = state.set_values(&items) {
                    refused.set(Some(e));
                }
            }
        }
    };
    let message = move || {
        let l = lang.get();
        error.get().map(|e| e.message(l)).or_else(|| {
            refused
                .get()
                .map(|(name, e)| format!("{name}: {}", e.message(l)))
        })
    };
    let testid = format!("matrix-{base}");
    view! {
        <div class="matrix-editor" data-testid=testid.clone() data-rows=rows data-cols=cols>
            <table class="matrix-grid">
                <caption><code translate="no">{base.clone()}</code> " " {format!("{rows}×{cols}")}</caption>
                <thead><tr><th></th>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
            <details class="matrix-paste">
                <summary data-testid=format!("{testid}-paste-open")>{tr(i18n::PASTE_MATRIX)}</summary>
                <p class="hint">{tr(i18n::PASTE_MATRIX_HINT)}</p>
                <textarea data-testid=format!("{testid}-paste") rows=rows.min(6) aria-label=tr(i18n::PASTE_MATRIX)
                    prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button type="button" data-testid=format!("{testid}-apply") on:click=apply>{tr(i18n::APPLY)}</button>
            </details>
            // Outside the paste box: a block pasted into a cell reports here too.
            <p class="field-error" role="alert" data-testid=format!("{testid}-error")>{message}</p>
        </div>
    }
}
