//! One model that a page's async computations borrow in turn: a computation takes it out
//! (waiting a frame at a time while another holds it), works on it, and puts it back.
//! Installing a new model starts a new generation; a loan from an older one is dropped when
//! it comes back, so a rebuild made meanwhile wins. Kept minimal: compute may move off the
//! page (into a worker) later, and this is the one place that would change.

use leptos::prelude::*;

use crate::frame::next_frame;

pub struct Lease<T: 'static> {
    slot: StoredValue<Option<T>, LocalStorage>,
    generation: StoredValue<u64>,
}

impl<T: 'static> Clone for Lease<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Lease<T> {}

impl<T: 'static> Lease<T> {
    /// An empty lease: `take` waits until a model is installed.
    pub fn new() -> Lease<T> {
        Lease {
            slot: StoredValue::new_local(None),
            generation: StoredValue::new(0),
        }
    }

    /// Makes `model` the current one; loans taken before are stale from now on.
    pub fn install(self, model: T) -> u64 {
        self.generation.update_value(|g| *g += 1);
        self.slot.set_value(Some(model));
        self.generation.get_value()
    }

    /// Makes every loan out now stale without a new model (its owner starts over).
    pub fn invalidate(self) {
        self.generation.update_value(|g| *g += 1);
    }

    /// Borrows the model with its generation, waiting up to `frames` frames while another
    /// computation holds it. `None` when it stays held, or once the page is gone.
    pub async fn take(self, frames: usize) -> Option<(T, u64)> {
        for _ in 0..frames {
            let generation = self.generation.try_get_value()?;
            if let Some(model) = self.slot.try_update_value(|m| m.take()).flatten() {
                return Some((model, generation));
            }
            next_frame().await;
        }
        None
    }

    /// Returns a loan. True when it was still current and is stored again; false when a
    /// newer model replaced it meanwhile (the loan is dropped) or the page is gone.
    pub fn put(self, model: T, generation: u64) -> bool {
        if !self.is_current(generation) {
            return false;
        }
        self.slot.try_set_value(Some(model));
        true
    }

    /// True while no newer model has been installed since `generation`.
    pub fn is_current(self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// False once the page that owns the lease is gone: an async task that resumes after
    /// that must touch nothing.
    pub fn alive(self) -> bool {
        self.generation.try_get_value().is_some()
    }
}
