//! Every engine integration test in one binary. Each file directly under tests/ would be
//! its own crate linking its own copy of burn (about 200 MB each in a debug build), and
//! two dozen of them filled the CI machine's disk.

mod graph_oracle;
mod oracle;

mod attention;
mod autograph;
mod backprop_352;
mod bad_input;
mod bce;
mod crate_error;
mod errata_language;
mod errata_staleness;
mod export;
mod gradcheck;
mod keras_4x4;
mod lesson_registry;
mod linreg_gd;
mod math_formula;
mod mlp_step_golden;
mod mlp_step_trace;
mod mlp_step_walkthrough;
mod mnist_asset;
mod mnist_cnn;
mod mnist_schedule;
mod optimizers;
mod playground_classes;
mod playground_csv;
mod playground_data;
mod playground_state;
mod playground_train;
mod plots;
mod predict;
mod softmax_ce;
mod state_parsing;
mod text_classifier;
mod text_classifier_page;
mod trace_cli;
mod worksheet;
mod xor;

/// The number in the first `name="…"` attribute of SVG text (what a test reads off a drawing).
pub fn svg_number(svg: &str, name: &str) -> f64 {
    let value = svg
        .split(&format!("{name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no {name} in {svg}"));
    value
        .parse()
        .unwrap_or_else(|_| panic!("{name}={value} is not a number"))
}
