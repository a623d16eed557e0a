//! Keyboard control for teaching: space runs or pauses, → and ← step, r resets, f toggles full
//! screen, p toggles presentation mode. The open lesson registers what its keys do.

use leptos::prelude::*;
use leptos::web_sys::KeyboardEvent;

/// What the open lesson does for each key.
#[derive(Clone, Copy)]
pub struct LessonKeys {
    pub toggle_run: Callback<()>,
    pub next: Callback<()>,
    pub previous: Callback<()>,
    pub reset: Callback<()>,
}

/// True while the learner types, or moves between tabs: keys then belong to the control.
fn typing(ev: &KeyboardEvent) -> bool {
    let Some(target) = ev
        .target()
        .and_then(|t| leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::Element>(t).ok())
    else {
        return false;
    };
    let tag = target.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "select" | "textarea")
        || target.closest("[role=tablist]").ok().flatten().is_some()
}

fn toggle_fullscreen() {
    let doc = document();
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(root) = doc.document_element() {
        // Refused outside a user gesture or in an iframe without permission: nothing to do.
        root.request_fullscreen().ok();
    }
}

/// Listens for the teaching keys for as long as the page lives.
pub fn install(keys: RwSignal<Option<LessonKeys>>, present: RwSignal<bool>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if typing(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let lesson = keys.get_untracked();
        let handled = match (ev.key().as_str(), lesson) {
            (" ", Some(k)) => {
                k.toggle_run.run(());
                true
            }
            ("ArrowRight", Some(k)) => {
                k.next.run(());
                true
            }
            ("ArrowLeft", Some(k)) => {
                k.previous.run(());
                true
            }
            ("r", Some(k)) => {
                k.reset.run(());
                true
            }
            ("f", _) => {
                toggle_fullscreen();
                true
            }
            ("p", _) => {
                present.update(|p| *p = !*p);
                true
            }
            _ => false,
        };
        if handled {
            // Space would scroll the page, arrows too.
            ev.prevent_default();
        }
    });
    std::mem::forget(handle);
}

/// Registers a lesson's keys while it is open.
pub fn register(keys: RwSignal<Option<LessonKeys>>, lesson: LessonKeys) {
    keys.set(Some(lesson));
    on_cleanup(move || {
        keys.try_set(None);
    });
}
