//! The loss curve's data-to-plot mapping.

use engine::plots::loss_curve::{curve_points, draw_loss_curve, y_range};
use plotters::prelude::*;

#[test]
fn y_range_covers_finite_losses() {
    assert_eq!(y_range(&[]), 0.0..1.0);
    let r = y_range(&[0.5, 2.0, f64::INFINITY, f64::NAN]);
    assert_eq!(r.start, 0.0);
    assert!((r.end - 2.2).abs() < 1e-12);
}

#[test]
fn long_runs_are_thinned_keeping_the_last_step() {
    let losses: Vec<f64> = (0..100_000).map(|i| 1.0 / (1.0 + i as f64)).collect();
    let pts = curve_points(&losses, 2000);
    assert!(pts.len() <= 2001, "{}", pts.len());
    assert_eq!(pts.first(), Some(&(0.0, 1.0)));
    assert_eq!(pts.last().unwrap().0, 99_999.0);
    // Short runs keep every point; non-finite losses are left out.
    assert_eq!(
        curve_points(&[1.0, f64::NAN, 0.5], 2000),
        vec![(0.0, 1.0), (2.0, 0.5)]
    );
}

#[test]
fn draws_into_svg() {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (400, 200)).into_drawing_area();
        draw_loss_curve(&area, &[0.7, 0.5, 0.3], "step", "loss").unwrap();
    }
    assert!(svg.contains("<polyline"), "the curve is drawn");
}
