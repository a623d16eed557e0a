//! The lesson's state: signals around the engine's pure trace, plus the step cursor,
//! the loss history and the run loop.

use engine::lessons::kit::Erratum;
use engine::lessons::mlp_step::walkthrough::{UpdateLine, steps, update_lines};
use engine::lessons::mlp_step::{LESSON, values_of};
use engine::model::mlp221::{Mlp221Params, Mlp221Trace, trace_step};
use engine::state::number::InputError;
use engine::state::setting::Settings;
use leptos::prelude::*;

use crate::backend::{Backend, BackendKind};
use crate::components::errata_table::compute_errata;
use crate::components::gradcheck::{CheckState, spawn_check};
use crate::frame::{next_frame, now_ms};
pub use crate::speed::Speed;
use engine::base::pace::frame_still_current;

/// A trace with the parameters it was computed from and the backend that computed it.
#[derive(Clone, Debug, PartialEq)]
pub struct Traced {
    pub params: Mlp221Params,
    pub trace: Mlp221Trace,
    pub backend: BackendKind,
}

#[derive(Clone, Copy)]
pub struct LessonState {
    pub params: RwSignal<Mlp221Params>,
    /// What Reset returns to: the article's setup, or the state a shared link carried.
    pub initial: StoredValue<Mlp221Params>,
    pub traced: RwSignal<Option<Traced>>,
    /// The errata, computed at the article's own setup: `None` while they are computed.
    pub errata: RwSignal<Option<Result<Vec<Erratum>, String>>>,
    /// How many forward/backward steps are revealed.
    pub cursor: RwSignal<usize>,
    pub last_update: RwSignal<Option<Vec<UpdateLine>>>,
    /// The loss before each committed update.
    pub history: RwSignal<Vec<f64>>,
    pub running: RwSignal<bool>,
    pub speed: RwSignal<Speed>,
    /// A computation failed on every backend.
    pub failure: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
    backend: Backend,
}

impl LessonState {
    pub fn new(initial: Mlp221Params, backend: Backend) -> LessonState {
        LessonState {
            params: RwSignal::new(initial.clone()),
            initial: StoredValue::new(initial),
            traced: RwSignal::new(None),
            errata: RwSignal::new(None),
            cursor: RwSignal::new(0),
            last_update: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
            running: RwSignal::new(false),
            speed: RwSignal::new(Speed::One),
            failure: RwSignal::new(None),
            generation: StoredValue::new(0),
            backend,
        }
    }

    /// Forward and backward steps of the current trace.
    pub fn total_steps(&self) -> usize {
        self.traced
            .with(|t| t.as_ref().map(|t| steps(&t.params, &t.trace).len()))
            .unwrap_or(0)
    }

    /// Computes one trace on the current backend (falling back to the CPU on GPU failure).
    async fn compute(self, p: Mlp221Params) -> Result<Traced, String> {
        let trace = self
            .backend
            .run(|device| {
                let p = p.clone();
                async move { trace_step(&p, &device).await }
            })
            .await
            .map_err(|e| e.0)?;
        Ok(Traced {
            params: p,
            trace,
            backend: self.backend.kind.get_untracked(),
        })
    }

    /// Recomputes the trace for the current parameters; only the newest request lands.
    pub fn recompute(self) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let p = self.params.get_untracked();
        leptos::task::spawn_local(async move {
            let result = self.compute(p).await;
            // The lesson may have been closed meanwhile (try_*), or a newer request sent.
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            match result {
                Ok(t) => {
                    self.failure.try_set(None);
                    self.traced.try_set(Some(t));
                }
                Err(e) => {
                    self.failure.try_set(Some(e));
                }
            }
        });
    }

    /// The article's claims beside the truth, computed once when the lesson opens.
    pub fn compute_errata(self) {
        compute_errata(&LESSON, self.backend, self.errata);
    }

    /// Sets one named value from text; on error the parameters are unchanged.
    pub fn set_value(self, name: &str, text: &str) -> Result<(), InputError> {
        let mut p = self.params.get_untracked();
        p.set(name, text)?;
        self.params.set(p);
        Ok(())
    }

    /// Runs the gradient check on the trace shown, on the backend that computed it.
    pub fn check_gradients(self, check: CheckState) {
        let Some(t) = self.traced.get_untracked() else {
            return;
        };
        spawn_check(check, move |eps, mut progress| async move {
            // The kit's check, on the lesson's kit trace of the same parameters.
            let device = Backend::device(t.backend);
            let values = values_of(&t.params);
            let trace = (LESSON.trace)(&values, &device).await?;
            engine::gradcheck::kit::check(&LESSON, &values, &trace, eps, &device, &mut *progress)
                .await
        });
    }

    pub fn forward(self, forward_len: usize) {
        self.cursor.update(|c| {
            if *c < forward_len {
                *c += 1
            }
        });
    }

    pub fn backward(self, forward_len: usize) {
        let total = self.total_steps();
        self.cursor.update(|c| {
            if *c >= forward_len && *c < total {
                *c += 1
            }
        });
    }

    /// One SGD step with the current trace: record the loss, move to the updated parameters.
    pub fn update(self) {
        let Some(t) = self.traced.get_untracked() else {
            return;
        };
        if !t.trace.all_finite() || t.params != self.params.get_untracked() {
            return;
        }
        self.commit(&t);
        self.cursor.set(0);
    }

    fn commit(self, t: &Traced) {
        self.history.update(|h| h.push(t.trace.loss));
        self.last_update
            .set(Some(update_lines(&t.params, &t.trace)));
        self.params.set(t.trace.updated_params(&t.params));
    }

    /// Repeats full steps until paused or diverged: `speed` steps per animation frame, the
    /// last of them shown on the diagram, every loss on the curve.
    pub fn run(self) {
        if self.running.get_untracked() {
            return;
        }
        self.running.set(true);
        leptos::task::spawn_local(async move {
            // Every access after an await uses try_*: the lesson may have been closed.
            'frames: while self.running.try_get_untracked() == Some(true) {
                let frame_start = now_ms();
                let Some(start) = self.params.try_get_untracked() else {
                    return;
                };
                // Steps within a frame stay local; signals change once per frame, so the
                // views (curve, diagram, link) update once per frame too.
                let mut p = start.clone();
                let mut losses = Vec::new();
                let t = loop {
                    let t = match self.compute(p.clone()).await {
                        Ok(t) => t,
                        Err(e) => {
                            self.failure.try_set(Some(e));
                            break 'frames;
                        }
                    };
                    let speed = self.speed.try_get_untracked().unwrap_or(Speed::One);
                    if t.trace.all_finite()
                        && self.running.try_get_untracked() == Some(true)
                        && speed.wants_more(losses.len() as u32 + 1, now_ms() - frame_start)
                    {
                        losses.push(t.trace.loss);
                        p = t.trace.updated_params(&t.params);
                        continue;
                    }
                    break t;
                };
                // An edit made meanwhile wins: drop this frame's steps and start from it.
                if !frame_still_current(&start, self.params.try_get_untracked().as_ref()) {
                    continue;
                }
                if !losses.is_empty() {
                    self.history.try_update(|h| h.extend(losses));
                    self.params.try_set(p.clone());
                }
                self.cursor.try_set(steps(&t.params, &t.trace).len());
                let finite = t.trace.all_finite();
                self.traced.try_set(Some(t.clone()));
                if !finite {
                    break;
                }
                next_frame().await;
                if self.running.try_get_untracked() == Some(true)
                    && self.params.try_get_untracked() == Some(p)
                {
                    self.commit(&t);
                }
            }
            if self.running.try_set(false).is_none() {
                self.recompute();
            }
        });
    }

    pub fn pause(self) {
        self.running.set(false);
    }

    /// Predict mode's "try again": the article's network with new inputs, weights and biases,
    /// from the first step.
    pub fn new_numbers(self) {
        self.running.set(false);
        let seed = 1 + (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
        let article = engine::lessons::mlp_step::params::article_params();
        self.params
            .set(engine::lessons::mlp_step::params::variant(&article, seed));
        self.history.set(Vec::new());
        self.last_update.set(None);
        self.cursor.set(0);
        self.failure.set(None);
    }

    pub fn reset(self) {
        self.running.set(false);
        self.params.set(self.initial.get_value());
        self.history.set(Vec::new());
        self.last_update.set(None);
        self.cursor.set(0);
        self.failure.set(None);
    }

    /// True when the shown trace has a NaN or ∞ anywhere.
    pub fn diverged(&self) -> bool {
        self.traced
            .with(|t| t.as_ref().is_some_and(|t| !t.trace.all_finite()))
    }
}
