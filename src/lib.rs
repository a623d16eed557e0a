//! Backprop Lab in the browser: Leptos views over the engine's burn computations.
//!
//! The whole crate is wasm32-only; natively it compiles to nothing so that `cargo test` at
//! the workspace root builds only the engine.
#![cfg(target_arch = "wasm32")]

mod app;
mod backend;
mod bench;
mod classroom;
mod components;
mod frame;
mod home;
mod i18n;
mod lease;
mod lessons;
mod mnist;
mod panic_panel;
mod playground;
mod prefs;
mod progress;
mod route;
mod text_lesson;

use wasm_bindgen::prelude::*;

unsafe extern "C" {
    /// wasm-ld's static constructors (cubecl registers kernels with `inventory`).
    fn __wasm_call_ctors();
}

#[wasm_bindgen(start)]
pub fn start() {
    // Run the constructors once, by hand: otherwise wasm-ld wraps every export in them and
    // each call from JavaScript re-runs them (a 100× slowdown, see shared TOOLCHAIN.md).
    unsafe { __wasm_call_ctors() };
    panic_panel::install();
    leptos::mount::mount_to_body(app::App);
}

/// Test and teaching hook: the next WebGPU computation fails as if the device were lost.
#[wasm_bindgen]
pub fn simulate_gpu_device_loss() {
    backend::simulate_device_loss();
}

/// Test hook: destroys the real WebGPU device; the page must fall back to the CPU.
#[wasm_bindgen]
pub fn destroy_gpu_device() -> bool {
    backend::destroy_device()
}

/// Test hook: a deliberate panic, to check that the page shows its error panel.
#[wasm_bindgen]
pub fn simulate_panic() {
    panic!("simulated panic (test hook)");
}
