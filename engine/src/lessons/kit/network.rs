//! The shape of a two-layer dense network as a lesson's picture draws it (inputs, one hidden
//! layer, outputs, the loss), with the names of its entries in the trace and in the settings,
//! and which entries each step's formula reads. One shape serves mlp-step (2-2-1, sigmoid
//! output) and backprop-352 (3-5-2, softmax output).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NetworkShape {
    pub inputs: usize,
    pub hidden: usize,
    pub outputs: usize,
    /// The output activation's entry: `a2` (mlp-step) or `p` (backprop-352's softmax).
    pub output: &'static str,
    /// True when every output reads every logit (softmax), so a step on one output reads all.
    pub softmax: bool,
}

impl NetworkShape {
    /// `base[k]`, or the bare `base` where the layer has one unit (`z2`, `b2`, `y`).
    fn out_name(&self, base: &str, k: usize) -> String {
        if self.outputs == 1 {
            base.to_string()
        } else {
            format!("{base}[{k}]")
        }
    }

    pub fn input(&self, i: usize) -> String {
        format!("x[{i}]")
    }

    /// The hidden unit's pre-activation and activation.
    pub fn hidden_unit(&self, j: usize) -> [String; 2] {
        [format!("z1[{j}]"), format!("a1[{j}]")]
    }

    pub fn hidden_bias(&self, j: usize) -> String {
        format!("b1[{j}]")
    }

    /// The weight from input `i` to hidden unit `j`.
    pub fn w1(&self, j: usize, i: usize) -> String {
        format!("W1[{j}][{i}]")
    }

    pub fn output_unit(&self, k: usize) -> [String; 2] {
        [self.out_name("z2", k), self.out_name(self.output, k)]
    }

    pub fn output_bias(&self, k: usize) -> String {
        self.out_name("b2", k)
    }

    /// The weight from hidden unit `j` to output `k` (`W2[j]` where there is one output).
    pub fn w2(&self, k: usize, j: usize) -> String {
        if self.outputs == 1 {
            format!("W2[{j}]")
        } else {
            format!("W2[{k}][{j}]")
        }
    }

    pub fn label(&self, k: usize) -> String {
        self.out_name("y", k)
    }

    /// The entries a step's formula reads (names as in step targets: `grad:` for gradients),
    /// for the picture to light; empty for a target the shape does not know.
    pub fn uses(&self, target: &str) -> Vec<String> {
        let outs = 0..self.outputs;
        let all = |f: &dyn Fn(usize) -> String, n: usize| (0..n).map(f).collect::<Vec<_>>();
        let grad = |name: String| format!("grad:{name}");
        if let Some(param) = target.strip_prefix("updated:") {
            return vec![param.to_string(), grad(param.to_string())];
        }
        let (is_grad, name) = match target.strip_prefix("grad:") {
            Some(n) => (true, n),
            None => (false, target),
        };
        if name == "loss" {
            return if is_grad {
                Vec::new()
            } else {
                let mut v = all(&|k| self.output_unit(k)[1].clone(), self.outputs);
                v.extend(all(&|k| self.label(k), self.outputs));
                v
            };
        }
        for j in 0..self.hidden {
            let [z, a] = self.hidden_unit(j);
            let b = self.hidden_bias(j);
            match (is_grad, name) {
                (false, n) if n == z => {
                    let mut v = all(&|i| self.w1(j, i), self.inputs);
                    v.extend(all(&|i| self.input(i), self.inputs));
                    v.push(b);
                    return v;
                }
                (false, n) if n == a => return vec![z],
                (true, n) if n == a => {
                    let mut v: Vec<String> = outs
                        .clone()
                        .map(|k| grad(self.output_unit(k)[0].clone()))
                        .collect();
                    v.extend(outs.clone().map(|k| self.w2(k, j)));
                    return v;
                }
                (true, n) if n == z => return vec![grad(a.clone()), a],
                (true, n) if n == b => return vec![grad(z)],
                _ => {}
            }
            for i in 0..self.inputs {
                if is_grad && name == self.w1(j, i) {
                    return vec![grad(z), self.input(i)];
                }
            }
        }
        for k in outs.clone() {
            let [z, out] = self.output_unit(k);
            let b = self.output_bias(k);
            let logits = || all(&|k| self.output_unit(k)[0].clone(), self.outputs);
            match (is_grad, name) {
                (false, n) if n == z => {
                    let mut v = all(&|j| self.w2(k, j), self.hidden);
                    v.extend(all(&|j| self.hidden_unit(j)[1].clone(), self.hidden));
                    v.push(b);
                    return v;
                }
                (false, n) if n == out => return if self.softmax { logits() } else { vec![z] },
                (true, n) if n == out => return vec![out.clone(), self.label(k), "loss".into()],
                (true, n) if n == z && self.softmax => {
                    let mut v = all(&|k| self.output_unit(k)[1].clone(), self.outputs);
                    v.extend(all(&|k| self.label(k), self.outputs));
                    return v;
                }
                (true, n) if n == z => return vec![grad(out.clone()), out],
                (true, n) if n == b => return vec![grad(z)],
                _ => {}
            }
            for j in 0..self.hidden {
                if is_grad && name == self.w2(k, j) {
                    return vec![grad(z), self.hidden_unit(j)[1].clone()];
                }
            }
        }
        Vec::new()
    }
}
