//! A training run: the network on a device, its optimiser, the data, and the epoch counter.
//! Every call that trains or reads reads back once (one transaction), so the page can await it
//! every frame on WebGPU as well as on flex.

// burn's `slice` takes one range per dimension: `[lo..hi]` slices rows, not a Vec.
#![allow(clippy::single_range_in_vec_init)]

use burn::optim::momentum::MomentumConfig;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer, SgdConfig};
use burn::prelude::*;

use super::dataset::{DataSpec, Split, shuffle};
use super::error::PlaygroundError;
use super::features::feature_matrix;
use super::head::Head;
use super::net::{Net, Weights, data_loss, forward, penalty};
use super::spec::{ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MOMENTUM, NetSpec, Optimizer};
use crate::base::readback::{Readback, Readings, Slot, tensor};
use crate::i18n::Text;

/// A run's complete state on the device.
pub struct Playground {
    pub net_spec: NetSpec,
    pub data: DataSpec,
    pub(crate) split: Split,
    /// The output layer and loss for this data.
    pub(crate) head: Head,
    /// Layer widths, the features first, the head's outputs last.
    pub(crate) widths: Vec<usize>,
    pub(crate) device: Device, // autodiff
    pub(crate) net: Net,
    optim: ModuleOptimizer,
    /// Finished epochs.
    pub epoch: usize,
    /// Position in the current epoch's shuffled order, and that epoch's batches on the device.
    cursor: usize,
    epoch_x: Option<Tensor<2>>, // [train, features]
    epoch_y: Option<Tensor<2>>, // [train, outputs]
}

/// What one training call did: the data loss of each batch before its update.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainReport {
    pub batch_losses: Vec<f64>,
    /// Finished epochs after the call.
    pub epoch: usize,
}

fn optimiser(kind: Optimizer) -> ModuleOptimizer {
    match kind {
        Optimizer::Sgd => SgdConfig::new().init(),
        Optimizer::Momentum => SgdConfig::new()
            .with_momentum(Some(
                MomentumConfig::new()
                    .with_momentum(MOMENTUM)
                    .with_dampening(0.0)
                    .with_nesterov(false),
            ))
            .init(),
        Optimizer::Adam => AdamConfig::new()
            .with_beta_1(ADAM_BETA1 as f32)
            .with_beta_2(ADAM_BETA2 as f32)
            .with_epsilon(ADAM_EPSILON as f32)
            .init(),
    }
}

fn index_err(detail: String) -> PlaygroundError {
    PlaygroundError::new(
        Text::new("没有这个权重或偏置", "No such weight or bias"),
        detail,
    )
}

impl Playground {
    /// A fresh run: data from `data`, weights from `weights` or else from the seed.
    pub fn new(
        net_spec: NetSpec,
        data: DataSpec,
        weights: Option<&Weights>,
        device: &Device,
    ) -> Result<Playground, PlaygroundError> {
        net_spec.validate()?;
        data.validate()?;
        let head = Head::of(&net_spec, &data);
        let widths = net_spec.widths_for(head.outputs());
        let init = Weights::init(&widths, net_spec.seed);
        let weights = match weights {
            Some(w) if !w.fits(&widths) || !w.all_finite() => {
                return Err(PlaygroundError::new(
                    Text::new("权重与网络结构不符", "The weights do not fit the network"),
                    "",
                ));
            }
            Some(w) => w,
            None => &init,
        };
        let device = device.clone().autodiff();
        let net = Net::from_weights(weights, &device);
        let split = data.split();
        Ok(Playground {
            optim: optimiser(net_spec.optimizer),
            net_spec,
            data,
            split,
            head,
            widths,
            device,
            net,
            epoch: 0,
            cursor: 0,
            epoch_x: None,
            epoch_y: None,
        })
    }

    pub fn split(&self) -> &Split {
        &self.split
    }

    pub fn regression(&self) -> bool {
        self.head == Head::Linear
    }

    pub fn head(&self) -> Head {
        self.head
    }

    /// Layer widths, the features first, the outputs last.
    pub fn widths(&self) -> &[usize] {
        &self.widths
    }

    /// Batches in one epoch.
    pub fn batches_per_epoch(&self) -> usize {
        self.split.train.len().div_ceil(self.net_spec.batch_size)
    }

    /// Shuffles the training set for the current epoch (seeded by data seed and epoch) and
    /// uploads it once; batches are row slices of it.
    fn start_epoch(&mut self) {
        let (x, labels) = self.epoch_data(self.epoch);
        let (n, f) = (labels.len(), self.net_spec.features.len());
        self.epoch_x = Some(tensor(&x, [n, f], &self.device));
        let y = self.head.targets(&labels);
        self.epoch_y = Some(tensor(&y, [n, self.head.outputs()], &self.device));
        self.cursor = 0;
    }

    /// Epoch `epoch`'s training rows in the order they train: the features row by row
    /// (`[train, features]` flattened) and the labels.
    pub fn epoch_data(&self, epoch: usize) -> (Vec<f64>, Vec<f64>) {
        let mut order: Vec<usize> = (0..self.split.train.len()).collect();
        shuffle(
            &mut order,
            self.data.seed ^ (epoch as u64).wrapping_mul(0x9E37),
        );
        let pts: Vec<(f64, f64)> = order
            .iter()
            .map(|&i| (self.split.train[i].x, self.split.train[i].y))
            .collect();
        let labels: Vec<f64> = order.iter().map(|&i| self.split.train[i].label).collect();
        (feature_matrix(&self.net_spec.features, &pts), labels)
    }

    /// Trains `count` mini-batches (crossing epoch ends as needed); one readback at the end.
    pub async fn train_batches(&mut self, count: usize) -> Result<TrainReport, PlaygroundError> {
        let n = self.split.train.len();
        let mut rb = Readback::new();
        for _ in 0..count {
            if n == 0 {
                break;
            }
            if self.cursor == 0 || self.epoch_x.is_none() {
                self.start_epoch();
            }
            let end = (self.cursor + self.net_spec.batch_size).min(n);
            let (Some(ex), Some(ey)) = (&self.epoch_x, &self.epoch_y) else {
                break;
            };
            let x = ex.clone().slice([self.cursor..end]); // [batch, features]
            let y = ey.clone().slice([self.cursor..end]); // [batch, outputs]
            let outs = forward(&self.net, x, self.net_spec.activation, self.head, None);
            let Some(out) = outs.last() else { break };
            let loss = data_loss(out, y, self.head);
            let total = loss.clone() + penalty(&self.net, &self.net_spec, &self.device);
            rb.add(loss);
            let grads = GradientsParams::from_grads(total.backward(), &self.net);
            let net = std::mem::replace(&mut self.net, Net { layers: vec![] });
            self.net = self.optim.step(self.net_spec.learning_rate, net, grads);
            self.cursor = end;
            if end == n {
                self.cursor = 0;
                self.epoch += 1;
            }
        }
        let read = rb.read().await?;
        Ok(TrainReport {
            batch_losses: read
                .iter()
                .map(|v| v.first().copied().unwrap_or(f64::NAN))
                .collect(),
            epoch: self.epoch,
        })
    }

    /// Trains to the end of the current epoch (a whole epoch from a fresh start).
    pub async fn train_epoch(&mut self) -> Result<TrainReport, PlaygroundError> {
        let n = self.split.train.len();
        let left = n.saturating_sub(self.cursor);
        let batches = left.div_ceil(self.net_spec.batch_size);
        self.train_batches(batches).await
    }

    /// Sets one weight, `layer` 0 being input → first hidden layer. Keeps the optimiser state.
    pub fn set_weight(
        &mut self,
        layer: usize,
        from: usize,
        to: usize,
        value: f64,
    ) -> Result<(), PlaygroundError> {
        let widths = &self.widths;
        if layer + 1 >= widths.len() || from >= widths[layer] || to >= widths[layer + 1] {
            return Err(index_err(format!("w {layer} {from} {to}")));
        }
        check_value(value)?;
        let v = tensor(&[value], [1, 1], &self.device);
        let dense = &mut self.net.layers[layer];
        let w = std::mem::replace(&mut dense.w, burn::module::Param::from_tensor(v.clone()));
        dense.w = w.map(|t| {
            t.slice_assign([from..from + 1, to..to + 1], v)
                .detach()
                .require_grad()
        });
        Ok(())
    }

    /// Sets one bias of `layer` (its neuron `to`).
    pub fn set_bias(&mut self, layer: usize, to: usize, value: f64) -> Result<(), PlaygroundError> {
        let widths = &self.widths;
        if layer + 1 >= widths.len() || to >= widths[layer + 1] {
            return Err(index_err(format!("b {layer} {to}")));
        }
        check_value(value)?;
        let v = tensor(&[value], [1], &self.device);
        let dense = &mut self.net.layers[layer];
        let b = std::mem::replace(&mut dense.b, burn::module::Param::from_tensor(v.clone()));
        dense.b = b.map(|t| t.slice_assign([to..to + 1], v).detach().require_grad());
        Ok(())
    }

    /// Every weight and bias, read back once.
    pub async fn weights(&self) -> Result<Weights, PlaygroundError> {
        let mut rb = Readback::new();
        let slots = self.register_weights(&mut rb);
        let read = rb.read().await?;
        Ok(self.weights_from(&read, &slots))
    }

    /// Registers every layer's weights and biases; returns each layer's (w, b) slots.
    pub(crate) fn register_weights(&self, rb: &mut Readback) -> Vec<[Slot; 2]> {
        self.net
            .layers
            .iter()
            .map(|layer| [rb.add(layer.w.val()), rb.add(layer.b.val())])
            .collect()
    }

    /// Rebuilds [`Weights`] from the slots `register_weights` returned.
    pub(crate) fn weights_from(&self, read: &Readings, slots: &[[Slot; 2]]) -> Weights {
        let layers = self
            .widths
            .windows(2)
            .zip(slots)
            .map(|(p, &[w_at, b_at])| super::net::LayerWeights {
                w: read[w_at].chunks(p[1]).map(<[f64]>::to_vec).collect(),
                b: read[b_at].clone(),
            })
            .collect();
        Weights { layers }
    }
}

/// An edited weight must be a finite number of sensible size.
fn check_value(v: f64) -> Result<(), PlaygroundError> {
    if v.is_finite() && v.abs() <= 1e6 {
        Ok(())
    } else {
        Err(PlaygroundError::new(
            Text::new(
                "权重须是绝对值不超过 10⁶ 的有限数",
                "A weight must be a finite number within ±10⁶",
            ),
            v.to_string(),
        ))
    }
}
