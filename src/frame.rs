//! Frame timing: awaitable animation frames and the page clock.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Resolves at the next `requestAnimationFrame`.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(w) = web_sys::window() {
            w.request_animation_frame(&resolve).ok();
        } else {
            resolve.call0(&JsValue::NULL).ok();
        }
    });
    JsFuture::from(promise).await.ok();
}

/// Milliseconds on the page clock (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
