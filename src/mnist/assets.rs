//! Fetches the lesson's files (the digits, the shipped weights) from the page's own origin,
//! only when the lesson is opened; the service worker keeps them for offline use.

use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::Response;
use wasm_bindgen_futures::JsFuture;

/// The bytes of `path` (relative to the page), or why not.
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    let window = leptos::prelude::window();
    let response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|e| format!("{path}: {e:?}"))?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| format!("{path}: not a response"))?;
    if !response.ok() {
        return Err(format!("{path}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{path}: {e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
