//! The Playground (TensorFlow Playground's trainer, computed with burn): seeded 2-D data sets,
//! a feature layer, a small dense network trained on the given device, the frame the page draws
//! (losses, heatmaps, weights; one readback), single-weight editing, a one-point step-through,
//! the learner's own data as CSV (import and export), two to five classes (sigmoid or softmax
//! output), and the whole state as a URL hash.
//!
//! The page calls: [`Playground::new`], [`Playground::train_epoch`] /
//! [`Playground::train_batches`], [`Playground::frame`], [`Playground::set_weight`] /
//! [`Playground::set_bias`], [`Playground::step_trace`], [`Playground::weights`],
//! [`DataSpec::add_point`] / [`DataSpec::remove_nearest`], [`state::to_hash`] /
//! [`state::from_hash`].

pub mod colour;
pub mod csv;
pub mod data;
pub mod dataset;
pub mod error;
pub mod features;
pub mod frame;
pub mod head;
pub mod net;
pub mod pack;
pub mod probe;
pub mod spec;
pub mod state;
pub mod step;
pub mod trainer;

pub use data::{DatasetKind, Point};
pub use dataset::{DataSpec, Split};
pub use error::PlaygroundError;
pub use features::Feature;
pub use frame::{Frame, NEURON_GRID, OUTPUT_GRID, grid_points};
pub use head::Head;
pub use net::{LayerWeights, Weights};
pub use spec::{Activation, NetSpec, Optimizer, Regularization};
pub use state::PlaygroundState;
pub use trainer::{Playground, TrainReport};
