//! What the page draws each frame, from one batched forward pass and one readback: losses, the
//! output over a fine grid (decision boundary), every neuron over a coarse grid, all weights.

// burn's `slice` takes one range per dimension: `[lo..hi]` slices rows, not a Vec.
#![allow(clippy::single_range_in_vec_init)]

use burn::prelude::*;

use super::data::{Point, RADIUS};
use super::error::PlaygroundError;
use super::features::feature_matrix;
use super::head::one_hot;
use super::net::{LayerOut, Weights, data_loss, forward, row_losses};
use super::trainer::Playground;
use crate::base::readback::{Readback, Slot, tensor};

/// Cells per side of the output heatmap.
pub const OUTPUT_GRID: usize = 100;
/// Cells per side of each neuron's small heatmap.
pub const NEURON_GRID: usize = 24;

/// Cell centres of an `n`×`n` grid over [-6, 6]², row by row; row 0 is the bottom row
/// (y = −6 side), column 0 the left (x = −6 side).
pub fn grid_points(n: usize) -> Vec<(f64, f64)> {
    let step = 2.0 * RADIUS / n as f64;
    let c = |i: usize| -RADIUS + (i as f64 + 0.5) * step;
    (0..n)
        .flat_map(|row| (0..n).map(move |col| (c(col), c(row))))
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Finished epochs.
    pub epoch: usize,
    /// Mean data loss (no penalty) over the training and the test set; NaN when a set is empty.
    pub train_loss: f64,
    pub test_loss: f64,
    /// The network's output at [`grid_points`]`(OUTPUT_GRID)`, `outputs` numbers per cell: the
    /// probability of class 1 (sigmoid), each class's probability (softmax), or the regression
    /// prediction.
    pub output: Vec<f64>,
    /// Numbers per cell in `output` (the head's output units).
    pub outputs: usize,
    /// Mean data loss of the training points of each class (classification; NaN for a class
    /// with no training point; empty for regression).
    pub class_loss: Vec<f64>,
    /// `neurons[layer][neuron]` over [`grid_points`]`(NEURON_GRID)`: layer 0 holds the input
    /// features, then each hidden layer's activations, then the output.
    pub neurons: Vec<Vec<Vec<f64>>>,
    pub weights: Weights,
}

fn rows(points: &[Point]) -> Vec<(f64, f64)> {
    points.iter().map(|p| (p.x, p.y)).collect()
}

impl Playground {
    /// Computes the frame: one forward pass over train, test and both grids stacked, one readback.
    pub async fn frame(&self) -> Result<Frame, PlaygroundError> {
        let feats = &self.net_spec.features;
        let (train, test) = (&self.split.train, &self.split.test);
        let fine = grid_points(OUTPUT_GRID);
        let coarse = grid_points(NEURON_GRID);
        let mut all = rows(train);
        all.extend(rows(test));
        all.extend(&fine);
        all.extend(&coarse);
        let (n_tr, n_te, n_f, n_c) = (train.len(), test.len(), fine.len(), coarse.len());
        let dev = self.device.clone();
        // Evaluation needs no gradients: run it on the inner (plain) device.
        let plain = self.net.valid();
        let x =
            tensor(&feature_matrix(feats, &all), [all.len(), feats.len()], &dev).without_autodiff(); // [rows, features]
        let head = self.head;
        let outs = forward(&plain, x, self.net_spec.activation, head, None);
        let out = &outs[outs.len() - 1];
        let labels = |ps: &[Point]| ps.iter().map(|p| p.label).collect::<Vec<f64>>();
        let k = head.outputs();
        let part = |o: &LayerOut, lo: usize, hi: usize| LayerOut {
            z: o.z.clone().slice([lo..hi]),
            a: o.a.clone().slice([lo..hi]),
        };
        let mut rb = Readback::new();
        let loss_slot = |pts: &[Point], lo: usize, rb: &mut Readback| {
            (!pts.is_empty()).then(|| {
                let y =
                    tensor(&head.targets(&labels(pts)), [pts.len(), k], &dev).without_autodiff();
                rb.add(data_loss(&part(out, lo, lo + pts.len()), y, head))
            })
        };
        let train_slot = loss_slot(train, 0, &mut rb);
        let test_slot = loss_slot(test, n_tr, &mut rb);
        // Per class: each training row's loss summed into its class's column, [1, classes].
        let classes = head.classes();
        let class_slot = (classes > 0 && n_tr > 0).then(|| {
            let y = tensor(&head.targets(&labels(train)), [n_tr, k], &dev).without_autodiff();
            let per_row = row_losses(&part(out, 0, n_tr), y, head); // [train, 1]
            let mask: Vec<f64> = train
                .iter()
                .flat_map(|p| one_hot(p.label, classes))
                .collect();
            let mask = tensor(&mask, [n_tr, classes], &dev).without_autodiff(); // [train, classes]
            rb.add((per_row * mask).sum_dim(0))
        });
        let start_f = n_tr + n_te;
        let output_slot = rb.add(out.a.clone().slice([start_f..start_f + n_f]));
        let start_c = start_f + n_f;
        let layer_slots: Vec<Slot> = outs
            .iter()
            .map(|o| rb.add(o.a.clone().slice([start_c..start_c + n_c])))
            .collect();
        let weight_slots = self.register_weights(&mut rb);
        let read = rb.read().await?;

        let loss = |slot: Option<Slot>| slot.map_or(f64::NAN, |s| read.scalar(s));
        let class_loss = (0..classes)
            .map(|c| {
                let count = train.iter().filter(|p| p.label == c as f64).count();
                match class_slot {
                    Some(s) if count > 0 => read[s][c] / count as f64,
                    _ => f64::NAN,
                }
            })
            .collect();
        let mut neurons = vec![columns(&feature_matrix(feats, &coarse), feats.len())];
        for (slot, width) in layer_slots.iter().zip(self.widths.iter().skip(1)) {
            neurons.push(columns(&read[*slot], *width));
        }
        Ok(Frame {
            epoch: self.epoch,
            train_loss: loss(train_slot),
            test_loss: loss(test_slot),
            output: read[output_slot].clone(),
            outputs: k,
            class_loss,
            neurons,
            weights: self.weights_from(&read, &weight_slots),
        })
    }
}

/// Splits a row-major `[rows, width]` matrix into its columns.
fn columns(flat: &[f64], width: usize) -> Vec<Vec<f64>> {
    (0..width)
        .map(|j| flat.iter().skip(j).step_by(width).copied().collect())
        .collect()
}
