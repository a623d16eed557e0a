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

mod views {
    use engine::base::views::{
        HeatPoint, Heatmap, Plot, PlotCurve, PlotMark, Surface, SurfacePath, Table, View,
    };
    use engine::i18n::{Lang, Text};
    use engine::plots::views::{PathData, contour_segments, surface_point, view_svg};

    #[test]
    fn contour_segments_lie_on_the_level_set() {
        // z = x² + y² on a grid centred at (10, 10): the level 25 is the circle of radius 5.
        let z: Vec<Vec<f64>> = (0..21)
            .map(|r| {
                (0..21)
                    .map(|c| (c as f64 - 10.0).powi(2) + (r as f64 - 10.0).powi(2))
                    .collect()
            })
            .collect();
        let segs = contour_segments(&z, 25.0);
        assert!(segs.len() > 20);
        for ((ax, ay), _) in segs {
            let r = ((ax - 10.0).powi(2) + (ay - 10.0).powi(2)).sqrt();
            assert!((r - 5.0).abs() < 0.3, "radius {r}");
        }
    }

    #[test]
    fn heatmap_writes_each_number_and_point() {
        let h = Heatmap {
            id: "w",
            title: Text::new("权重", "Weights"),
            col_labels: vec!["I".into(), "love".into()],
            row_labels: vec!["I".into(), "<b>".into()],
            extent: None,
            cells: vec![vec![0.25, 0.75], vec![1.0, 0.0]],
            lo: 0.0,
            hi: 1.0,
            numbers: true,
            points: vec![],
        };
        let svg = view_svg(&View::Heatmap(h), Lang::En, &[]);
        assert_eq!(svg.matches("<rect").count(), 4);
        for n in [">0.25<", ">0.75<", ">1<", ">0<"] {
            assert!(svg.contains(n), "{n} in {svg}");
        }
        assert!(
            svg.contains("&lt;b&gt;") && !svg.contains("<b>"),
            "labels are escaped"
        );
        let field = Heatmap {
            id: "boundary",
            title: Text::new("边界", "Boundary"),
            col_labels: vec![],
            row_labels: vec![],
            extent: Some([0.0, 1.0, 0.0, 1.0]),
            cells: vec![vec![0.0; 5]; 5],
            lo: 0.0,
            hi: 1.0,
            numbers: false,
            points: vec![HeatPoint {
                x: 1.0,
                y: 0.0,
                value: 1.0,
            }],
        };
        let svg = view_svg(&View::Heatmap(field.clone()), Lang::Zh, &[]);
        assert_eq!(svg.matches("<circle").count(), 1);
        assert!(svg.contains("边界"));
        // A title longer than the map widens the picture instead of being cut off: 60
        // letters at about 8 px each, from the left margin of 40.
        let wide = view_svg(
            &View::Heatmap(Heatmap {
                title: Text::new("边界", &*"m".repeat(60).leak()),
                ..field
            }),
            Lang::En,
            &[],
        );
        let width = crate::svg_number(&wide, "width");
        assert!(width >= 40.0 + 60.0 * 8.0, "{width}");
    }

    #[test]
    fn plot_draws_curves_marks_and_tangents_inside_its_range() {
        let mark = |x: f64, y: f64, slope| PlotMark {
            label: "1".into(),
            colour: "#000",
            x,
            y,
            slope,
        };
        let p = Plot {
            id: "p",
            title: Text::new("图", "Plot"),
            x_label: "x".into(),
            y_label: "y".into(),
            x_range: (0.0, 1.0),
            y_range: (0.0, 2.0),
            curves: vec![PlotCurve {
                label: "<y>".into(),
                colour: "#f00",
                // Leaves the range in the middle: drawn as two pieces.
                points: vec![(0.0, 0.5), (0.25, 1.0), (0.5, 5.0), (0.75, 1.0), (1.0, 0.5)],
            }],
            marks: vec![
                mark(0.25, 1.0, Some(2.0)),
                mark(0.5, 5.0, Some(1.0)),
                mark(0.75, 1.0, None),
            ],
        };
        let svg = view_svg(&View::Plot(p), Lang::En, &[]);
        assert_eq!(
            svg.matches("<circle").count(),
            2,
            "the mark above the range is left out"
        );
        assert_eq!(svg.matches("data-slope=").count(), 1);
        let path = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(path.matches('M').count(), 2, "{path}");
        assert!(svg.contains("&lt;y&gt;") && !svg.contains("<y>"));
    }

    #[test]
    fn surface_draws_contours_and_each_path() {
        let z: Vec<Vec<f64>> = (0..30)
            .map(|r| {
                (0..30)
                    .map(|c| (c as f64 - 15.0).powi(2) + 3.0 * (r as f64 - 10.0).powi(2))
                    .collect()
            })
            .collect();
        let s = Surface {
            id: "loss",
            title: Text::new("损失曲面", "Loss surface"),
            x_label: "w".into(),
            y_label: "b".into(),
            x_range: (-1.0, 1.0),
            y_range: (-1.0, 1.0),
            z,
            paths: vec![SurfacePath {
                label: engine::i18n::Text::new("GD", "GD"),
                x_name: "w".into(),
                y_name: "b".into(),
                colour: "#e66",
            }],
            click_sets: Some(("w".into(), "b".into())),
        };
        let paths = [PathData {
            label: "GD".into(),
            colour: "#e66".into(),
            points: vec![(-0.5, 0.5), (0.0, 0.1), (f64::NAN, 0.0)],
        }];
        // A click on the plot's corners maps to the ranges' ends; outside it, to nothing.
        let (x, y) = surface_point(&s, 56.0 / 526.0, 30.0 / 396.0).unwrap();
        assert!(
            (x + 1.0).abs() < 1e-9 && (y - 1.0).abs() < 1e-9,
            "top-left is (x0, y1)"
        );
        let (x, y) = surface_point(&s, 376.0 / 526.0, 350.0 / 396.0).unwrap();
        assert!(
            (x - 1.0).abs() < 1e-9 && (y + 1.0).abs() < 1e-9,
            "bottom-right is (x1, y0)"
        );
        assert_eq!(surface_point(&s, 0.01, 0.5), None);
        let svg = view_svg(&View::Surface(s), Lang::En, &paths);
        assert!(svg.contains(r#"class="contours""#) && svg.contains("M"));
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(svg.contains(r#"data-path="GD""#));
    }

    #[test]
    fn table_lists_every_cell() {
        let t = Table {
            id: "terms",
            title: Text::new("逐项", "Terms"),
            columns: vec![Text::new("i", "i"), Text::new("ℓ", "ℓ")],
            rows: vec![
                vec!["1".into(), "0.3567".into()],
                vec!["2".into(), "0.6931".into()],
            ],
        };
        let html = view_svg(&View::Table(t), Lang::En, &[]);
        assert_eq!(html.matches("<td>").count(), 4);
        assert!(html.contains("<caption>Terms</caption>"));
    }
}

#[test]
fn several_curves_each_get_a_line_and_a_legend_entry() {
    use engine::plots::loss_curve::draw_curves;
    let a = [3.0, 2.0, 1.0];
    let b = [3.0, 2.5, 2.2, 2.1];
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (400, 200)).into_drawing_area();
        draw_curves(&area, &[("gd", &a), ("adam", &b)], "step", "loss").unwrap();
    }
    // Natively plotters has no font, so text is left out; the lines and legend swatches are not.
    let svg = svg.to_ascii_uppercase();
    assert_eq!(
        svg.matches("#1F77B4").count(),
        2,
        "first curve and its swatch: {svg}"
    );
    assert_eq!(
        svg.matches("#FF7F0E").count(),
        2,
        "second curve and its swatch"
    );
}

mod raster {
    use engine::plots::raster::{Scale, tile};

    fn pixel(r: &engine::plots::raster::Raster, x: usize, y: usize) -> [u8; 4] {
        let at = (y * r.width + x) * 4;
        [r.rgba[at], r.rgba[at + 1], r.rgba[at + 2], r.rgba[at + 3]]
    }

    #[test]
    fn tiles_are_laid_out_in_rows_with_gaps() {
        let a = [0.0f32, 1.0, 0.5, 0.25];
        let b = [1.0f32; 4];
        let c = [0.0f32; 4];
        let r = tile(&[&a, &b, &c], 2, 2, 2, 1, Scale::Gray);
        // 2 columns of 2 px + 1 gap = 5 wide; 2 rows + 1 gap = 5 high.
        assert_eq!((r.width, r.height, r.rgba.len()), (5, 5, 5 * 5 * 4));
        assert_eq!(pixel(&r, 0, 0), [0, 0, 0, 255]);
        assert_eq!(pixel(&r, 1, 0), [255, 255, 255, 255]);
        assert_eq!(pixel(&r, 0, 1), [128, 128, 128, 255]); // 0.5 → 127.5 rounds to 128
        assert_eq!(pixel(&r, 2, 0), [255, 255, 255, 255]); // the gap
        assert_eq!(pixel(&r, 3, 0), [255, 255, 255, 255]); // tile b
        assert_eq!(pixel(&r, 0, 3), [0, 0, 0, 255]); // tile c, second row
        assert_eq!(pixel(&r, 3, 3), [255, 255, 255, 255]); // no fourth tile: background
    }

    #[test]
    fn diverging_scale_is_symmetric_and_per_tile_stretches_each_tile() {
        let w = [-2.0f32, 0.0, 1.0, 2.0];
        let r = tile(&[&w], 2, 2, 1, 0, Scale::Diverging);
        assert_eq!(pixel(&r, 0, 0), [0, 0, 255, 255]); // −max: full blue
        assert_eq!(pixel(&r, 1, 0), [255, 255, 255, 255]); // 0: white
        assert_eq!(pixel(&r, 0, 1), [255, 128, 128, 255]); // half of max: pale red
        assert_eq!(pixel(&r, 1, 1), [255, 0, 0, 255]);
        let m = [3.0f32, 5.0, f32::NAN, 4.0];
        let r = tile(&[&m], 2, 2, 1, 0, Scale::PerTile);
        assert_eq!(
            &pixel(&r, 0, 0)[..3],
            &engine::plots::views::viridis_rgb(0.0)
        );
        assert_eq!(
            &pixel(&r, 1, 0)[..3],
            &engine::plots::views::viridis_rgb(1.0)
        );
        assert_eq!(
            &pixel(&r, 1, 1)[..3],
            &engine::plots::views::viridis_rgb(0.5)
        );
        assert_eq!(pixel(&r, 0, 1), [0x88, 0x88, 0x88, 255]);
    }
}
