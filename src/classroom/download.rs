//! Downloads made in the page (no request leaves it): text as a file, a canvas as PNG, an SVG
//! as PNG through an image drawn on a canvas.

use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue, closure::Closure};
use leptos::web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement,
    HtmlImageElement, Url,
};

/// Clicks a temporary link to `href` with a file name.
fn save(href: &str, filename: &str) -> Result<(), JsValue> {
    let a: HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    a.set_href(href);
    a.set_download(filename);
    a.click();
    Ok(())
}

/// Saves `text` as a file.
pub fn text(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let result = save(&url, filename);
    Url::revoke_object_url(&url).ok();
    result
}

/// Saves a canvas as PNG.
pub fn canvas_png(canvas: &HtmlCanvasElement, filename: &str) -> Result<(), JsValue> {
    save(&canvas.to_data_url_with_type("image/png")?, filename)
}

/// Draws an SVG document on a canvas of its size and saves it as PNG.
pub fn svg_png(svg: &str, width: u32, height: u32, filename: &str) -> Result<(), JsValue> {
    let image = HtmlImageElement::new()?;
    let canvas: HtmlCanvasElement = document().create_element("canvas")?.dyn_into()?;
    // Twice the size: sharp on projectors and in slides.
    canvas.set_width(width * 2);
    canvas.set_height(height * 2);
    let name = filename.to_string();
    let onload = {
        let image = image.clone();
        Closure::once(move || {
            let drawn = (|| -> Result<(), JsValue> {
                let ctx: CanvasRenderingContext2d = canvas
                    .get_context("2d")?
                    .ok_or_else(|| JsValue::from_str("no 2d context"))?
                    .dyn_into()?;
                ctx.set_fill_style_str("#fff");
                ctx.fill_rect(0.0, 0.0, f64::from(width * 2), f64::from(height * 2));
                ctx.draw_image_with_html_image_element_and_dw_and_dh(
                    &image,
                    0.0,
                    0.0,
                    f64::from(width * 2),
                    f64::from(height * 2),
                )?;
                canvas_png(&canvas, &name)
            })();
            if let Err(e) = drawn {
                leptos::logging::warn!("PNG export failed: {e:?}");
            }
        })
    };
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    let data = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(svg)
    );
    image.set_src(&data);
    Ok(())
}

/// Saves `bytes` as a file.
pub fn bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_buffer_source_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let result = save(&url, filename);
    Url::revoke_object_url(&url).ok();
    result
}
