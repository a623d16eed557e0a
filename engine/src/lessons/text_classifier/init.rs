//! Seeded initial weights: burn's initialisers draw from the backend's own generator, which
//! differs between flex and WebGPU. This mapper overwrites every parameter from SplitMix64, so
//! one seed gives the same model on every backend.

use burn::module::{ModuleMapper, Param};
use burn::prelude::*;

use crate::base::rng::SplitMix64;

pub struct SeededInit {
    rng: SplitMix64,
    /// Field names from the root to the current parameter.
    path: Vec<String>,
}

impl SeededInit {
    pub fn new(seed: u64) -> SeededInit {
        SeededInit {
            rng: SplitMix64::new(seed),
            path: vec![],
        }
    }
}

impl ModuleMapper for SeededInit {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.push(name.to_string());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.pop();
    }

    /// Layer-norm scales 1, biases and shifts 0, matrices Glorot-uniform (Keras' default):
    /// U(−a, a) with a = √(6 / (fan_in + fan_out)).
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let name = self.path.last().cloned().unwrap_or_default();
        let rng = &mut self.rng;
        param.map(|old| {
            let dims = old.dims();
            let n: usize = dims.iter().product();
            let values: Vec<f32> = match name.as_str() {
                "gamma" => vec![1.0; n],
                "beta" | "bias" => vec![0.0; n],
                _ if D == 2 => {
                    let a = (6.0 / (dims[0] + dims[1]) as f64).sqrt();
                    (0..n).map(|_| rng.uniform(-a, a) as f32).collect()
                }
                _ => return old,
            };
            let grad = old.is_require_grad();
            let fresh = Tensor::<D>::from_data(TensorData::new(values, dims), &old.device());
            if grad { fresh.require_grad() } else { fresh }
        })
    }
}
