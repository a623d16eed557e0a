//! How fast a run trains: the rule every page's run loop asks after each step, whether
//! another fits in the current animation frame. Here, not in the page, so native tests reach
//! it; the page only measures the time.

/// How many training steps Run makes per animation frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    /// Watch every step: about 60 per second.
    One,
    Ten,
    /// As many as fit in a frame's budget, so the page stays responsive.
    Fill,
}

/// Milliseconds of training per frame at [`Speed::Fill`], leaving about 4 ms of a 60 Hz
/// frame to draw. Every page's run loop uses it.
pub const FRAME_BUDGET_MS: f64 = 12.0;

impl Speed {
    pub const ALL: [Speed; 3] = [Speed::One, Speed::Ten, Speed::Fill];

    /// The value the speed control and links use.
    pub fn code(self) -> &'static str {
        match self {
            Speed::One => "1",
            Speed::Ten => "10",
            Speed::Fill => "max",
        }
    }

    pub fn from_code(code: &str) -> Option<Speed> {
        Speed::ALL.into_iter().find(|s| s.code() == code)
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

/// Whether the steps a frame computed may be kept: only if the learner changed nothing while
/// they ran. An edit made meanwhile wins, and the run goes on from the edited state.
pub fn frame_still_current<S: PartialEq>(started_from: &S, now: Option<&S>) -> bool {
    now == Some(started_from)
}
