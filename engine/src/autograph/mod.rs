//! The autodiff graph of a lesson's forward pass, recorded as the model computes it: the
//! lesson's burn code runs its operations through a [`Tape`], which records each tensor (its
//! op, inputs and shape) and hangs a zero-valued tap on it so that autodiff keeps its gradient.
//! One readback then fills in every node's value and gradient ([`Graph`]); [`svg`] draws it.

mod graph;
pub mod svg;
mod tape;

pub use graph::{Graph, GraphNode, Op, Phase, Walk};
pub use tape::{PendingGraph, Tape, Var};
