//! The learner's own data: paste or upload CSV (each refused line listed with its reason, the
//! good rows used), and the current data downloaded as CSV (made in the page, no request).

use engine::playground::csv::{MAX_BYTES, format_csv};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use super::state::PgState;
use crate::app::{ctx, tr};
use crate::classroom::download;
use crate::i18n;

/// Messages listed at most; the rest are counted.
const SHOWN: usize = 20;

#[component]
pub fn DataImport(state: PgState) -> impl IntoView {
    let lang = ctx().lang;
    let text = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        if file.size() > MAX_BYTES as f64 {
            file_error.set(Some(
                i18n::CSV_FILE_TOO_LARGE.get(lang.get_untracked()).into(),
            ));
            return;
        }
        file_error.set(None);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => {
                    let content = v.as_string().unwrap_or_default();
                    text.try_set(content.clone());
                    state.import_csv(&content);
                }
                Err(e) => {
                    file_error.try_set(Some(format!("{e:?}")));
                }
            }
        });
    };
    let export = move |_| {
        let csv = state
            .spec
            .with_untracked(|s| format_csv(&s.data.all_points()));
        if let Err(e) = download::text("playground-data.csv", "text/csv", &csv) {
            leptos::logging::warn!("download failed: {e:?}");
        }
    };
    let report = move || {
        state.csv_report.with(|r| {
            r.as_ref().map(|r| {
                let l = lang.get();
                let kept = r.points.len();
                let refused = r.issues.len();
                let items = r
                    .issues
                    .iter()
                    .take(SHOWN)
                    .map(|i| {
                        view! { <li data-testid="pg-csv-message" data-line=i.line>{i.message(l)}</li> }
                    })
                    .collect_view();
                let more = (refused > SHOWN)
                    .then(|| view! { <li>{refused - SHOWN} " " {i18n::CSV_MORE.get(l)}</li> });
                view! {
                    <p class="pg-csv-summary" data-testid="pg-csv-summary" data-kept=kept data-refused=refused>
                        {i18n::CSV_KEPT.get(l)} ": " {kept} " · " {i18n::CSV_REFUSED.get(l)} ": " {refused}
                        {r.header.then(|| format!(" · {}", i18n::CSV_HEADER.get(l)))}
                    </p>
                    {(kept == 0).then(|| view! { <p class="field-error" role="alert">{i18n::CSV_NONE.get(l)}</p> })}
                    <ul class="pg-csv-messages" data-testid="pg-csv-messages" role="alert">{items}{more}</ul>
                }
            })
        })
    };
    view! {
        <fieldset class="pg-csv" data-testid="pg-csv"><legend>{tr(i18n::YOUR_DATA)}</legend>
            <p class="hint">{tr(i18n::CSV_HINT)}</p>
            <textarea data-testid="pg-csv-text" rows="5" spellcheck="false"
                placeholder=move || i18n::CSV_PLACEHOLDER.get(lang.get())
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <div class="pg-csv-buttons">
                <button data-testid="pg-csv-load" on:click=move |_| state.import_csv(&text.get_untracked())>{tr(i18n::CSV_USE)}</button>
                <button data-testid="pg-csv-export" on:click=export>{tr(i18n::CSV_EXPORT)}</button>
            </div>
            <label class="field">{tr(i18n::CSV_FILE)} " "
                <input type="file" accept=".csv,text/csv,text/plain" data-testid="pg-csv-file" on:change=on_file/>
            </label>
            <span class="field-error" role="alert" data-testid="pg-csv-file-error">{move || file_error.get()}</span>
            {report}
        </fieldset>
    }
}
