//! The gradient check: for each parameter, the autodiff gradient beside the central finite
//! difference (L(θ + ε) − L(θ − ε)) / 2ε, the loss computed by the lesson's own model with that
//! one number moved. The core here knows no lesson; `kit` (every step-through) and `playground` adapt it.

pub mod kit;
pub mod playground;

use std::future::Future;
use std::pin::Pin;

use crate::base::error::TraceError;

/// The ε the check starts with: small enough that the truncation error (∝ ε²) is negligible,
/// large enough that f32 rounding of the loss (∝ 1/ε) stays below the tolerances.
pub const DEFAULT_EPS: f64 = 1e-2;
pub const MIN_EPS: f64 = 1e-7;
pub const MAX_EPS: f64 = 1.0;

/// Relative differences at or below these agree / nearly agree.
pub const AGREES: f64 = 1e-2;
pub const NEARLY: f64 = 1e-1;

/// f32's machine epsilon: the relative rounding of every loss the backends compute.
const F32_EPS: f64 = f32::EPSILON as f64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckVerdict {
    /// Within [`AGREES`] (or within the loss's rounding noise).
    Agrees,
    /// Within [`NEARLY`]: ε too large or too small, or a small slip.
    Nearly,
    /// The two disagree: the backward pass is wrong (or ε is far off).
    Disagrees,
}

impl CheckVerdict {
    pub fn code(self) -> &'static str {
        match self {
            CheckVerdict::Agrees => "agrees",
            CheckVerdict::Nearly => "nearly",
            CheckVerdict::Disagrees => "disagrees",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckEntry {
    /// The setting moved, e.g. `W1[0][1]`.
    pub name: String,
    pub autodiff: f64,
    pub numeric: f64,
    /// |autodiff − numeric| / max(|autodiff|, |numeric|); 0 when both are 0.
    pub relative: f64,
    /// What f32 rounding of the three losses alone can put into the numeric estimate.
    pub noise: f64,
    pub verdict: CheckVerdict,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GradCheck {
    pub eps: f64,
    pub entries: Vec<CheckEntry>,
}

impl GradCheck {
    /// True when every entry agrees.
    pub fn passes(&self) -> bool {
        self.entries
            .iter()
            .all(|e| e.verdict == CheckVerdict::Agrees)
    }

    pub fn worst(&self) -> Option<&CheckEntry> {
        self.entries
            .iter()
            .max_by(|a, b| a.relative.total_cmp(&b.relative))
    }
}

/// Judges one entry. A difference within the rounding noise of the losses agrees even when it
/// is large relative to a gradient near zero.
pub fn judge(autodiff: f64, numeric: f64, noise: f64) -> (f64, CheckVerdict) {
    let scale = autodiff.abs().max(numeric.abs());
    let diff = (autodiff - numeric).abs();
    if !diff.is_finite() {
        return (f64::INFINITY, CheckVerdict::Disagrees);
    }
    let relative = if scale == 0.0 { 0.0 } else { diff / scale };
    let verdict = if diff <= AGREES * scale || diff <= noise {
        CheckVerdict::Agrees
    } else if diff <= NEARLY * scale {
        CheckVerdict::Nearly
    } else {
        CheckVerdict::Disagrees
    };
    (relative, verdict)
}

/// Told (entries done, entries in all) after each entry; the page awaits the future it returns
/// (a frame, now and then) so a long check never freezes the page.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> Pin<Box<dyn Future<Output = ()>>>;

/// A [`Progress`] that says nothing and never waits (tests, the command line).
pub fn quiet(_: usize, _: usize) -> Pin<Box<dyn Future<Output = ()>>> {
    Box::pin(async {})
}

/// Checks each `(name, autodiff gradient)` of `targets`, `loss_at(name, δ)` giving the loss
/// with that number moved by δ, `centre` the loss unmoved. `progress` hears (done, total).
pub async fn check_targets<F, Fut>(
    targets: Vec<(String, f64)>,
    centre: f64,
    eps: f64,
    mut loss_at: F,
    progress: Progress<'_>,
) -> Result<GradCheck, TraceError>
where
    F: FnMut(&str, f64) -> Fut,
    Fut: Future<Output = Result<f64, TraceError>>,
{
    if !(eps.is_finite() && (MIN_EPS..=MAX_EPS).contains(&eps)) {
        return Err(TraceError(format!("ε must be {MIN_EPS} to {MAX_EPS}")));
    }
    let total = targets.len();
    let mut entries = Vec::with_capacity(total);
    for (done, (name, autodiff)) in targets.into_iter().enumerate() {
        let up = loss_at(&name, eps).await?;
        let down = loss_at(&name, -eps).await?;
        let numeric = (up - down) / (2.0 * eps);
        // Each loss is rounded to f32 (relative F32_EPS, a few operations deep).
        let noise = 8.0 * F32_EPS * up.abs().max(down.abs()).max(centre.abs()) / (2.0 * eps);
        let (relative, verdict) = judge(autodiff, numeric, noise);
        entries.push(CheckEntry {
            name,
            autodiff,
            numeric,
            relative,
            noise,
            verdict,
        });
        progress(done + 1, total).await;
    }
    Ok(GradCheck { eps, entries })
}
