//! A canvas showing an engine `Raster` pixel for pixel; CSS scales it up without smoothing.

use engine::plots::raster::Raster;
use leptos::html::Canvas;
use leptos::prelude::*;
use leptos::wasm_bindgen::{Clamped, JsCast};
use leptos::web_sys::{CanvasRenderingContext2d, ImageData};

/// Paints `raster` on `canvas`, resizing the canvas to it.
pub fn paint(canvas: &leptos::web_sys::HtmlCanvasElement, raster: &Raster) {
    canvas.set_width(raster.width as u32);
    canvas.set_height(raster.height as u32);
    let Ok(Some(ctx)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() else {
        return;
    };
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(
        Clamped(&raster.rgba),
        raster.width as u32,
        raster.height as u32,
    ) {
        ctx.put_image_data(&image, 0.0, 0.0).ok();
    }
}

#[component]
pub fn RasterCanvas(
    #[prop(into)] raster: Signal<Option<Raster>>,
    testid: String,
    /// Displayed width in CSS pixels per image pixel.
    #[prop(default = 4)]
    zoom: usize,
    #[prop(optional, into)] label: String,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let r = raster.get();
        if let (Some(r), Some(c)) = (r, canvas.get()) {
            paint(&c, &r);
        }
    });
    let style = move || {
        raster.with(|r| {
            r.as_ref()
                .map(|r| format!("width:{}px", r.width * zoom))
                .unwrap_or_default()
        })
    };
    view! {
        <canvas node_ref=canvas class="raster" data-testid=testid style=style aria-label=label
            width="1" height="1"></canvas>
    }
}
