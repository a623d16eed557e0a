//! Trains the article-004 CNN on the lesson's 8,000-digit split with a fixed seed and writes
//! the weights (burnpack bytes), printing per-epoch loss, held-out accuracy and samples/s.
//! Usage: `train-mnist [--epochs N] [--out assets/mnist-cnn.bin] [--data assets/mnist.bin]
//! [--seed S] [--lr LR]`.

use std::process::ExitCode;
use std::time::Instant;

use burn::prelude::Device;
use engine::base::rng::SplitMix64;
use engine::mnist::MnistCnn;
use engine::mnist::asset::decode;
use engine::mnist::split::{SPLIT_SEED, TRAIN, shuffle, split};
use engine::mnist::trainer::BATCH;

struct Args {
    epochs: usize,
    out: String,
    data: String,
    seed: u64,
    lr: f64,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        epochs: 3,
        out: "assets/mnist-cnn.bin".into(),
        data: "assets/mnist.bin".into(),
        seed: 1,
        lr: 0.001,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--epochs" => a.epochs = value.parse().map_err(|e| bad(&e))?,
            "--out" => a.out = value.clone(),
            "--data" => a.data = value.clone(),
            "--seed" => a.seed = value.parse().map_err(|e| bad(&e))?,
            "--lr" => a.lr = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(a)
}

fn run(a: &Args) -> Result<(), String> {
    let bytes =
        std::fs::read(&a.data).map_err(|e| format!("{}: {e} (run scripts/setup.sh)", a.data))?;
    let t = Instant::now();
    let data = decode(&bytes).map_err(|e| e.to_string())?;
    println!(
        "decoded {} digits in {:.1} ms",
        data.len(),
        1e3 * t.elapsed().as_secs_f64()
    );
    let (train, held) = split(data.len(), TRAIN, SPLIT_SEED);
    let device = Device::flex();
    let mut net = MnistCnn::new(a.seed, &device);
    net.set_lr(a.lr).map_err(|e| e.to_string())?;
    let mut rng = SplitMix64::new(a.seed ^ 0x5EED);
    let mut order = train.clone();
    let (mut samples, mut secs) = (0usize, 0.0f64);
    for epoch in 1..=a.epochs {
        shuffle(&mut order, &mut rng);
        let start = Instant::now();
        let mut total = 0.0f64;
        for chunk in order.chunks(BATCH) {
            let (x, y) = data.batch(chunk);
            total += f64::from(
                pollster::block_on(net.train_step(&x, &y))
                    .map_err(|e| e.to_string())?
                    .loss,
            ) * chunk.len() as f64;
        }
        let dt = start.elapsed().as_secs_f64();
        samples += order.len();
        secs += dt;
        let eval = pollster::block_on(net.evaluate(&data, &held)).map_err(|e| e.to_string())?;
        println!(
            "epoch {epoch}: train loss {:.4}, held-out loss {:.4}, held-out accuracy {:.2} %, {:.0} samples/s",
            total / order.len() as f64,
            eval.loss(),
            100.0 * eval.accuracy(),
            order.len() as f64 / dt
        );
    }
    println!(
        "training: {samples} samples in {secs:.1} s = {:.0} samples/s (flex, native, batch {BATCH})",
        samples as f64 / secs.max(1e-9)
    );
    let (one, _) = data.batch(&held[..1]);
    let t = Instant::now();
    for _ in 0..100 {
        pollster::block_on(net.predict(&one)).map_err(|e| e.to_string())?;
    }
    println!(
        "predict one digit: {:.2} ms",
        10.0 * t.elapsed().as_secs_f64()
    );
    let weights = pollster::block_on(net.save()).map_err(|e| e.to_string())?;
    std::fs::write(&a.out, &weights).map_err(|e| format!("{}: {e}", a.out))?;
    println!("wrote {} ({} bytes)", a.out, weights.len());
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args).and_then(|a| run(&a)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-mnist: {e}");
            ExitCode::FAILURE
        }
    }
}
