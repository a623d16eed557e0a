//! Weights to bytes and back, in burn's own record format (burnpack, through
//! `Module::into_record` / `try_load_record`): no file IO, so the page can offer a download
//! and read an upload. Loading checks every tensor's name, shape and dtype against this
//! network; a wrong or garbage file is an error and the current weights stay as they were.

use burn::module::{Param, ParamId};
use burn::prelude::*;
use burn::store::ModuleRecord;
use burn::tensor::{Bytes, DType, Transaction};

use super::model::Cnn;
use super::trainer::{CnnError, MnistCnn, adam};

fn weights_err(e: impl std::fmt::Display) -> CnnError {
    CnnError::Weights(e.to_string())
}

impl MnistCnn {
    /// The weights as burnpack bytes. The 8 tensors are read back in one async transaction
    /// (a GPU allows no synchronous read in the page) and recorded from a CPU copy.
    pub async fn save(&self) -> Result<Vec<u8>, CnnError> {
        let m = self.cnn()?;
        let weights = [
            (
                m.conv1.weight.val().dims().to_vec(),
                m.conv1.weight.val().without_autodiff().flatten::<1>(0, 3),
            ),
            (
                m.conv2.weight.val().dims().to_vec(),
                m.conv2.weight.val().without_autodiff().flatten::<1>(0, 3),
            ),
            (
                m.dense1.weight.val().dims().to_vec(),
                m.dense1.weight.val().without_autodiff().flatten::<1>(0, 1),
            ),
            (
                m.dense2.weight.val().dims().to_vec(),
                m.dense2.weight.val().without_autodiff().flatten::<1>(0, 1),
            ),
        ];
        let biases = [
            bias(&m.conv1.bias)?,
            bias(&m.conv2.bias)?,
            bias(&m.dense1.bias)?,
            bias(&m.dense2.bias)?,
        ];
        let shapes: Vec<Vec<usize>> = weights
            .iter()
            .map(|(s, _)| s.clone())
            .chain(biases.iter().map(|b| b.dims().to_vec()))
            .collect();
        let mut tx = Transaction::default();
        for t in weights.into_iter().map(|(_, t)| t).chain(biases) {
            tx = tx.register(t);
        }
        let data = tx
            .execute_async()
            .await
            .map_err(|e| CnnError::Readback(format!("{e:?}")))?;
        let cpu = Device::flex();
        let mut p: Vec<TensorData> = Vec::with_capacity(8);
        for (d, shape) in data.into_iter().zip(shapes) {
            let v = d
                .try_to_vec_as::<f32>()
                .map_err(|e| CnnError::Readback(format!("{e:?}")))?;
            p.push(TensorData::new(v, shape));
        }
        let [w1, w2, w3, w4, b1, b2, b3, b4]: [TensorData; 8] = p
            .try_into()
            .map_err(|_| CnnError::Readback("expected 8 tensors".into()))?;
        // Fixed parameter ids 1‥8: the same weights always give the same bytes.
        let mut copy = Cnn::new(0, &cpu);
        copy.conv1.weight = param(w1, 1, &cpu);
        copy.conv1.bias = Some(param(b1, 2, &cpu));
        copy.conv2.weight = param(w2, 3, &cpu);
        copy.conv2.bias = Some(param(b2, 4, &cpu));
        copy.dense1.weight = param(w3, 5, &cpu);
        copy.dense1.bias = Some(param(b3, 6, &cpu));
        copy.dense2.weight = param(w4, 7, &cpu);
        copy.dense2.bias = Some(param(b4, 8, &cpu));
        let bytes = copy.into_record().into_bytes().map_err(weights_err)?;
        Ok(bytes.to_vec())
    }

    /// Replaces the weights with those in `bytes` (from [`MnistCnn::save`] or the shipped
    /// file) and restarts Adam. On any error the current weights are kept.
    pub fn load(&mut self, bytes: &[u8]) -> Result<(), CnnError> {
        let record =
            ModuleRecord::from_bytes(Bytes::from_bytes_vec(bytes.to_vec())).map_err(weights_err)?;
        let loaded = self
            .cnn()?
            .clone()
            .try_load_record(record)
            .map_err(weights_err)?;
        check_f32(&loaded)?;
        self.model = Some(loaded);
        self.optim = adam();
        self.steps = 0;
        Ok(())
    }
}

fn bias(b: &Option<Param<Tensor<1>>>) -> Result<Tensor<1>, CnnError> {
    b.as_ref()
        .map(|p| p.val().without_autodiff())
        .ok_or_else(|| CnnError::Weights("a layer has no bias".into()))
}

/// A record keeps its own dtype; this network computes in f32 only.
fn check_f32(m: &Cnn) -> Result<(), CnnError> {
    let dtypes = [
        m.conv1.weight.val().dtype(),
        m.conv2.weight.val().dtype(),
        m.dense1.weight.val().dtype(),
        m.dense2.weight.val().dtype(),
    ];
    let biases = [&m.conv1.bias, &m.conv2.bias, &m.dense1.bias, &m.dense2.bias];
    let all = dtypes.into_iter().chain(
        biases
            .iter()
            .filter_map(|b| b.as_ref().map(|p| p.val().dtype())),
    );
    for d in all {
        if d != DType::F32 {
            return Err(CnnError::Weights(format!("tensor of {d:?}, expected F32")));
        }
    }
    Ok(())
}

fn param<const D: usize>(data: TensorData, id: u64, device: &Device) -> Param<Tensor<D>> {
    Param::initialized(ParamId::from(id), Tensor::from_data(data, device))
}
