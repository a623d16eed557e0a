//! One point's loss with one weight or bias moved, on a copy of the network: what the
//! gradient check of the step view differentiates numerically. The live network is untouched,
//! so training may go on meanwhile.

// burn slices take one range per dimension: `[a..b]` is a 1-D slice, not a vec.
#![allow(clippy::single_range_in_vec_init)]

use burn::module::Param;

use super::data::Point;
use super::error::PlaygroundError;
use super::features::feature_row;
use super::net::{data_loss, forward, penalty};
use super::trainer::Playground;
use crate::base::readback::{Readback, tensor};
use crate::model::value::split_entry_name;

/// A weight or bias by position, `layer` 0 being input → first hidden layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamAt {
    Weight {
        layer: usize,
        from: usize,
        to: usize,
    },
    Bias {
        layer: usize,
        to: usize,
    },
}

impl ParamAt {
    /// Reads the step view's names: `W{l}[from][to]`, `b{l}[to]`, l counted from 1.
    pub fn from_name(name: &str) -> Option<ParamAt> {
        let (base, idx) = split_entry_name(name)?;
        let (kind, l) = base.split_at_checked(1)?;
        let layer = l.parse::<usize>().ok()?.checked_sub(1)?;
        match (kind, idx.as_slice()) {
            ("W", &[from, to]) => Some(ParamAt::Weight { layer, from, to }),
            ("b", &[to]) => Some(ParamAt::Bias { layer, to }),
            _ => None,
        }
    }
}

impl Playground {
    /// The loss [`Playground::step_trace`] reports for `p` (data loss plus penalty), with the
    /// parameter `at` moved by `delta`.
    pub async fn point_loss(
        &self,
        p: Point,
        at: ParamAt,
        delta: f64,
    ) -> Result<f64, PlaygroundError> {
        self.data.check_point(&p)?;
        let dev = &self.device;
        let widths = &self.widths;
        let bad = || {
            PlaygroundError::new(
                crate::i18n::Text::new("没有这个参数", "No such parameter"),
                format!("{at:?}"),
            )
        };
        let mut net = self.net.clone();
        match at {
            ParamAt::Weight { layer, from, to } => {
                if layer + 1 >= widths.len() || from >= widths[layer] || to >= widths[layer + 1] {
                    return Err(bad());
                }
                let w = net.layers[layer].w.val();
                let cell = w.clone().slice([from..from + 1, to..to + 1]);
                let moved =
                    w.slice_assign([from..from + 1, to..to + 1], cell.add_scalar(delta as f32));
                net.layers[layer].w = Param::from_tensor(moved.detach());
            }
            ParamAt::Bias { layer, to } => {
                if layer + 1 >= widths.len() || to >= widths[layer + 1] {
                    return Err(bad());
                }
                let b = net.layers[layer].b.val();
                let cell = b.clone().slice([to..to + 1]);
                let moved = b.slice_assign([to..to + 1], cell.add_scalar(delta as f32));
                net.layers[layer].b = Param::from_tensor(moved.detach());
            }
        }
        let x_row = feature_row(&self.net_spec.features, p.x, p.y);
        let x = tensor(&x_row, [1, widths[0]], dev);
        let y = tensor(
            &self.head.targets(&[p.label]),
            [1, self.head.outputs()],
            dev,
        );
        let outs = forward(&net, x, self.net_spec.activation, self.head, None);
        let loss =
            data_loss(&outs[outs.len() - 1], y, self.head) + penalty(&net, &self.net_spec, dev);
        let mut rb = Readback::new();
        let loss_at = rb.add(loss);
        Ok(rb.read().await?.scalar(loss_at))
    }
}
