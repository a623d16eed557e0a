//! The network and training settings of a run, with the ranges the page offers.

use super::error::PlaygroundError;
use super::features::Feature;
use crate::i18n::Text;

pub const MAX_LAYERS: usize = 6;
pub const MAX_NEURONS: usize = 8;
pub const MAX_BATCH: usize = 30;

/// A choice with its link token (`name`) and what the learner reads (`label`, zh and en).
macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($v:ident => $s:literal ($zh:literal, $en:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            pub fn name(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }
            pub fn label(self) -> Text {
                match self { $($name::$v => Text::new($zh, $en)),+ }
            }
            pub fn from_name(name: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.name() == name)
            }
        }
    };
}

named_enum!(
    /// The activation of every hidden neuron.
    Activation {
        Relu => "relu" ("ReLU", "ReLU"),
        Tanh => "tanh" ("tanh", "tanh"),
        Sigmoid => "sigmoid" ("sigmoid", "sigmoid"),
        Linear => "linear" ("线性", "linear"),
    }
);
named_enum!(
    /// Penalty on the weights (not the biases), added to the loss.
    Regularization { None => "none" ("无", "none"), L1 => "l1" ("L1", "L1"), L2 => "l2" ("L2", "L2") }
);
named_enum!(Optimizer {
    Sgd => "sgd" ("SGD", "SGD"),
    Momentum => "momentum" ("动量法", "Momentum"),
    Adam => "adam" ("Adam", "Adam"),
});

/// Momentum's β (burn's `MomentumConfig`, no dampening, no Nesterov).
pub const MOMENTUM: f64 = 0.9;
/// Adam's β₁, β₂, ε (the usual values; ε as in Kingma & Ba).
pub const ADAM_BETA1: f64 = 0.9;
pub const ADAM_BETA2: f64 = 0.999;
pub const ADAM_EPSILON: f64 = 1e-8;

impl Activation {
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Relu => z.max(0.0),
            Activation::Tanh => z.tanh(),
            Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
            Activation::Linear => z,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NetSpec {
    /// The input layer, in order.
    pub features: Vec<Feature>,
    /// Neurons per hidden layer (0 to 6 layers of 1 to 8).
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub regularization: Regularization,
    pub reg_rate: f64,
    pub learning_rate: f64,
    pub batch_size: usize,
    pub optimizer: Optimizer,
    /// Seed of the initial weights.
    pub seed: u64,
    /// Two classes with a softmax output (two units, cross-entropy) instead of one sigmoid
    /// unit; more than two classes always use softmax (see [`super::head::Head`]).
    pub softmax: bool,
}

impl Default for NetSpec {
    /// TF Playground's opening network: x₁, x₂ → 4 → 2 → 1, tanh, lr 0.03, batch 10.
    fn default() -> NetSpec {
        NetSpec {
            features: vec![Feature::X1, Feature::X2],
            hidden: vec![4, 2],
            activation: Activation::Tanh,
            regularization: Regularization::None,
            reg_rate: 0.0,
            learning_rate: 0.03,
            batch_size: 10,
            optimizer: Optimizer::Sgd,
            seed: 1,
            softmax: false,
        }
    }
}

fn err(zh: &'static str, en: &'static str, detail: impl AsRef<str>) -> PlaygroundError {
    PlaygroundError::new(Text::new(zh, en), detail)
}

impl NetSpec {
    /// Layer widths from the input to a single output (sigmoid or linear).
    pub fn widths(&self) -> Vec<usize> {
        self.widths_for(1)
    }

    /// Layer widths from the input to `outputs` output units.
    pub fn widths_for(&self, outputs: usize) -> Vec<usize> {
        let mut w = vec![self.features.len()];
        w.extend(&self.hidden);
        w.push(outputs);
        w
    }

    pub fn validate(&self) -> Result<(), PlaygroundError> {
        if self.features.is_empty() {
            return Err(err(
                "至少选择一个输入特征",
                "Choose at least one input feature",
                "",
            ));
        }
        let mut seen = self.features.clone();
        seen.sort_by_key(|f| f.name());
        seen.dedup();
        if seen.len() != self.features.len() {
            return Err(err("输入特征重复", "A feature is listed twice", ""));
        }
        if self.hidden.len() > MAX_LAYERS {
            return Err(err(
                "隐藏层最多 6 层",
                "At most 6 hidden layers",
                self.hidden.len().to_string(),
            ));
        }
        if self.hidden.iter().any(|&n| n == 0 || n > MAX_NEURONS) {
            return Err(err(
                "每层须有 1 到 8 个神经元",
                "Each layer needs 1 to 8 neurons",
                "",
            ));
        }
        if !(self.learning_rate.is_finite()
            && self.learning_rate > 0.0
            && self.learning_rate <= 10.0)
        {
            return Err(err(
                "学习率须大于 0 且不超过 10",
                "The learning rate must be above 0 and at most 10",
                self.learning_rate.to_string(),
            ));
        }
        if !(self.reg_rate.is_finite() && (0.0..=10.0).contains(&self.reg_rate)) {
            return Err(err(
                "正则化率须在 0 到 10 之间",
                "The regularization rate must be 0 to 10",
                self.reg_rate.to_string(),
            ));
        }
        if !(1..=MAX_BATCH).contains(&self.batch_size) {
            return Err(err(
                "批大小须在 1 到 30 之间",
                "The batch size must be 1 to 30",
                self.batch_size.to_string(),
            ));
        }
        Ok(())
    }
}
