//! How fast Run trains: steps per animation frame, shared by every lesson.

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
