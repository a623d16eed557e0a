//! The lesson's state table: the article's setup, and reading/writing it by name.

use crate::lessons::kit::breaks::{self, Break};
use crate::model::mlp221::{LossKind, Mlp221Params};
use crate::state::number::{InputError, parse_in_range, parse_number};
use crate::state::setting::Settings;

/// Article 000 §4.3: x = (1, 2), W¹ = [[1, 2], [3, 4]], b¹ = 0, W²₁ = 1, b² = 0, α = 0.01, sigmoid
/// everywhere, binary cross-entropy. The article never gives W²₂: it computes z² from a¹₁ alone,
/// which is W²₂ = 0. Its δ² uses y₂ = 1, so the label is 1.
pub fn article_params() -> Mlp221Params {
    Mlp221Params {
        x: [1.0, 2.0],
        y: 1.0,
        w1: [[1.0, 2.0], [3.0, 4.0]],
        b1: [0.0, 0.0],
        w2: [1.0, 0.0],
        b2: 0.0,
        lr: 0.01,
        loss: LossKind::Bce,
        backward: Break::Correct,
    }
}

/// New numbers for the same exercise (predict mode's "try again"): the inputs, weights and
/// biases moved by the kit's variant rule; the label, rate and loss stay. Seed 0 is `base`.
pub fn variant(base: &Mlp221Params, seed: u64) -> Mlp221Params {
    let mut out = base.clone();
    if seed == 0 {
        return out;
    }
    let mut rng = crate::base::rng::SplitMix64::new(seed ^ 0x0221_0221);
    let slots = out
        .x
        .iter_mut()
        .chain(out.w1.iter_mut().flatten())
        .chain(out.b1.iter_mut())
        .chain(out.w2.iter_mut())
        .chain(std::iter::once(&mut out.b2));
    for v in slots {
        *v = crate::lessons::kit::variant::moved(*v, &mut rng);
    }
    out
}

/// Largest learning rate accepted; beyond it one step throws the sigmoids into saturation.
pub const MAX_LR: f64 = 1000.0;

/// Reads `x[1]` or `W1[0][1]` as a name and indices.
fn split_indices(name: &str) -> Option<(&str, Vec<usize>)> {
    let base_end = name.find('[').unwrap_or(name.len());
    let (base, mut rest) = name.split_at(base_end);
    let mut indices = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let close = inner.find(']')?;
        indices.push(inner[..close].trim().parse().ok()?);
        rest = &inner[close + 1..];
    }
    Some((base, indices))
}

impl Mlp221Params {
    /// Adds `delta` to the number called `name` (the gradient check's nudge); false for a name
    /// that is not a number of the network.
    pub fn add_to(&mut self, name: &str, delta: f64) -> bool {
        match self.slot(name) {
            Some(v) => {
                *v += delta;
                true
            }
            None => false,
        }
    }

    /// The number slot a name refers to, if any (every name but `loss`).
    fn slot(&mut self, name: &str) -> Option<&mut f64> {
        let (base, idx) = split_indices(name)?;
        match (base, idx.as_slice()) {
            ("x", [j]) if *j < 2 => Some(&mut self.x[*j]),
            ("y", []) => Some(&mut self.y),
            ("W1", [i, j]) if *i < 2 && *j < 2 => Some(&mut self.w1[*i][*j]),
            ("b1", [i]) if *i < 2 => Some(&mut self.b1[*i]),
            ("W2", [i]) if *i < 2 => Some(&mut self.w2[*i]),
            ("b2", []) => Some(&mut self.b2),
            ("lr", []) => Some(&mut self.lr),
            _ => None,
        }
    }
}

impl Settings for Mlp221Params {
    fn names(&self) -> Vec<String> {
        [
            "x[0]",
            "x[1]",
            "y",
            "W1[0][0]",
            "W1[0][1]",
            "W1[1][0]",
            "W1[1][1]",
            "b1[0]",
            "b1[1]",
            "W2[0]",
            "W2[1]",
            "b2",
            "lr",
            "loss",
            breaks::NAME,
        ]
        .map(String::from)
        .to_vec()
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), InputError> {
        if name == breaks::NAME {
            let choices = breaks::WITH_SIGMOID.choices;
            let t = value.trim().to_ascii_lowercase();
            self.backward = Break::from_name(&t)
                .filter(|_| choices.contains(&t.as_str()))
                .ok_or(InputError::NotAChoice {
                    choices: choices.to_vec(),
                })?;
            return Ok(());
        }
        if name == "loss" {
            let kind = LossKind::from_name(&value.trim().to_ascii_lowercase()).ok_or(
                InputError::NotAChoice {
                    choices: vec!["bce", "mse"],
                },
            )?;
            self.loss = kind;
            return Ok(());
        }
        let v = match name {
            // A label is a probability: BCE needs y in [0, 1].
            "y" => parse_in_range(value, 0.0, 1.0)?,
            "lr" => {
                let v = parse_number(value)?;
                if v <= 0.0 || v > MAX_LR {
                    return Err(InputError::OutOfRange {
                        min: 0.0,
                        max: MAX_LR,
                    });
                }
                v
            }
            _ => parse_number(value)?,
        };
        *self
            .slot(name)
            .ok_or_else(|| InputError::UnknownName(name.chars().take(40).collect()))? = v;
        Ok(())
    }

    fn get(&self, name: &str) -> Option<String> {
        if name == "loss" {
            return Some(self.loss.name().to_string());
        }
        if name == breaks::NAME {
            return Some(self.backward.name().to_string());
        }
        let mut copy = self.clone();
        // `{}` on f64 prints the shortest text that parses back to the same number.
        copy.slot(name).map(|v| format!("{v}"))
    }
}
