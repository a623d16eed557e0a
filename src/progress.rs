//! Each lesson's progress (visited, steps revealed), kept for the home page's course map.

use engine::lessons::course::Progress;

use crate::prefs;

fn key(lesson: &str) -> String {
    format!("backprop-lab.progress.{lesson}")
}

pub fn load(lesson: &str) -> Progress {
    prefs::read(&key(lesson))
        .map(|t| Progress::from_text(&t))
        .unwrap_or_default()
}

fn save(lesson: &str, progress: Progress) {
    prefs::write(&key(lesson), &progress.to_text());
}

/// The learner opened the lesson's page.
pub fn mark_visited(lesson: &str) {
    let p = load(lesson);
    if !p.visited {
        save(lesson, Progress { visited: true, ..p });
    }
}

/// The learner has `revealed` of the lesson's `steps` steps on screen.
pub fn record_steps(lesson: &str, revealed: usize, steps: usize) {
    let p = load(lesson);
    let next = p.with_steps(revealed, steps);
    if next != p {
        save(lesson, next);
    }
}
