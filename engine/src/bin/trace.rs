//! `trace LESSON [--set NAME=VALUE ...]`: a lesson's step trace as JSON, computed by the
//! engine on burn's CPU backend (flex). Errors: one line on stderr, exit code 2.

use burn::prelude::Device;
use engine::lessons::mlp_step::{self, json::trace_json, params::article_params};
use engine::model::mlp221::trace_step;
use engine::state::setting::{Settings, split_assignment};

fn usage() -> String {
    "usage: trace LESSON [--set NAME=VALUE ...]   (lessons: mlp-step)".to_string()
}

fn run(args: &[String]) -> Result<String, String> {
    let (lesson, rest) = args.split_first().ok_or_else(usage)?;
    if lesson != mlp_step::ID {
        return Err(format!("unknown lesson “{lesson}”; {}", usage()));
    }
    let mut params = article_params();
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        let assignment = match flag.as_str() {
            "--set" => it.next().ok_or("--set needs NAME=VALUE")?.as_str(),
            other => other
                .strip_prefix("--set=")
                .ok_or_else(|| format!("unknown argument “{other}”; {}", usage()))?,
        };
        let (name, value) = split_assignment(assignment).map_err(|e| e.to_string())?;
        params
            .set(name, value)
            .map_err(|e| format!("--set {name}: {e}"))?;
    }
    let device = Device::flex();
    let trace = pollster::block_on(trace_step(&params, &device)).map_err(|e| e.to_string())?;
    serde_json::to_string_pretty(&trace_json("flex", &params, &trace)).map_err(|e| e.to_string())
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
