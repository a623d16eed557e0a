//! The `trace` command line: JSON schema, --set, and one-line errors with exit code 2.

use std::process::Command;

fn trace(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_trace"))
        .args(args)
        .output()
        .expect("run trace")
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = trace(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn schema_of_the_article_setup() {
    let j = json(&["mlp-step"]);
    assert_eq!(j["lesson"], "mlp-step");
    assert_eq!(j["backend"], "flex");
    assert!(j["loss"].is_number());
    for node in ["z1", "a1"] {
        assert_eq!(
            j["nodes"][node]["value"].as_array().unwrap().len(),
            2,
            "{node}"
        );
        assert_eq!(
            j["nodes"][node]["grad"].as_array().unwrap().len(),
            2,
            "{node}"
        );
    }
    for node in ["z2", "a2"] {
        assert!(j["nodes"][node]["value"].is_number(), "{node}");
        assert!(j["nodes"][node]["grad"].is_number(), "{node}");
    }
    for field in ["value", "grad", "updated"] {
        let w1 = j["params"]["W1"][field].as_array().unwrap();
        assert_eq!(w1.len(), 2);
        assert_eq!(w1[0].as_array().unwrap().len(), 2);
        assert_eq!(j["params"]["b1"][field].as_array().unwrap().len(), 2);
        assert_eq!(j["params"]["W2"][field].as_array().unwrap().len(), 2);
        assert!(j["params"]["b2"][field].is_number());
    }
    // Row = hidden unit: W1[1][0] is the article's W¹₂₁ = 3.
    assert_eq!(j["params"]["W1"]["value"][1][0], 3.0);
    let z = j["nodes"]["z1"]["value"].as_array().unwrap();
    assert_eq!((z[0].as_f64(), z[1].as_f64()), (Some(5.0), Some(11.0)));
}

#[test]
fn set_changes_the_computation() {
    let j = json(&[
        "mlp-step",
        "--set",
        "y=0",
        "--set",
        "loss=mse",
        "--set",
        "W1[0][1]=2.5",
        "--set",
        "lr=0.01",
    ]);
    assert_eq!(j["params"]["W1"]["value"][0][1], 2.5);
    assert_eq!(j["settings"]["loss"], "mse");
    let z1 = j["nodes"]["z1"]["value"][0].as_f64().unwrap();
    assert!((z1 - 6.0).abs() < 1e-6, "z¹₁ = 1·1 + 2.5·2 = 6, got {z1}");
    let a2 = j["nodes"]["a2"]["value"].as_f64().unwrap();
    let loss = j["loss"].as_f64().unwrap();
    assert!((loss - a2 * a2).abs() < 1e-6, "MSE with y = 0 is a²");
    // --set=NAME=VALUE works too.
    let k = json(&["mlp-step", "--set=b2=0.5"]);
    assert_eq!(k["params"]["b2"]["value"], 0.5);
}

#[test]
fn errors_are_one_line_with_exit_code_2() {
    for args in [
        &["nope"][..],
        &[],
        &["mlp-step", "--set", "W9=1"],
        &["mlp-step", "--set", "y=abc"],
        &["mlp-step", "--set", "y"],
        &["mlp-step", "--set"],
        &["mlp-step", "--bogus"],
        &["mlp-step", "--set", "lr=NaN"],
    ] {
        let out = trace(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
}

/// `--pages` lists every live page of the registry once, the traced ones as step-throughs.
#[test]
fn pages_lists_every_live_page_with_its_kind() {
    let out = trace(&["--pages"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let pages: Vec<(&str, &str)> = text
        .lines()
        .map(|l| l.split_once(' ').expect("id kind"))
        .collect();
    let live: Vec<_> = engine::lessons::registry::PAGES
        .iter()
        .filter(|p| p.live)
        .collect();
    assert_eq!(pages.len(), live.len());
    for (p, (id, kind)) in live.iter().zip(&pages) {
        assert_eq!(p.id, *id);
        assert_eq!(
            *kind,
            if p.page.lesson().is_some() {
                "steps"
            } else {
                "runs"
            },
            "{id}"
        );
    }
    let listed = String::from_utf8_lossy(&trace(&["--list"]).stdout).to_string();
    let steps: Vec<&str> = pages
        .iter()
        .filter(|(_, k)| *k == "steps")
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(
        steps,
        listed.lines().collect::<Vec<_>>(),
        "the step-throughs are the traced lessons"
    );
    assert!(pages.contains(&("playground", "runs")));
}

#[test]
fn every_lesson_traces_in_the_same_schema() {
    let list = trace(&["--list"]);
    assert!(list.status.success());
    let ids: Vec<String> = String::from_utf8_lossy(&list.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(ids.len(), 9, "mlp-step and the eight kit lessons: {ids:?}");
    for id in &ids {
        let j = json(&[id]);
        assert_eq!(j["lesson"], id.as_str());
        assert_eq!(j["backend"], "flex");
        for key in ["nodes", "params", "inputs", "settings"] {
            assert!(j[key].is_object(), "{id}: {key}");
        }
        assert!(j["loss"].is_number(), "{id}: loss");
    }
    // A setting by name changes the result; a bad one is refused in one line.
    let a = json(&["bce"]);
    let b = json(&["bce", "--set", "p[0]=0.9"]);
    assert_ne!(a["loss"], b["loss"]);
    let bad = trace(&["xor", "--set", "model=deep"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1);
}

#[test]
fn worksheet_and_answer_key_from_the_command_line() {
    let sheet = trace(&["backprop-352", "--worksheet", "--seed", "7", "--lang", "en"]);
    assert!(sheet.status.success());
    let html = String::from_utf8(sheet.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Worksheet"));
    assert!(html.contains("Variant (seed) 7") && !html.contains("data-value"));
    let key = trace(&["backprop-352", "--worksheet", "--answers", "--seed", "7"]);
    let key = String::from_utf8(key.stdout).unwrap();
    assert!(key.contains("答案") && key.contains("data-value"));
    // mlp-step is a kit lesson too: its sheet has its 22 steps and 9 updates.
    let mlp = trace(&["mlp-step", "--worksheet", "--answers", "--lang", "en"]);
    assert!(
        mlp.status.success(),
        "{}",
        String::from_utf8_lossy(&mlp.stderr)
    );
    let mlp = String::from_utf8(mlp.stdout).unwrap();
    assert_eq!(mlp.matches("<tr data-cell=").count(), 22 + 9);
    assert!(mlp.contains(r#"data-cell="grad:W1[0][1]""#));
    // The same seed gives the same sheet; another seed other numbers.
    let again = String::from_utf8(
        trace(&["backprop-352", "--worksheet", "--seed", "7", "--lang", "en"]).stdout,
    )
    .unwrap();
    assert_eq!(html, again);
    let other = String::from_utf8(
        trace(&["backprop-352", "--worksheet", "--seed", "8", "--lang", "en"]).stdout,
    )
    .unwrap();
    assert_ne!(html, other);
    for bad in [
        &["backprop-352", "--seed", "7"][..],
        &["backprop-352", "--worksheet", "--seed", "x"][..],
        &["backprop-352", "--worksheet", "--lang", "fr"][..],
    ] {
        let out = trace(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!out.stderr.is_empty());
    }
}
