//! The pictures: the MSE surface over (w, b) with the GD path, the article's MSE table beside
//! this run's, and its prediction table beside the current model's.

use super::model::LinregNumbers;
use super::setup::{CHECKPOINTS, PROBES, checkpoint_name};
use super::surface::{B_RANGE, GRID, W_RANGE};
use crate::i18n::Text;
use crate::lessons::kit::shown::shown;
use crate::lessons::kit::{Surface, SurfacePath, Table, Values, View};

/// Article 003's MSE table and prediction table, quoted as printed.
const ARTICLE_MSE: [&str; 4] = ["0.45", "0.20", "0.05", "0.01"];
const ARTICLE_PREDICTIONS: [&str; 3] = ["3.05", "5.10", "10.20"];

pub fn views(n: &LinregNumbers, v: &Values) -> Vec<View> {
    vec![
        View::Surface(surface(n)),
        View::Table(mse_table(n, v)),
        View::Table(prediction_table(n)),
    ]
}

fn surface(n: &LinregNumbers) -> Surface {
    Surface {
        id: "mse",
        title: Text::new(
            "MSE 曲面与梯度下降路径",
            "MSE surface and the gradient-descent path",
        ),
        x_label: "w".into(),
        y_label: "b".into(),
        x_range: W_RANGE,
        y_range: B_RANGE,
        z: n.grid.chunks(GRID).map(<[f64]>::to_vec).collect(),
        paths: vec![SurfacePath {
            label: Text::new("GD", "GD"),
            x_name: "w".into(),
            y_name: "b".into(),
            colour: "#d62728",
        }],
        click_sets: Some(("w".into(), "b".into())),
    }
}

/// This run's MSE at the article's iterations: recorded when the run passed them, the current
/// loss when this is the iteration, "—" while the run has not got there.
fn mse_table(n: &LinregNumbers, v: &Values) -> Table {
    let t = v.get("t");
    let rows = CHECKPOINTS
        .iter()
        .zip(ARTICLE_MSE)
        .map(|(&k, claim)| {
            let k_f = k as f64;
            let ours = if t >= k_f {
                shown(v.get(&checkpoint_name(k)))
            } else if t + 1.0 == k_f {
                shown(n.loss)
            } else {
                "—".into()
            };
            vec![k.to_string(), claim.to_string(), ours]
        })
        .collect();
    Table {
        id: "mse_table",
        title: Text::new("各次迭代的 MSE", "MSE by iteration"),
        columns: vec![
            Text::new("迭代次数", "Iteration"),
            Text::new("文章", "Article"),
            Text::new("本次运行", "This run"),
        ],
        rows,
    }
}

fn prediction_table(n: &LinregNumbers) -> Table {
    let rows = PROBES
        .iter()
        .zip(ARTICLE_PREDICTIONS)
        .zip(&n.probes)
        .map(|((x, claim), ours)| vec![shown(*x), claim.into(), shown(*ours)])
        .collect();
    Table {
        id: "predictions",
        title: Text::new("新输入的预测", "Predictions for new inputs"),
        columns: vec![
            Text::new("输入 x", "Input x"),
            Text::new("文章", "Article"),
            Text::new("当前模型 w·x + b", "Current model w·x + b"),
        ],
        rows,
    }
}
