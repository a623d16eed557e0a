//! Run/Pause and the speed beside it: every page that trains shows them the same way. The
//! rule for how many steps a frame takes is the engine's `base::pace`.

use engine::base::pace::Speed;
use engine::i18n::Text;
use leptos::prelude::*;

use crate::app::{ctx, tr};
use crate::i18n;

/// The Run/Pause button and the speed select. `on_toggle` runs when paused and pauses when
/// running; `run_disabled` greys out Run only (a run in progress can always be paused).
#[component]
pub fn RunControls(
    /// The button's `data-testid` (each page keeps the one its tests read).
    testid: &'static str,
    #[prop(into)] running: Signal<bool>,
    #[prop(into)] run_disabled: Signal<bool>,
    on_toggle: Callback<()>,
    speed: RwSignal<Speed>,
    /// What the button says while not running: "Run ▸" unless the page says otherwise
    /// (MNIST says "Train ▸", then "Resume ▸" once paused).
    #[prop(optional, into)]
    run_label: Option<Signal<Text>>,
) -> impl IntoView {
    let lang = ctx().lang;
    let run_label = run_label.unwrap_or_else(|| Signal::stored(i18n::RUN));
    view! {
        <button class="primary" data-testid=testid on:click=move |_| on_toggle.run(())
            disabled=move || !running.get() && run_disabled.get()>
            {move || if running.get() { i18n::PAUSE.get(lang.get()) } else { run_label.get().get(lang.get()) }}
        </button>
        <SpeedSelect speed=speed/>
    }
}

/// The run-speed choice beside Run.
#[component]
fn SpeedSelect(speed: RwSignal<Speed>) -> impl IntoView {
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
