//! The layer-by-layer gradient table and the two weight-gradient matrices as heatmaps.

use super::model::NetNumbers;
use super::setup::{N_HID, N_IN, N_OUT};
use crate::base::views::{Heatmap, Table, View};
use crate::i18n::Text;
use crate::lessons::kit::notation::subscript;
use crate::lessons::kit::shown::DIGITS;
use crate::state::number::format_number;

pub fn views(n: &NetNumbers) -> Vec<View> {
    vec![
        View::Table(layer_table(n)),
        View::Heatmap(weight_grads(
            "grad-W2",
            Text::new("∂L/∂W²（隐藏层 → 输出层）", "∂L/∂W² (hidden → output)"),
            &n.grad_w2,
            names("a¹", N_HID),
            names("z²", N_OUT),
        )),
        View::Heatmap(weight_grads(
            "grad-W1",
            Text::new("∂L/∂W¹（输入层 → 隐藏层）", "∂L/∂W¹ (input → hidden)"),
            &n.grad_w1,
            names("x", N_IN),
            names("z¹", N_HID),
        )),
    ]
}

/// `x₁`, `x₂`, … for the rows and columns of a heatmap.
fn names(base: &str, count: usize) -> Vec<String> {
    (1..=count)
        .map(|i| format!("{base}{}", subscript(i)))
        .collect()
}

/// Each unit of each layer: its input z, its output, ∂L/∂output and δ = ∂L/∂z.
fn layer_table(n: &NetNumbers) -> Table {
    let f = |v: f64| format_number(v, DIGITS);
    let t = |s: &'static str| Text::new(s, s);
    let mut rows = Vec::new();
    for k in 0..N_OUT {
        rows.push(vec![
            "2".into(),
            format!("{}", k + 1),
            f(n.z2[k]),
            f(n.p[k]),
            f(n.grad_p[k]),
            f(n.grad_z2[k]),
        ]);
    }
    for i in 0..N_HID {
        rows.push(vec![
            "1".into(),
            format!("{}", i + 1),
            f(n.z1[i]),
            f(n.a1[i]),
            f(n.grad_a1[i]),
            f(n.grad_z1[i]),
        ]);
    }
    Table {
        id: "layers",
        title: Text::new(
            "逐层的梯度（从输出往回）",
            "Gradients layer by layer (from the output back)",
        ),
        columns: vec![
            Text::new("层", "Layer"),
            Text::new("单元", "Unit"),
            t("z"),
            Text::new("输出 a（第 2 层为 ŷ）", "Output a (ŷ in layer 2)"),
            t("∂L/∂a"),
            t("δ = ∂L/∂z"),
        ],
        rows,
    }
}

/// A gradient matrix as colours on a scale symmetric about 0, numbers written in the cells.
fn weight_grads(
    id: &'static str,
    title: Text,
    cells: &[Vec<f64>],
    col_labels: Vec<String>,
    row_labels: Vec<String>,
) -> Heatmap {
    let reach = cells
        .iter()
        .flatten()
        .map(|v| v.abs())
        .filter(|v| v.is_finite())
        .fold(1e-9, f64::max);
    Heatmap {
        id,
        title,
        col_labels,
        row_labels,
        extent: None,
        cells: cells.to_vec(),
        lo: -reach,
        hi: reach,
        numbers: true,
        points: vec![],
    }
}
