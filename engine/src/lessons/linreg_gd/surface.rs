//! The loss surface's grid: MSE at every (w, b) of a GRID × GRID lattice around the start and
//! the exact fit, computed with burn in one pass (the views draw it, the model computes it).

use burn::prelude::*;

use crate::base::readback::tensor;

/// Grid points per axis of the surface.
pub const GRID: usize = 41;

/// Holds the article's start (0.1, 0.1) and the exact fit (0.5, 0) with room around them.
pub const W_RANGE: (f64, f64) = (-0.4, 1.4);

pub const B_RANGE: (f64, f64) = (-1.0, 1.0);

/// The grid coordinates along one axis.
pub fn axis(range: (f64, f64)) -> Vec<f64> {
    let step = (range.1 - range.0) / (GRID - 1) as f64;
    (0..GRID).map(|i| range.0 + step * i as f64).collect()
}

/// MSE at every grid point: rows are b, columns w, each the mean over the m samples.
pub fn mse_grid(x: &Tensor<1>, y: &Tensor<1>) -> Tensor<2> {
    let (m, device) = (x.dims()[0], x.device());
    let shape = [GRID, GRID, m];
    let ws = tensor(&axis(W_RANGE), [1, GRID, 1], &device).expand(shape);
    let bs = tensor(&axis(B_RANGE), [GRID, 1, 1], &device).expand(shape);
    let xs = x.clone().reshape([1, 1, m]).expand(shape);
    let ys = y.clone().reshape([1, 1, m]).expand(shape);
    (ws * xs + bs - ys)
        .square()
        .mean_dim(2)
        .reshape([GRID, GRID])
}
