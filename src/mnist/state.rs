//! The `mnist-cnn` page's state: the digits, the network on the chosen device (borrowed by one
//! computation at a time), the run's settings and progress, and what the page shows about the
//! network. The training loop lives in `run.rs`.

use std::rc::Rc;

use engine::base::pace::Speed;
use engine::mnist::report::Worst;
use engine::mnist::schedule::{RateMeter, Schedule};
use engine::mnist::settings::RunSettings;
use engine::mnist::split::{SPLIT_SEED, TRAIN, split};
use engine::mnist::trainer::LayerMaps;
use engine::mnist::{CnnError, Dataset, Evaluation, MnistCnn};
use engine::state::hash::to_hash;
use leptos::prelude::*;

use super::text;
use crate::backend::{Backend, BackendKind};
use crate::frame::next_frame;
use crate::lease::Lease;
use crate::route;

pub const ID: &str = "mnist-cnn";
/// Held-out digits scored at every checkpoint (the first of the held-out set).
pub const PROBE: usize = 500;
/// Digits scored per animation frame, so no frame waits long on the CPU.
pub const EVAL_SLICE: usize = 50;
/// How many of the worst digits are shown.
pub const WORST_SHOWN: usize = 12;

#[derive(Clone, Debug, PartialEq)]
pub enum DataStatus {
    Loading,
    Ready,
    Failed(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    Idle,
    Running,
    Paused,
}

/// Where the current weights came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    Pretrained,
    Fresh(u64),
    Uploaded(String),
}

/// What the progress bar shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub epoch: usize,
    pub epochs: usize,
    pub batch: usize,
    pub batches: usize,
    pub done: usize,
    pub total: usize,
    pub per_second: Option<f64>,
    pub seconds_left: Option<f64>,
}

/// The live curves, one point per checkpoint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Curves {
    pub train_loss: Vec<f64>,
    pub train_accuracy: Vec<f64>,
    pub held_loss: Vec<f64>,
    pub held_accuracy: Vec<f64>,
}

/// The network on all 2,000 held-out digits.
#[derive(Clone, Debug, PartialEq)]
pub struct HeldOutReport {
    /// Training steps the network had taken.
    pub steps: usize,
    pub loss: f64,
    pub accuracy: f64,
    pub confusion: [[u32; 10]; 10],
    pub worst: Vec<Worst>,
}

/// Whose feature maps are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapsSource {
    HeldOut,
    Drawn,
}

#[derive(Clone, Copy)]
pub struct MnistState {
    pub data_status: RwSignal<DataStatus>,
    data: StoredValue<Option<Rc<Dataset>>, LocalStorage>,
    /// (train, held-out) indices of the fixed split.
    pub split: StoredValue<(Vec<usize>, Vec<usize>)>,
    /// The network; replacing it starts a new generation, and a computation on an older one
    /// does not put it back.
    model: Lease<MnistCnn>,
    /// The shipped weights, kept to reload them.
    pretrained: StoredValue<Option<Rc<Vec<u8>>>, LocalStorage>,
    /// The weights at the last checkpoint, on the host: what a lost GPU leaves us.
    pub(super) snapshot: StoredValue<Option<Vec<u8>>>,
    pub origin: RwSignal<Origin>,
    pub steps: RwSignal<usize>,
    pub settings: RwSignal<RunSettings>,
    pub run: RwSignal<RunState>,
    /// Batches per frame while training (the learner's choice; as many as fit by default).
    pub speed: RwSignal<Speed>,
    /// Each started loop has a token; a loop whose token is stale stops.
    pub(super) loop_token: StoredValue<u64>,
    pub(super) schedule: StoredValue<Option<Schedule>>,
    pub(super) meter: StoredValue<RateMeter>,
    pub progress: RwSignal<Progress>,
    pub curves: RwSignal<Curves>,
    pub report: RwSignal<Option<HeldOutReport>>,
    pub evaluating: RwSignal<bool>,
    pub filters: RwSignal<Option<Vec<[[f32; 3]; 3]>>>,
    pub maps: RwSignal<Option<Vec<LayerMaps>>>,
    pub maps_source: RwSignal<MapsSource>,
    /// The drawn digit, preprocessed to 28×28, and its class probabilities.
    pub drawn: RwSignal<Option<Vec<f32>>>,
    pub probabilities: RwSignal<Option<[f32; 10]>>,
    pub error: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<String>>,
    pub backend: Backend,
    /// Kept here: async tasks run outside the component tree and cannot read its context.
    lang: RwSignal<engine::i18n::Lang>,
    /// Counts finished held-out reports (tests wait on it).
    pub report_seq: RwSignal<u32>,
    /// The device the model lives on.
    pub(super) on: StoredValue<BackendKind>,
}

impl MnistState {
    pub fn new(
        settings: RunSettings,
        backend: Backend,
        lang: RwSignal<engine::i18n::Lang>,
    ) -> MnistState {
        MnistState {
            data_status: RwSignal::new(DataStatus::Loading),
            data: StoredValue::new_local(None),
            split: StoredValue::new(split(10_000, TRAIN, SPLIT_SEED)),
            model: Lease::new(),
            pretrained: StoredValue::new_local(None),
            snapshot: StoredValue::new(None),
            origin: RwSignal::new(Origin::Pretrained),
            steps: RwSignal::new(0),
            settings: RwSignal::new(settings),
            run: RwSignal::new(RunState::Idle),
            speed: RwSignal::new(Speed::Fill),
            loop_token: StoredValue::new(0),
            schedule: StoredValue::new(None),
            meter: StoredValue::new(RateMeter::default()),
            progress: RwSignal::new(Progress::default()),
            curves: RwSignal::new(Curves::default()),
            report: RwSignal::new(None),
            evaluating: RwSignal::new(false),
            filters: RwSignal::new(None),
            maps: RwSignal::new(None),
            maps_source: RwSignal::new(MapsSource::HeldOut),
            drawn: RwSignal::new(None),
            probabilities: RwSignal::new(None),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
            backend,
            lang,
            report_seq: RwSignal::new(0),
            on: StoredValue::new(backend.kind.get_untracked()),
        }
    }

    pub fn lang(&self) -> engine::i18n::Lang {
        self.lang.get_untracked()
    }

    pub fn say(&self, t: engine::i18n::Text) -> String {
        t.get(self.lang()).to_string()
    }

    pub fn cnn_message(&self, e: &CnnError) -> String {
        let t = e.text();
        format!("{} ({e:?})", t.get(self.lang()))
    }

    pub fn data(&self) -> Option<Rc<Dataset>> {
        self.data.try_get_value().flatten()
    }

    pub fn held_out(&self) -> Vec<usize> {
        self.split.with_value(|s| s.1.clone())
    }

    pub fn write_link(self) {
        self.settings
            .with_untracked(|s| route::replace_hash(&to_hash(ID, s)));
    }

    /// Borrows the network for one computation, waiting (a frame at a time, up to about ten
    /// seconds: a GPU step on SwiftShader can take a second) while another holds it.
    pub async fn take(self) -> Option<(MnistCnn, u64)> {
        self.model.take(600).await
    }

    /// False once the page is gone (its signals disposed): an async task that resumes after
    /// that must touch nothing, or the page would panic on leaving mnist-cnn mid-task.
    pub fn alive(self) -> bool {
        self.model.alive()
    }

    /// Returns the network, unless it was replaced meanwhile.
    pub fn put(self, m: MnistCnn, generation: u64) {
        let steps = m.steps();
        if self.model.put(m, generation) {
            self.steps.try_set(steps);
        }
    }

    /// Installs a new network (fresh, loaded or moved) and forgets the old one's run.
    pub fn install(self, m: MnistCnn, origin: Origin) {
        self.steps.set(m.steps());
        self.model.install(m);
        self.origin.set(origin);
    }

    /// Loads the digits and the shipped model, then shows what the model does.
    pub fn start(self) {
        leptos::task::spawn_local(async move {
            let weights = super::assets::fetch_bytes("mnist-cnn.bin").await;
            if !self.alive() {
                return;
            }
            match weights {
                Ok(bytes) => {
                    self.pretrained.set_value(Some(Rc::new(bytes)));
                    self.load_pretrained_now();
                }
                Err(e) => self
                    .error
                    .set(Some(format!("{}{e}", self.say(text::MODEL_FAILED)))),
            }
            let digits = super::assets::fetch_bytes("mnist.bin").await;
            if !self.alive() {
                return;
            }
            match digits {
                Ok(bytes) => match engine::mnist::asset::decode(&bytes) {
                    Ok(d) => {
                        self.data.set_value(Some(Rc::new(d)));
                        self.data_status.set(DataStatus::Ready);
                    }
                    Err(e) => self
                        .data_status
                        .set(DataStatus::Failed(e.text().get(self.lang()).into())),
                },
                Err(e) => self.data_status.set(DataStatus::Failed(e)),
            }
            self.look_inside().await;
        });
    }

    fn device(&self) -> burn::prelude::Device {
        Backend::device(self.on.get_value())
    }

    fn load_pretrained_now(self) -> bool {
        let Some(bytes) = self.pretrained.get_value() else {
            return false;
        };
        let mut m = MnistCnn::new(0, &self.device());
        match m.load(&bytes) {
            Ok(()) => {
                self.snapshot.set_value(Some(bytes.to_vec()));
                self.install(m, Origin::Pretrained);
                true
            }
            Err(e) => {
                self.error.set(Some(format!(
                    "{}{}",
                    self.say(text::MODEL_FAILED),
                    self.cnn_message(&e)
                )));
                false
            }
        }
    }

    /// Ends any run and clears what belonged to it.
    fn end_run(self) {
        self.loop_token.update_value(|t| *t += 1);
        self.run.set(RunState::Idle);
        self.schedule.set_value(None);
        self.meter.set_value(RateMeter::default());
        self.progress.set(Progress::default());
        self.curves.set(Curves::default());
        self.error.set(None);
    }

    pub fn load_pretrained(self) {
        self.end_run();
        if self.load_pretrained_now() {
            leptos::task::spawn_local(self.look_inside());
        }
    }

    pub fn fresh(self) {
        self.end_run();
        let seed = self.settings.with_untracked(|s| s.seed);
        let m = MnistCnn::new(seed, &self.device());
        self.install(m, Origin::Fresh(seed));
        leptos::task::spawn_local(async move {
            self.save_snapshot().await;
            self.look_inside().await;
        });
    }

    /// Loads an uploaded weights file into a copy of the network; a bad file leaves it as it was.
    pub fn upload(self, name: String, bytes: Vec<u8>) {
        leptos::task::spawn_local(async move {
            let Some((mut m, generation)) = self.take().await else {
                return;
            };
            let result = m.load(&bytes);
            self.put(m, generation);
            if !self.alive() {
                return;
            }
            match result {
                Ok(()) => {
                    self.end_run();
                    self.model.invalidate();
                    self.origin.set(Origin::Uploaded(name.clone()));
                    self.notice
                        .set(Some(format!("{}{name}", self.say(text::UPLOADED))));
                    self.snapshot.set_value(Some(bytes));
                    self.look_inside().await;
                }
                Err(e) => self.error.set(Some(format!(
                    "{}{}",
                    self.say(text::UPLOAD_FAILED),
                    self.cnn_message(&e)
                ))),
            }
        });
    }

    /// The current weights as a file.
    pub async fn weights_file(self) -> Result<Vec<u8>, String> {
        let (m, generation) = self.take().await.ok_or("busy")?;
        let bytes = m.save().await;
        self.put(m, generation);
        bytes.map_err(|e| self.cnn_message(&e))
    }

    /// Keeps the weights on the host, so a lost GPU can be recovered from.
    pub async fn save_snapshot(self) {
        if let Ok(bytes) = self.weights_file().await {
            self.snapshot.try_set_value(Some(bytes));
        }
    }

    /// Moves the network to the backend now selected, keeping its weights (Adam restarts).
    /// After a GPU failure the saved snapshot is used, as the GPU copy may be gone.
    pub fn move_to(self, kind: BackendKind, after_failure: bool) {
        if self.on.get_value() == kind && !after_failure {
            return;
        }
        let was_running = self.run.get_untracked() == RunState::Running;
        if was_running {
            self.pause();
        }
        leptos::task::spawn_local(async move {
            let bytes = if after_failure {
                None
            } else {
                self.weights_file().await.ok()
            };
            if !self.alive() {
                return;
            }
            let Some(bytes) = bytes.or_else(|| self.snapshot.get_value()) else {
                return;
            };
            self.on.set_value(kind);
            let mut m = MnistCnn::new(0, &self.device());
            if let Err(e) = m.load(&bytes) {
                self.error.set(Some(self.cnn_message(&e)));
                return;
            }
            m.continue_count(self.steps.get_untracked());
            let origin = self.origin.get_untracked();
            self.install(m, origin);
            self.look_inside().await;
            if was_running && !after_failure {
                self.resume();
            }
        });
    }

    /// A GPU failure: move to the CPU with the last saved weights and say so.
    pub fn gpu_failed(self, message: String) {
        self.pause();
        self.error
            .set(Some(format!("{}{message}", self.say(text::GPU_FAILED))));
        if self.backend.kind.get_untracked() == BackendKind::WebGpu {
            self.backend.select(BackendKind::Cpu);
        }
        self.move_to(BackendKind::Cpu, true);
    }

    /// Scores `indices` of the held-out set a slice per frame.
    pub async fn evaluate(self, indices: &[usize]) -> Result<Evaluation, String> {
        let data = self.data().ok_or_else(|| self.say(text::LOADING_DATA))?;
        let mut all = Evaluation::empty();
        for chunk in indices.chunks(EVAL_SLICE) {
            let (m, generation) = self.take().await.ok_or("busy")?;
            let part = m.evaluate(&data, chunk).await;
            self.put(m, generation);
            if !self.alive() {
                return Err("the page was left".into());
            }
            all.append(part.map_err(|e| self.cnn_message(&e))?);
            next_frame().await;
        }
        Ok(all)
    }

    /// The full held-out report, the filters and the chosen digit's feature maps.
    pub async fn look_inside(self) {
        if !self.alive() {
            return;
        }
        self.evaluating.set(true);
        // The drawing's probabilities belong to the network now installed.
        if let Some(image) = self.drawn.get_untracked() {
            self.classify(Some(image));
        }
        self.refresh_filters().await;
        self.refresh_maps().await;
        if !self.alive() {
            return;
        }
        if self.data().is_none() {
            self.evaluating.set(false);
            return;
        }
        let held = self.held_out();
        let evaluated = self.evaluate(&held).await;
        if !self.alive() {
            return;
        }
        match evaluated {
            Ok(e) => self.report.set(Some(HeldOutReport {
                steps: self.steps.get_untracked(),
                loss: e.loss(),
                accuracy: e.accuracy(),
                confusion: e.confusion(),
                worst: e.worst(WORST_SHOWN),
            })),
            Err(e) => self.error.set(Some(e)),
        }
        self.report_seq.update(|n| *n += 1);
        self.evaluating.set(false);
    }

    pub async fn refresh_filters(self) {
        if !self.alive() {
            return;
        }
        let Some((m, generation)) = self.take().await else {
            return;
        };
        let f = m.filters().await;
        self.put(m, generation);
        if !self.alive() {
            return;
        }
        match f {
            Ok(f) => self.filters.set(Some(f)),
            Err(e) => self.error.set(Some(self.cnn_message(&e))),
        }
    }

    /// Held-out digit `digit` (0-based among the held-out set): its 784 pixels and its label,
    /// once the digits are loaded.
    pub fn held_out_digit(self, digit: usize) -> Option<(Vec<f32>, u8)> {
        let data = self.data()?;
        let index = self.split.with_value(|s| s.1.get(digit).copied())?;
        let (pixels, labels) = data.batch(&[index]);
        Some((pixels, *labels.first()?))
    }

    /// The image whose maps are shown: the drawn digit or the chosen held-out digit.
    fn maps_image(self) -> Option<Vec<f32>> {
        match self.maps_source.get_untracked() {
            MapsSource::Drawn => self.drawn.get_untracked(),
            MapsSource::HeldOut => self
                .held_out_digit(self.settings.with_untracked(|s| s.digit))
                .map(|(pixels, _)| pixels),
        }
    }

    pub async fn refresh_maps(self) {
        if !self.alive() {
            return;
        }
        let Some(image) = self.maps_image() else {
            self.maps.set(None);
            return;
        };
        let Some((m, generation)) = self.take().await else {
            return;
        };
        let maps = m.feature_maps(&image).await;
        self.put(m, generation);
        if !self.alive() {
            return;
        }
        match maps {
            Ok(maps) => self.maps.set(Some(maps)),
            Err(e) => self.error.set(Some(self.cnn_message(&e))),
        }
    }

    /// Shows the feature maps of held-out digit `digit` (0-based among the held-out set).
    pub fn show_digit(self, digit: usize) {
        self.settings.update(|s| s.digit = digit);
        self.maps_source.set(MapsSource::HeldOut);
        self.write_link();
        leptos::task::spawn_local(self.refresh_maps());
    }

    /// Classifies the drawn digit (already preprocessed) and, if shown, its feature maps.
    pub fn classify(self, image: Option<Vec<f32>>) {
        self.drawn.set(image.clone());
        let Some(image) = image else {
            self.probabilities.set(None);
            return;
        };
        leptos::task::spawn_local(async move {
            let Some((m, generation)) = self.take().await else {
                return;
            };
            let p = m.predict(&image).await;
            self.put(m, generation);
            if !self.alive() {
                return;
            }
            match p {
                Ok(p) => self.probabilities.set(p.first().copied()),
                Err(e) => self.error.set(Some(self.cnn_message(&e))),
            }
            if self.maps_source.get_untracked() == MapsSource::Drawn {
                self.refresh_maps().await;
            }
        });
    }
}
