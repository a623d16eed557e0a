//! The control that picks how fast Run trains, shared by every lesson (the rule itself is
//! the engine's `base::pace`).

use leptos::prelude::*;

use crate::app::tr;
use crate::i18n;

pub use engine::base::pace::Speed;

/// The run-speed choice beside Run.
#[component]
pub fn SpeedSelect(speed: RwSignal<Speed>) -> impl IntoView {
    view! {
        <label class="speed">
            {tr(i18n::SPEED)} " "
            <select data-testid="run-speed" on:change=move |ev| {
                if let Some(s) = Speed::from_code(&event_target_value(&ev)) {
                    speed.set(s);
                }
            }>
                <option value="1" selected=move || speed.get() == Speed::One>{tr(i18n::SPEED_ONE)}</option>
                <option value="10" selected=move || speed.get() == Speed::Ten>{tr(i18n::SPEED_TEN)}</option>
                <option value="max" selected=move || speed.get() == Speed::Fill>{tr(i18n::SPEED_MAX)}</option>
            </select>
        </label>
    }
}
