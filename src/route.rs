//! The URL hash as the page's route and shareable state.

use leptos::prelude::*;

pub fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

thread_local! {
    /// Whether the page was opened in embed mode: the flag stays in every rewritten link.
    static EMBED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub fn set_embed(on: bool) {
    EMBED.with(|e| e.set(on));
}

/// Rewrites the hash without adding a history entry or firing `hashchange`.
pub fn replace_hash(hash: &str) {
    let with_flag;
    let hash = if EMBED.with(|e| e.get()) {
        let sep = if hash.contains('?') { '&' } else { '?' };
        with_flag = format!("{hash}{sep}{}=1", engine::state::hash::EMBED_KEY);
        with_flag.as_str()
    } else {
        hash
    };
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
