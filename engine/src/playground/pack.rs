//! Imported points in a link: their CSV rows, deflated and written in base64url (letters,
//! digits, `-` and `_`, all safe in a URL hash). Typed or exported data shrinks 2–4×, so a few
//! thousand points still fit; what does not fit is reported to the page, not dropped silently.

use super::csv::{MAX_BYTES, format_csv, parse_csv};
use super::data::Point;
use super::error::PlaygroundError;
use crate::i18n::Text;

/// Longest packed data a link carries (with the rest of the state a link stays under 100 kB,
/// which browsers and chat programs pass on).
pub const MAX_PACKED: usize = 60_000;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url without padding; `None` for any other character or a dangling symbol.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0;
        for (k, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * k);
        }
        for k in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * k)) as u8);
        }
    }
    Some(out)
}

fn bad(detail: &str) -> PlaygroundError {
    PlaygroundError::new(
        Text::new(
            "链接中的导入数据无效",
            "The imported data in the link is invalid",
        ),
        detail,
    )
}

/// The points, packed for a link.
pub fn pack(points: &[Point]) -> String {
    let csv = format_csv(points);
    base64url(&miniz_oxide::deflate::compress_to_vec(csv.as_bytes(), 9))
}

/// Reads packed points; refuses bad base64, bad deflate, text over the CSV limit, any bad
/// row and an empty set.
pub fn unpack(text: &str) -> Result<Vec<Point>, PlaygroundError> {
    let bytes = from_base64url(text).ok_or_else(|| bad("base64"))?;
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_BYTES)
        .map_err(|_| bad("deflate"))?;
    let csv = String::from_utf8(raw).map_err(|_| bad("utf-8"))?;
    let read = parse_csv(&csv);
    if let Some(issue) = read.issues.first() {
        return Err(bad(&format!("line {}", issue.line)));
    }
    if read.points.is_empty() {
        return Err(bad("empty"));
    }
    Ok(read.points)
}
