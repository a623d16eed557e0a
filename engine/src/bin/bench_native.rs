//! The benchmark workloads (engine::bench) on burn flex natively, one thread, as JSON:
//! `bench-native [--data assets/mnist.bin] [--mlp-ms 2000] [--cnn-steps 40] [--digits 50]`.
//! Built by `scripts/bench.sh` with `cargo build --release`, the profile the page uses.

use std::process::ExitCode;
use std::time::Instant;

use burn::prelude::Device;
use engine::bench::{time_cnn, time_mlp};
use engine::mnist::asset::decode;

fn run(args: &[String]) -> Result<String, String> {
    let (mut data, mut mlp_ms, mut cnn_steps, mut digits) =
        ("assets/mnist.bin".to_string(), 2000.0, 40, 50);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--data" => data = value.clone(),
            "--mlp-ms" => mlp_ms = value.parse().map_err(|e| bad(&e))?,
            "--cnn-steps" => cnn_steps = value.parse().map_err(|e| bad(&e))?,
            "--digits" => digits = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let bytes = std::fs::read(&data).map_err(|e| format!("{data}: {e} (run scripts/setup.sh)"))?;
    let set = decode(&bytes).map_err(|e| e.to_string())?;
    let origin = Instant::now();
    let now = move || 1e3 * origin.elapsed().as_secs_f64();
    let device = Device::flex();
    let mlp = pollster::block_on(time_mlp(&device, mlp_ms, &now)).map_err(|e| e.to_string())?;
    let cnn = pollster::block_on(time_cnn(&device, &set, cnn_steps, digits, &now))
        .map_err(|e| format!("{e:?}"))?;
    Ok(serde_json::json!({ "mlp": mlp.to_json(), "cnn": cnn.to_json() }).to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench-native: {e}");
            ExitCode::FAILURE
        }
    }
}
