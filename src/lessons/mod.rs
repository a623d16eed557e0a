//! The step-through lessons' page: one kit page serves every lesson the engine's kit defines.

pub mod kit_lesson;
