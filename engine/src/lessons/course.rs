//! The course map: the registry's lessons in their groups, what the learner has done in each
//! (kept by the page in localStorage as text), and which lesson to start with.

use crate::lessons::registry::{Group, PageInfo, lessons};

/// The lessons of the course, group by group in learning order (the registry's order).
pub fn course() -> Vec<(Group, Vec<&'static PageInfo>)> {
    let mut groups: Vec<(Group, Vec<&'static PageInfo>)> = Vec::new();
    for page in lessons() {
        match groups.last_mut() {
            Some((group, pages)) if *group == page.group => pages.push(page),
            _ => groups.push((page.group, vec![page])),
        }
    }
    groups
}

/// What the learner has done in one lesson.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub visited: bool,
    /// The most steps revealed at once (step-throughs), out of `steps`.
    pub revealed: u32,
    /// How many steps the lesson had then (0: not a step-through, or never stepped).
    pub steps: u32,
}

impl Progress {
    /// The progress after the learner has `revealed` of `steps` steps on screen: the most ever
    /// revealed is kept; a lesson whose step count changed (new settings) starts counting anew.
    pub fn with_steps(self, revealed: usize, steps: usize) -> Progress {
        let revealed = u32::try_from(revealed).unwrap_or(u32::MAX);
        let steps = u32::try_from(steps).unwrap_or(u32::MAX);
        let revealed = revealed.min(steps);
        Progress {
            visited: true,
            revealed: if steps == self.steps {
                self.revealed.max(revealed)
            } else {
                revealed
            },
            steps,
        }
    }

    /// `visited` alone, or `steps:revealed/total`: what the page stores.
    pub fn to_text(&self) -> String {
        match (self.visited, self.steps) {
            (false, _) => String::new(),
            (true, 0) => "visited".to_string(),
            (true, n) => format!("steps:{}/{n}", self.revealed),
        }
    }

    /// Reads [`Progress::to_text`]. Anything else (an old format, an edited or corrupt entry)
    /// counts as not visited rather than failing the page.
    pub fn from_text(text: &str) -> Progress {
        let text = text.trim();
        if text == "visited" {
            return Progress {
                visited: true,
                ..Progress::default()
            };
        }
        let parsed = text.strip_prefix("steps:").and_then(|rest| {
            let (revealed, steps) = rest.split_once('/')?;
            Some((revealed.parse::<u32>().ok()?, steps.parse::<u32>().ok()?))
        });
        match parsed {
            Some((revealed, steps)) if steps > 0 && revealed <= steps => Progress {
                visited: true,
                revealed,
                steps,
            },
            _ => Progress::default(),
        }
    }
}

/// The first lesson in course order the learner has not visited; `None` once all are.
pub fn start_here(visited: impl Fn(&str) -> bool) -> Option<&'static str> {
    lessons()
        .filter(|p| p.live)
        .map(|p| p.id)
        .find(|id| !visited(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::registry::{PAGES, find};

    #[test]
    fn groups_follow_the_learning_order_and_hold_every_lesson_once() {
        let groups: Vec<Group> = course().iter().map(|(g, _)| *g).collect();
        assert_eq!(
            groups,
            [
                Group::NeuronAndLoss,
                Group::GradientDescent,
                Group::Backpropagation,
                Group::Networks,
                Group::Convolution,
                Group::AttentionAndText,
            ],
            "each group once, in the course's order"
        );
        let mut ids: Vec<&str> = course()
            .iter()
            .flat_map(|(_, pages)| pages.iter().map(|p| p.id))
            .collect();
        ids.sort_unstable();
        let mut expected: Vec<&str> = PAGES
            .iter()
            .filter(|p| p.group != Group::Playground)
            .map(|p| p.id)
            .collect();
        expected.sort_unstable();
        assert_eq!(ids, expected);
    }

    #[test]
    fn each_group_comes_first_with_its_easiest_lesson() {
        let firsts: Vec<&str> = course().iter().map(|(_, p)| p[0].id).collect();
        // The one-neuron loss before the two-class softmax; plain gradient descent on a line
        // before the optimisers' race; the hand-sized network before the 3-5-2 one; XOR's
        // single-layer failure before the Keras training run.
        assert_eq!(
            firsts,
            [
                "bce",
                "linreg-gd",
                "mlp-step",
                "xor",
                "mnist-cnn",
                "attention"
            ]
        );
    }

    #[test]
    fn every_article_reference_pairs_each_article_with_a_section() {
        for p in PAGES.iter().filter(|p| !p.article.is_empty()) {
            assert_eq!(
                p.article.split(" / ").count(),
                p.section.split(" / ").count(),
                "{}: one section per article (the home page pairs them)",
                p.id
            );
        }
    }

    #[test]
    fn progress_survives_its_text() {
        for p in [
            Progress::default(),
            Progress {
                visited: true,
                ..Progress::default()
            },
            Progress::default().with_steps(3, 12),
            Progress::default().with_steps(12, 12),
        ] {
            assert_eq!(Progress::from_text(&p.to_text()), p, "{p:?}");
        }
    }

    #[test]
    fn corrupt_progress_reads_as_not_visited() {
        for text in [
            "",
            "steps:",
            "steps:5",
            "steps:7/5",
            "steps:-1/4",
            "steps:1/0",
            "steps:a/b",
            "seen",
        ] {
            assert_eq!(Progress::from_text(text), Progress::default(), "{text:?}");
        }
    }

    #[test]
    fn the_most_steps_revealed_are_kept_until_the_lesson_changes_length() {
        let p = Progress::default().with_steps(5, 12).with_steps(2, 12);
        assert_eq!(
            (p.revealed, p.steps),
            (5, 12),
            "stepping back keeps the best"
        );
        let p = p.with_steps(1, 20);
        assert_eq!((p.revealed, p.steps), (1, 20), "new settings, new count");
        let p = Progress::default().with_steps(30, 12);
        assert_eq!(p.revealed, 12, "never more than all");
    }

    #[test]
    fn start_here_is_the_first_lesson_not_yet_visited() {
        assert_eq!(start_here(|_| false), Some("bce"));
        assert_eq!(start_here(|id| id == "bce"), Some("softmax-ce"));
        // Visiting out of order: the first gap counts.
        assert_eq!(
            start_here(|id| id != "linreg-gd"
                && find(id).is_some_and(|p| p.group < Group::Backpropagation)),
            Some("linreg-gd")
        );
        assert_eq!(start_here(|_| true), None);
    }
}
