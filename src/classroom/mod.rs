//! Teaching with the app: keyboard control, presentation and embed modes, downloads, offline.

pub mod download;
pub mod keys;
pub mod offline;
