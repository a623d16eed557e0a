//! The loss curve: loss against training step.

use plotters::prelude::*;

/// Colours of the app's palette (style/main.css uses the same values).
pub const LINE: RGBColor = RGBColor(0x25, 0x63, 0xeb);
pub const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);

/// The y range shown for `losses`: from 0 to a little above the largest finite loss.
pub fn y_range(losses: &[f64]) -> std::ops::Range<f64> {
    let max = losses
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    0.0..if max > 0.0 { max * 1.1 } else { 1.0 }
}

/// More points than a canvas has pixels only cost time: long runs are thinned to this many.
pub const MAX_POINTS: usize = 2000;

/// The (step, loss) points drawn: finite losses only, at most about `max` of them (every
/// k-th step, always keeping the last), so a long run redraws as fast as a short one.
pub fn curve_points(losses: &[f64], max: usize) -> Vec<(f64, f64)> {
    let stride = losses.len().div_ceil(max.max(1)).max(1);
    let last = losses.len().saturating_sub(1);
    losses
        .iter()
        .enumerate()
        .filter(|(i, v)| v.is_finite() && (i % stride == 0 || *i == last))
        .map(|(i, &v)| (i as f64, v))
        .collect()
}

/// Draws `losses` (one per step) into `area`; non-finite losses are left out of the line.
pub fn draw_loss_curve<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    losses: &[f64],
    x_label: &str,
    y_label: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let x_max = losses.len().max(2) as f64 - 1.0;
    let mut chart = ChartBuilder::on(area)
        .margin(8)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..x_max, y_range(losses))?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .x_desc(x_label)
        .y_desc(y_label)
        .x_labels(6)
        .y_labels(5)
        .label_style(("sans-serif", 15))
        .axis_desc_style(("sans-serif", 15))
        .draw()?;
    chart.draw_series(LineSeries::new(
        curve_points(losses, MAX_POINTS),
        LINE.stroke_width(2),
    ))?;
    area.present()
}

/// Line colours for several curves (the tab10 palette's first colours; lessons that draw paths
/// use them in the same order, so a curve and its path share a colour).
pub const SERIES: [RGBColor; 6] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0xd6, 0x27, 0x28),
    RGBColor(0x94, 0x67, 0xbd),
    RGBColor(0x8c, 0x56, 0x4b),
];

/// Draws several named curves (one value per step each) with a legend, e.g. the losses of
/// optimisers racing on one problem.
pub fn draw_curves<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    series: &[(&str, &[f64])],
    x_label: &str,
    y_label: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let longest = series.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    let all: Vec<f64> = series.iter().flat_map(|(_, v)| v.iter().copied()).collect();
    let mut chart = ChartBuilder::on(area)
        .margin(8)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..(longest.max(2) as f64 - 1.0), y_range(&all))?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .x_desc(x_label)
        .y_desc(y_label)
        .x_labels(6)
        .y_labels(5)
        .label_style(("sans-serif", 15))
        .axis_desc_style(("sans-serif", 15))
        .draw()?;
    for (i, (name, values)) in series.iter().enumerate() {
        let colour = SERIES[i % SERIES.len()];
        chart
            .draw_series(LineSeries::new(
                curve_points(values, MAX_POINTS),
                colour.stroke_width(2),
            ))?
            .label(*name)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
            });
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(GRID)
        .label_font(("sans-serif", 15))
        .draw()?;
    area.present()
}
