//! Every input, weight, bias and setting as a typed field.

use engine::lessons::mlp_step::labels::label;
use engine::model::mlp221::LossKind;
use engine::state::setting::Settings;
use leptos::prelude::*;

use super::state::LessonState;
use crate::app::tr;
use crate::components::number_field::NumberField;
use crate::i18n;

fn field(state: LessonState, name: &'static str, caption: String) -> impl IntoView {
    let value = Signal::derive(move || state.params.with(|p| p.get(name)).unwrap_or_default());
    let on_commit = Callback::new(move |text: String| state.set_value(name, &text));
    view! { <NumberField name=name.to_string() label=caption value=value on_commit=on_commit/> }
}

#[component]
pub fn ParamsForm(state: LessonState) -> impl IntoView {
    let group = |title: engine::i18n::Text, names: &'static [&'static str]| {
        let fields = names
            .iter()
            .map(|n| field(state, n, label(n)))
            .collect_view();
        view! { <fieldset><legend>{tr(title)}</legend><div class="fields">{fields}</div></fieldset> }
    };
    let loss_changed = move |ev| {
        let v = event_target_value(&ev);
        state.set_value("loss", &v).ok();
    };
    let is = move |kind: LossKind| move || state.params.with(|p| p.loss == kind);
    view! {
        <div class="params-form" data-testid="params-form">
            {group(i18n::INPUT, &["x[0]", "x[1]", "y"])}
            {group(i18n::HIDDEN_LAYER, &["W1[0][0]", "W1[0][1]", "W1[1][0]", "W1[1][1]", "b1[0]", "b1[1]"])}
            {group(i18n::OUTPUT_LAYER, &["W2[0]", "W2[1]", "b2"])}
            <fieldset>
                <legend>{tr(i18n::LEARNING_RATE)} " · " {tr(i18n::LOSS_FUNCTION)}</legend>
                <div class="fields">
                    {field(state, "lr", "α".into())}
                    <label class="field">
                        <span class="field-label">{tr(i18n::LOSS_FUNCTION)}</span>
                        <select id="field-loss" data-testid="field-loss" on:change=loss_changed>
                            <option value="bce" selected=is(LossKind::Bce)>{tr(i18n::BCE)}</option>
                            <option value="mse" selected=is(LossKind::Mse)>{tr(i18n::MSE)}</option>
                        </select>
                    </label>
                </div>
            </fieldset>
        </div>
    }
}
