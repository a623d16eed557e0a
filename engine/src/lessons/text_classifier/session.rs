//! One training run as the page shows it: the generated sentences split into training and
//! held-out sets, a classifier trained a batch at a time, and both sets evaluated every few
//! steps for the curves. Everything follows from the settings, so a link replays the run.

use burn::prelude::*;

use super::TextError;
use super::batch::Batch;
use super::classifier::{Classifier, Evaluation, Prediction};
use super::data::{Sentence, generate};
use super::net::ModelConfig;
use super::settings::TextSettings;
use crate::i18n::Text;

/// 003 §5.2's `batch_size = 32`.
pub const BATCH_SIZE: usize = 32;
/// Share of the sentences held out of training, in percent.
pub const HELD_OUT_PCT: usize = 20;
/// The curves get a point every this many steps (and at step 0).
pub const EVAL_EVERY: usize = 5;
/// Sentences of each set evaluated for a curve point: enough for a steady accuracy, few
/// enough for an emulated GPU to keep up.
pub const EVAL_CAP: usize = 500;
/// Longest sentence a learner may type, in characters (the models read `MAX_LEN` tokens).
pub const MAX_SENTENCE_CHARS: usize = 200;

/// Both sets evaluated at one step.
#[derive(Clone, Debug, PartialEq)]
pub struct Checkpoint {
    pub step: usize,
    pub train: Evaluation,
    pub test: Evaluation,
}

pub struct Session {
    pub settings: TextSettings,
    pub classifier: Classifier,
    pub train: Vec<Sentence>,
    pub test: Vec<Sentence>,
    train_eval: Batch,
    test_eval: Batch,
    /// Index in `train` of the next batch's first sentence.
    cursor: usize,
    /// Full passes over the training set completed.
    pub epochs: usize,
}

/// Refuses a typed sentence that is too long to be a sentence (the page keeps the last result).
pub fn check_sentence(text: &str) -> Result<(), TextError> {
    if text.chars().count() > MAX_SENTENCE_CHARS {
        return Err(TextError::User(Text::new(
            "句子太长：最多 200 个字符（模型只读前 8 个词）。",
            "The sentence is too long: at most 200 characters (the models read the first 8 words).",
        )));
    }
    Ok(())
}

impl Session {
    /// Generates the sentences, holds out `HELD_OUT_PCT` % of them (at least one) and builds
    /// the model with weights from the same seed.
    pub fn new(settings: &TextSettings, device: &Device) -> Result<Session, TextError> {
        let data = generate(settings.keyword, settings.size, settings.seed)?;
        let held_out = (data.len() * HELD_OUT_PCT / 100).max(1);
        let (test, train) = data.split_at(held_out);
        let classifier = Classifier::new(ModelConfig::new(settings.model), settings.seed, device)?;
        let vocab = &classifier.vocab;
        let cap = |s: &[Sentence]| Batch::new(vocab, &s[..s.len().min(EVAL_CAP)]);
        Ok(Session {
            train_eval: cap(train),
            test_eval: cap(test),
            settings: settings.clone(),
            train: train.to_vec(),
            test: test.to_vec(),
            classifier,
            cursor: 0,
            epochs: 0,
        })
    }

    pub fn steps(&self) -> usize {
        self.classifier.steps
    }

    /// Sentences of each set the curves are computed on.
    pub fn evaluated(&self) -> (usize, usize) {
        (self.train_eval.rows(), self.test_eval.rows())
    }

    /// One Adam step on the next `BATCH_SIZE` training sentences, in order, the last batch of
    /// an epoch shorter; returns that batch's loss before the step.
    pub async fn step(&mut self) -> Result<f64, TextError> {
        let end = (self.cursor + BATCH_SIZE).min(self.train.len());
        let batch = Batch::new(&self.classifier.vocab, &self.train[self.cursor..end]);
        let loss = self.classifier.train_step(&batch, self.settings.lr).await?;
        self.cursor = end;
        if self.cursor >= self.train.len() {
            self.cursor = 0;
            self.epochs += 1;
        }
        Ok(loss)
    }

    /// Whether the curves want a point at the current step.
    pub fn checkpoint_due(&self) -> bool {
        self.steps().is_multiple_of(EVAL_EVERY)
    }

    /// Loss and accuracy on (up to `EVAL_CAP` sentences of) both sets.
    pub async fn checkpoint(&self) -> Result<Checkpoint, TextError> {
        Ok(Checkpoint {
            step: self.steps(),
            train: self.classifier.evaluate(&self.train_eval).await?,
            test: self.classifier.evaluate(&self.test_eval).await?,
        })
    }

    /// Classifies a typed sentence (empty and over-long ones are errors).
    pub async fn predict(&self, text: &str) -> Result<Prediction, TextError> {
        check_sentence(text)?;
        self.classifier.predict(text).await
    }

    /// Whether a typed sentence contains the keyword (every token, also those past `MAX_LEN`):
    /// the label the generator would give it.
    pub fn truth(&self, text: &str) -> bool {
        let keyword = self.settings.keyword;
        self.classifier
            .vocab
            .tokenize(text)
            .iter()
            .any(|t| t.text == keyword)
    }
}
