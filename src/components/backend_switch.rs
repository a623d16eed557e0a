//! Shows which backend runs, lets the learner switch, and says why when it had to fall back.

use leptos::prelude::*;

use crate::app::{ctx, tr};
use crate::backend::{Availability, BackendKind, Notice};
use crate::i18n;

#[component]
pub fn BackendSwitch() -> impl IntoView {
    let Ctx { lang, backend, .. } = ctx();
    let webgpu_ok = move || matches!(backend.webgpu.get(), Availability::Available { .. });
    let name = move || {
        let l = lang.get();
        match (backend.kind.get(), backend.webgpu.get()) {
            (BackendKind::WebGpu, Availability::Available { adapter }) => {
                format!("{} · {adapter}", i18n::WEBGPU.get(l))
            }
            (BackendKind::WebGpu, _) => i18n::WEBGPU.get(l).to_string(),
            (BackendKind::Cpu, _) => i18n::CPU.get(l).to_string(),
        }
    };
    let notice = move || {
        let l = lang.get();
        backend.notice.get().map(|n| {
            let (text, reason) = match n {
                Notice::NoWebGpu { reason } => (i18n::NO_WEBGPU, reason),
                Notice::FellBack { reason } => (i18n::FELL_BACK, reason),
            };
            view! {
                <span class="backend-notice" data-testid="backend-notice" role="status">
                    {text.get(l)} " " <span class="reason">{i18n::REASON.get(l)} ": " <code>{reason}</code></span>
                </span>
            }
        })
    };
    // Why the WebGPU button is greyed out, in the learner's language (the machine's own
    // message is quoted in the notice).
    let reason_title = move || match backend.webgpu.get() {
        Availability::Unavailable { .. } => i18n::NO_WEBGPU.get(lang.get()).to_string(),
        _ => String::new(),
    };
    view! {
        <div class="backend" data-testid="backend">
            <span class="label">{tr(i18n::BACKEND)}</span>
            <div class="segmented" role="group" aria-label=tr(i18n::BACKEND)>
                <button
                    data-testid="backend-webgpu"
                    class:active=move || backend.kind.get() == BackendKind::WebGpu
                    aria-pressed=move || (backend.kind.get() == BackendKind::WebGpu).to_string()
                    disabled=move || !webgpu_ok()
                    title=reason_title
                    on:click=move |_| backend.select(BackendKind::WebGpu)
                >
                    "WebGPU"
                </button>
                <button
                    data-testid="backend-cpu"
                    class:active=move || backend.kind.get() == BackendKind::Cpu
                    aria-pressed=move || (backend.kind.get() == BackendKind::Cpu).to_string()
                    on:click=move |_| backend.select(BackendKind::Cpu)
                >
                    "CPU"
                </button>
            </div>
            <span class="backend-name" data-testid="backend-name" data-kind=move || backend.kind.get().code()
                data-ready=move || backend.ready.get().to_string()>
                {move || if backend.ready.get() { String::new() } else { i18n::PROBING.get(lang.get()).to_string() + " " }}
                {tr(i18n::RUNS_ON)} ": " {name}
            </span>
            {notice}
        </div>
    }
}

use crate::app::Ctx;
