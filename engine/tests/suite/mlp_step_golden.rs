//! `trace mlp-step` against the output recorded before mlp-step moves into the lesson kit
//! (tests/golden, written by this tool at commit time): every key recorded must still be
//! there with the same value (numbers to f32 precision); new keys may be added.

use std::process::Command;

use serde_json::Value as Json;

fn trace(args: &[&str]) -> Json {
    let out = Command::new(env!("CARGO_BIN_EXE_trace"))
        .args(args)
        .output()
        .expect("run trace");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn golden(name: &str) -> Json {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect("golden JSON")
}

/// Where `now` differs from `was` ("extra keys allowed": only `was`'s keys are compared).
fn differences(path: &str, was: &Json, now: &Json, out: &mut Vec<String>) {
    match (was, now) {
        (Json::Object(a), Json::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => differences(&format!("{path}.{k}"), v, w, out),
                    None => out.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Json::Array(a), Json::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                differences(&format!("{path}[{i}]"), v, w, out);
            }
        }
        (Json::Number(a), Json::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            if (a - b).abs() > 1e-6 * a.abs().max(1e-3) {
                out.push(format!("{path}: {a} → {b}"));
            }
        }
        _ if was == now => {}
        _ => out.push(format!("{path}: {was} → {now}")),
    }
}

#[test]
fn trace_mlp_step_keeps_its_recorded_keys_and_numbers() {
    let cases: [(&str, &[&str]); 3] = [
        ("mlp-step.json", &["mlp-step"]),
        (
            "mlp-step_mse_y0.json",
            &["mlp-step", "--set", "loss=mse", "--set", "y=0"],
        ),
        (
            "mlp-step_moved.json",
            &[
                "mlp-step",
                "--set",
                "x[0]=0.5",
                "--set",
                "W1[0][1]=-1.5",
                "--set",
                "W2[1]=0.7",
                "--set",
                "b2=0.2",
                "--set",
                "lr=0.5",
            ],
        ),
    ];
    for (file, args) in cases {
        let mut out = Vec::new();
        differences("", &golden(file), &trace(args), &mut out);
        assert!(out.is_empty(), "{file}:\n{}", out.join("\n"));
    }
}

#[test]
fn the_comparison_catches_a_changed_number_and_a_missing_key() {
    let was = serde_json::json!({ "loss": 0.315, "nodes": { "a2": 0.73 } });
    let mut out = Vec::new();
    differences(
        "",
        &was,
        &serde_json::json!({ "loss": 0.316, "extra": 1 }),
        &mut out,
    );
    assert_eq!(out, [".loss: 0.315 → 0.316", ".nodes: missing"]);
}

#[test]
fn values_of_is_the_inverse_of_params_of() {
    use engine::lessons::kit::variant::variant;
    use engine::lessons::mlp_step::{article_params, article_values, params_of, values_of};
    use engine::model::mlp221::LossKind;
    let mut p = params_of(&variant(&article_values(), 3));
    assert_ne!(p, article_params(), "the variant moves the numbers");
    p.loss = LossKind::Mse;
    p.lr = 0.37;
    assert_eq!(params_of(&values_of(&p)), p);
    assert_eq!(params_of(&values_of(&article_params())), article_params());
}
