//! The settings: keyword, dataset size, model, seed and learning rate. Each typed value is
//! checked by the engine; a refused one is explained beside its field and changes nothing.

use engine::i18n::Text;
use engine::lessons::text_classifier::data::all_words;
use engine::lessons::text_classifier::net::ModelKind;
use engine::lessons::text_classifier::settings::TextSettings;
use engine::state::number::InputError;
use engine::state::setting::Settings;
use leptos::prelude::*;

use super::i18n as t;
use super::state::TextState;
use crate::app::{ctx, tr};

/// A setting's value as its field and the link write it.
fn field(s: &TextSettings, name: &str) -> String {
    match name {
        "keyword" => s.keyword.to_string(),
        "size" => s.size.to_string(),
        "model" => s.model.name().to_string(),
        "seed" => s.seed.to_string(),
        "lr" => s.lr.to_string(),
        _ => String::new(),
    }
}

/// The value `text` would set, written as the field writes it (None when refused).
fn canonical(name: &str, text: &str) -> Option<String> {
    let mut s = TextSettings::default();
    s.set(name, text).ok().map(|()| field(&s, name))
}

/// One typed setting. `restart`: committing it starts a new run (on Enter or leaving the
/// field); otherwise (the learning rate) every valid keystroke applies at once.
#[component]
fn SettingField(
    state: TextState,
    name: &'static str,
    label: Text,
    restart: bool,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let lang = ctx().lang;
    let text = RwSignal::new(state.settings.with_untracked(|s| field(s, name)));
    let error = RwSignal::new(None::<InputError>);
    // Follow changes made elsewhere unless the field already shows that value.
    Effect::new(move |_| {
        let v = state.settings.with(|s| field(s, name));
        if canonical(name, &text.get_untracked()).as_deref() != Some(v.as_str()) {
            text.set(v);
            error.set(None);
        }
    });
    let commit = move |value: String| {
        let mut next = state.settings.get_untracked();
        match next.set(name, &value) {
            Ok(()) => {
                error.set(None);
                if restart {
                    // As the link writes it: "Movies " becomes "movies".
                    text.set(field(&next, name));
                }
                if next != state.settings.get_untracked() {
                    state.change(restart, |s| *s = next);
                }
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let id = format!("tc-{name}");
    view! {
        <label class="field" class:invalid=move || error.get().is_some()>
            <span class="field-label">{tr(label)}</span>
            <input id=id.clone() data-testid=id type="text" autocomplete="off" spellcheck="false"
                inputmode=if numeric { "decimal" } else { "text" }
                list=list
                prop:value=move || text.get()
                aria-invalid=move || error.get().is_some().to_string()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    text.set(v.clone());
                    if restart {
                        // Checked as typed, applied on Enter or when the field is left.
                        let mut probe = state.settings.get_untracked();
                        error.set(probe.set(name, &v).err());
                    } else {
                        commit(v);
                    }
                }
                on:change=move |ev| if restart { commit(event_target_value(&ev)) }
            />
            <span class="field-error" data-testid=format!("error-{name}") role="alert">
                {move || error.get().map(|e| {
                    let l = lang.get();
                    let kept = state.settings.with(|s| field(s, name));
                    format!("{} {} {kept}", e.message(l), t::KEPT.get(l))
                })}
            </span>
        </label>
    }
}

#[component]
pub fn TextForm(state: TextState) -> impl IntoView {
    let words = all_words()
        .into_iter()
        .map(|(w, _, _)| view! { <option value=w></option> })
        .collect_view();
    let model = move || state.settings.with(|s| s.model.name());
    view! {
        <div class="tc-form">
            <datalist id="tc-words">{words}</datalist>
            <SettingField state=state name="keyword" label=t::KEYWORD restart=true list="tc-words"/>
            <SettingField state=state name="size" label=t::SIZE restart=true numeric=true/>
            <label class="field wide">
                <span class="field-label">{tr(t::MODEL)}</span>
                <select data-testid="tc-model" prop:value=model on:change=move |ev| {
                    if let Some(kind) = ModelKind::from_name(&event_target_value(&ev)) {
                        state.change(true, |s| s.model = kind);
                    }
                }>
                    <option value="lstm" selected=move || model() == "lstm">{tr(t::LSTM)}</option>
                    <option value="transformer" selected=move || model() == "transformer">{tr(t::TRANSFORMER)}</option>
                </select>
            </label>
            <SettingField state=state name="seed" label=t::SEED restart=true numeric=true/>
            <SettingField state=state name="lr" label=t::LR restart=false numeric=true/>
        </div>
    }
}
