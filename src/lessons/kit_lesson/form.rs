//! Every setting the learner may edit, grouped as the lesson declares, as typed fields,
//! choices and matrices. Hidden settings (optimiser state) are not shown; links still carry them.

use engine::lessons::kit::SettingSpec;
use engine::state::matrix::matrices;
use engine::state::setting::Settings;
use leptos::prelude::*;

use super::matrix::MatrixEditor;
use super::state::KitState;
use crate::app::ctx;
use crate::components::number_field::NumberField;

fn number(state: KitState, spec: &'static SettingSpec) -> AnyView {
    let name = spec.name;
    let value = Signal::derive(move || {
        state
            .values
            .with(|v| Settings::get(v, name))
            .unwrap_or_default()
    });
    let on_commit = Callback::new(move |text: String| state.set_value(name, &text));
    let lang = ctx().lang;
    let label = Signal::derive(move || (state.def.field_label)(spec, lang.get()));
    view! { <NumberField name=name.to_string() label=label value=value on_commit=on_commit/> }
        .into_any()
}

fn choice(state: KitState, spec: &'static SettingSpec) -> AnyView {
    let name = spec.name;
    let lang = ctx().lang;
    let options = spec
        .choices
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let selected = move || state.values.with(|v| v.get(name) as usize == i);
            view! { <option value=*c selected=selected>{move || spec.choice_label(i, lang.get())}</option> }
        })
        .collect_view();
    view! {
        <label class="field">
            <span class="field-label">{move || (state.def.field_label)(spec, lang.get())}</span>
            <select id=format!("field-{name}") data-testid=format!("field-{name}")
                on:change=move |ev| { state.set_value(name, &event_target_value(&ev)).ok(); }>
                {options}
            </select>
        </label>
    }
    .into_any()
}

#[component]
pub fn KitForm(state: KitState) -> impl IntoView {
    let lang = ctx().lang;
    // Groups in the order the lesson first names them.
    let mut groups: Vec<(engine::i18n::Text, Vec<&'static SettingSpec>)> = Vec::new();
    // The backward pass is chosen in the gradient-check panel, beside what it breaks.
    let shown = |s: &&SettingSpec| !s.hidden && s.name != engine::lessons::kit::breaks::NAME;
    for spec in state.def.settings.iter().filter(shown) {
        match groups.iter_mut().find(|(g, _)| *g == spec.group) {
            Some((_, specs)) => specs.push(spec),
            None => groups.push((spec.group, vec![spec])),
        }
    }
    let sets = groups
        .into_iter()
        .map(|(title, specs)| {
            // A complete matrix of settings is edited as one, where its first cell stands.
            let shapes = matrices(specs.iter().map(|s| s.name));
            let mut fields = Vec::new();
            let mut grids = Vec::new();
            for (i, s) in specs.iter().enumerate() {
                match shapes.iter().find(|m| m.cells.contains(&i)) {
                    Some(m) if m.cells[0] == i => {
                        let cells = m.cells.iter().map(|&c| specs[c]).collect();
                        grids.push(
                            view! { <MatrixEditor state=state shape=m.clone() specs=cells/> }
                                .into_any(),
                        );
                    }
                    Some(_) => {}
                    None if s.is_choice() => fields.push(choice(state, s)),
                    None => fields.push(number(state, s)),
                }
            }
            view! {
                <fieldset><legend>{move || title.get(lang.get())}</legend>
                    {(!grids.is_empty()).then(|| view! { <div class="matrices">{grids}</div> })}
                    {(!fields.is_empty()).then(|| view! { <div class="fields">{fields}</div> })}
                </fieldset>
            }
        })
        .collect_view();
    view! { <div class="params-form" data-testid="params-form">{sets}</div> }
}
