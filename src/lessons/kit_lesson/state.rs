//! A kit lesson's state: signals around the engine's trace, the step cursor, the histories
//! (loss, metrics, surface paths) and the run loop. One implementation serves every kit lesson.

use std::collections::BTreeMap;

use engine::lessons::kit::{Erratum, LessonDef, LessonTrace, Values, View};
use engine::state::number::InputError;
use engine::state::setting::Settings;
use leptos::prelude::*;

use crate::backend::{Backend, BackendKind};
use crate::components::errata_table::compute_errata;
use crate::components::gradcheck::{CheckState, spawn_check};
use crate::frame::{next_frame, now_ms};
use engine::base::pace::Speed;
use engine::base::pace::frame_still_current;

/// A trace with the values it was computed from and the backend that computed it.
#[derive(Clone, Debug, PartialEq)]
pub struct Traced {
    pub values: Values,
    pub trace: LessonTrace,
    pub backend: BackendKind,
}

/// The key of a surface path's history: its two setting names.
pub fn path_key(x: &str, y: &str) -> String {
    format!("{x}|{y}")
}

#[derive(Clone, Copy)]
pub struct KitState {
    pub def: &'static LessonDef,
    pub values: RwSignal<Values>,
    /// What Reset returns to: the article's setup, or the state a shared link carried.
    pub initial: StoredValue<Values>,
    pub traced: RwSignal<Option<Traced>>,
    pub errata: RwSignal<Option<Result<Vec<Erratum>, String>>>,
    /// How many steps of the walkthrough are revealed.
    pub cursor: RwSignal<usize>,
    /// The loss before each committed training step.
    pub history: RwSignal<Vec<f64>>,
    /// Each metric's value before each committed step.
    pub metric_history: RwSignal<BTreeMap<&'static str, Vec<f64>>>,
    /// Each surface path's points before each committed step.
    pub paths: RwSignal<BTreeMap<String, Vec<(f64, f64)>>>,
    pub running: RwSignal<bool>,
    pub speed: RwSignal<Speed>,
    /// A computation failed on every backend.
    pub failure: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
    backend: Backend,
}

/// Longest path kept per surface: enough to see a run's shape, cheap to redraw.
const MAX_PATH_POINTS: usize = 4000;

impl KitState {
    pub fn new(def: &'static LessonDef, initial: Values, backend: Backend) -> KitState {
        KitState {
            def,
            values: RwSignal::new(initial.clone()),
            initial: StoredValue::new(initial),
            traced: RwSignal::new(None),
            errata: RwSignal::new(None),
            cursor: RwSignal::new(0),
            history: RwSignal::new(Vec::new()),
            metric_history: RwSignal::new(BTreeMap::new()),
            paths: RwSignal::new(BTreeMap::new()),
            running: RwSignal::new(false),
            speed: RwSignal::new(Speed::One),
            failure: RwSignal::new(None),
            generation: StoredValue::new(0),
            backend,
        }
    }

    pub fn total_steps(&self) -> usize {
        self.traced
            .with(|t| t.as_ref().map(|t| t.trace.steps.len()))
            .unwrap_or(0)
    }

    /// True when the lesson has a training step (Update, Run).
    pub fn trains(&self) -> bool {
        self.traced
            .with(|t| t.as_ref().is_some_and(|t| !t.trace.next.is_empty()))
    }

    async fn compute(self, values: Values) -> Result<Traced, String> {
        let def = self.def;
        let trace = self
            .backend
            .run(|device| {
                let values = values.clone();
                async move { (def.trace)(&values, &device).await }
            })
            .await
            .map_err(|e| e.0)?;
        Ok(Traced {
            values,
            trace,
            backend: self.backend.kind.get_untracked(),
        })
    }

    /// Recomputes the trace for the current values; only the newest request lands.
    pub fn recompute(self) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let values = self.values.get_untracked();
        leptos::task::spawn_local(async move {
            let result = self.compute(values).await;
            // The lesson may have been closed meanwhile (try_*), or a newer request sent.
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            match result {
                Ok(t) => {
                    let steps = t.trace.steps.len();
                    self.failure.try_set(None);
                    self.traced.try_set(Some(t));
                    self.cursor.try_update(|c| *c = (*c).min(steps));
                }
                Err(e) => {
                    self.failure.try_set(Some(e));
                }
            }
        });
    }

    /// Runs the gradient check on the trace shown, on the backend that computed it.
    pub fn check_gradients(self, check: CheckState) {
        let Some(t) = self.traced.get_untracked() else {
            return;
        };
        let def = self.def;
        spawn_check(check, move |eps, mut progress| async move {
            let device = Backend::device(t.backend);
            engine::gradcheck::kit::check(def, &t.values, &t.trace, eps, &device, &mut *progress)
                .await
        });
    }

    /// The article's claims beside the truth, computed once when the lesson opens.
    pub fn compute_errata(self) {
        compute_errata(self.def, self.backend, self.errata);
    }

    /// Sets one named value from text; on error the values are unchanged. An edit starts a
    /// new run from the edited state: training state (moments, counters) returns to its start.
    pub fn set_value(self, name: &str, text: &str) -> Result<(), InputError> {
        self.set_values(&[(name, text)]).map_err(|(_, e)| e)
    }

    /// Sets several settings at once (a pasted matrix): all of them, or, at the first refused
    /// one, none (its name and why).
    pub fn set_values(self, items: &[(&str, &str)]) -> Result<(), (String, InputError)> {
        let mut v = self.values.get_untracked();
        for (name, text) in items {
            v.set(name, text).map_err(|e| (name.to_string(), e))?;
        }
        let changes_input = items
            .iter()
            .any(|(name, _)| v.spec(name).is_some_and(|s| !s.hidden));
        if changes_input && v.specs.iter().any(|s| s.hidden) {
            for (i, spec) in v.specs.iter().enumerate() {
                if spec.hidden {
                    v.values[i] = spec.default;
                }
            }
            self.clear_histories();
        }
        self.values.set(v);
        Ok(())
    }

    pub fn next_step(self) {
        let total = self.total_steps();
        self.cursor.update(|c| *c = (*c + 1).min(total));
    }

    pub fn previous_step(self) {
        self.cursor.update(|c| *c = c.saturating_sub(1));
    }

    pub fn all_steps(self) {
        self.cursor.set(self.total_steps());
    }

    /// Applies the current trace's training step: record the histories, move to `next`.
    pub fn update(self) {
        let Some(t) = self.traced.get_untracked() else {
            return;
        };
        if t.trace.next.is_empty()
            || !t.trace.all_finite()
            || t.values != self.values.get_untracked()
        {
            return;
        }
        self.record(std::slice::from_ref(&t));
        self.values.set(t.trace.advance(&t.values));
        self.cursor.set(0);
    }

    /// Appends the loss, metrics and surface points of traces about to be stepped past.
    fn record(self, traces: &[Traced]) {
        self.history
            .try_update(|h| h.extend(traces.iter().filter_map(|t| t.trace.loss)));
        self.metric_history.try_update(|m| {
            for t in traces {
                for metric in &t.trace.metrics {
                    m.entry(metric.name).or_default().push(metric.value);
                }
            }
        });
        self.paths.try_update(|p| {
            for t in traces {
                for view in &t.trace.views {
                    let View::Surface(s) = view else { continue };
                    for path in &s.paths {
                        let (Some(x), Some(y)) =
                            (t.values.index(&path.x_name), t.values.index(&path.y_name))
                        else {
                            continue;
                        };
                        let points = p.entry(path_key(&path.x_name, &path.y_name)).or_default();
                        points.push((t.values.values[x], t.values.values[y]));
                        if points.len() > MAX_PATH_POINTS {
                            points.drain(..points.len() - MAX_PATH_POINTS);
                        }
                    }
                }
            }
        });
    }

    /// Repeats training steps until paused or diverged: `speed` steps per animation frame.
    pub fn run(self) {
        if self.running.get_untracked() || !self.trains() {
            return;
        }
        self.running.set(true);
        leptos::task::spawn_local(async move {
            // Every access after an await uses try_*: the lesson may have been closed.
            'frames: while self.running.try_get_untracked() == Some(true) {
                let frame_start = now_ms();
                let Some(start) = self.values.try_get_untracked() else {
                    return;
                };
                let mut values = start.clone();
                let mut stepped = Vec::new();
                let last = loop {
                    let t = match self.compute(values.clone()).await {
                        Ok(t) => t,
                        Err(e) => {
                            self.failure.try_set(Some(e));
                            break 'frames;
                        }
                    };
                    let speed = self.speed.try_get_untracked().unwrap_or(Speed::One);
                    let more = speed.wants_more(stepped.len() as u32 + 1, now_ms() - frame_start);
                    if t.trace.all_finite()
                        && self.running.try_get_untracked() == Some(true)
                        && more
                    {
                        values = t.trace.advance(&t.values);
                        stepped.push(t);
                        continue;
                    }
                    break t;
                };
                // An edit made meanwhile wins: drop this frame's steps and start from it.
                if !frame_still_current(&start, self.values.try_get_untracked().as_ref()) {
                    continue;
                }
                self.record(&stepped);
                self.values.try_set(values.clone());
                self.cursor.try_set(last.trace.steps.len());
                let finite = last.trace.all_finite() && !last.trace.next.is_empty();
                self.traced.try_set(Some(last.clone()));
                if !finite {
                    break;
                }
                next_frame().await;
                if self.running.try_get_untracked() == Some(true)
                    && self.values.try_get_untracked() == Some(values)
                {
                    self.record(std::slice::from_ref(&last));
                    self.values.try_set(last.trace.advance(&last.values));
                }
            }
            if self.running.try_set(false).is_none() {
                self.recompute();
            }
        });
    }

    /// Run when paused, pause when running (the Run button and the space key).
    pub fn toggle_run(self) {
        if self.running.get_untracked() {
            self.pause()
        } else {
            self.run()
        }
    }

    pub fn pause(self) {
        self.running.set(false);
    }

    pub fn reset(self) {
        self.running.set(false);
        self.values.set(self.initial.get_value());
        self.clear_histories();
        self.failure.set(None);
    }

    pub fn clear_histories(self) {
        self.history.set(Vec::new());
        self.metric_history.set(BTreeMap::new());
        self.paths.set(BTreeMap::new());
        self.cursor.set(0);
    }

    /// Predict mode's "try again": the article's exercise with new inputs and weights (the
    /// kit's seeded variant), from the first step.
    pub fn new_numbers(self) {
        self.running.set(false);
        let seed = 1 + (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
        let v = engine::lessons::kit::variant::variant(&(self.def.article_values)(), seed);
        self.values.set(v);
        self.cursor.set(0);
        self.clear_histories();
        self.failure.set(None);
    }

    /// New random initial weights (lessons with a seed): the seed moves on by one.
    pub fn reseed(self) {
        let Some(reseed) = self.def.reseed else {
            return;
        };
        self.running.set(false);
        let mut v = self.values.get_untracked();
        for (i, spec) in v.specs.iter().enumerate() {
            if spec.hidden {
                v.values[i] = spec.default;
            }
        }
        if let Some(i) = v.index("seed") {
            v.values[i] += 1.0;
        }
        reseed(&mut v);
        self.values.set(v);
        self.clear_histories();
    }

    /// True when the shown trace has a NaN or ∞ anywhere.
    pub fn diverged(&self) -> bool {
        self.traced
            .with(|t| t.as_ref().is_some_and(|t| !t.trace.all_finite()))
    }
}
