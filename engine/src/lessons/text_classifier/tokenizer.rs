//! Words to ids and back. English splits on anything that is not a letter or digit and is
//! lower-cased; Chinese, written without spaces, is split by greedy longest match against the
//! vocabulary, and a character no word starts with becomes `<unk>` on its own.

use crate::i18n::Text;

use super::TextError;
use super::data::all_words;

pub const PAD: usize = 0;
pub const UNK: usize = 1;
pub const PAD_WORD: &str = "<pad>";
pub const UNK_WORD: &str = "<unk>";
/// Tokens a sentence is padded or truncated to (the generator writes at most 5).
pub const MAX_LEN: usize = 8;

/// One token of a typed sentence: the text it came from and its id.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub text: String,
    pub id: usize,
}

/// A sentence as the models read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Encoded {
    /// The tokens kept (at most `MAX_LEN`).
    pub tokens: Vec<Token>,
    /// Tokens dropped from the end because the sentence was longer than `MAX_LEN`.
    pub dropped: usize,
}

impl Encoded {
    pub fn ids(&self) -> Vec<usize> {
        self.tokens.iter().map(|t| t.id).collect()
    }
}

/// `<pad>`, `<unk>`, then every word of both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct Vocab {
    words: Vec<&'static str>,
    /// Longest Chinese word in characters, the window of the greedy match.
    longest_zh: usize,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab::new()
    }
}

impl Vocab {
    pub fn new() -> Vocab {
        let all = all_words();
        let longest_zh = all
            .iter()
            .filter(|(w, _, _)| !w.is_ascii())
            .map(|(w, _, _)| w.chars().count())
            .max()
            .unwrap_or(1);
        let mut words = vec![PAD_WORD, UNK_WORD];
        words.extend(all.into_iter().map(|(w, _, _)| w));
        Vocab { words, longest_zh }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn words(&self) -> &[&'static str] {
        &self.words
    }

    /// The id of a word (not `<pad>` or `<unk>` themselves: typed, those are unknown text).
    pub fn id(&self, word: &str) -> Option<usize> {
        self.words
            .iter()
            .skip(2)
            .position(|w| *w == word)
            .map(|i| i + 2)
    }

    /// The word of an id; `<unk>` for ids outside the vocabulary.
    pub fn word(&self, id: usize) -> &'static str {
        self.words.get(id).copied().unwrap_or(UNK_WORD)
    }

    /// Every token of `text`, however long.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = vec![];
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_alphanumeric() {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect::<String>().to_lowercase();
                let id = self.id(&word).unwrap_or(UNK);
                out.push(Token { text: word, id });
            } else if c.is_alphanumeric() {
                // Longest vocabulary word starting here, else this one character.
                let max = self.longest_zh.min(chars.len() - i);
                let found = (1..=max).rev().find_map(|n| {
                    let w: String = chars[i..i + n].iter().collect();
                    self.id(&w).map(|id| (n, w, id))
                });
                let (n, text, id) = found.unwrap_or((1, c.to_string(), UNK));
                out.push(Token { text, id });
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// The tokens the models read: at most `MAX_LEN`, the rest dropped; an error when the text
    /// has no word at all.
    pub fn encode(&self, text: &str) -> Result<Encoded, TextError> {
        let mut tokens = self.tokenize(text);
        if tokens.is_empty() {
            return Err(TextError::User(Text::new(
                "句子是空的：请输入至少一个词。",
                "The sentence is empty: type at least one word.",
            )));
        }
        let dropped = tokens.len().saturating_sub(MAX_LEN);
        tokens.truncate(MAX_LEN);
        Ok(Encoded { tokens, dropped })
    }

    /// The words of some ids, `<pad>` left out.
    pub fn decode(&self, ids: &[usize]) -> Vec<&'static str> {
        ids.iter()
            .filter(|&&id| id != PAD)
            .map(|&id| self.word(id))
            .collect()
    }
}

/// `ids` padded at the front to `MAX_LEN` (as Keras' `pad_sequences` does by default), so the
/// last time step is always the last real token; longer input keeps its first `MAX_LEN` ids.
pub fn pad(ids: &[usize]) -> Vec<usize> {
    let kept = &ids[..ids.len().min(MAX_LEN)];
    let mut out = vec![PAD; MAX_LEN - kept.len()];
    out.extend_from_slice(kept);
    out
}
