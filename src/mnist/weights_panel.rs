//! Save the current weights as a file; load a file back (checked, the current model kept on any
//! error); the layer table that the checks use.

use burn::prelude::Device;
use engine::mnist::errata::layers;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::HtmlInputElement;
use wasm_bindgen_futures::JsFuture;

use super::state::MnistState;
use super::text;
use crate::app::tr;
use crate::classroom::download;
use crate::components::marked::Marked;

/// Larger files are refused unread (the network's weights are about 0.5 MB).
const MAX_UPLOAD: f64 = 16.0 * 1024.0 * 1024.0;

fn upload(state: MnistState, input: HtmlInputElement) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    let name = file.name();
    if file.size() > MAX_UPLOAD {
        state.error.set(Some(format!(
            "{}{name}: {:.1} MB",
            state.say(text::UPLOAD_FAILED),
            file.size() / 1e6
        )));
        return;
    }
    leptos::task::spawn_local(async move {
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => state.upload(name, js_sys::Uint8Array::new(&buffer).to_vec()),
            Err(e) => state
                .error
                .set(Some(format!("{}{e:?}", state.say(text::UPLOAD_FAILED)))),
        }
    });
}

#[component]
pub fn WeightsPanel(state: MnistState) -> impl IntoView {
    let rows = layers(&Device::flex());
    let total: usize = rows.iter().map(|l| l.params).sum();
    let table = rows
        .into_iter()
        .map(|l| {
            let shape: Vec<String> = l.output.iter().map(|d| d.to_string()).collect();
            view! {
                <tr data-testid=format!("layer-{}", l.name)>
                    <th scope="row"><code>{l.name}</code></th>
                    <td>{shape.join(" × ")}</td>
                    <td class="num">{l.params}</td>
                </tr>
            }
        })
        .collect_view();
    let download_weights = move |_| {
        leptos::task::spawn_local(async move {
            match state.weights_file().await {
                Ok(bytes) => {
                    if let Err(e) =
                        download::bytes("mnist-cnn-weights.bin", "application/octet-stream", &bytes)
                    {
                        state.error.set(Some(format!("{e:?}")));
                    }
                }
                Err(e) => state.error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="panel weights" data-testid="weights">
            <h2>{tr(text::WEIGHTS)}</h2>
            <div class="controls">
                <button data-testid="weights-download" on:click=download_weights><Marked text=text::DOWNLOAD/></button>
                <label class="upload">
                    <span>{tr(text::UPLOAD)}</span>
                    <input type="file" accept=".bin,application/octet-stream" data-testid="weights-upload"
                        on:change=move |ev| {
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                                upload(state, input);
                            }
                        }/>
                </label>
            </div>
            <p class="hint"><Marked text=text::WEIGHTS_NOTE/></p>
            <h3>{tr(text::LAYERS)}</h3>
            <table class="layers" data-testid="layers">
                <thead><tr><th>{tr(text::LAYER)}</th><th>{tr(text::OUTPUT_SHAPE)}</th><th>{tr(text::PARAMETERS)}</th></tr></thead>
                <tbody>{table}</tbody>
                <tfoot><tr><th>{tr(text::TOTAL)}</th><td></td><td class="num" data-testid="layers-total">{total}</td></tr></tfoot>
            </table>
        </section>
    }
}
