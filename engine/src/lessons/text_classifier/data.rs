//! The task of article 001 §5.4: does a sentence contain a given keyword? A seeded generator
//! writes short Chinese and English sentences from small word lists of our own; exactly half of
//! them contain the keyword.

use crate::base::rng::SplitMix64;
use crate::i18n::{Lang, Text};

use super::TextError;

/// One slot of the sentence template: optional slots appear in half the sentences.
pub struct Slot {
    pub optional: bool,
    pub zh: &'static [&'static str],
    pub en: &'static [&'static str],
}

impl Slot {
    pub fn words(&self, lang: Lang) -> &'static [&'static str] {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// [time] subject [adverb] verb object. No Chinese word contains another, so a greedy
/// longest match splits the written sentence back into exactly these words.
pub const SLOTS: [Slot; 5] = [
    Slot {
        optional: true,
        zh: &["今天", "昨天", "周末"],
        en: &["today", "yesterday", "sometimes"],
    },
    Slot {
        optional: false,
        zh: &["我", "你", "他", "她", "小明", "老师"],
        en: &["i", "you", "he", "she", "tom", "anna"],
    },
    Slot {
        optional: true,
        zh: &["也", "常常", "不"],
        en: &["also", "often", "never"],
    },
    Slot {
        optional: false,
        zh: &["喜欢", "看", "吃", "买", "写", "读"],
        en: &["like", "watch", "eat", "buy", "write", "read"],
    },
    Slot {
        optional: false,
        zh: &["苹果", "书", "电影", "音乐", "米饭", "信"],
        en: &["apples", "books", "movies", "music", "rice", "letters"],
    },
];

/// Bounds on the dataset size the learner may ask for.
pub const MIN_SIZE: usize = 2;
pub const MAX_SIZE: usize = 5000;

/// Every vocabulary word with its language and template slot, Chinese first.
pub fn all_words() -> Vec<(&'static str, Lang, usize)> {
    let mut out = vec![];
    for lang in [Lang::Zh, Lang::En] {
        for (s, slot) in SLOTS.iter().enumerate() {
            out.extend(slot.words(lang).iter().map(|&w| (w, lang, s)));
        }
    }
    out
}

/// A generated sentence: its words in order, its language and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    pub lang: Lang,
    pub words: Vec<&'static str>,
    /// 1 when the keyword occurs.
    pub label: u8,
}

impl Sentence {
    /// The sentence as a person writes it: Chinese without spaces, English with.
    pub fn text(&self) -> String {
        match self.lang {
            Lang::Zh => self.words.concat(),
            Lang::En => self.words.join(" "),
        }
    }
}

fn pick(rng: &mut SplitMix64, n: usize) -> usize {
    // n ≤ 5000, so the modulo bias of a 64-bit draw is below 1e-15.
    (rng.next_u64() % n as u64) as usize
}

fn sentence(rng: &mut SplitMix64, lang: Lang, keyword: &str, want: bool) -> Sentence {
    let mut words = vec![];
    for slot in &SLOTS {
        let choices: Vec<&'static str> = slot.words(lang).to_vec();
        if let Some(&key) = choices.iter().find(|w| want && **w == keyword) {
            words.push(key);
            continue;
        }
        if slot.optional && rng.next_u64() & 1 == 0 {
            continue;
        }
        let pool: Vec<&'static str> = choices.into_iter().filter(|w| *w != keyword).collect();
        words.push(pool[pick(rng, pool.len())]);
    }
    Sentence {
        lang,
        words,
        label: u8::from(want),
    }
}

/// `size` sentences, ⌊size/2⌋ of them with the keyword, in a seeded random order. Positive
/// sentences are in the keyword's language; the others in either language, half and half.
pub fn generate(keyword: &str, size: usize, seed: u64) -> Result<Vec<Sentence>, TextError> {
    let Some((_, key_lang, _)) = all_words().into_iter().find(|(w, _, _)| *w == keyword) else {
        return Err(TextError::User(Text::new(
            "关键词必须是词表里的词。",
            "The keyword must be a word of the vocabulary.",
        )));
    };
    if !(MIN_SIZE..=MAX_SIZE).contains(&size) {
        return Err(TextError::User(Text::new(
            "数据集大小必须在 2 到 5000 之间。",
            "The dataset size must be between 2 and 5000.",
        )));
    }
    let mut rng = SplitMix64::new(seed);
    let mut labels: Vec<bool> = (0..size).map(|i| i < size / 2).collect();
    // Fisher–Yates: the positives land at seeded random places.
    for i in (1..size).rev() {
        labels.swap(i, pick(&mut rng, i + 1));
    }
    Ok(labels
        .into_iter()
        .map(|want| {
            let lang = if want || rng.next_u64() & 1 == 0 {
                key_lang
            } else {
                match key_lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                }
            };
            sentence(&mut rng, lang, keyword, want)
        })
        .collect())
}
