//! Downloads: the trace CSV holds every entry the page shows, in full precision; the weights
//! JSON holds every parameter; the loss curve SVG is a document; the embed flag is read.

use burn::prelude::Device;
use engine::export::{loss_curve_svg, trace_csv, weights_json};
use engine::lessons::registry::kit_lessons;
use engine::state::hash::{parse_route, take_flag};

#[test]
fn trace_csv_round_trips_every_number() {
    let device = Device::flex();
    for def in kit_lessons() {
        let values = (def.article_values)();
        let t = pollster::block_on((def.trace)(&values, &device)).unwrap();
        let csv = trace_csv(&t);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("role,entry,value,grad,updated"));
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        assert!(
            rows.iter().all(|r| r.len() == 5),
            "{}: five columns",
            def.id
        );
        let expected: usize = t.quantities.iter().map(|q| q.value.flat().len()).sum();
        assert_eq!(
            rows.len(),
            expected + usize::from(t.loss.is_some()),
            "{}",
            def.id
        );
        for q in &t.quantities {
            let flat = q.value.flat();
            let mine: Vec<&Vec<&str>> = rows
                .iter()
                .filter(|r| r[1] == q.name || r[1].starts_with(&format!("{}[", q.name)))
                .collect();
            assert_eq!(mine.len(), flat.len(), "{} {}", def.id, q.name);
            for (r, v) in mine.iter().zip(&flat) {
                assert_eq!(r[2].parse::<f64>().unwrap(), *v, "{} {}", def.id, r[1]);
            }
            if let Some(g) = &q.grad {
                for (r, v) in mine.iter().zip(g.flat()) {
                    assert_eq!(r[3].parse::<f64>().unwrap(), v);
                }
            }
        }
        let w = weights_json(def.id, &t, &values);
        assert_eq!(w["lesson"], def.id);
        for q in t
            .quantities
            .iter()
            .filter(|q| q.updated.is_some() && q.role == engine::lessons::kit::Role::Param)
        {
            assert!(
                w["params"][&q.name].is_number() || w["params"][&q.name].is_array(),
                "{} {}",
                def.id,
                q.name
            );
        }
    }
}

#[test]
fn loss_curve_svg_is_a_document_with_a_line() {
    let svg = loss_curve_svg(&[1.0, 0.5, 0.25], "step", "loss");
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("<polyline") || svg.contains("<path"));
}

#[test]
fn embed_flag_is_split_off_the_settings() {
    let route = parse_route("#/bce?p[0]=0.4&embed=1&lr=0.2");
    let (rest, on) = take_flag(&route.assignments, "embed");
    assert!(on);
    assert_eq!(rest, ["p[0]=0.4", "lr=0.2"]);
    let (rest, on) = take_flag(&["embed=0", "lr=1"], "embed");
    assert!(!on);
    assert_eq!(rest, ["lr=1"]);
}

#[test]
fn playground_weights_and_output_export() {
    use engine::export::{playground_output_svg, playground_weights_json};
    use engine::playground::net::Weights;
    use engine::playground::state::PlaygroundState;
    let state = PlaygroundState::default();
    let widths = state.net.widths();
    let w = Weights::init(&widths, 3);
    let j = playground_weights_json(&w, &state);
    assert_eq!(j["layers"].as_array().unwrap().len(), widths.len() - 1);
    assert_eq!(j["layers"][0]["w"][1][2], w.layers[0].w[1][2]);
    assert!(j["link"].as_str().unwrap().starts_with("#/playground?"));
    let svg = playground_output_svg(&[0.0, 0.5, 1.0, 0.25], 2, engine::i18n::Lang::En);
    assert!(svg.starts_with("<svg"));
    assert_eq!(svg.matches("<rect").count(), 4);
}

#[test]
fn train_and_test_curves_export_as_svg() {
    let svg = engine::export::curves_svg(
        &[("train", &[1.0, 0.5]), ("test", &[1.1, 0.7])],
        "epoch",
        "loss",
    );
    assert!(svg.starts_with("<svg") && svg.to_ascii_uppercase().matches("#1F77B4").count() >= 2);
}
