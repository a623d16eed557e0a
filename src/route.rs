//! The URL hash as the page's route and shareable state.

use leptos::prelude::*;

pub fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Rewrites the hash without adding a history entry or firing `hashchange`.
pub fn replace_hash(hash: &str) {
    if current_hash() == hash {
        return;
    }
    if let Ok(history) = window().history() {
        history
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash))
            .ok();
    }
}

/// A signal that follows `location.hash`.
pub fn hash_signal() -> ReadSignal<String> {
    let (hash, set_hash) = signal(current_hash());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_hash.set(current_hash())
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
    hash
}
