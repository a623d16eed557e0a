//! `NAME=VALUE` assignments, shared by the `trace --set` flag and the URL hash.

use super::number::InputError;

/// Splits `NAME=VALUE`, trimming both sides.
pub fn split_assignment(text: &str) -> Result<(&str, &str), InputError> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| InputError::Malformed(text.chars().take(60).collect()))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(InputError::Malformed(text.chars().take(60).collect()));
    }
    Ok((name, value.trim()))
}

/// A lesson whose state is a table of named settings.
pub trait Settings: Clone {
    /// Every name, in a stable order (the order of the URL hash).
    fn names(&self) -> Vec<String>;
    /// Sets one value from text; on error nothing changes.
    fn set(&mut self, name: &str, value: &str) -> Result<(), InputError>;
    /// The current value as text that `set` accepts back unchanged.
    fn get(&self, name: &str) -> Option<String>;

    /// Applies `NAME=VALUE` assignments in order, stopping at the first bad one.
    fn apply_all<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), InputError> {
        let mut next = self.clone();
        for item in items {
            let (name, value) = split_assignment(item)?;
            next.set(name, value)?;
        }
        *self = next;
        Ok(())
    }
}
