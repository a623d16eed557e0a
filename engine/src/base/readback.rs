//! Reading many tensors back at once: on WebGPU every readback costs a round trip, so a lesson
//! registers everything it shows in one transaction.

use burn::prelude::*;
use burn::tensor::Transaction;

use super::error::TraceError;

/// Collects tensors of any rank (leaving autodiff first) and reads them back together.
#[derive(Default)]
pub struct Readback {
    tx: Transaction,
    count: usize,
}

impl Readback {
    pub fn new() -> Readback {
        Readback::default()
    }

    /// Registers a tensor; returns its slot in the result.
    pub fn add<const D: usize>(&mut self, t: Tensor<D>) -> usize {
        let tx = std::mem::take(&mut self.tx);
        self.tx = tx.register(t.without_autodiff());
        self.count += 1;
        self.count - 1
    }

    /// How many tensors are registered: the slot the next one gets.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub async fn read(self) -> Result<Vec<Vec<f64>>, TraceError> {
        let data = self
            .tx
            .execute_async()
            .await
            .map_err(|e| TraceError(format!("{e:?}")))?;
        data.iter()
            .map(|d| {
                d.try_to_vec_as::<f32>()
                    .map(|v| v.into_iter().map(f64::from).collect())
                    .map_err(|e| TraceError(format!("{e:?}")))
            })
            .collect()
    }
}

/// A tensor from f64 numbers (burn computes in f32).
pub fn tensor<const D: usize>(values: &[f64], shape: [usize; D], device: &Device) -> Tensor<D> {
    let data: Vec<f32> = values.iter().map(|&v| v as f32).collect();
    Tensor::<1>::from_floats(data.as_slice(), device).reshape(shape)
}
