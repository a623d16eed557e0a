//! Tabs for a page's secondary panels (values, settings, article formulas, errata…): one panel
//! shown at a time, so the page stays short; the chosen tab is remembered per page. Follows the
//! WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs, Tab enters the panel.
//! Every panel stays mounted (hidden), so its state and its computations carry on.

use engine::i18n::Text;
use leptos::prelude::*;
use leptos::web_sys::KeyboardEvent;

use crate::app::tr;
use crate::prefs;

/// One tab: its id (test ids, memory), its caption, whether the page has it now, its panel.
pub struct TabSpec {
    pub id: &'static str,
    pub label: Text,
    pub shown: Signal<bool>,
    pub panel: ViewFn,
}

impl TabSpec {
    pub fn new(id: &'static str, label: Text, panel: impl Into<ViewFn>) -> TabSpec {
        TabSpec {
            id,
            label,
            shown: Signal::stored(true),
            panel: panel.into(),
        }
    }

    /// A tab the page has only while `shown` holds (a graph that a trace may bring).
    pub fn when(mut self, shown: Signal<bool>) -> TabSpec {
        self.shown = shown;
        self
    }
}

/// Opens the tab `id` of the page's tab list (as a click on it would), for a control elsewhere
/// that leads into a panel: a number on the diagram opens its field in the settings.
pub fn open(id: &str) {
    if let Some(tab) = tab_button(id) {
        tab.click();
    }
}

/// The button of tab `id` on the page.
fn tab_button(id: &str) -> Option<leptos::web_sys::HtmlElement> {
    let el = document().get_element_by_id(&format!("tab-{id}"))?;
    leptos::wasm_bindgen::JsCast::dyn_into(el).ok()
}

fn memory_key(page: &str) -> String {
    format!("backprop-lab.tab.{page}")
}

fn focus_tab(id: &str) {
    if let Some(tab) = tab_button(id) {
        tab.focus().ok();
    }
}

#[component]
pub fn Tabs(
    /// The page the choice is remembered for.
    page: &'static str,
    /// What the tab list holds, said by screen readers.
    label: Text,
    tabs: Vec<TabSpec>,
) -> impl IntoView {
    let ids: Vec<&'static str> = tabs.iter().map(|t| t.id).collect();
    let shown: Vec<Signal<bool>> = tabs.iter().map(|t| t.shown).collect();
    let remembered = prefs::read(&memory_key(page));
    let chosen = RwSignal::new(
        remembered
            .and_then(|r| ids.iter().copied().find(|id| *id == r))
            .unwrap_or(ids[0]),
    );
    // The tab on screen: the chosen one while the page has it, else the first the page has.
    let (ids2, shown2) = (ids.clone(), shown.clone());
    let selected = Memo::new(move |_| {
        let c = chosen.get();
        let has = |id: &str| ids2.iter().zip(&shown2).any(|(i, s)| *i == id && s.get());
        if has(c) {
            c
        } else {
            ids2.iter()
                .zip(&shown2)
                .find(|(_, s)| s.get())
                .map_or(ids2[0], |(i, _)| *i)
        }
    });
    let choose = move |id: &'static str| {
        chosen.set(id);
        prefs::write(&memory_key(page), id);
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let visible: Vec<&'static str> = ids
            .iter()
            .zip(&shown)
            .filter(|(_, s)| s.get_untracked())
            .map(|(i, _)| *i)
            .collect();
        let Some(at) = visible.iter().position(|i| *i == selected.get_untracked()) else {
            return;
        };
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => visible[(at + 1) % visible.len()],
            "ArrowLeft" | "ArrowUp" => visible[(at + visible.len() - 1) % visible.len()],
            "Home" => visible[0],
            "End" => visible[visible.len() - 1],
            _ => return,
        };
        // The lesson's own arrow keys (previous and next step) must not fire as well.
        ev.prevent_default();
        ev.stop_propagation();
        choose(next);
        focus_tab(next);
    };
    let buttons = tabs
        .iter()
        .map(|t| {
            let (id, shown) = (t.id, t.shown);
            let on = move || selected.get() == id;
            view! {
                <button role="tab" id=format!("tab-{id}") data-testid=format!("tab-{id}")
                    aria-controls=format!("tabpanel-{id}") aria-selected=move || on().to_string()
                    tabindex=move || if on() { "0" } else { "-1" } class:active=on
                    hidden=move || !shown.get() on:click=move |_| choose(id)>
                    {tr(t.label)}
                </button>
            }
        })
        .collect_view();
    let panels = tabs
        .into_iter()
        .map(|t| {
            let id = t.id;
            view! {
                <div role="tabpanel" class="tab-panel" id=format!("tabpanel-{id}")
                    data-testid=format!("tabpanel-{id}") aria-labelledby=format!("tab-{id}")
                    tabindex="0" hidden=move || selected.get() != id>
                    {t.panel.run()}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="tabs" data-testid="tabs">
            <div role="tablist" aria-label=tr(label) on:keydown=on_keydown>{buttons}</div>
            {panels}
        </div>
    }
}
