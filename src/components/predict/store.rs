//! Predict mode's memory in localStorage: on/off, and each lesson's score. A page without
//! storage (private mode, blocked) just keeps them for the visit.

use engine::predict::Score;

const ON_KEY: &str = "backprop-lab.predict.on";

fn score_key(lesson: &str) -> String {
    format!("backprop-lab.predict.score.{lesson}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_score(lesson: &str) -> Score {
    storage()
        .and_then(|s| s.get_item(&score_key(lesson)).ok().flatten())
        .map(|t| Score::from_text(&t))
        .unwrap_or_default()
}

pub fn save_score(lesson: &str, score: Score) {
    if let Some(s) = storage() {
        s.set_item(&score_key(lesson), &score.to_text()).ok();
    }
}

pub fn clear_score(lesson: &str) {
    if let Some(s) = storage() {
        s.remove_item(&score_key(lesson)).ok();
    }
}

pub fn load_on() -> bool {
    storage()
        .and_then(|s| s.get_item(ON_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

pub fn save_on(on: bool) {
    if let Some(s) = storage() {
        s.set_item(ON_KEY, if on { "1" } else { "0" }).ok();
    }
}
