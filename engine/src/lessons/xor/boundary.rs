//! The decision boundary: ŷ over a square grid around the four points, computed with burn
//! from the same weights as the trace, drawn as a heatmap with the points on top.

use burn::prelude::*;
use burn::tensor::activation::sigmoid;

use crate::base::readback::tensor;

/// Cells per side.
pub const SIDE: usize = 40;
pub const LO: f64 = -0.5;
pub const HI: f64 = 1.5;

/// The centre of cell `i` along one axis.
pub fn coord(i: usize) -> f64 {
    LO + (HI - LO) * (i as f64 + 0.5) / SIDE as f64
}

/// Grid points row by row: row r at y = coord(r), column c at x = coord(c).
fn grid_points(device: &Device) -> Tensor<2> {
    let mut flat = Vec::with_capacity(SIDE * SIDE * 2);
    for r in 0..SIDE {
        for c in 0..SIDE {
            flat.push(coord(c));
            flat.push(coord(r));
        }
    }
    tensor(&flat, [SIDE * SIDE, 2], device)
}

/// ŷ at every grid point; `hidden` holds (W1, b1) for the hidden model.
pub fn predict(
    hidden: Option<(Tensor<2>, Tensor<2>)>,
    w: Tensor<2>,
    b: Tensor<2>,
    device: &Device,
) -> Tensor<2> {
    let g = grid_points(device);
    let input = match hidden {
        Some((w1, b1)) => (g.matmul(w1.transpose()) + b1).tanh(),
        None => g,
    };
    sigmoid(input.matmul(w) + b)
}
