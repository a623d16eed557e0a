//! How fast Run trains: steps per animation frame, and the control that picks it, shared by
//! every lesson.

use leptos::prelude::*;

use crate::app::tr;
use crate::i18n;

/// How many training steps Run makes per animation frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    /// Watch every step: about 60 per second.
    One,
    Ten,
    /// As many as fit in a frame's budget, so the page stays responsive.
    Fill,
}

/// Milliseconds of training per frame at [`Speed::Fill`], leaving time to draw.
const FRAME_BUDGET_MS: f64 = 8.0;

impl Speed {
    pub fn code(self) -> &'static str {
        match self {
            Speed::One => "1",
            Speed::Ten => "10",
            Speed::Fill => "max",
        }
    }

    pub fn from_code(code: &str) -> Option<Speed> {
        [Speed::One, Speed::Ten, Speed::Fill]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Whether another step fits in this frame after `done` steps and `elapsed_ms`.
    pub fn wants_more(self, done: u32, elapsed_ms: f64) -> bool {
        match self {
            Speed::One => false,
            Speed::Ten => done < 10,
            Speed::Fill => elapsed_ms < FRAME_BUDGET_MS,
        }
    }
}

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
                <option value="1">{tr(i18n::SPEED_ONE)}</option>
                <option value="10">{tr(i18n::SPEED_TEN)}</option>
                <option value="max">{tr(i18n::SPEED_MAX)}</option>
            </select>
        </label>
    }
}
