//! The training loop: batches until about 12 ms of the frame are used (at least one), a
//! checkpoint on the curves every 1,600 digits, a full held-out report at the end of each
//! epoch. Pause keeps the run's place; stop ends it.

use engine::mnist::PIXELS;
use engine::mnist::schedule::Schedule;
use engine::mnist::{CnnError, StepReport};
use leptos::prelude::*;

use super::state::{MnistState, PROBE, Progress, RunState};
use super::text;
use crate::backend::BackendKind;
use crate::frame::{next_frame, now_ms};
use engine::base::pace::FRAME_BUDGET_MS;

/// Training digits between two points on the curves.
pub const CHECKPOINT_SAMPLES: usize = 1_600;
/// Milliseconds of a frame the loop may use before it yields to the page.
/// Digits per slice of a larger batch: one slice takes well under 100 ms on the CPU.
const SLICE: usize = 32;

/// Sums over the batches since the last checkpoint.
#[derive(Default)]
struct Since {
    loss: f64,
    correct: usize,
    samples: usize,
}

impl MnistState {
    /// Starts a run from the settings, or resumes a paused one.
    pub fn train(self) {
        if self.data().is_none() || self.run.get_untracked() == RunState::Running {
            return;
        }
        if self.run.get_untracked() == RunState::Idle || self.schedule.with_value(Option::is_none) {
            let s = self.settings.get_untracked();
            let train = self.split.with_value(|s| s.0.clone());
            let seed = s.seed ^ self.steps.get_untracked() as u64;
            self.schedule
                .set_value(Some(Schedule::new(&train, s.epochs, s.batch, seed)));
            self.meter.set_value(Default::default());
        }
        self.error.set(None);
        self.notice.set(None);
        self.resume();
    }

    pub fn resume(self) {
        self.loop_token.update_value(|t| *t += 1);
        let token = self.loop_token.get_value();
        self.run.set(RunState::Running);
        leptos::task::spawn_local(self.run_loop(token));
    }

    pub fn pause(self) {
        if self.run.get_untracked() == RunState::Running {
            self.loop_token.update_value(|t| *t += 1);
            self.run.set(RunState::Paused);
            leptos::task::spawn_local(self.save_snapshot());
        }
    }

    /// Ends the run where it is and reports on the held-out digits.
    pub fn stop(self) {
        if self.run.get_untracked() == RunState::Idle {
            return;
        }
        self.loop_token.update_value(|t| *t += 1);
        self.run.set(RunState::Idle);
        self.schedule.set_value(None);
        leptos::task::spawn_local(async move {
            self.save_snapshot().await;
            self.look_inside().await;
        });
    }

    fn current(self, token: u64) -> bool {
        self.loop_token.try_get_value() == Some(token)
    }

    async fn run_loop(self, token: u64) {
        let lr = self.settings.with_untracked(|s| s.lr);
        let mut since = Since::default();
        'frames: while self.current(token) {
            let frame_start = now_ms();
            let speed = self.speed.get_untracked();
            let mut batches = 0;
            loop {
                let Some(planned) = self
                    .schedule
                    .try_update_value(|s| s.as_mut().and_then(Schedule::next_batch))
                    .flatten()
                else {
                    self.finish(token).await;
                    break 'frames;
                };
                let Some(data) = self.data() else {
                    break 'frames;
                };
                let (x, y) = data.batch(&planned.indices);
                let t0 = now_ms();
                let trained = self.train_batch(&x, &y, lr, token).await;
                if !self.alive() {
                    break 'frames;
                }
                let report = match trained {
                    Some(Ok(r)) => r,
                    Some(Err(e)) => {
                        self.gpu_failed(self.cnn_message(&e));
                        break 'frames;
                    }
                    None => break 'frames,
                };
                let dt = now_ms() - t0;
                if !report.loss.is_finite() {
                    self.pause();
                    self.error.set(Some(self.say(text::DIVERGED)));
                    break 'frames;
                }
                self.meter.update_value(|m| m.record(dt, report.samples));
                since.loss += f64::from(report.loss) * report.samples as f64;
                since.correct += report.correct;
                since.samples += report.samples;
                self.show_progress(planned.epoch, planned.batch);
                if since.samples >= CHECKPOINT_SAMPLES || planned.ends_epoch {
                    let s = std::mem::take(&mut since);
                    self.checkpoint(s).await;
                    if planned.ends_epoch && self.alive() {
                        self.look_inside().await;
                    }
                    if !self.current(token) {
                        break 'frames;
                    }
                }
                batches += 1;
                if !speed.wants_more(batches, now_ms() - frame_start) {
                    break;
                }
            }
            next_frame().await;
        }
    }

    /// One Adam step on the batch. Batches larger than [`SLICE`] are trained in slices
    /// (gradient accumulation, the same step) with a frame painted whenever the budget is
    /// spent. `None` when the run or the network changed meanwhile.
    async fn train_batch(
        self,
        x: &[f32],
        y: &[u8],
        lr: f64,
        token: u64,
    ) -> Option<Result<StepReport, CnnError>> {
        if self.on.get_value() == BackendKind::WebGpu && crate::backend::take_simulated_loss() {
            return Some(Err(CnnError::Readback(
                "GPU device lost (simulated)".into(),
            )));
        }
        let (mut m, generation) = self.take().await?;
        if let Err(e) = m.set_lr(lr) {
            self.put(m, generation);
            return Some(Err(e));
        }
        if y.len() <= SLICE {
            let report = m.train_step(x, y).await;
            self.put(m, generation);
            return Some(report);
        }
        let mut batch = m.begin_batch(y.len());
        self.put(m, generation);
        let mut started = now_ms();
        for (xs, ys) in x.chunks(SLICE * PIXELS).zip(y.chunks(SLICE)) {
            if now_ms() - started > FRAME_BUDGET_MS {
                next_frame().await;
                started = now_ms();
            }
            let (m, g) = self.take().await?;
            let result = m.accumulate(&mut batch, xs, ys).await;
            self.put(m, g);
            if g != generation || !self.current(token) {
                return None;
            }
            if let Err(e) = result {
                return Some(Err(e));
            }
        }
        let (mut m, g) = self.take().await?;
        let report = m.apply(batch);
        self.put(m, g);
        (g == generation).then_some(report)
    }

    fn show_progress(self, epoch: usize, batch: usize) {
        let (done, total, epochs, batches) = self.schedule.with_value(|s| match s {
            Some(s) => {
                let (d, t) = s.progress();
                (d, t, s.epochs(), s.batches_per_epoch())
            }
            None => (0, 0, 0, 0),
        });
        let (per_second, seconds_left) = self
            .meter
            .with_value(|m| (m.per_second(), m.seconds_left(total.saturating_sub(done))));
        self.progress.try_set(Progress {
            epoch: epoch + 1,
            epochs,
            batch: batch + 1,
            batches,
            done,
            total,
            per_second,
            seconds_left,
        });
    }

    /// A point on every curve: the batches since the last one, and the probe of held-out digits.
    async fn checkpoint(self, since: Since) {
        let n = since.samples.max(1) as f64;
        let probe: Vec<usize> = self
            .split
            .with_value(|s| s.1.iter().take(PROBE).copied().collect());
        let held = self.evaluate(&probe).await;
        if !self.alive() {
            return;
        }
        self.curves.try_update(|c| {
            c.train_loss.push(since.loss / n);
            c.train_accuracy.push(since.correct as f64 / n);
            if let Ok(e) = &held {
                c.held_loss.push(e.loss());
                c.held_accuracy.push(e.accuracy());
            }
        });
        if let Err(e) = held {
            self.error.try_set(Some(e));
        }
        self.save_snapshot().await;
    }

    async fn finish(self, token: u64) {
        if !self.current(token) {
            return;
        }
        self.run.set(RunState::Idle);
        self.schedule.set_value(None);
        self.notice.set(Some(self.say(text::FINISHED)));
    }
}
