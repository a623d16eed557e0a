//! mlp-step's picture: the 2-2-1 network as SVG, boxes for units with their values, edges
//! with their weights, gradients in red once the backward pass reaches them, read from the
//! kit trace by entry name. Weights, biases, inputs and the label are editable: click to
//! edit the field, drag sideways to change continuously.

use engine::lessons::kit::{LessonTrace, Step};
use engine::lessons::mlp_step::labels::{grad_label, label};
use engine::state::number::format_number;
use engine::state::setting::Settings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::KitState;
use crate::app::tr;
use crate::components::tabs;
use crate::i18n;

const DIGITS: usize = 4;

/// An SVG user-space point.
type Point = (f64, f64);

/// What the diagram needs to know about the step position.
#[derive(Clone, Copy)]
pub struct Reveal {
    pub steps: Memo<Vec<Step>>,
    pub cursor: RwSignal<usize>,
}

impl Reveal {
    fn shown(&self, target: &str) -> bool {
        let c = self.cursor.get();
        self.steps
            .with(|s| s.iter().take(c).any(|s| s.target == target))
    }

    fn current(&self) -> Option<Step> {
        let c = self.cursor.get();
        if c == 0 {
            None
        } else {
            self.steps.with(|s| s.get(c - 1).cloned())
        }
    }

    /// "current" for the step's own target, "used" for what its formula reads.
    fn class_of(&self, name: &str) -> &'static str {
        match self.current() {
            Some(s) if s.target == name => "current",
            Some(s) if s.uses.iter().any(|u| u == name) => "used",
            _ => "",
        }
    }
}

fn edge_class(reveal: Reveal, weight: &str) -> &'static str {
    match reveal.current() {
        Some(s) if s.target == format!("grad:{weight}") => "edge current",
        Some(s) if s.uses.iter().any(|u| u == weight) => "edge used",
        _ => "edge",
    }
}

/// A number read from the trace once the walk-through has revealed `target`, else None.
fn revealed(
    state: KitState,
    reveal: Reveal,
    target: String,
    read: impl Fn(&LessonTrace) -> f64 + Send + Sync + 'static,
) -> Signal<Option<f64>> {
    Signal::derive(move || {
        if !reveal.shown(&target) {
            return None;
        }
        state.traced.with(|t| t.as_ref().map(|t| read(&t.trace)))
    })
}

/// A node's value, or "?" before the forward pass reaches it.
fn node_value(
    state: KitState,
    reveal: Reveal,
    name: &'static str,
    x: f64,
    y: f64,
) -> impl IntoView {
    let value = revealed(state, reveal, name.to_string(), move |t| {
        t.entry(name).map_or(f64::NAN, |e| e.0)
    });
    let value = move || value.get();
    view! {
        <text x=x y=y class=move || format!("value {}", reveal.class_of(name))
            data-testid=format!("diagram-value-{name}")
            data-value=move || value().map(|v| v.to_string()).unwrap_or_default()>
            {format!("{} = ", label(name))}
            {move || value().map(|v| format_number(v, DIGITS)).unwrap_or_else(|| "?".into())}
        </text>
    }
}

/// A gradient, shown once the backward pass reaches it.
fn grad_value(
    state: KitState,
    reveal: Reveal,
    name: &'static str,
    (x, y): Point,
    anchor: &'static str,
) -> impl IntoView {
    let target = format!("grad:{name}");
    let target2 = target.clone();
    let value = revealed(state, reveal, target, move |t| {
        t.entry(name).and_then(|e| e.1).unwrap_or(f64::NAN)
    });
    let value = move || value.get();
    view! {
        <text x=x y=y text-anchor=anchor class=move || format!("grad {}", reveal.class_of(&target2))
            data-testid=format!("diagram-grad-{name}")
            data-value=move || value().map(|v| v.to_string()).unwrap_or_default()
            visibility=move || if value().is_some() { "visible" } else { "hidden" }>
            {if name.starts_with('W') { "∂ = ".to_string() } else { format!("{} = ", grad_label(name)) }}
            {move || value().map(|v| format_number(v, DIGITS)).unwrap_or_default()}
        </text>
    }
}

/// An editable number on the diagram: drag sideways to change, click to edit its field.
fn editable(
    state: KitState,
    reveal: Reveal,
    name: &'static str,
    (x, y): Point,
    anchor: &'static str,
) -> impl IntoView {
    let drag = StoredValue::new(None::<(f64, f64, bool)>); // (start x, start value, moved)
    let current = move || {
        state
            .values
            .with(|v| Settings::get(v, name))
            .unwrap_or_default()
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        let start = current().parse::<f64>().unwrap_or(0.0);
        drag.set_value(Some((f64::from(ev.client_x()), start, false)));
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            el.set_pointer_capture(ev.pointer_id()).ok();
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((x0, v0, moved)) = drag.get_value() else {
            return;
        };
        let dx = f64::from(ev.client_x()) - x0;
        if !moved && dx.abs() < 3.0 {
            return;
        }
        drag.set_value(Some((x0, v0, true)));
        // 0.01 per pixel, rounded to two decimals so dragged values stay readable.
        let v = ((v0 + dx * 0.01) * 100.0).round() / 100.0;
        state.set_value(name, &v.to_string()).ok();
    };
    let on_up = move |_: web_sys::PointerEvent| {
        if let Some((_, _, false)) = drag.get_value() {
            focus_field(name);
        }
        drag.set_value(None);
    };
    view! {
        <text x=x y=y text-anchor=anchor class=move || format!("editable {}", reveal.class_of(name))
            tabindex="0" role="button"
            data-testid=format!("param-{name}")
            data-value=current
            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { focus_field(name) }>
            <title>{tr(i18n::EDIT_NUMBER)}</title>
            {format!("{} = ", label(name))}
            {move || current().parse::<f64>().map(|v| format_number(v, DIGITS)).unwrap_or_default()}
        </text>
    }
}

/// Opens the settings tab and focuses the number's field there (once the tab has shown it).
fn focus_field(name: &'static str) {
    tabs::open("settings");
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&format!("field-{name}"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            el.focus().ok();
            el.select();
        }
    });
}

fn unit_box(
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    title: &'static str,
    active: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <rect x=x y=y width=w height=h rx="10" class=move || if active() { "unit active" } else { "unit" }/>
        <text x=x + 10.0 y=y + 18.0 class="unit-title">{title}</text>
    }
}

/// A unit: its box with z and a inside; ∂L/∂a, ∂L/∂z, its bias and ∂L/∂b below it.
fn unit_with_gradients(
    state: KitState,
    reveal: Reveal,
    (x, y, width): (f64, f64, f64),
    title: &'static str,
    [z, a]: [&'static str; 2],
    bias: &'static str,
) -> impl IntoView {
    let active = move || {
        reveal.current().is_some_and(|s| {
            [z, a]
                .iter()
                .any(|n| s.target == *n || s.target == format!("grad:{n}"))
        })
    };
    view! {
        {unit_box(x, y, width, 96.0, title, active)}
        {node_value(state, reveal, z, x + 12.0, y + 46.0)}
        {node_value(state, reveal, a, x + 12.0, y + 72.0)}
        {grad_value(state, reveal, a, (x, y + 114.0), "start")}
        {grad_value(state, reveal, z, (x, y + 130.0), "start")}
        {editable(state, reveal, bias, (x, y + 148.0), "start")}
        {grad_value(state, reveal, bias, (x, y + 164.0), "start")}
    }
}

#[component]
pub fn Network221(state: KitState, reveal: Reveal) -> impl IntoView {
    let active = move |names: &'static [&'static str]| {
        move || {
            reveal.current().is_some_and(|s| {
                names
                    .iter()
                    .any(|n| s.target == *n || s.target == format!("grad:{n}"))
            })
        }
    };
    // Edges from one box's side to the next. Each weight is written along its own edge,
    // above the line, its gradient below (so crossing edges stay unambiguous).
    let edges: [(&'static str, Point, Point); 6] = [
        ("W1[0][0]", (130.0, 108.0), (380.0, 98.0)),
        ("W1[0][1]", (130.0, 328.0), (380.0, 98.0)),
        ("W1[1][0]", (130.0, 108.0), (380.0, 318.0)),
        ("W1[1][1]", (130.0, 328.0), (380.0, 318.0)),
        ("W2[0]", (540.0, 98.0), (670.0, 208.0)),
        ("W2[1]", (540.0, 318.0), (670.0, 208.0)),
    ];
    let edge_views = edges
        .into_iter()
        .map(|(w, (x1, y1), (x2, y2))| {
            let weight = move || state.values.with(|v| v.get(w));
            // Thickness grows with |weight|; negative weights are drawn red (CSS).
            let width = move || (1.0 + weight().abs().min(6.0)).to_string();
            let angle = (y2 - y1).atan2(x2 - x1).to_degrees();
            // Crossing edges end their labels near the target, so however long the numbers
            // get they grow back towards the crossing, not into the straight edges' labels.
            let (t, anchor) = if (y2 - y1).abs() > 100.0 && w.starts_with("W1") {
                (0.92, "end")
            } else {
                (0.06, "start")
            };
            let (ox, oy) = (x1 + t * (x2 - x1), y1 + t * (y2 - y1));
            view! {
                <line x1=x1 y1=y1 x2=x2 y2=y2 class=move || edge_class(reveal, w)
                    class:negative=move || weight() < 0.0 stroke-width=width/>
                <g transform=format!("translate({ox:.1} {oy:.1}) rotate({angle:.1})")>
                    {editable(state, reveal, w, (0.0, -8.0), anchor)}
                    {grad_value(state, reveal, w, (0.0, 20.0), anchor)}
                </g>
            }
        })
        .collect_view();

    view! {
        <svg class="diagram" viewBox="0 0 1000 450" role="group" data-testid="diagram"
            aria-label=tr(i18n::NETWORK_221_ABOUT)>
            <g class="edges">
                <line x1="815" y1="208" x2="860" y2="208" class="edge"/>
            </g>
            {edge_views}
            // Inputs
            {unit_box(20.0, 80.0, 110.0, 56.0, "x₁", active(&["x[0]"]))}
            {editable(state, reveal, "x[0]", (32.0, 122.0), "start")}
            {unit_box(20.0, 300.0, 110.0, 56.0, "x₂", active(&["x[1]"]))}
            {editable(state, reveal, "x[1]", (32.0, 342.0), "start")}
            // Hidden units and output: values inside, gradients and the bias below.
            {unit_with_gradients(state, reveal, (380.0, 50.0, 160.0), "h₁", ["z1[0]", "a1[0]"], "b1[0]")}
            {unit_with_gradients(state, reveal, (380.0, 270.0, 160.0), "h₂", ["z1[1]", "a1[1]"], "b1[1]")}
            {unit_with_gradients(state, reveal, (670.0, 160.0, 145.0), "o", ["z2", "a2"], "b2")}
            // Loss and label
            {unit_box(860.0, 160.0, 135.0, 96.0, "L", active(&["loss"]))}
            {node_value(state, reveal, "loss", 872.0, 206.0)}
            {editable(state, reveal, "y", (872.0, 232.0), "start")}
        </svg>
    }
}
