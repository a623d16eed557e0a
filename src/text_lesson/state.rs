//! The page's state: the settings (what the link carries), the training session on the chosen
//! device, the curve points, the typed sentence and its prediction, and the training loop.

use engine::i18n::Lang;
use engine::lessons::kit::Erratum;
use engine::lessons::text_classifier::ID;
use engine::lessons::text_classifier::TextError;
use engine::lessons::text_classifier::classifier::Prediction;
use engine::lessons::text_classifier::data::Sentence;
use engine::lessons::text_classifier::errata;
use engine::lessons::text_classifier::session::{Checkpoint, Session};
use engine::lessons::text_classifier::settings::TextSettings;
use engine::state::hash::to_hash;
use leptos::prelude::*;

use super::i18n as t;
use crate::backend::{Backend, BackendKind};
use crate::frame::{next_frame, now_ms};
use crate::lease::Lease;
use crate::route;
use engine::base::pace::Speed;

/// Milliseconds of training per animation frame: several batches on the CPU, one on an
/// emulated GPU, and the page still redraws.
/// Held-out sentences shown as examples.
const EXAMPLES: usize = 6;

/// What the numbers line shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub steps: usize,
    pub epochs: usize,
    pub batch_loss: Option<f64>,
    pub train_size: usize,
    pub test_size: usize,
    /// The backend the current model lives on.
    pub backend: Option<BackendKind>,
}

/// A prediction with what the page says about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The sentence as typed.
    pub text: String,
    pub prediction: Prediction,
    /// Whether the sentence really contains the keyword.
    pub truth: bool,
    pub keyword: &'static str,
    /// Training steps of the model that made it.
    pub step: usize,
}

#[derive(Clone, Copy)]
pub struct TextState {
    pub settings: RwSignal<TextSettings>,
    /// The training session; every rebuild installs a new one, and a computation that took an
    /// older one does not put it back.
    session: Lease<Session>,
    pub checkpoints: RwSignal<Vec<Checkpoint>>,
    pub stats: RwSignal<Stats>,
    pub examples: RwSignal<Vec<Sentence>>,
    pub running: RwSignal<bool>,
    /// Batches per frame while running (the learner's choice; as many as fit by default).
    pub speed: RwSignal<Speed>,
    /// True from Run or "Train one batch" until the last batch and its curve point are done.
    pub busy: RwSignal<bool>,
    /// Bumped by every training task started: a task whose id is old stops quietly, so a
    /// computation stuck on a lost GPU cannot hold the page.
    task: StoredValue<u64>,
    /// A failed computation or a diverged run, in the page's words.
    pub error: RwSignal<Option<String>>,
    pub sentence: RwSignal<String>,
    pub prediction: RwSignal<Option<Shown>>,
    pub prediction_error: RwSignal<Option<TextError>>,
    pub errata: RwSignal<Option<Result<Vec<Erratum>, String>>>,
    backend: Backend,
    /// Kept here: async tasks run outside the component tree, where no context is found.
    lang: RwSignal<Lang>,
}

impl TextState {
    pub fn new(settings: TextSettings, backend: Backend, lang: RwSignal<Lang>) -> TextState {
        TextState {
            settings: RwSignal::new(settings),
            session: Lease::new(),
            checkpoints: RwSignal::new(vec![]),
            stats: RwSignal::new(Stats::default()),
            examples: RwSignal::new(vec![]),
            running: RwSignal::new(false),
            speed: RwSignal::new(Speed::Fill),
            busy: RwSignal::new(false),
            task: StoredValue::new(0),
            error: RwSignal::new(None),
            sentence: RwSignal::new("我喜欢读书".into()),
            prediction: RwSignal::new(None),
            prediction_error: RwSignal::new(None),
            errata: RwSignal::new(None),
            backend,
            lang,
        }
    }

    fn lang(&self) -> Lang {
        self.lang.try_get_untracked().unwrap_or_default()
    }

    /// A new session for the current settings on the chosen device: new data, new weights,
    /// step 0. A run in progress goes on with the new session.
    pub fn rebuild(self) {
        let settings = self.settings.get_untracked();
        let kind = self.backend.kind.get_untracked();
        match Session::new(&settings, &Backend::device(kind)) {
            Ok(s) => {
                self.examples
                    .set(s.test.iter().take(EXAMPLES).cloned().collect());
                self.stats.set(stats_of(&s, None, kind));
                let generation = self.session.install(s);
                self.checkpoints.set(vec![]);
                self.prediction.set(None);
                self.error.set(None);
                route::replace_hash(&to_hash(ID, &settings));
                leptos::task::spawn_local(async move { self.first_look(generation).await });
                // The training task of the old session is dropped; a run goes on with this one.
                if self.running.get_untracked() {
                    self.start_loop();
                } else if self.busy.get_untracked() {
                    self.new_task();
                    self.busy.set(false);
                }
            }
            Err(e) => self.error.set(Some(message(&e, self.lang()))),
        }
    }

    /// The curves' point at step 0 and the typed sentence's prediction by the fresh model.
    async fn first_look(self, generation: u64) {
        let Some((s, g)) = self.take().await else {
            return;
        };
        if g != generation {
            self.put(s, g);
            return;
        }
        let point = s.checkpoint().await;
        let shown = self.predict_on(&s).await;
        if !self.put(s, g) {
            return;
        }
        match point {
            Ok(c) => {
                self.checkpoints.try_update(|h| {
                    if h.is_empty() {
                        h.push(c)
                    }
                });
            }
            Err(e) => return self.failed(e),
        }
        self.show_prediction(shown);
    }

    /// Changes the settings (already validated); `restart` for everything but the learning rate.
    pub fn change(self, restart: bool, f: impl FnOnce(&mut TextSettings)) {
        self.settings.update(f);
        if restart {
            self.rebuild();
        } else {
            route::replace_hash(&to_hash(ID, &self.settings.get_untracked()));
        }
    }

    /// Fresh weights for the same settings.
    pub fn reset(self) {
        self.rebuild();
    }

    /// Borrows the session for an async computation, waiting (a frame at a time, up to about
    /// two seconds) while another computation holds it.
    async fn take(self) -> Option<(Session, u64)> {
        self.session.take(120).await
    }

    /// Returns the session; false when a rebuild replaced it meanwhile.
    fn put(self, s: Session, generation: u64) -> bool {
        self.session.put(s, generation)
    }

    /// A failed computation: a learner's mistake is shown; a GPU failure moves the page to the
    /// CPU, which rebuilds the session there with the same settings.
    fn failed(self, e: TextError) {
        let lang = self.lang();
        if matches!(e, TextError::Backend(_))
            && self.backend.kind.try_get_untracked() == Some(BackendKind::WebGpu)
        {
            self.error.try_set(Some(format!(
                "{}{}",
                t::GPU_FAILED.get(lang),
                message(&e, lang)
            )));
            // The failing task stops; the rebuild on the CPU goes on with a run in progress.
            self.new_task();
            self.backend.select(BackendKind::Cpu);
        } else {
            self.running.try_set(false);
            self.error.try_set(Some(message(&e, lang)));
        }
    }

    async fn predict_on(self, s: &Session) -> Result<Shown, TextError> {
        let text = self.sentence.get_untracked();
        let prediction = s.predict(&text).await?;
        Ok(Shown {
            truth: s.truth(&text),
            text,
            keyword: s.settings.keyword,
            step: s.steps(),
            prediction,
        })
    }

    fn show_prediction(self, shown: Result<Shown, TextError>) {
        match shown {
            Ok(p) => {
                self.prediction.try_set(Some(p));
                self.prediction_error.try_set(None);
            }
            Err(e @ TextError::User(_)) => {
                self.prediction.try_set(None);
                self.prediction_error.try_set(Some(e));
            }
            Err(e) => self.failed(e),
        }
    }

    /// Classifies the typed sentence with the model as it is now.
    pub fn predict(self) {
        leptos::task::spawn_local(async move {
            let Some((s, g)) = self.take().await else {
                return;
            };
            let shown = self.predict_on(&s).await;
            if self.put(s, g) {
                self.show_prediction(shown);
            }
        });
    }

    /// Trains the batches of one frame at the chosen speed (at least one, exactly one when
    /// `one`), adding a curve point whenever one is due. False when training must stop.
    async fn train_frame(self, one: bool) -> bool {
        let Some((mut s, g)) = self.take().await else {
            return false;
        };
        let kind = self.backend.kind.get_untracked();
        s.settings.lr = self.settings.get_untracked().lr;
        let start = now_ms();
        let speed = if one {
            Speed::One
        } else {
            self.speed.get_untracked()
        };
        let mut batches = 0;
        let mut points = vec![];
        let mut loss = None;
        let mut failure = None;
        loop {
            match s.step().await {
                Ok(l) => loss = Some(l),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
            if s.checkpoint_due() {
                match s.checkpoint().await {
                    Ok(c) => points.push(c),
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                }
            }
            batches += 1;
            let finite = loss.is_some_and(f64::is_finite);
            if !finite || !speed.wants_more(batches, now_ms() - start) {
                break;
            }
        }
        let shown = if failure.is_none() && !points.is_empty() {
            Some(self.predict_on(&s).await)
        } else {
            None
        };
        let stats = stats_of(&s, loss, kind);
        if !self.put(s, g) {
            // A rebuild replaced the session: carry on with the new one.
            return true;
        }
        if let Some(e) = failure {
            self.failed(e);
            return false;
        }
        self.stats.try_set(stats);
        if !points.is_empty() {
            self.checkpoints.try_update(|h| h.extend(points));
        }
        if let Some(shown) = shown {
            self.show_prediction(shown);
        }
        if !loss.is_some_and(f64::is_finite) {
            self.error
                .try_set(Some(t::DIVERGED.get(self.lang()).to_string()));
            self.running.try_set(false);
            return false;
        }
        true
    }

    /// When training stops between curve points: one more point, so the curves end where
    /// training did, and the prediction of the model as it now is.
    async fn finish(self) {
        let Some((s, g)) = self.take().await else {
            return;
        };
        let behind = self
            .checkpoints
            .try_with_untracked(|h| h.last().map(|c| c.step))
            .flatten()
            .is_some_and(|last| last < s.steps());
        let point = if behind {
            Some(s.checkpoint().await)
        } else {
            None
        };
        let shown = match point {
            Some(Ok(_)) => Some(self.predict_on(&s).await),
            _ => None,
        };
        if !self.put(s, g) {
            return;
        }
        match point {
            Some(Ok(c)) => {
                self.checkpoints.try_update(|h| h.push(c));
            }
            Some(Err(e)) => return self.failed(e),
            None => {}
        }
        if let Some(shown) = shown {
            self.show_prediction(shown);
        }
    }

    /// A new training task id: every older task stops at its next check.
    fn new_task(self) -> u64 {
        self.task.update_value(|t| *t += 1);
        self.task.get_value()
    }

    fn is_current(self, task: u64) -> bool {
        self.task.try_get_value() == Some(task)
    }

    pub fn step_once(self) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        let me = self.new_task();
        leptos::task::spawn_local(async move {
            if self.train_frame(true).await && self.is_current(me) {
                self.finish().await;
            }
            if self.is_current(me) {
                self.busy.try_set(false);
            }
        });
    }

    pub fn toggle_run(self) {
        if self.running.get_untracked() {
            self.running.set(false);
            return;
        }
        if self.busy.get_untracked() {
            // The previous run is still finishing its last batch.
            return;
        }
        self.running.set(true);
        self.error.set(None);
        self.start_loop();
    }

    /// Trains frame after frame while running, then adds the last curve point.
    fn start_loop(self) {
        self.busy.set(true);
        let me = self.new_task();
        leptos::task::spawn_local(async move {
            while self.is_current(me) && self.running.try_get_untracked() == Some(true) {
                if !self.train_frame(false).await {
                    break;
                }
                next_frame().await;
            }
            if !self.is_current(me) {
                return;
            }
            self.running.try_set(false);
            self.finish().await;
            if self.is_current(me) {
                self.busy.try_set(false);
            }
        });
    }

    /// The errata, computed once on the page's device (the CPU if the GPU fails).
    pub fn compute_errata(self) {
        let backend = self.backend;
        leptos::task::spawn_local(async move {
            let rows = backend
                .run(|device| async move {
                    Ok(errata::errata(&errata::errata_settings(), &device).await?)
                })
                .await
                .map_err(|e| e.0);
            self.errata.try_set(Some(rows));
        });
    }
}

fn stats_of(s: &Session, batch_loss: Option<f64>, kind: BackendKind) -> Stats {
    Stats {
        steps: s.steps(),
        epochs: s.epochs,
        batch_loss,
        train_size: s.train.len(),
        test_size: s.test.len(),
        backend: Some(kind),
    }
}

/// An engine error in the learner's language.
pub fn message(e: &TextError, lang: Lang) -> String {
    match e {
        TextError::User(text) => text.get(lang).to_string(),
        TextError::Backend(s) => s.clone(),
    }
}
