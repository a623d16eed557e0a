//! Dragging a number sideways to change it, shared by the network picture's numbers and the
//! matrix editor's cells: 0.01 a pixel, rounded to two decimals so dragged values stay
//! readable; a press that moves less than a few pixels is a click, not a drag.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, PointerEvent};

/// Pixels the pointer must move before a press becomes a drag.
const THRESHOLD: f64 = 4.0;

/// The value after a drag of `dx` pixels from `start`.
fn dragged(start: f64, dx: f64) -> f64 {
    ((start + dx * 0.01) * 100.0).round() / 100.0
}

/// One press on a number: where it began, the value then, and whether it has become a drag.
#[derive(Clone, Copy)]
pub struct DragNumber(StoredValue<Option<(f64, f64, bool)>>);

impl DragNumber {
    pub fn new() -> DragNumber {
        DragNumber(StoredValue::new(None))
    }

    /// A press begins on a number whose value is `start`.
    pub fn down(self, ev: &PointerEvent, start: f64) {
        self.0
            .set_value(Some((f64::from(ev.client_x()), start, false)));
    }

    /// The pointer moved: the new value once the press has become a drag (the element keeps
    /// the pointer from then on, and no text is selected), else None.
    pub fn moved(self, ev: &PointerEvent) -> Option<f64> {
        let (x0, v0, dragging) = self.0.get_value()?;
        let dx = f64::from(ev.client_x()) - x0;
        if !dragging {
            if dx.abs() < THRESHOLD {
                return None;
            }
            if let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<Element>().ok())
            {
                el.set_pointer_capture(ev.pointer_id()).ok();
            }
            self.0.set_value(Some((x0, v0, true)));
        }
        ev.prevent_default();
        Some(dragged(v0, dx))
    }

    /// The press ended: true when it was a click (it never became a drag).
    pub fn up(self) -> bool {
        let click = matches!(self.0.get_value(), Some((_, _, false)));
        self.0.set_value(None);
        click
    }
}
