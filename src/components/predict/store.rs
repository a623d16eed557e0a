//! Predict mode's memory: on/off, and each lesson's score.

use engine::predict::Score;

use crate::prefs;

const ON_KEY: &str = "backprop-lab.predict.on";

fn score_key(lesson: &str) -> String {
    format!("backprop-lab.predict.score.{lesson}")
}

pub fn load_score(lesson: &str) -> Score {
    prefs::read(&score_key(lesson))
        .map(|t| Score::from_text(&t))
        .unwrap_or_default()
}

pub fn save_score(lesson: &str, score: Score) {
    prefs::write(&score_key(lesson), &score.to_text());
}

pub fn clear_score(lesson: &str) {
    prefs::remove(&score_key(lesson));
}

pub fn load_on() -> bool {
    prefs::read(ON_KEY).is_some_and(|v| v == "1")
}

pub fn save_on(on: bool) {
    prefs::write(ON_KEY, if on { "1" } else { "0" });
}
