//! The shape of a dense network as a lesson's picture draws it (inputs, at most one hidden
//! layer, outputs, the loss), with the names of its entries in the trace and in the settings,
//! and which entries each step's formula reads. One shape serves mlp-step (2-2-1, sigmoid
//! output), backprop-352 (3-5-2, softmax output), keras-4x4 (4-2-1, a batch of four) and
//! xor (2-4-1 or the single layer 2-1, the four points). `labels` writes the entries' names
//! in the articles' notation.

pub mod labels;

use crate::lessons::kit::{Step, Values};

/// How a lesson names its network's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Naming {
    /// One sample, a name per layer: `x[i]`, `z1[j]`/`a1[j]`, `z2`/`a2` (or `[k]`),
    /// `W1[j][i]`, `W2[j]` or `W2[k][j]`, `y` (mlp-step, backprop-352).
    Layers,
    /// A batch of samples, one output: `x[s][i]`, `a[s][j]`/`h[s][j]`, `z[s]`/`p[s]`,
    /// `W1[i][j]`, `W2[j]`, `b1[j]`, `b2`, `y[s]` (keras-4x4); xor names its inputs `X` and
    /// stores W1 hidden-first.
    Samples(Batch),
}

/// How a batched lesson names its inputs and its first weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Batch {
    pub samples: usize,
    /// The inputs' entry: `x` (keras-4x4's settings) or `X` (xor's four fixed points).
    pub input: &'static str,
    /// True where W1 is stored input-first, `W1[i][j]` (Keras' kernel); false for `W1[j][i]`.
    pub w1_input_first: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NetworkShape {
    pub inputs: usize,
    pub hidden: usize,
    pub outputs: usize,
    /// The output activation's entry under `Naming::Layers`: `a2` (mlp-step) or `p`
    /// (backprop-352's softmax).
    pub output: &'static str,
    /// True when every output reads every logit (softmax), so a step on one output reads all.
    pub softmax: bool,
    /// True when the loss is taken from the logits (softmax with cross-entropy, Keras'
    /// binary cross-entropy of a sigmoid): ∂L/∂z then reads the outputs and the labels, and
    /// there is no ∂L/∂ŷ step.
    pub loss_on_logits: bool,
    pub naming: Naming,
}

impl NetworkShape {
    /// How many samples the picture can show, one at a time.
    pub fn samples(&self) -> usize {
        match self.naming {
            Naming::Layers => 1,
            Naming::Samples(b) => b.samples,
        }
    }

    /// How many numbers feed each output: the hidden units, or the inputs where there is
    /// no hidden layer.
    pub fn output_fan_in(&self) -> usize {
        if self.hidden == 0 {
            self.inputs
        } else {
            self.hidden
        }
    }

    /// What output weight `j` multiplies for sample `s`: hidden unit `j`'s activation, or
    /// input `j` where there is no hidden layer.
    pub fn output_input(&self, s: usize, j: usize) -> String {
        if self.hidden == 0 {
            self.input(s, j)
        } else {
            self.hidden_unit(s, j)[1].clone()
        }
    }

    /// `base[k]`, or the bare `base` where the layer has one unit (`z2`, `b2`, `y`).
    fn out_name(&self, base: &str, k: usize) -> String {
        if self.outputs == 1 {
            base.to_string()
        } else {
            format!("{base}[{k}]")
        }
    }

    /// Input `i` of sample `s` (the sample is ignored under `Naming::Layers`).
    pub fn input(&self, s: usize, i: usize) -> String {
        match self.naming {
            Naming::Layers => format!("x[{i}]"),
            Naming::Samples(b) => format!("{}[{s}][{i}]", b.input),
        }
    }

    /// The hidden unit's pre-activation and activation for sample `s`.
    pub fn hidden_unit(&self, s: usize, j: usize) -> [String; 2] {
        match self.naming {
            Naming::Layers => [format!("z1[{j}]"), format!("a1[{j}]")],
            Naming::Samples(_) => [format!("a[{s}][{j}]"), format!("h[{s}][{j}]")],
        }
    }

    pub fn hidden_bias(&self, j: usize) -> String {
        format!("b1[{j}]")
    }

    /// The weight from input `i` to hidden unit `j`.
    pub fn w1(&self, j: usize, i: usize) -> String {
        match self.naming {
            Naming::Samples(b) if b.w1_input_first => format!("W1[{i}][{j}]"),
            _ => format!("W1[{j}][{i}]"),
        }
    }

    pub fn output_unit(&self, s: usize, k: usize) -> [String; 2] {
        match self.naming {
            Naming::Layers => [self.out_name("z2", k), self.out_name(self.output, k)],
            Naming::Samples(_) => [format!("z[{s}]"), format!("p[{s}]")],
        }
    }

    /// `b2`, or the single layer's `b`.
    pub fn output_bias(&self, k: usize) -> String {
        self.out_name(if self.hidden == 0 { "b" } else { "b2" }, k)
    }

    /// The weight from hidden unit `j` (or input `j` of a single layer) to output `k`:
    /// `W2[j]` (`W[j]`) where there is one output.
    pub fn w2(&self, k: usize, j: usize) -> String {
        let w = if self.hidden == 0 { "W" } else { "W2" };
        if self.outputs == 1 {
            format!("{w}[{j}]")
        } else {
            format!("{w}[{k}][{j}]")
        }
    }

    pub fn label(&self, s: usize, k: usize) -> String {
        match self.naming {
            Naming::Layers => self.out_name("y", k),
            Naming::Samples(_) => format!("y[{s}]"),
        }
    }

    /// Every entry that belongs to sample `s`: its inputs, units, outputs and labels.
    fn sample_entries(&self, s: usize) -> Vec<String> {
        let mut v: Vec<String> = (0..self.inputs).map(|i| self.input(s, i)).collect();
        v.extend((0..self.hidden).flat_map(|j| self.hidden_unit(s, j)));
        v.extend((0..self.outputs).flat_map(|k| self.output_unit(s, k)));
        v.extend((0..self.outputs).map(|k| self.label(s, k)));
        v
    }

    /// The sample a step works on (its target, with or without `grad:`, is one of that
    /// sample's entries), for the picture to show; None for a weight, the loss or one sample.
    pub fn sample_of(&self, target: &str) -> Option<usize> {
        if self.samples() < 2 {
            return None;
        }
        let name = target.strip_prefix("grad:").unwrap_or(target);
        (0..self.samples()).find(|&s| self.sample_entries(s).iter().any(|e| e == name))
    }

    /// The steps, each saying what its formula reads (for the picture to light it).
    pub fn with_uses(&self, steps: Vec<Step>) -> Vec<Step> {
        steps
            .into_iter()
            .map(|s| Step {
                uses: self.uses(&s.target),
                ..s
            })
            .collect()
    }

    /// The entries a step's formula reads (names as in step targets: `grad:` for gradients),
    /// for the picture to light; empty for a target the shape does not know. A weight's
    /// gradient reads every sample's.
    pub fn uses(&self, target: &str) -> Vec<String> {
        if let Some(param) = target.strip_prefix("updated:") {
            return vec![param.to_string(), format!("grad:{param}")];
        }
        let (is_grad, name) = match target.strip_prefix("grad:") {
            Some(n) => (true, n),
            None => (false, target),
        };
        let samples = 0..self.samples();
        if name == "loss" {
            if is_grad {
                return Vec::new();
            }
            return samples
                .flat_map(|s| {
                    let outs = (0..self.outputs).map(move |k| self.output_unit(s, k)[1].clone());
                    outs.chain((0..self.outputs).map(move |k| self.label(s, k)))
                })
                .collect();
        }
        if let Some(v) = samples
            .clone()
            .find_map(|s| self.node_uses(s, is_grad, name))
        {
            return v;
        }
        if is_grad {
            return self.param_grad_uses(name);
        }
        Vec::new()
    }

    /// What a node of sample `s` (its value, or with `is_grad` its gradient) reads.
    fn node_uses(&self, s: usize, is_grad: bool, name: &str) -> Option<Vec<String>> {
        let grad = |name: &str| format!("grad:{name}");
        let outs = 0..self.outputs;
        for j in 0..self.hidden {
            let [z, a] = self.hidden_unit(s, j);
            let found = match (is_grad, name) {
                (false, n) if n == z => {
                    let mut v: Vec<String> = (0..self.inputs).map(|i| self.w1(j, i)).collect();
                    v.extend((0..self.inputs).map(|i| self.input(s, i)));
                    v.push(self.hidden_bias(j));
                    Some(v)
                }
                (false, n) if n == a => Some(vec![z]),
                (true, n) if n == a => {
                    let mut v: Vec<String> = outs
                        .clone()
                        .map(|k| grad(&self.output_unit(s, k)[0]))
                        .collect();
                    v.extend(outs.clone().map(|k| self.w2(k, j)));
                    Some(v)
                }
                (true, n) if n == z => Some(vec![grad(&a), a]),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        let outputs_and_labels = || {
            let mut v: Vec<String> = outs
                .clone()
                .map(|k| self.output_unit(s, k)[1].clone())
                .collect();
            v.extend(outs.clone().map(|k| self.label(s, k)));
            v
        };
        for k in outs.clone() {
            let [z, out] = self.output_unit(s, k);
            let found = match (is_grad, name) {
                (false, n) if n == z => {
                    let fan_in = 0..self.output_fan_in();
                    let mut v: Vec<String> = fan_in.clone().map(|j| self.w2(k, j)).collect();
                    v.extend(fan_in.map(|j| self.output_input(s, j)));
                    v.push(self.output_bias(k));
                    Some(v)
                }
                (false, n) if n == out && self.softmax => Some(
                    outs.clone()
                        .map(|k| self.output_unit(s, k)[0].clone())
                        .collect(),
                ),
                (false, n) if n == out => Some(vec![z]),
                (true, n) if n == out => Some(vec![out.clone(), self.label(s, k), "loss".into()]),
                (true, n) if n == z && self.loss_on_logits && self.softmax => {
                    Some(outputs_and_labels())
                }
                (true, n) if n == z && self.loss_on_logits => Some(vec![out, self.label(s, k)]),
                (true, n) if n == z => Some(vec![grad(&out), out]),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// What a weight's or a bias's gradient reads: the gradient at its unit and the unit's
    /// input, for every sample.
    fn param_grad_uses(&self, name: &str) -> Vec<String> {
        let grad = |name: &str| format!("grad:{name}");
        let per_sample = |f: &dyn Fn(usize) -> Vec<String>| -> Vec<String> {
            (0..self.samples()).flat_map(f).collect()
        };
        for j in 0..self.hidden {
            if name == self.hidden_bias(j) {
                return per_sample(&|s| vec![grad(&self.hidden_unit(s, j)[0])]);
            }
            for i in 0..self.inputs {
                if name == self.w1(j, i) {
                    return per_sample(&|s| {
                        vec![grad(&self.hidden_unit(s, j)[0]), self.input(s, i)]
                    });
                }
            }
        }
        for k in 0..self.outputs {
            if name == self.output_bias(k) {
                return per_sample(&|s| vec![grad(&self.output_unit(s, k)[0])]);
            }
            for j in 0..self.output_fan_in() {
                if name == self.w2(k, j) {
                    return per_sample(&|s| {
                        vec![grad(&self.output_unit(s, k)[0]), self.output_input(s, j)]
                    });
                }
            }
        }
        Vec::new()
    }
}

/// A lesson with a picture per model, chosen by a choice setting (xor's `model`: the single
/// layer or the hidden-layer network).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShapeByChoice {
    pub setting: &'static str,
    /// The shape for each choice, by the choice's link token.
    pub shapes: &'static [(&'static str, NetworkShape)],
}

impl ShapeByChoice {
    /// The shape of the model the settings choose.
    pub fn pick(&self, v: &Values) -> Option<&'static NetworkShape> {
        let chosen = v.choice(self.setting);
        let shapes = self.shapes;
        shapes
            .iter()
            .find(|(choice, _)| *choice == chosen)
            .map(|(_, shape)| shape)
    }
}
