//! `trace LESSON [--set NAME=VALUE ...]`: a lesson's step trace as JSON, computed by the
//! engine on burn's CPU backend (flex). Errors: one line on stderr, exit code 2.

use burn::prelude::Device;
use engine::lessons::kit::Values;
use engine::lessons::mlp_step::{self, json::trace_json, params::article_params};
use engine::lessons::registry::{KIT_LESSONS, kit_lesson};
use engine::model::mlp221::trace_step;
use engine::state::setting::{Settings, split_assignment};

fn usage() -> String {
    let mut ids = vec![mlp_step::ID];
    ids.extend(KIT_LESSONS.iter().map(|l| l.id));
    format!(
        "usage: trace LESSON [--set NAME=VALUE ...] | trace --list   (lessons: {})",
        ids.join(", ")
    )
}

/// Reads `--set NAME=VALUE` (or `--set=NAME=VALUE`) flags into `settings`.
fn apply_flags<S: Settings>(settings: &mut S, rest: &[String]) -> Result<(), String> {
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        let assignment = match flag.as_str() {
            "--set" => it.next().ok_or("--set needs NAME=VALUE")?.as_str(),
            other => other
                .strip_prefix("--set=")
                .ok_or_else(|| format!("unknown argument “{other}”; {}", usage()))?,
        };
        let (name, value) = split_assignment(assignment).map_err(|e| e.to_string())?;
        settings
            .set(name, value)
            .map_err(|e| format!("--set {name}: {e}"))?;
    }
    Ok(())
}

fn run(args: &[String]) -> Result<String, String> {
    let (lesson, rest) = args.split_first().ok_or_else(usage)?;
    if lesson == "--list" {
        let mut ids = vec![mlp_step::ID];
        ids.extend(KIT_LESSONS.iter().map(|l| l.id));
        return Ok(ids.join("\n"));
    }
    let device = Device::flex();
    if lesson == mlp_step::ID {
        let mut params = article_params();
        apply_flags(&mut params, rest)?;
        let trace = pollster::block_on(trace_step(&params, &device)).map_err(|e| e.to_string())?;
        return serde_json::to_string_pretty(&trace_json("flex", &params, &trace))
            .map_err(|e| e.to_string());
    }
    let def =
        kit_lesson(lesson).ok_or_else(|| format!("unknown lesson “{lesson}”; {}", usage()))?;
    let mut values: Values = (def.article_values)();
    apply_flags(&mut values, rest)?;
    let trace = pollster::block_on((def.trace)(&values, &device)).map_err(|e| e.to_string())?;
    serde_json::to_string_pretty(&trace.to_json(def.id, "flex", &values)).map_err(|e| e.to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(json) => println!("{json}"),
        Err(message) => {
            eprintln!("trace: {message}");
            std::process::exit(2);
        }
    }
}
