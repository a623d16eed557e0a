//! One computed state of a lesson: every quantity with its value and gradient, the steps of
//! the walkthrough, the loss, metrics, views, and the values the next training step starts from.

use serde::Serialize;
use serde_json::{Map, Value as Json, json};

use super::spec::Values;
use crate::base::views::View;
use crate::i18n::{Phrase, Text};
use crate::math::Formula;
use crate::model::value::{Value, split_entry_name};
use crate::state::setting::Settings;

pub use crate::base::error::TraceError;

/// What a quantity is, which decides where the JSON trace and the page put it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Data the lesson is given (inputs, labels, tokens).
    Input,
    /// An intermediate of the forward pass.
    Node,
    /// A trained parameter: it has an updated value.
    Param,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Name in the JSON trace and in `data-testid`s (`z1`, `W2`, `scores`).
    pub name: String,
    /// The quantity in the article's notation.
    pub label: Formula,
    pub role: Role,
    pub value: Value,
    /// ∂L/∂(this quantity), when the lesson has a backward pass.
    pub grad: Option<Value>,
    /// Value after the lesson's update step (parameters only).
    pub updated: Option<Value>,
}

impl Quantity {
    /// Data the lesson is given: no gradient, no update.
    pub fn input(name: impl Into<String>, label: Formula, value: Value) -> Quantity {
        Quantity {
            name: name.into(),
            label,
            role: Role::Input,
            value,
            grad: None,
            updated: None,
        }
    }

    /// An intermediate of the forward pass with ∂L/∂(it).
    pub fn node(name: impl Into<String>, label: Formula, value: Value, grad: Value) -> Quantity {
        Quantity {
            role: Role::Node,
            grad: Some(grad),
            ..Quantity::input(name, label, value)
        }
    }

    /// A trained parameter with its gradient and its value after the update.
    pub fn param(
        name: impl Into<String>,
        label: Formula,
        value: Value,
        grad: Value,
        updated: Value,
    ) -> Quantity {
        Quantity {
            role: Role::Param,
            grad: Some(grad),
            updated: Some(updated),
            ..Quantity::input(name, label, value)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Forward,
    Backward,
    Update,
}

/// One click of the step-through.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub phase: Phase,
    /// What the step reveals: a quantity name, with an entry index (`a1[0]`), or `grad:NAME`.
    pub target: String,
    /// The formula in symbols.
    pub formula: Formula,
    /// The same formula with the current numbers substituted, ending in the value.
    pub substituted: Formula,
    pub value: f64,
    /// The entries the formula reads (names as in `target`), for a picture to highlight;
    /// empty where the lesson's picture does not follow the steps.
    pub uses: Vec<String>,
}

impl Step {
    /// A step whose substituted formula reads `= subst = value`, the value at `digits` decimals
    /// (the shape every lesson's walkthrough uses).
    pub fn computed(
        phase: Phase,
        target: String,
        formula: Formula,
        subst: Formula,
        value: f64,
        digits: usize,
    ) -> Step {
        Step {
            phase,
            target,
            formula,
            substituted: Formula::new()
                .t("= ")
                .f(subst)
                .t(" = ")
                .result(value, digits),
            value,
            uses: Vec::new(),
        }
    }
}

/// A number the lesson reports besides the loss (accuracy, epoch).
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub name: &'static str,
    pub label: Text,
    pub value: f64,
}

impl Metric {
    /// The training accuracy of a classifier lesson (keras-4x4, xor), a share in [0, 1].
    pub fn accuracy(value: f64) -> Metric {
        Metric {
            name: "accuracy",
            label: Text::new("准确率", "Accuracy"),
            value,
        }
    }

    /// The epochs trained so far.
    pub fn epoch(value: f64) -> Metric {
        Metric {
            name: "epoch",
            label: Text::new("轮次", "Epoch"),
            value,
        }
    }
}

/// Everything one evaluation of a lesson shows.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonTrace {
    pub loss: Option<f64>,
    pub quantities: Vec<Quantity>,
    pub steps: Vec<Step>,
    pub metrics: Vec<Metric>,
    pub views: Vec<View>,
    /// Settings to write for the next training step (updated parameters, optimiser state).
    /// Empty when the lesson has no training step.
    pub next: Vec<(String, f64)>,
    /// The forward pass's autodiff graph, for lessons that run it through a tape.
    pub graph: Option<crate::autograph::Graph>,
}

impl LessonTrace {
    pub fn quantity(&self, name: &str) -> Option<&Quantity> {
        self.quantities.iter().find(|q| q.name == name)
    }

    /// One entry's value and gradient by its name (`z1[0]`, `W1[1][0]`, `b2`); a one-entry
    /// vector also answers to its bare name (`z2`); `loss` is the loss, with ∂L/∂L = 1.
    pub fn entry(&self, name: &str) -> Option<(f64, Option<f64>)> {
        if name == "loss" {
            return self.loss.map(|l| (l, Some(1.0)));
        }
        let (base, idx) = split_entry_name(name)?;
        let q = self.quantity(base)?;
        let pick = |v: &Value| {
            v.entry(&idx).or_else(|| match (v, idx.as_slice()) {
                (Value::Vector(x), []) if x.len() == 1 => Some(x[0]),
                _ => None,
            })
        };
        Some((pick(&q.value)?, q.grad.as_ref().and_then(pick)))
    }

    /// True when every number shown is finite.
    pub fn all_finite(&self) -> bool {
        self.loss.is_none_or(f64::is_finite)
            && self.quantities.iter().all(|q| {
                q.value.all_finite()
                    && q.grad.as_ref().is_none_or(Value::all_finite)
                    && q.updated.as_ref().is_none_or(Value::all_finite)
            })
            && self.next.iter().all(|(_, v)| v.is_finite())
    }

    /// The settings the next training step starts from.
    pub fn advance(&self, values: &Values) -> Values {
        let mut next = values.clone();
        for (name, v) in &self.next {
            next.put(name, *v);
        }
        next
    }

    /// The trace in the JSON schema of `trace` (the same as `mlp-step`'s).
    pub fn to_json(&self, lesson: &str, backend: &str, values: &Values) -> Json {
        let mut nodes = Map::new();
        let mut params = Map::new();
        let mut inputs = Map::new();
        for q in &self.quantities {
            match q.role {
                Role::Input => {
                    inputs.insert(q.name.clone(), json!(q.value));
                }
                Role::Node => {
                    nodes.insert(q.name.clone(), json!({ "value": q.value, "grad": q.grad }));
                }
                Role::Param => {
                    params.insert(
                        q.name.clone(),
                        json!({ "value": q.value, "grad": q.grad, "updated": q.updated }),
                    );
                }
            }
        }
        let mut settings = Map::new();
        for (spec, v) in values.specs.iter().zip(&values.values) {
            if spec.hidden {
                continue;
            }
            let shown = if spec.is_choice() {
                json!(spec.format(*v))
            } else {
                json!(v)
            };
            settings.insert(spec.name.to_string(), shown);
        }
        let metrics: Map<String, Json> = self
            .metrics
            .iter()
            .map(|m| (m.name.to_string(), json!(m.value)))
            .collect();
        json!({
            "lesson": lesson,
            "backend": backend,
            "loss": self.loss,
            "nodes": nodes,
            "params": params,
            "inputs": inputs,
            "settings": settings,
            "metrics": metrics,
            // Whether the lesson offers a training step (the page shows its button then).
            "trains": !self.next.is_empty(),
            "link": crate::state::hash::to_hash(lesson, values),
            "names": values.names(),
        })
    }
}

/// What an errata row says of the article. Only a [`RowKind::Slip`] accuses it of a mistake;
/// a [`RowKind::Note`] adds what a true (or only loosely worded) sentence leaves unsaid, and is
/// shown in the notes under the table, never as a mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Slip,
    Note,
}

/// One claim of an article beside what the app computes.
#[derive(Clone, Debug, PartialEq)]
pub struct Erratum {
    pub id: &'static str,
    /// A mistake of the article's, or a note beside a sentence that is true or only loose.
    pub kind: RowKind,
    /// The quantity in article notation.
    pub quantity: Text,
    /// The claim exactly as printed (quoted as data).
    pub article: &'static str,
    /// An English gloss of `article` when it is Chinese prose; `None` when the quote is code,
    /// TeX, numbers or already English.
    pub gloss: Option<&'static str>,
    /// What the app computes at the article's setup, formatted for display; code between
    /// backticks (see [`Phrase::runs`]).
    pub truth: Phrase,
    /// The article's own formula evaluated with its own inputs, where that differs from both.
    pub recomputed: Option<Phrase>,
    pub explanation: Phrase,
}
