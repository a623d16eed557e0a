//! A canvas to write a digit on with a mouse, pen or finger; every stroke is preprocessed like
//! MNIST and classified, with the ten probabilities as bars. A held-out digit can be put on
//! the pad to start from (classified as it is, then drawn over like any ink).

use engine::mnist::SIDE;
use engine::mnist::preprocess::to_mnist;
use engine::mnist::settings::HELD_OUT;
use engine::plots::raster::{Scale, tile};
use leptos::html::Canvas;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, PointerEvent};

use super::state::{DataStatus, MnistState};
use super::text;
use crate::app::{ctx, tr};
use crate::components::raster_canvas::RasterCanvas;
use crate::frame::now_ms;

/// The drawing surface in canvas pixels; strokes are about as thick, relative to it, as MNIST's.
const PAD: u32 = 280;
const PEN: f64 = 20.0;
/// Classify at most this often while a stroke goes on.
const LIVE_MS: f64 = 120.0;

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

fn clear(canvas: &HtmlCanvasElement) {
    if let Some(ctx) = context(canvas) {
        ctx.set_fill_style_str("#000");
        ctx.fill_rect(0.0, 0.0, f64::from(PAD), f64::from(PAD));
    }
}

/// The pointer's position in canvas pixels (the canvas may be shown smaller than it is).
fn position(canvas: &HtmlCanvasElement, ev: &PointerEvent) -> (f64, f64) {
    let rect = canvas.get_bounding_client_rect();
    let sx = f64::from(canvas.width()) / rect.width().max(1.0);
    let sy = f64::from(canvas.height()) / rect.height().max(1.0);
    (
        (f64::from(ev.client_x()) - rect.left()) * sx,
        (f64::from(ev.client_y()) - rect.top()) * sy,
    )
}

/// Paints a 28×28 image (0‥1 per pixel) on the pad, each pixel a square, so it can be drawn
/// over.
fn paint(canvas: &HtmlCanvasElement, pixels: &[f32]) {
    clear(canvas);
    let Some(ctx) = context(canvas) else { return };
    let cell = f64::from(PAD) / SIDE as f64;
    for (i, &p) in pixels.iter().enumerate().filter(|(_, p)| **p > 0.0) {
        let g = (p.clamp(0.0, 1.0) * 255.0).round() as u8;
        ctx.set_fill_style_str(&format!("rgb({g},{g},{g})"));
        let (x, y) = ((i % SIDE) as f64, (i / SIDE) as f64);
        ctx.fill_rect(x * cell, y * cell, cell, cell);
    }
}

/// The ink (0‥1 per pixel) on the pad, preprocessed to 28×28; `None` for an empty pad.
fn read(canvas: &HtmlCanvasElement) -> Option<Vec<f32>> {
    let ctx = context(canvas)?;
    let image = ctx
        .get_image_data(0.0, 0.0, f64::from(PAD), f64::from(PAD))
        .ok()?;
    let ink: Vec<f32> = image
        .data()
        .0
        .chunks_exact(4)
        .map(|p| f32::from(p[0]) / 255.0)
        .collect();
    to_mnist(&ink, PAD as usize, PAD as usize).ok()
}

#[component]
pub fn DrawPad(state: MnistState) -> impl IntoView {
    let lang = ctx().lang;
    let canvas = NodeRef::<Canvas>::new();
    let drawing = StoredValue::new(None::<(f64, f64)>);
    let last_classified = StoredValue::new(0.0);
    // The held-out digit on the pad (its position and label) and the one the button shows next.
    let sample = RwSignal::new(None::<(usize, u8)>);
    let next_sample = StoredValue::new(0usize);
    let ready = move || state.data_status.get() == DataStatus::Ready;
    let try_sample = move |_| {
        let n = next_sample.get_value();
        next_sample.set_value((n + 1) % HELD_OUT);
        let (Some(c), Some((pixels, label))) = (canvas.get_untracked(), state.held_out_digit(n))
        else {
            return;
        };
        paint(&c, &pixels);
        sample.set(Some((n, label)));
        // Already centred and scaled as MNIST: classified as it is.
        state.classify(Some(pixels));
    };
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            clear(&c);
        }
    });
    let classify = move |c: &HtmlCanvasElement| {
        last_classified.set_value(now_ms());
        state.classify(read(c));
    };
    let down = move |ev: PointerEvent| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        ev.prevent_default();
        c.set_pointer_capture(ev.pointer_id()).ok();
        sample.set(None);
        let (x, y) = position(&c, &ev);
        if let Some(ctx) = context(&c) {
            ctx.set_fill_style_str("#fff");
            ctx.begin_path();
            ctx.arc(x, y, PEN / 2.0, 0.0, std::f64::consts::TAU).ok();
            ctx.fill();
        }
        drawing.set_value(Some((x, y)));
    };
    let moved = move |ev: PointerEvent| {
        let (Some(c), Some((x0, y0))) = (canvas.get_untracked(), drawing.get_value()) else {
            return;
        };
        let (x, y) = position(&c, &ev);
        if let Some(ctx) = context(&c) {
            ctx.set_stroke_style_str("#fff");
            ctx.set_line_width(PEN);
            ctx.set_line_cap("round");
            ctx.set_line_join("round");
            ctx.begin_path();
            ctx.move_to(x0, y0);
            ctx.line_to(x, y);
            ctx.stroke();
        }
        drawing.set_value(Some((x, y)));
        if now_ms() - last_classified.get_value() > LIVE_MS {
            classify(&c);
        }
    };
    let up = move |_: PointerEvent| {
        if drawing.get_value().is_some() {
            drawing.set_value(None);
            if let Some(c) = canvas.get_untracked() {
                classify(&c);
            }
        }
    };
    let preview = Signal::derive(move || {
        state.drawn.with(|d| {
            d.as_ref()
                .map(|d| tile(&[d], SIDE, SIDE, 1, 0, Scale::Gray))
        })
    });
    let best = move || {
        state
            .probabilities
            .with(|p| p.as_ref().map(|p| engine::mnist::report::argmax(p)))
    };
    let bars = move || {
        let p = state.probabilities.get();
        let top = best();
        (0..10)
            .map(|d| {
                let v = p.map(|p| p[d]).unwrap_or(0.0);
                view! {
                    <div class="prob" class:top=move || top == Some(d)
                        data-testid=format!("prob-{d}") data-p=v.to_string()>
                        <span class="digit">{d}</span>
                        <span class="bar"><span style=format!("width:{:.1}%", v * 100.0)></span></span>
                        <span class="pct">{format!("{:.1} %", v * 100.0)}</span>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel draw" data-testid="draw">
            <h2>{tr(text::DRAW)}</h2>
            <p class="hint">{tr(text::DRAW_HINT)}</p>
            <div class="draw-row">
                <div class="draw-pad-column">
                    <canvas node_ref=canvas class="draw-pad" data-testid="draw-pad"
                        width=PAD.to_string() height=PAD.to_string()
                        on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointercancel=up
                        aria-label=tr(text::DRAW)></canvas>
                    <div class="controls">
                        <button data-testid="draw-clear" on:click=move |_| {
                            if let Some(c) = canvas.get_untracked() {
                                clear(&c);
                            }
                            sample.set(None);
                            state.classify(None);
                        }>{tr(text::CLEAR)}</button>
                        <button data-testid="draw-sample" disabled=move || !ready() on:click=try_sample>
                            {tr(text::TRY_HELD_OUT)}
                        </button>
                    </div>
                    {move || sample.get().map(|(n, label)| view! {
                        <p class="hint" data-testid="draw-sample-label" data-index=n data-label=label>
                            {text::SAMPLE_SHOWN.get(lang.get()).replace("{n}", &n.to_string()).replace("{label}", &label.to_string())}
                        </p>
                    })}
                </div>
                <div class="draw-result">
                    <h3>{tr(text::AS_MNIST)}</h3>
                    <RasterCanvas raster=preview testid="draw-preview".to_string() zoom=4/>
                    <h3>{tr(text::PROBABILITIES)}</h3>
                    <p class="prediction" data-testid="draw-prediction"
                        data-digit=move || best().map(|d| d.to_string()).unwrap_or_default()>
                        {move || match best() {
                            Some(d) => format!("→ {d}"),
                            None => text::DRAW_EMPTY.get(lang.get()).to_string(),
                        }}
                    </p>
                    <div class="probs" data-testid="draw-probs">{bars}</div>
                </div>
            </div>
        </section>
    }
}
