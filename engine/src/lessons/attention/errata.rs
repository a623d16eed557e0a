//! placeholder
use crate::lessons::kit::{Erratum, TraceError};
use burn::prelude::Device;
pub async fn errata(_device: &Device) -> Result<Vec<Erratum>, TraceError> {
    Ok(vec![])
}
