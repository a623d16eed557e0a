//! What every part of the engine shares and no part owns: the seeded generator, reading
//! tensors back in one transaction, the backward pass broken on purpose, the trace error, the
//! pace of a run, and the pictures a lesson asks for (drawn by [`crate::plots`]).
//! It depends on nothing else in the crate but [`crate::i18n`], so anything may use it.

pub mod breaks;
pub mod error;
pub mod pace;
pub mod readback;
pub mod rng;
pub mod views;
