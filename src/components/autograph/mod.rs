//! The autodiff graph of the lesson's forward pass, drawn by the engine from the ops the model
//! ran, with its own walk: forward lights each op in order, backward each gradient in reverse.

mod text;

use engine::autograph::{Graph, Phase, svg};
use leptos::prelude::*;

use crate::app::{ctx, tr};

/// One line about the node the walk has reached.
fn caption(g: &Graph, step: usize, lang: engine::i18n::Lang) -> String {
    let w = g.walk(step);
    let Some(id) = g.lit(w) else {
        return text::AT_START.get(lang).to_string();
    };
    let n = &g.nodes[id];
    let (f, b) = (g.forward_order().len(), g.backward_order().len());
    match w.phase {
        Phase::Forward => {
            let args: Vec<String> = n.inputs.iter().map(|&i| g.nodes[i].label()).collect();
            format!(
                "{}{} = {}({}) = {}",
                text::FORWARD
                    .get(lang)
                    .replace("{k}", &w.done.to_string())
                    .replace("{n}", &f.to_string()),
                n.label(),
                n.op.symbol(),
                args.join(", "),
                svg::short(&n.value)
            )
        }
        Phase::Backward => {
            let grad = n.grad.as_deref().map(svg::short).unwrap_or_default();
            let seed = if w.done == 1 {
                text::SEED.get(lang)
            } else {
                ""
            };
            format!(
                "{}∂L/∂{} = {grad}{seed}",
                text::BACKWARD
                    .get(lang)
                    .replace("{k}", &w.done.to_string())
                    .replace("{n}", &b.to_string()),
                n.label()
            )
        }
    }
}

#[component]
pub fn AutographPanel(#[prop(into)] graph: Signal<Option<Graph>>) -> impl IntoView {
    let lang = ctx().lang;
    let step = RwSignal::new(0usize);
    let total = Memo::new(move |_| graph.with(|g| g.as_ref().map_or(0, Graph::walk_len)));
    // A new trace (an edit, an update) keeps the walk where it is, inside the new graph.
    Effect::new(move |_| {
        let t = total.get();
        if step.get_untracked() > t {
            step.set(t);
        }
    });
    let drawing = move || {
        graph.with(|g| {
            g.as_ref().map(|g| {
                svg::draw(
                    g,
                    g.walk(step.get().min(g.walk_len())),
                    text::TITLE.get(lang.get()),
                )
            })
        })
    };
    let line = move || {
        graph.with(|g| {
            g.as_ref().map_or_else(
                || text::NO_GRAPH.get(lang.get()).to_string(),
                |g| caption(g, step.get().min(g.walk_len()), lang.get()),
            )
        })
    };
    let phase = move || {
        graph.with(|g| {
            g.as_ref()
                .map_or("forward", |g| match g.walk(step.get()).phase {
                    Phase::Forward => "forward",
                    Phase::Backward => "backward",
                })
        })
    };
    view! {
        <section class="panel autograph-panel" data-testid="autograph">
            <h2>{tr(text::TITLE)}</h2>
            <p class="hint">{tr(text::HINT)}</p>
            <div class="ag-controls" role="toolbar">
                <button data-testid="ag-start" on:click=move |_| step.set(0)
                    disabled=move || step.get() == 0>"|◀ " {tr(text::START)}</button>
                <button data-testid="ag-prev" on:click=move |_| step.update(|s| *s = s.saturating_sub(1))
                    disabled=move || step.get() == 0>"◀ " {tr(text::PREV)}</button>
                <button data-testid="ag-next" class="primary" on:click=move |_| step.update(|s| *s = (*s + 1).min(total.get_untracked()))
                    disabled=move || { step.get() >= total.get() }>{tr(text::NEXT)} " ▶"</button>
                <button data-testid="ag-end" on:click=move |_| step.set(total.get_untracked())
                    disabled=move || { step.get() >= total.get() }>{tr(text::END)} " ▶|"</button>
                <input type="range" min="0" max=move || total.get() prop:value=move || step.get()
                    aria-label=move || text::NEXT.get(lang.get()) data-testid="ag-slider"
                    on:input=move |ev| step.set(event_target_value(&ev).parse().unwrap_or(0))/>
            </div>
            <p class="ag-caption" data-testid="ag-caption" data-step=move || step.get()
                data-total=move || total.get() data-phase=phase aria-live="polite">{line}</p>
            <div class="ag-scroll" data-testid="ag-svg" inner_html=drawing
                role="region" tabindex="0" aria-label=move || text::TITLE.get(lang.get())></div>
        </section>
    }
}
