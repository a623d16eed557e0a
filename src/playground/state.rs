//! The playground's state: the settings (what a link carries), the burn trainer on the chosen
//! device, the last frame, the loss histories, the selection, and the training loop.

use engine::base::error::TraceError;
use engine::lessons::kit::LessonTrace;
use engine::playground::Head;
use engine::playground::csv::{CsvImport, parse_csv};
use engine::playground::data::Point;
use engine::playground::frame::Frame;
use engine::playground::state::{PlaygroundState, link};
use engine::playground::trainer::Playground;
use leptos::prelude::*;

use crate::components::gradcheck::{CheckState, spawn_check};

use crate::backend::{Backend, BackendKind};
use crate::frame::{next_frame, now_ms};
use crate::lease::Lease;
use crate::route;
use engine::base::pace::Speed;

/// What the learner picked on the network drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Selection {
    /// A neuron: `layer` 0 is the inputs, the last is the output.
    Neuron { layer: usize, index: usize },
    /// The weight from neuron `from` of `layer` to neuron `to` of `layer + 1`.
    Edge {
        layer: usize,
        from: usize,
        to: usize,
    },
}

#[derive(Clone, Copy)]
pub struct PgState {
    pub spec: RwSignal<PlaygroundState>,
    /// The trainer; every rebuild installs a new one, and a computation that took an older
    /// one does not put it back.
    trainer: Lease<Playground>,
    /// Networks built so far (read by the browser test: loading the page builds one).
    pub builds: RwSignal<u32>,
    pub frame: RwSignal<Option<Frame>>,
    /// Every point with whether it is held out for testing.
    pub points: RwSignal<Vec<(Point, bool)>>,
    pub train_losses: RwSignal<Vec<f64>>,
    pub test_losses: RwSignal<Vec<f64>>,
    pub running: RwSignal<bool>,
    /// Epochs per frame while running (the learner's choice; one by default, to watch).
    pub speed: RwSignal<Speed>,
    pub error: RwSignal<Option<String>>,
    pub selected: RwSignal<Option<Selection>>,
    /// Clicking the output adds a point of this class; `None`: clicking picks the point to inspect.
    pub add_class: RwSignal<Option<f64>>,
    pub inspect_point: RwSignal<Option<Point>>,
    pub trace: RwSignal<Option<LessonTrace>>,
    /// The last CSV import: what it kept and which lines it refused, and why.
    pub csv_report: RwSignal<Option<CsvImport>>,
    /// Set when the imported points were too long for the link (the packed length).
    pub link_left_out: RwSignal<Option<usize>>,
    backend: Backend,
    /// Kept here: async tasks run outside the component tree and cannot read its context.
    lang: RwSignal<engine::i18n::Lang>,
}

impl PgState {
    pub fn new(
        initial: PlaygroundState,
        backend: Backend,
        lang: RwSignal<engine::i18n::Lang>,
    ) -> PgState {
        PgState {
            spec: RwSignal::new(initial),
            trainer: Lease::new(),
            builds: RwSignal::new(0),
            frame: RwSignal::new(None),
            points: RwSignal::new(Vec::new()),
            train_losses: RwSignal::new(Vec::new()),
            test_losses: RwSignal::new(Vec::new()),
            running: RwSignal::new(false),
            speed: RwSignal::new(Speed::One),
            error: RwSignal::new(None),
            selected: RwSignal::new(None),
            add_class: RwSignal::new(None),
            inspect_point: RwSignal::new(None),
            trace: RwSignal::new(None),
            csv_report: RwSignal::new(None),
            link_left_out: RwSignal::new(None),
            backend,
            lang,
        }
    }

    pub fn widths(&self) -> Vec<usize> {
        self.spec.with_untracked(|s| s.widths())
    }

    pub fn head(&self) -> Head {
        self.spec.with_untracked(|s| s.head())
    }

    pub fn points(&self) -> Vec<(Point, bool)> {
        self.points.get_untracked()
    }

    fn message(&self, e: &engine::playground::error::PlaygroundError) -> String {
        e.message(self.lang.get_untracked())
    }

    /// A new trainer for the current settings (and their weights, if any) on the chosen device.
    pub fn rebuild(self) {
        self.running.set(false);
        let s = self.spec.get_untracked();
        let device = Backend::device(self.backend.kind.get_untracked());
        match Playground::new(s.net.clone(), s.data.clone(), s.weights.as_ref(), &device) {
            Ok(p) => {
                let split = p.split();
                let mut pts: Vec<(Point, bool)> = split.train.iter().map(|p| (*p, false)).collect();
                pts.extend(split.test.iter().map(|p| (*p, true)));
                self.points.set(pts);
                self.builds.update(|b| *b += 1);
                self.trainer.install(p);
                self.error.set(None);
                self.train_losses.set(Vec::new());
                self.test_losses.set(Vec::new());
                self.trace.set(None);
                self.refresh();
                self.write_link();
            }
            Err(e) => self.error.set(Some(self.message(&e))),
        }
    }

    /// After a backend switch: the same weights on the new device.
    pub fn rebuild_keeping_weights(self) {
        if let Some(f) = self.frame.get_untracked() {
            self.spec
                .update_untracked(|s| s.weights = Some(f.weights.clone()));
        }
        self.rebuild();
    }

    /// Changes the settings. Architecture changes start from new weights; others keep them.
    pub fn change(self, keep_weights: bool, f: impl FnOnce(&mut PlaygroundState)) {
        let before = self.spec.get_untracked();
        let mut next = before.clone();
        if keep_weights {
            if let Some(frame) = self.frame.get_untracked() {
                next.weights = Some(frame.weights);
            }
        } else {
            next.weights = None;
        }
        f(&mut next);
        if let Err(e) = next.validate() {
            self.error.set(Some(self.message(&e)));
            return;
        }
        self.spec.set(next);
        self.selected.set(None);
        self.rebuild();
    }

    fn write_link(self) {
        if let Some(l) = self.spec.try_with_untracked(link) {
            route::replace_hash(&l.hash);
            self.link_left_out.try_set(l.data_left_out);
        }
    }

    /// Reads pasted or uploaded CSV: the good rows become the data (the bad ones are listed
    /// with their line numbers); with no good row the data stays as it was.
    pub fn import_csv(self, text: &str) {
        let read = parse_csv(text);
        if !read.points.is_empty() {
            let points = read.points.clone();
            self.inspect_point.set(None);
            self.add_class.set(None);
            self.change(false, move |s| s.data.import(points));
        }
        self.csv_report.set(Some(read));
    }

    /// A GPU failure moves the playground to the CPU with the weights it had.
    fn failed(self, message: String) {
        self.running.try_set(false);
        if self.backend.kind.try_get_untracked() == Some(BackendKind::WebGpu) {
            self.backend.select(BackendKind::Cpu);
        }
        self.error.try_set(Some(message));
    }

    /// Borrows the trainer for an async computation, waiting (a frame at a time, up to about
    /// two seconds) while another computation holds it.
    async fn take(self) -> Option<(Playground, u64)> {
        self.trainer.take(120).await
    }

    /// Returns the trainer; false when a rebuild replaced it meanwhile.
    fn put(self, p: Playground, generation: u64) -> bool {
        self.trainer.put(p, generation)
    }

    /// The gradient check of the step view's point: holds the trainer while it runs (training
    /// is paused then), moving each parameter on a copy of the network.
    pub fn check_gradients(self, check: CheckState) {
        let point = self
            .inspect_point
            .get_untracked()
            .or_else(|| self.points.get_untracked().first().map(|p| p.0));
        let (Some(point), Some(trace)) = (point, self.trace.get_untracked()) else {
            return;
        };
        spawn_check(check, move |eps, mut progress| async move {
            let Some((p, generation)) = self.take().await else {
                return Err(TraceError("the network was rebuilt".into()));
            };
            let result =
                engine::gradcheck::playground::check(&p, point, &trace, eps, &mut *progress).await;
            self.put(p, generation);
            result
        });
    }

    /// Reads the frame (boundary, neurons, losses, weights) and, if a point is inspected, its trace.
    pub fn refresh(self) {
        leptos::task::spawn_local(self.refresh_frame());
    }

    /// Computes the frame (and the inspected point's step trace) and shows it.
    async fn refresh_frame(self) {
        let Some(point) = self.inspect_point.try_get_untracked() else {
            return;
        };
        let point = point.or_else(|| {
            self.points
                .try_with_untracked(|pts| pts.first().map(|p| p.0))
                .flatten()
        });
        let Some((p, generation)) = self.take().await else {
            return;
        };
        let frame = p.frame().await;
        let trace = match point {
            Some(pt) => p.step_trace(pt).await.ok(),
            None => None,
        };
        if !self.put(p, generation) {
            return;
        }
        match frame {
            Ok(f) => {
                self.frame.try_set(Some(f));
                self.trace.try_set(trace);
            }
            Err(e) => self.failed(self.message(&e)),
        }
    }

    /// One epoch, then a frame.
    async fn epoch(self) -> bool {
        let Some((mut p, generation)) = self.take().await else {
            return false;
        };
        let report = p.train_epoch().await;
        let frame = match &report {
            Ok(_) => Some(p.frame().await),
            Err(_) => None,
        };
        if !self.put(p, generation) {
            return false;
        }
        match (report, frame) {
            (Ok(_), Some(Ok(f))) => {
                self.train_losses.try_update(|h| h.push(f.train_loss));
                self.test_losses.try_update(|h| h.push(f.test_loss));
                let finite = f.train_loss.is_finite();
                self.frame.try_set(Some(f));
                if !finite {
                    self.error.try_set(Some(
                        crate::i18n::DIVERGED.get(self.lang.get_untracked()).into(),
                    ));
                }
                finite
            }
            (Err(e), _) | (Ok(_), Some(Err(e))) => {
                self.failed(self.message(&e));
                false
            }
            _ => false,
        }
    }

    pub fn step_epoch(self) {
        if self.running.get_untracked() {
            return;
        }
        leptos::task::spawn_local(async move {
            if self.epoch().await {
                self.after_pause();
            }
        });
    }

    pub fn toggle_run(self) {
        if self.running.get_untracked() {
            self.running.set(false);
            return;
        }
        self.running.set(true);
        leptos::task::spawn_local(async move {
            // Epochs (each with its frame, so the curves keep a point per epoch) at the chosen
            // speed, then the browser paints.
            'frames: while self.running.try_get_untracked() == Some(true) {
                let (start, speed) = (now_ms(), self.speed.get_untracked());
                let mut done = 0;
                loop {
                    if !self.epoch().await {
                        break 'frames;
                    }
                    done += 1;
                    let going = self.running.try_get_untracked() == Some(true);
                    if !going || !speed.wants_more(done, now_ms() - start) {
                        break;
                    }
                }
                next_frame().await;
            }
            self.running.try_set(false);
            self.after_pause();
        });
    }

    /// When training stops: the link carries the trained weights, the step view the new numbers.
    fn after_pause(self) {
        self.link_shown_weights();
        self.refresh();
    }

    /// The link carries the weights of the frame on screen.
    fn link_shown_weights(self) {
        if let Some(f) = self.frame.try_get_untracked().flatten() {
            self.spec
                .try_update_untracked(|s| s.weights = Some(f.weights.clone()));
            self.write_link();
        }
    }

    pub fn reset(self) {
        self.running.set(false);
        self.spec.update(|s| s.weights = None);
        self.rebuild();
    }

    /// A click on the output at (x, y): add a point, or inspect the nearest one.
    pub fn output_clicked(self, x: f64, y: f64) {
        match self.add_class.get_untracked() {
            Some(class) => {
                let mut data = self.spec.with_untracked(|s| s.data.clone());
                let point = data.point_at(x, y, class);
                // A refused point (outside the plot, too many) leaves the data unchanged and
                // says why.
                match data.add_point(point) {
                    Ok(()) => self.change(true, |s| s.data = data),
                    Err(e) => self.error.set(Some(self.message(&e))),
                }
            }
            None => {
                let nearest = self.points.with_untracked(|pts| {
                    pts.iter().map(|(p, _)| *p).min_by(|a, b| {
                        let da = (a.x - x).powi(2) + (a.y - y).powi(2);
                        let db = (b.x - x).powi(2) + (b.y - y).powi(2);
                        da.total_cmp(&db)
                    })
                });
                self.inspect_point.set(nearest);
                self.refresh();
            }
        }
    }

    /// Sets one weight or bias of the trained network by hand; a refused value is reported in
    /// `edit_error` and changes nothing.
    pub fn set_weight(self, sel: Selection, value: f64, edit_error: RwSignal<Option<String>>) {
        leptos::task::spawn_local(async move {
            let Some((mut p, generation)) = self.take().await else {
                return;
            };
            let result = match sel {
                Selection::Edge { layer, from, to } => p.set_weight(layer, from, to, value),
                Selection::Neuron { layer, index } if layer > 0 => {
                    p.set_bias(layer - 1, index, value)
                }
                Selection::Neuron { .. } => Ok(()),
            };
            self.put(p, generation);
            match result {
                Ok(()) => {
                    edit_error.try_set(None);
                    // The frame, then the link, carry the edited weight: the link is written
                    // once the new frame is computed (on WebGPU that takes several frames, and
                    // the link used to keep the weights from before the edit).
                    self.refresh_frame().await;
                    self.link_shown_weights();
                }
                Err(e) => {
                    edit_error.try_set(Some(self.message(&e)));
                }
            }
        });
    }
}
