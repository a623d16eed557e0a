//! The URL hash: `#/LESSON?NAME=VALUE&NAME=VALUE…`. A shared link reproduces the lesson.

use super::number::InputError;
use super::setting::{Settings, split_assignment};

/// Longest hash accepted; anything longer is refused unread.
pub const MAX_HASH_LEN: usize = 4096;

/// A hash split into its route and its assignments (still text).
#[derive(Debug, PartialEq)]
pub struct Route<'a> {
    pub lesson: Option<&'a str>,
    pub assignments: Vec<&'a str>,
}

/// Splits a hash such as `#/mlp-step?y=0&lr=0.1`. An empty hash is the home page.
pub fn parse_route(hash: &str) -> Route<'_> {
    let h = hash.strip_prefix('#').unwrap_or(hash);
    let h = h.strip_prefix('/').unwrap_or(h);
    let (path, query) = h.split_once('?').unwrap_or((h, ""));
    let lesson = (!path.is_empty()).then_some(path);
    let assignments = query.split('&').filter(|s| !s.is_empty()).collect();
    Route {
        lesson,
        assignments,
    }
}

/// Decodes `%XX` escapes (browsers may escape `[`, `]` and spaces in a pasted link).
pub fn percent_decode(text: &str) -> Result<String, InputError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| InputError::Malformed(text.chars().take(60).collect()))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| InputError::Malformed(text.chars().take(60).collect()))
}

/// Reads a link's assignments in order, starting from `start`; a name given twice is refused.
/// At the first bad assignment reading stops: the settings read so far come with the error.
pub fn read_assignments<S: Settings>(start: S, assignments: &[&str]) -> (S, Option<InputError>) {
    if assignments.iter().map(|a| a.len() + 1).sum::<usize>() > MAX_HASH_LEN {
        return (start, Some(InputError::Malformed("…".into())));
    }
    let mut state = start;
    let mut seen: Vec<String> = vec![];
    for a in assignments {
        let decoded = match percent_decode(a) {
            Ok(d) => d,
            Err(e) => return (state, Some(e)),
        };
        let (name, value) = match split_assignment(&decoded) {
            Ok(nv) => nv,
            Err(e) => return (state, Some(e)),
        };
        if seen.iter().any(|n| n == name) {
            return (
                state,
                Some(InputError::Repeated(name.chars().take(40).collect())),
            );
        }
        seen.push(name.to_string());
        if let Err(e) = state.set(name, value) {
            return (state, Some(e));
        }
    }
    (state, None)
}

/// Reads a lesson's settings from the hash's assignments, starting from `defaults`.
/// On any bad assignment the defaults are returned with the error, so the page can say why.
pub fn settings_from_assignments<S: Settings>(
    defaults: S,
    assignments: &[&str],
) -> Result<S, (S, InputError)> {
    match read_assignments(defaults.clone(), assignments) {
        (state, None) => Ok(state),
        (_, Some(e)) => Err((defaults, e)),
    }
}

/// `%XX` escapes for everything but ASCII letters, digits and `-._~` (a Chinese keyword).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Writes a lesson's full settings as a hash that [`parse_route`] reads back (ASCII only: each
/// value is percent-encoded; numbers and choice names need no escape).
pub fn to_hash<S: Settings>(lesson: &str, settings: &S) -> String {
    let query: Vec<String> = settings
        .names()
        .into_iter()
        .filter_map(|n| {
            settings
                .get(&n)
                .map(|v| format!("{n}={}", percent_encode(&v)))
        })
        .collect();
    format!("#/{lesson}?{}", query.join("&"))
}

/// The hash key for the step-through position (how many steps are revealed).
pub const STEP_KEY: &str = "step";

/// Splits the step position `step=N` (at most `max`) off a hash's assignments; the rest are
/// settings. A malformed or out-of-range position is an error, like any bad setting.
pub fn take_step<'a>(
    assignments: &[&'a str],
    max: usize,
) -> (Vec<&'a str>, Result<usize, InputError>) {
    let mut step = Ok(0);
    let mut rest = Vec::new();
    for a in assignments {
        match a.strip_prefix(STEP_KEY).and_then(|v| v.strip_prefix('=')) {
            Some(v) => {
                step = v
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| InputError::NotANumber(v.chars().take(40).collect()))
                    .and_then(|n| {
                        if n <= max {
                            Ok(n)
                        } else {
                            Err(InputError::OutOfRange {
                                min: 0.0,
                                max: max as f64,
                            })
                        }
                    });
            }
            None => rest.push(*a),
        }
    }
    (rest, step)
}

/// [`to_hash`] plus the step position, when any step is revealed.
pub fn to_hash_with_step<S: Settings>(lesson: &str, settings: &S, step: usize) -> String {
    let hash = to_hash(lesson, settings);
    if step == 0 {
        hash
    } else {
        format!("{hash}&{STEP_KEY}={step}")
    }
}

/// The hash key that asks for the embed view (no page chrome), for slides and iframes.
pub const EMBED_KEY: &str = "embed";

/// Splits the flag `NAME=1` off a hash's assignments: (the rest, whether it was set to 1).
pub fn take_flag<'a>(assignments: &[&'a str], name: &str) -> (Vec<&'a str>, bool) {
    let mut on = false;
    let mut rest = Vec::new();
    for a in assignments {
        match a.strip_prefix(name).and_then(|v| v.strip_prefix('=')) {
            Some(v) => on = v.trim() == "1",
            None => rest.push(*a),
        }
    }
    (rest, on)
}
