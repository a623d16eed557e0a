//! The picture of a dense network (mlp-step's 2-2-1, backprop-352's 3-5-2, keras-4x4's and
//! xor's batches, xor's single layer) as SVG: boxes for units with their values and, once
//! the backward pass reaches them, their gradients in red; edges as thick as their weights;
//! read from the kit trace by the names the lesson's `NetworkShape` gives. Inputs that are
//! settings, biases, labels and (where a unit has at most two inputs, so the numbers do not
//! pile up) every weight are written and editable on the picture: click to edit the field,
//! drag sideways to change continuously. In a denser layer an edge's numbers appear while a
//! step reads or computes it. Fixed inputs (xor's points) are written, not editable.

use engine::lessons::kit::network::NetworkShape;
use engine::lessons::kit::network::labels::{grad_label, label};
use engine::lessons::kit::{LessonTrace, Step};
use engine::state::number::format_number;
use engine::state::setting::Settings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::PointerEvent;

use super::state::KitState;
use crate::app::{ctx, tr};
use crate::components::drag_number::DragNumber;
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

/// True when the step computes the weight's gradient or its updated value.
fn computes(step: &Step, weight: &str) -> bool {
    ["grad:", "updated:"]
        .iter()
        .any(|p| step.target.strip_prefix(p) == Some(weight))
}

fn edge_class(reveal: Reveal, weight: &str) -> &'static str {
    match reveal.current() {
        Some(s) if computes(&s, weight) => "edge current",
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
fn node_value(state: KitState, reveal: Reveal, name: String, at: Point) -> impl IntoView {
    let read = name.clone();
    let value = revealed(state, reveal, name.clone(), move |t| {
        t.entry(&read).map_or(f64::NAN, |e| e.0)
    });
    value_text(reveal, name, at, value)
}

/// A number the lesson fixes (xor's points): always shown, never editable.
fn given_value(state: KitState, reveal: Reveal, name: String, at: Point) -> impl IntoView {
    let read = name.clone();
    let value = Signal::derive(move || {
        state
            .traced
            .with(|t| t.as_ref().and_then(|t| t.trace.entry(&read)).map(|e| e.0))
    });
    value_text(reveal, name, at, value)
}

/// `name = value` on the picture, "?" while there is no value.
fn value_text(
    reveal: Reveal,
    name: String,
    (x, y): Point,
    value: Signal<Option<f64>>,
) -> impl IntoView {
    let class = name.clone();
    view! {
        <text x=x y=y class=move || format!("value {}", reveal.class_of(&class))
            data-testid=format!("diagram-value-{name}")
            data-value=move || value.get().map(|v| v.to_string()).unwrap_or_default()>
            {format!("{} = ", label(&name))}
            {move || value.get().map(|v| format_number(v, DIGITS)).unwrap_or_else(|| "?".into())}
        </text>
    }
}

/// A gradient, shown once the backward pass reaches it.
fn grad_value(
    state: KitState,
    reveal: Reveal,
    name: String,
    (x, y): Point,
    anchor: &'static str,
) -> impl IntoView {
    let target = format!("grad:{name}");
    let target2 = target.clone();
    let read = name.clone();
    let value = revealed(state, reveal, target, move |t| {
        t.entry(&read).and_then(|e| e.1).unwrap_or(f64::NAN)
    });
    let value = move || value.get();
    view! {
        <text x=x y=y text-anchor=anchor class=move || format!("grad {}", reveal.class_of(&target2))
            data-testid=format!("diagram-grad-{name}")
            data-value=move || value().map(|v| v.to_string()).unwrap_or_default()
            visibility=move || if value().is_some() { "visible" } else { "hidden" }>
            {if name.starts_with('W') { "∂ = ".to_string() } else { format!("{} = ", grad_label(&name)) }}
            {move || value().map(|v| format_number(v, DIGITS)).unwrap_or_default()}
        </text>
    }
}

/// An editable number on the diagram: drag sideways to change, click to edit its field.
fn editable(
    state: KitState,
    reveal: Reveal,
    name: String,
    (x, y): Point,
    anchor: &'static str,
) -> impl IntoView {
    let drag = DragNumber::new();
    let name = StoredValue::new(name);
    let current = move || {
        state
            .values
            .with(|v| name.with_value(|n| Settings::get(v, n)))
            .unwrap_or_default()
    };
    let on_down = move |ev: PointerEvent| drag.down(&ev, current().parse::<f64>().unwrap_or(0.0));
    let on_move = move |ev: PointerEvent| {
        if let Some(v) = drag.moved(&ev) {
            name.with_value(|n| state.set_value(n, &v.to_string()).ok());
        }
    };
    let on_up = move |_: PointerEvent| {
        if drag.up() {
            focus_field(name.get_value());
        }
    };
    view! {
        <text x=x y=y text-anchor=anchor class=move || name.with_value(|n| format!("editable {}", reveal.class_of(n)))
            tabindex="0" role="button"
            data-testid=name.with_value(|n| format!("param-{n}"))
            data-value=current
            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { focus_field(name.get_value()) }>
            <title>{tr(i18n::EDIT_NUMBER)}</title>
            {name.with_value(|n| format!("{} = ", label(n)))}
            {move || current().parse::<f64>().map(|v| format_number(v, DIGITS)).unwrap_or_default()}
        </text>
    }
}

/// Opens the settings tab and focuses the number's field there (once the tab has shown it).
fn focus_field(name: String) {
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

/// Where the picture puts things, in SVG user units.
mod layout {
    pub const WIDTH: f64 = 1380.0;
    pub const INPUT_X: f64 = 20.0;
    pub const INPUT_W: f64 = 120.0;
    pub const INPUT_H: f64 = 56.0;
    pub const HIDDEN_X: f64 = 400.0;
    pub const OUTPUT_X: f64 = 860.0;
    pub const UNIT_W: f64 = 330.0;
    pub const UNIT_H: f64 = 78.0;
    pub const LOSS_X: f64 = 1225.0;
    pub const LOSS_W: f64 = 145.0;
    /// A unit's box with the bias line under it.
    pub const BLOCK_H: f64 = 104.0;
    /// The farthest apart two neighbouring units stand (a small layer stays together).
    pub const MAX_PITCH: f64 = 300.0;
    pub const MIN_HEIGHT: f64 = 720.0;

    /// The picture's height: tall enough for the largest layer, never flatter than 720 (it
    /// fills the screen's height under the controls at 1400×900).
    pub fn height(largest: usize) -> f64 {
        (largest as f64 * (BLOCK_H + 16.0) + 40.0).max(MIN_HEIGHT)
    }

    /// The vertical centre of unit `i` of `n` in a picture `height` tall.
    pub fn centre(i: usize, n: usize, height: f64) -> f64 {
        let pitch = ((height - 40.0) / n as f64).min(MAX_PITCH);
        height / 2.0 + (i as f64 - (n as f64 - 1.0) / 2.0) * pitch
    }
}

fn unit_box(
    (x, y): Point,
    (w, h): (f64, f64),
    title: String,
    active: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <rect x=x y=y width=w height=h rx="10" class=move || if active() { "unit active" } else { "unit" }/>
        <text x=x + 10.0 y=y + 18.0 class="unit-title">{title}</text>
    }
}

/// A unit of one sample: its box with z and a on the left, ∂L/∂z and ∂L/∂a beside them.
fn unit_block(
    state: KitState,
    reveal: Reveal,
    (x, centre): Point,
    title: String,
    [z, a]: [String; 2],
) -> impl IntoView {
    let y = centre - layout::BLOCK_H / 2.0;
    let right = x + 168.0;
    view! {
        {unit_box((x, y), (layout::UNIT_W, layout::UNIT_H), title, active(reveal, vec![z.clone(), a.clone()]))}
        {node_value(state, reveal, z.clone(), (x + 12.0, y + 46.0))}
        {grad_value(state, reveal, z, (right, y + 46.0), "start")}
        {node_value(state, reveal, a.clone(), (x + 12.0, y + 70.0))}
        {grad_value(state, reveal, a, (right, y + 70.0), "start")}
    }
}

/// A unit's bias and ∂L/∂b under its box (shared by every sample).
fn bias_line(state: KitState, reveal: Reveal, (x, centre): Point, bias: String) -> impl IntoView {
    let y = centre - layout::BLOCK_H / 2.0 + 98.0;
    view! {
        {editable(state, reveal, bias.clone(), (x + 12.0, y), "start")}
        {grad_value(state, reveal, bias, (x + 168.0, y), "start")}
    }
}

/// True while the current step computes one of `names` or its gradient.
fn active(reveal: Reveal, names: Vec<String>) -> impl Fn() -> bool + Send + Sync + 'static {
    move || {
        reveal.current().is_some_and(|st| {
            let target = st.target.strip_prefix("grad:").unwrap_or(&st.target);
            names.iter().any(|n| n == target)
        })
    }
}

/// An edge and, where `labelled` says so, its weight above the line and its gradient below
/// (at the middle where `centred`, else near an end).
fn edge(
    state: KitState,
    reveal: Reveal,
    weight: String,
    ((x1, y1), (x2, y2)): (Point, Point),
    (labelled, centred): (Signal<bool>, bool),
) -> impl IntoView {
    let name = StoredValue::new(weight.clone());
    let value = move || state.values.with(|v| name.with_value(|n| v.get(n)));
    // Thickness grows with |weight|; negative weights are drawn red (CSS).
    let width = move || (1.0 + value().abs().min(6.0)).to_string();
    let angle = (y2 - y1).atan2(x2 - x1).to_degrees();
    // In a sparse layer, edges that cross others end their labels near the target, so however
    // long the numbers get they grow back towards the crossing, not into the straight edges'
    // labels. In a dense layer the lit edges share a source or a target, and a single layer's
    // edges cross nothing: their middles are apart.
    let (t, anchor) = match (centred, (y2 - y1).abs() > 100.0) {
        (true, _) => (0.5, "middle"),
        (false, true) => (0.92, "end"),
        (false, false) => (0.06, "start"),
    };
    let (ox, oy) = (x1 + t * (x2 - x1), y1 + t * (y2 - y1));
    let numbers = move || {
        labelled.get().then(|| {
            let w = name.get_value();
            view! {
                <g transform=format!("translate({ox:.1} {oy:.1}) rotate({angle:.1})")>
                    {editable(state, reveal, w.clone(), (0.0, -8.0), anchor)}
                    {grad_value(state, reveal, w, (0.0, 20.0), anchor)}
                </g>
            }
        })
    };
    view! {
        <line x1=x1 y1=y1 x2=x2 y2=y2 class=move || name.with_value(|n| edge_class(reveal, n))
            class:negative=move || value() < 0.0 stroke-width=width>
            <title>{move || format!("{} = {}", name.with_value(|n| label(n)), format_number(value(), DIGITS))}</title>
        </line>
        {numbers}
    }
}

/// What the picture shows, for screen readers.
fn about(shape: &NetworkShape, lang: engine::i18n::Lang) -> String {
    let (i, h, o) = (shape.inputs, shape.hidden, shape.outputs);
    if h == 0 {
        return match lang {
            engine::i18n::Lang::Zh => {
                format!("{i}-{o} 单层网络：{i} 个输入直接连到 {o} 个输出，以及损失")
            }
            engine::i18n::Lang::En => format!(
                "{i}-{o} single-layer network: {i} inputs wired straight to {o} output, and the loss"
            ),
        };
    }
    match lang {
        engine::i18n::Lang::Zh => {
            format!("{i}-{h}-{o} 网络：{i} 个输入，{h} 个隐藏单元，{o} 个输出，以及损失")
        }
        engine::i18n::Lang::En => {
            format!("{i}-{h}-{o} network: {i} inputs, {h} hidden units, {o} outputs and the loss")
        }
    }
}

/// Buttons that choose which sample of a batch the picture shows.
fn sample_picker(samples: usize, sample: RwSignal<usize>) -> impl IntoView {
    let lang = ctx().lang;
    let buttons = (0..samples)
        .map(|s| {
            view! {
                <button aria-pressed=move || (sample.get() == s).to_string()
                    data-testid=format!("diagram-sample-{s}") on:click=move |_| sample.set(s)>
                    {move || format!("{} {}", i18n::SAMPLE.get(lang.get()), s + 1)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="sample-picker" role="group" aria-label=tr(i18n::SAMPLES_SHOWN)>
            <span aria-hidden="true">{tr(i18n::SAMPLES_SHOWN)}</span>
            {buttons}
        </div>
    }
}

/// On a narrow screen the picture scrolls sideways inside its panel: after each step the
/// panel turns to the unit (or the edge) the step computes, so the current step is in view.
fn follow_current_step(reveal: Reveal) {
    Effect::new(move |_| {
        reveal.cursor.track();
        request_animation_frame(|| {
            let Some(panel) = document()
                .query_selector(".diagram-panel[data-testid=lesson-picture]")
                .ok()
                .flatten()
            else {
                return;
            };
            if panel.scroll_width() <= panel.client_width() {
                return;
            }
            let Ok(lit) = panel.query_selector_all(".unit.active, .edge.current") else {
                return;
            };
            // Units of the samples not shown have no box on the screen.
            let shown = (0..lit.length())
                .filter_map(|i| lit.item(i))
                .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
                .map(|e| e.get_bounding_client_rect())
                .find(|r| r.width() > 0.0);
            let Some(rect) = shown else { return };
            let frame = panel.get_bounding_client_rect();
            let centre = rect.left() + rect.width() / 2.0 - frame.left();
            let left = f64::from(panel.scroll_left()) + centre - frame.width() / 2.0;
            panel.set_scroll_left(left.max(0.0) as i32);
        });
    });
}

#[component]
pub fn NetworkDiagram(
    state: KitState,
    reveal: Reveal,
    shape: &'static NetworkShape,
) -> impl IntoView {
    use layout::*;
    let lang = ctx().lang;
    let s = shape;
    let height = layout::height(s.inputs.max(s.hidden).max(s.outputs));
    let in_y = move |i| centre(i, s.inputs, height);
    let hid_y = move |j| centre(j, s.hidden, height);
    let out_y = move |k| centre(k, s.outputs, height);
    // A batch is drawn one sample at a time; the picture follows the sample the current step
    // works on, and the learner can pick another.
    let sample = RwSignal::new(0usize);
    follow_current_step(reveal);
    // xor's inputs are its fixed points, not settings to edit; the hint says so.
    let fixed_inputs = state
        .values
        .with_untracked(|v| v.spec(&s.input(0, 0)).is_none());
    let hint = if fixed_inputs {
        i18n::EDIT_HINT_FIXED_INPUTS
    } else {
        i18n::EDIT_HINT
    };
    Effect::new(move |_| {
        if let Some(n) = reveal.current().and_then(|st| s.sample_of(&st.target)) {
            sample.set(n);
        }
    });
    // Every weight is written on its edge while a unit has at most two inputs; in a denser
    // layer only the edges the current step reads or computes carry their numbers.
    let dense = s.inputs > 2 || s.hidden > 2;
    let lit = move |w: String| -> Signal<bool> {
        if !dense {
            return Signal::stored(true);
        }
        Signal::derive(move || {
            reveal
                .current()
                .is_some_and(|st| computes(&st, &w) || st.uses.contains(&w))
        })
    };
    let mut edges = Vec::new();
    for j in 0..s.hidden {
        for i in 0..s.inputs {
            let w = s.w1(j, i);
            let ends = ((INPUT_X + INPUT_W, in_y(i)), (HIDDEN_X, hid_y(j)));
            edges.push(edge(state, reveal, w.clone(), ends, (lit(w), dense)).into_any());
        }
    }
    // A single layer's edges run from the inputs straight to the outputs.
    let fan_in_end = move |j| {
        if s.hidden == 0 {
            (INPUT_X + INPUT_W, in_y(j))
        } else {
            (HIDDEN_X + UNIT_W, hid_y(j))
        }
    };
    for k in 0..s.outputs {
        for j in 0..s.output_fan_in() {
            let w = s.w2(k, j);
            let ends = (fan_in_end(j), (OUTPUT_X, out_y(k)));
            let centred = dense || s.hidden == 0;
            edges.push(edge(state, reveal, w.clone(), ends, (lit(w), centred)).into_any());
        }
    }
    let unit_title = move |letter: &str, i: usize, n: usize| {
        if n == 1 {
            letter.to_string()
        } else {
            format!(
                "{letter}{}",
                engine::lessons::kit::notation::subscript(i + 1)
            )
        }
    };
    let biases =
        (0..s.hidden)
            .map(|j| bias_line(state, reveal, (HIDDEN_X, hid_y(j)), s.hidden_bias(j)).into_any())
            .chain((0..s.outputs).map(|k| {
                bias_line(state, reveal, (OUTPUT_X, out_y(k)), s.output_bias(k)).into_any()
            }))
            .collect_view();
    // The loss box: L, then each label, fed by every output.
    let loss_h = 52.0 + 24.0 * s.outputs as f64;
    let loss_y = height / 2.0 - loss_h / 2.0;
    let to_loss = (0..s.outputs)
        .map(|k| view! { <line x1=OUTPUT_X + UNIT_W y1=out_y(k) x2=LOSS_X y2=height / 2.0 class="edge"/> })
        .collect_view();
    // What belongs to one sample: its inputs, its units' values and gradients, its labels.
    let one_sample = move |n: usize| {
        let inputs = (0..s.inputs)
            .map(|i| {
                let y = in_y(i) - INPUT_H / 2.0;
                let name = s.input(n, i);
                let at = (INPUT_X + 12.0, y + 44.0);
                let number = if fixed_inputs {
                    given_value(state, reveal, name.clone(), at).into_any()
                } else {
                    editable(state, reveal, name.clone(), at, "start").into_any()
                };
                view! {
                    {unit_box((INPUT_X, y), (INPUT_W, INPUT_H), label(&name), active(reveal, vec![name.clone()]))}
                    {number}
                }
            })
            .collect_view();
        let hidden = (0..s.hidden)
            .map(|j| {
                let title = unit_title("h", j, 2);
                unit_block(
                    state,
                    reveal,
                    (HIDDEN_X, hid_y(j)),
                    title,
                    s.hidden_unit(n, j),
                )
            })
            .collect_view();
        let outputs = (0..s.outputs)
            .map(|k| {
                let title = unit_title("o", k, s.outputs);
                unit_block(
                    state,
                    reveal,
                    (OUTPUT_X, out_y(k)),
                    title,
                    s.output_unit(n, k),
                )
            })
            .collect_view();
        let labels = (0..s.outputs)
            .map(|k| {
                let at = (LOSS_X + 12.0, loss_y + 70.0 + 24.0 * k as f64);
                editable(state, reveal, s.label(n, k), at, "start")
            })
            .collect_view();
        view! {
            <g data-testid=format!("diagram-sample-view-{n}")
                display=move || if sample.get() == n { "inline" } else { "none" }>
                {inputs}
                {hidden}
                {outputs}
                {labels}
            </g>
        }
    };
    let samples = s.samples();
    view! {
        {(samples > 1).then(|| sample_picker(samples, sample))}
        <svg class="diagram" viewBox=format!("0 0 {WIDTH} {height}") role="group" data-testid="diagram"
            aria-label=move || about(s, lang.get())>
            <g class="edges">{to_loss}</g>
            {edges}
            {biases}
            {unit_box((LOSS_X, loss_y), (LOSS_W, loss_h), "L".to_string(), active(reveal, vec!["loss".to_string()]))}
            {node_value(state, reveal, "loss".to_string(), (LOSS_X + 12.0, loss_y + 46.0))}
            {(0..samples).map(one_sample).collect_view()}
        </svg>
        <p class="hint">{tr(hint)}</p>
    }
}
