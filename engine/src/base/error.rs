//! Why a computation could not be read back: the one error every trace, check and training
//! step shares (a lost GPU device, a failed readback). The crate's wider error type,
//! [`crate::Error`], wraps it with the lessons' own.

/// Why a trace could not be read back (a lost GPU device, a failed readback).
#[derive(Clone, Debug, PartialEq)]
pub struct TraceError(pub String);

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TraceError {}
