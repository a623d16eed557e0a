//! A lesson's settings: each named number (or choice) with its default, its range and the
//! group the form shows it in. `Values` holds the current numbers and reads/writes them by name,
//! which the form, the URL hash and `trace --set` all use.

use crate::i18n::Text;
use crate::state::number::{InputError, parse_number};
use crate::state::setting::Settings;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SettingSpec {
    /// The name in links and in `trace --set`, e.g. `w`, `W1[0][1]`, `y[2]`.
    pub name: &'static str,
    pub default: f64,
    /// Accepted range (inclusive). Numbers outside it are refused with a message.
    pub min: f64,
    pub max: f64,
    /// True when the lower bound itself is refused (a learning rate of 0, say).
    pub min_exclusive: bool,
    /// Form group (e.g. "inputs", "weights", "training").
    pub group: Text,
    /// Non-empty for a choice: the value is the index of the chosen name.
    pub choices: &'static [&'static str],
    /// What the form shows for each choice, in the learner's language (links and
    /// `trace --set` keep the names). Empty: the form shows the names.
    pub choice_labels: &'static [Text],
    /// True for whole numbers (seeds, epochs, head counts).
    pub integer: bool,
    /// Hidden settings are state, not input: optimiser moments and step counters. They travel
    /// in links (a link reproduces a run mid-way) but the form does not show them.
    pub hidden: bool,
}

impl SettingSpec {
    /// A number with a range, in a group.
    pub const fn number(name: &'static str, default: f64, min: f64, max: f64, group: Text) -> Self {
        SettingSpec {
            name,
            default,
            min,
            max,
            min_exclusive: false,
            group,
            choices: &[],
            choice_labels: &[],
            integer: false,
            hidden: false,
        }
    }

    /// A number that must stay above `min` (learning rates, ε).
    pub const fn positive(
        name: &'static str,
        default: f64,
        min: f64,
        max: f64,
        group: Text,
    ) -> Self {
        let mut s = SettingSpec::number(name, default, min, max, group);
        s.min_exclusive = true;
        s
    }

    pub const fn integer(
        name: &'static str,
        default: f64,
        min: f64,
        max: f64,
        group: Text,
    ) -> Self {
        let mut s = SettingSpec::number(name, default, min, max, group);
        s.integer = true;
        s
    }

    /// A choice among names; `default` is the index of the default choice.
    pub const fn choice(
        name: &'static str,
        default: usize,
        choices: &'static [&'static str],
        group: Text,
    ) -> Self {
        let mut s = SettingSpec::number(name, default as f64, 0.0, 0.0, group);
        s.choices = choices;
        s.integer = true;
        s
    }

    /// The words the form shows for the choices, one per choice, in the same order.
    pub const fn labelled(mut self, labels: &'static [Text]) -> Self {
        self.choice_labels = labels;
        self
    }

    /// What the form shows for choice `i`: its label, or its name.
    pub fn choice_label(&self, i: usize, lang: crate::i18n::Lang) -> &'static str {
        match self.choice_labels.get(i) {
            Some(t) => t.get(lang),
            None => self.choices.get(i).copied().unwrap_or("?"),
        }
    }

    pub const fn hidden(mut self) -> Self {
        self.hidden = true;
        self
    }

    pub fn is_choice(&self) -> bool {
        !self.choices.is_empty()
    }

    /// Parses and validates text for this setting.
    pub fn parse(&self, text: &str) -> Result<f64, InputError> {
        if self.is_choice() {
            let t = text.trim().to_ascii_lowercase();
            return self
                .choices
                .iter()
                .position(|c| *c == t)
                .map(|i| i as f64)
                .ok_or(InputError::NotAChoice {
                    choices: self.choices.to_vec(),
                });
        }
        let v = parse_number(text)?;
        let below = if self.min_exclusive {
            v <= self.min
        } else {
            v < self.min
        };
        if below || v > self.max || (self.integer && v.fract() != 0.0) {
            return Err(InputError::OutOfRange {
                min: self.min,
                max: self.max,
            });
        }
        Ok(v)
    }

    /// The value as text that [`SettingSpec::parse`] reads back unchanged.
    pub fn format(&self, v: f64) -> String {
        if self.is_choice() {
            return self
                .choices
                .get(v as usize)
                .copied()
                .unwrap_or("?")
                .to_string();
        }
        // `{}` on f64 prints the shortest text that parses back to the same number.
        format!("{v}")
    }
}

/// The current value of every setting of one lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Values {
    pub specs: &'static [SettingSpec],
    pub values: Vec<f64>,
}

impl Values {
    pub fn defaults(specs: &'static [SettingSpec]) -> Values {
        Values {
            specs,
            values: specs.iter().map(|s| s.default).collect(),
        }
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.specs.iter().position(|s| s.name == name)
    }

    pub fn spec(&self, name: &str) -> Option<&'static SettingSpec> {
        self.specs.iter().find(|s| s.name == name)
    }

    /// The value of a setting the lesson itself defined. Panics on a name the lesson never
    /// declared: that is a bug in the lesson, caught by its tests, never user input.
    pub fn get(&self, name: &str) -> f64 {
        match self.index(name) {
            Some(i) => self.values[i],
            None => panic!("lesson reads an undeclared setting “{name}”"),
        }
    }

    /// A choice's name.
    pub fn choice(&self, name: &str) -> &'static str {
        let spec = self.spec(name).expect("declared choice");
        spec.choices[self.get(name) as usize]
    }

    /// Sets a value computed by the lesson (an update, a moment); no range check, so a
    /// diverging run can be shown as it is.
    pub fn put(&mut self, name: &str, v: f64) {
        if let Some(i) = self.index(name) {
            self.values[i] = v;
        }
    }

    /// `x[0]`, `x[1]`, … read as one vector.
    pub fn vector(&self, base: &str, len: usize) -> Vec<f64> {
        (0..len)
            .map(|i| self.get(&format!("{base}[{i}]")))
            .collect()
    }

    /// `W[0][0]`, `W[0][1]`, … read row by row.
    pub fn matrix(&self, base: &str, rows: usize, cols: usize) -> Vec<Vec<f64>> {
        (0..rows)
            .map(|i| {
                (0..cols)
                    .map(|j| self.get(&format!("{base}[{i}][{j}]")))
                    .collect()
            })
            .collect()
    }

    /// True when every number is finite (a diverged run is not).
    pub fn all_finite(&self) -> bool {
        self.values.iter().all(|v| v.is_finite())
    }
}

impl Settings for Values {
    fn names(&self) -> Vec<String> {
        self.specs.iter().map(|s| s.name.to_string()).collect()
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), InputError> {
        let i = self
            .index(name)
            .ok_or_else(|| InputError::UnknownName(name.chars().take(40).collect()))?;
        self.values[i] = self.specs[i].parse(value)?;
        Ok(())
    }

    fn get(&self, name: &str) -> Option<String> {
        let i = self.index(name)?;
        Some(self.specs[i].format(self.values[i]))
    }
}
