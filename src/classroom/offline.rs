//! Offline after the first visit: registers the service worker (`sw.js`, shipped with the
//! page), which keeps a copy of every file the page loaded from its own origin.

use leptos::prelude::*;

pub fn register_service_worker() {
    let container = window().navigator().service_worker();
    // A browser without service workers (or a file:// page) simply stays online-only.
    let promise = container.register("./sw.js");
    leptos::task::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            leptos::logging::warn!("offline copy unavailable: {e:?}");
        }
    });
}
