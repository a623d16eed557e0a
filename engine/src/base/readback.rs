//! Reading many tensors back at once: on WebGPU every readback costs a round trip, so a lesson
//! registers everything it shows in one transaction.

use burn::prelude::*;
use burn::tensor::Transaction;

use super::error::TraceError;

/// Where one registered tensor's numbers are in a readback's result. Only [`Readback::add`]
/// makes one and the result is indexed only by it, so a quantity can never be read by a
/// position that a reordered `add` would silently change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot(usize);

/// The numbers of every registered tensor, read back in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Readings(Vec<Vec<f64>>);

impl std::ops::Index<Slot> for Readings {
    type Output = Vec<f64>;
    fn index(&self, slot: Slot) -> &Vec<f64> {
        &self.0[slot.0]
    }
}

impl Readings {
    /// Every registered tensor's numbers, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &Vec<f64>> {
        self.0.iter()
    }

    /// The first number of a slot: a scalar tensor's value.
    pub fn scalar(&self, slot: Slot) -> f64 {
        self[slot][0]
    }
}

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

    /// Registers a tensor; returns where its numbers will be in the result.
    pub fn add<const D: usize>(&mut self, t: Tensor<D>) -> Slot {
        let tx = std::mem::take(&mut self.tx);
        self.tx = tx.register(t.without_autodiff());
        self.count += 1;
        Slot(self.count - 1)
    }

    /// Registers several tensors in order; returns their slots in the same order.
    pub fn add_all<const D: usize, const N: usize>(&mut self, ts: [Tensor<D>; N]) -> [Slot; N] {
        ts.map(|t| self.add(t))
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub async fn read(self) -> Result<Readings, TraceError> {
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
            .collect::<Result<_, _>>()
            .map(Readings)
    }
}

/// A tensor from f64 numbers (burn computes in f32).
pub fn tensor<const D: usize>(values: &[f64], shape: [usize; D], device: &Device) -> Tensor<D> {
    let data: Vec<f32> = values.iter().map(|&v| v as f32).collect();
    Tensor::<1>::from_floats(data.as_slice(), device).reshape(shape)
}
