//! The lesson's pictures: training curves over steps (plotters, any backend) and each
//! attention head as a heatmap over the typed sentence's tokens.

use plotters::prelude::*;

use super::classifier::Prediction;
use super::session::Checkpoint;
use crate::base::views::Heatmap;
use crate::i18n::Text;
use crate::plots::loss_curve::{GRID, SERIES, y_range};

/// The (step, value) points of one quantity of the checkpoints, for both sets.
pub fn series(
    checkpoints: &[Checkpoint],
    f: impl Fn(&super::classifier::Evaluation) -> f64,
) -> [Vec<(f64, f64)>; 2] {
    let pick = |test: bool| {
        checkpoints
            .iter()
            .map(|c| {
                let e = if test { &c.test } else { &c.train };
                (c.step as f64, f(e))
            })
            .filter(|(_, v)| v.is_finite())
            .collect()
    };
    [pick(false), pick(true)]
}

/// Curves whose points carry their own x (the training step), with a legend. `y_max` fixes
/// the top of the y axis (accuracy: 100); otherwise it follows the largest value.
pub fn draw_step_curves<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    curves: &[(&str, &[(f64, f64)])],
    x_label: &str,
    y_label: &str,
    y_max: Option<f64>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let x_max = curves
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(x, _)| *x))
        // At least ten steps wide, so the axis' ticks are whole steps from the start.
        .fold(10.0_f64, f64::max);
    let ys = match y_max {
        Some(top) => 0.0..top,
        None => {
            let all: Vec<f64> = curves
                .iter()
                .flat_map(|(_, p)| p.iter().map(|(_, y)| *y))
                .collect();
            y_range(&all)
        }
    };
    let mut chart = ChartBuilder::on(area)
        .margin(8)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..x_max, ys)?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .x_desc(x_label)
        .y_desc(y_label)
        .x_labels(6)
        .y_labels(5)
        // Steps are whole numbers; so are the accuracy axis' percentages.
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| {
            if y_max.is_some() {
                format!("{y:.0}")
            } else {
                format!("{y:.1}")
            }
        })
        .label_style(("sans-serif", 15))
        .axis_desc_style(("sans-serif", 15))
        .draw()?;
    for (i, (name, points)) in curves.iter().enumerate() {
        let colour = SERIES[i % SERIES.len()];
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                colour.stroke_width(2),
            ))?
            .label(*name)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
            });
    }
    chart
        .configure_series_labels()
        // Losses fall and accuracies rise: the legend goes where the curves end up not being.
        .position(if y_max.is_some() {
            SeriesLabelPosition::LowerRight
        } else {
            SeriesLabelPosition::UpperRight
        })
        .background_style(WHITE.mix(0.85))
        .border_style(GRID)
        .label_font(("sans-serif", 15))
        .draw()?;
    area.present()
}

pub const ATTENTION_TITLE: Text = Text::new("注意力权重", "Attention weights");

/// One heatmap per block and head, rows the querying token, columns the token attended to,
/// on the fixed scale 0–1 so heads compare at a glance, to three decimals. Empty for the LSTM.
pub fn attention_heatmaps(p: &Prediction) -> Vec<(usize, usize, Heatmap)> {
    let labels: Vec<String> = p.tokens.iter().map(|t| t.text.clone()).collect();
    let mut out = vec![];
    for (b, block) in p.attention.iter().enumerate() {
        for (h, weights) in block.iter().enumerate() {
            out.push((
                b,
                h,
                Heatmap {
                    id: "attention",
                    title: ATTENTION_TITLE,
                    col_labels: labels.clone(),
                    row_labels: labels.clone(),
                    extent: None,
                    // Three decimals, as the cells print them: 1e-5 reads as 0, not as 1.0e−5.
                    cells: weights
                        .iter()
                        .map(|row| row.iter().map(|w| (w * 1000.0).round() / 1000.0).collect())
                        .collect(),
                    lo: 0.0,
                    hi: 1.0,
                    numbers: true,
                    points: vec![],
                },
            ));
        }
    }
    out
}

pub const LSTM_STATES_TITLE: Text = Text::new(
    "每个词之后的隐藏状态 hₜ",
    "The hidden state hₜ after each word",
);

/// The LSTM's hidden state after each real token: a column per token (in reading order, as
/// the sentence reads), a row per hidden unit, on the fixed scale −1…1 (a sigmoid times a
/// tanh), to two decimals. None for the Transformer.
pub fn lstm_states_heatmap(p: &Prediction) -> Option<Heatmap> {
    let units = p.states.first()?.len();
    Some(Heatmap {
        id: "lstm-states",
        title: LSTM_STATES_TITLE,
        col_labels: p.tokens.iter().map(|t| t.text.clone()).collect(),
        row_labels: (1..=units)
            .map(|u| format!("h{}", crate::lessons::kit::notation::subscript(u)))
            .collect(),
        extent: None,
        cells: (0..units)
            .map(|u| {
                p.states
                    .iter()
                    .map(|h| (h[u] * 100.0).round() / 100.0)
                    .collect()
            })
            .collect(),
        lo: -1.0,
        hi: 1.0,
        numbers: true,
        points: vec![],
    })
}
