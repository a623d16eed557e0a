//! A lesson's prediction score, kept by the page in localStorage as short text.

use super::judge::Verdict;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    pub right: u32,
    pub close: u32,
    pub wrong: u32,
}

impl Score {
    pub fn record(&mut self, verdict: Verdict) {
        let n = match verdict {
            Verdict::Right => &mut self.right,
            Verdict::Close => &mut self.close,
            Verdict::Wrong => &mut self.wrong,
        };
        *n = n.saturating_add(1);
    }

    pub fn total(&self) -> u32 {
        self.right
            .saturating_add(self.close)
            .saturating_add(self.wrong)
    }

    /// `right,close,wrong`, what the page stores.
    pub fn to_text(&self) -> String {
        format!("{},{},{}", self.right, self.close, self.wrong)
    }

    /// Reads [`Score::to_text`]; anything else (an old format, an edited or corrupt entry)
    /// starts a fresh score rather than failing the page.
    pub fn from_text(text: &str) -> Score {
        let parts: Vec<Option<u32>> = text.split(',').map(|p| p.trim().parse().ok()).collect();
        match parts.as_slice() {
            [Some(right), Some(close), Some(wrong)] => Score {
                right: *right,
                close: *close,
                wrong: *wrong,
            },
            _ => Score::default(),
        }
    }
}
