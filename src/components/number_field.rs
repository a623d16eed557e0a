//! A typed number with an inline message: a bad entry is explained and the last valid value
//! is kept by the model.

use engine::state::number::{InputError, parse_number};
use leptos::prelude::*;

use crate::app::ctx;

/// A value set elsewhere, shown to 7 significant digits (the model keeps every bit; the
/// shared link carries the exact value).
fn for_field(value: &str) -> String {
    match value.parse::<f64>() {
        Ok(v) => format!("{v:.6e}")
            .parse::<f64>()
            .map(|r| r.to_string())
            .unwrap_or_else(|_| value.into()),
        Err(_) => value.into(),
    }
}

#[component]
pub fn NumberField(
    /// The setting's name (`W1[0][1]`); also the element id `field-NAME` the diagram focuses.
    name: String,
    /// The label shown to the learner, in the current language.
    #[prop(into)]
    label: Signal<String>,
    /// The model's current value, as text.
    #[prop(into)]
    value: Signal<String>,
    /// Tries to set the value; an error leaves the model unchanged.
    on_commit: Callback<String, Result<(), InputError>>,
    /// A cell of a matrix: the label is for screen readers only.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let lang = ctx().lang;
    let text = RwSignal::new(for_field(&value.get_untracked()));
    let error = RwSignal::new(None::<InputError>);
    // Follow changes made elsewhere (drag, update, reset) unless the field already shows them.
    Effect::new(move |_| {
        let v = value.get();
        let shown = text.get_untracked();
        if parse_number(&shown).ok() != parse_number(&v).ok() {
            text.set(for_field(&v));
            error.set(None);
        }
    });
    let id = format!("field-{name}");
    view! {
        <label class="field" class:invalid=move || error.get().is_some() class:cell=compact>
            <span class="field-label" class:sr-only=compact>{label}</span>
            <input
                id=id.clone()
                data-testid=id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || text.get()
                aria-invalid=move || error.get().is_some().to_string()
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    text.set(t.clone());
                    error.set(on_commit.run(t).err());
                }
            />
            <span class="field-error" data-testid=format!("error-{name}") role="alert">
                {move || {
                    error
                        .get()
                        .map(|e| {
                            let kept = value.get();
                            match lang.get() {
                                engine::i18n::Lang::Zh => format!("{} 保留原值 {kept}。", e.message(lang.get())),
                                engine::i18n::Lang::En => format!("{} Keeping {kept}.", e.message(lang.get())),
                            }
                        })
                }}
            </span>
        </label>
    }
}
