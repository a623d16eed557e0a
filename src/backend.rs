//! The one place where the compute device is chosen: WebGPU when the browser has an
//! adapter, burn's flex CPU backend otherwise, and the CPU again when the GPU fails.

use std::cell::{Cell, RefCell};
use std::future::Future;

use burn::prelude::Device;
use burn::tensor::wgpu::{WgpuBackend, wgpu};
use engine::base::error::TraceError;
use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BackendKind {
    WebGpu,
    Cpu,
}

impl BackendKind {
    pub fn code(self) -> &'static str {
        match self {
            BackendKind::WebGpu => "webgpu",
            BackendKind::Cpu => "cpu",
        }
    }
}

#[derive(Clone, PartialEq, Debug)]
pub enum Availability {
    Probing,
    Available { adapter: String },
    Unavailable { reason: String },
}

/// Why the page is not on the backend the learner would expect.
#[derive(Clone, PartialEq, Debug)]
pub enum Notice {
    NoWebGpu { reason: String },
    FellBack { reason: String },
}

#[derive(Clone, Copy)]
pub struct Backend {
    pub kind: RwSignal<BackendKind>,
    pub webgpu: RwSignal<Availability>,
    pub notice: RwSignal<Option<Notice>>,
    /// False until the probe has settled which backend runs.
    pub ready: RwSignal<bool>,
}

thread_local! {
    /// burn's wgpu runtime can be initialised once per page; the device is kept here.
    static WEBGPU_DEVICE: RefCell<Option<Device>> = const { RefCell::new(None) };
    /// The wgpu device under burn's runtime, kept to watch for (and, in tests, cause) its loss.
    static WGPU_DEVICE: RefCell<Option<wgpu::Device>> = const { RefCell::new(None) };
    static SIMULATED_LOSS: Cell<bool> = const { Cell::new(false) };
}

pub fn simulate_device_loss() {
    SIMULATED_LOSS.with(|s| s.set(true));
}

/// Whether a simulated device loss is pending (and clears it): pages that run their own GPU
/// loops (not through [`Backend::run`]) fail their next GPU step with it.
pub fn take_simulated_loss() -> bool {
    SIMULATED_LOSS.with(|s| s.replace(false))
}

/// Destroys the real WebGPU device, as a driver reset would; the lost-device callback
/// then moves the page to the CPU. Returns false when no WebGPU device exists.
pub fn destroy_device() -> bool {
    WGPU_DEVICE.with(|d| d.borrow().as_ref().map(|d| d.destroy()).is_some())
}

impl Backend {
    /// Starts on the CPU and probes WebGPU in the background; switches to it when ready.
    pub fn start() -> Backend {
        let backend = Backend {
            kind: RwSignal::new(BackendKind::Cpu),
            webgpu: RwSignal::new(Availability::Probing),
            notice: RwSignal::new(None),
            ready: RwSignal::new(false),
        };
        leptos::task::spawn_local(async move {
            match init_webgpu().await {
                Ok(adapter) => {
                    // A lost device (driver reset, GPU removed, tab backgrounded too long)
                    // moves the page to the CPU before the next computation.
                    WGPU_DEVICE.with(|d| {
                        if let Some(d) = d.borrow().as_ref() {
                            d.set_device_lost_callback(move |reason, message| {
                                backend
                                    .fall_back(format!("GPU device lost ({reason:?}) {message}"));
                            });
                        }
                    });
                    backend.webgpu.set(Availability::Available { adapter });
                    backend.kind.set(BackendKind::WebGpu);
                }
                Err(reason) => {
                    backend.webgpu.set(Availability::Unavailable {
                        reason: reason.clone(),
                    });
                    backend.notice.set(Some(Notice::NoWebGpu { reason }));
                }
            }
            backend.ready.set(true);
        });
        backend
    }

    pub fn device(kind: BackendKind) -> Device {
        match kind {
            BackendKind::WebGpu => WEBGPU_DEVICE
                .with(|d| d.borrow().clone())
                .unwrap_or_else(Device::flex),
            BackendKind::Cpu => Device::flex(),
        }
    }

    /// The learner's switch. WebGPU is only selectable when it initialised.
    pub fn select(&self, kind: BackendKind) {
        let available = matches!(self.webgpu.get_untracked(), Availability::Available { .. });
        if kind == BackendKind::Cpu || available {
            self.kind.set(kind);
        }
    }

    fn fall_back(&self, reason: String) {
        if self.webgpu.try_get_untracked().is_none() {
            return;
        }
        self.webgpu.set(Availability::Unavailable {
            reason: reason.clone(),
        });
        self.notice.set(Some(Notice::FellBack { reason }));
        self.kind.set(BackendKind::Cpu);
    }

    /// Runs `work` on the current device; if the GPU fails, falls back to the CPU and runs it
    /// again there, so the learner's state survives a lost device.
    pub async fn run<T, F, Fut>(&self, work: F) -> Result<T, TraceError>
    where
        F: Fn(Device) -> Fut,
        Fut: Future<Output = Result<T, TraceError>>,
    {
        let kind = self.kind.get_untracked();
        let result = if kind == BackendKind::WebGpu && SIMULATED_LOSS.with(|s| s.replace(false)) {
            Err(TraceError("GPU device lost (simulated)".into()))
        } else {
            work(Backend::device(kind)).await
        };
        match result {
            Err(e) if kind == BackendKind::WebGpu => {
                self.fall_back(e.0);
                work(Device::flex()).await
            }
            other => other,
        }
    }
}

fn js_get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Asks `navigator.gpu` for an adapter; returns its description for the page.
async fn probe_adapter() -> Result<String, String> {
    let navigator: JsValue = window().navigator().into();
    let gpu = js_get(&navigator, "gpu").ok_or("navigator.gpu is missing")?;
    let request: Function = js_get(&gpu, "requestAdapter")
        .and_then(|f| f.dyn_into().ok())
        .ok_or("navigator.gpu.requestAdapter is missing")?;
    let promise: Promise = request
        .call0(&gpu)
        .map_err(|e| format!("requestAdapter threw: {e:?}"))?
        .dyn_into()
        .map_err(|_| "requestAdapter returned no promise")?;
    let adapter = JsFuture::from(promise)
        .await
        .map_err(|e| format!("requestAdapter failed: {e:?}"))?;
    if adapter.is_null() || adapter.is_undefined() {
        return Err("requestAdapter() returned null: no GPU adapter".into());
    }
    let info = js_get(&adapter, "info");
    let field = |k: &str| {
        info.as_ref()
            .and_then(|i| js_get(i, k))
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    };
    let parts: Vec<String> = ["vendor", "architecture", "description"]
        .iter()
        .filter_map(|k| field(k))
        .collect();
    Ok(if parts.is_empty() {
        "WebGPU adapter".into()
    } else {
        parts.join(" · ")
    })
}

/// Probes, then initialises burn's wgpu runtime on the WebGPU API (asynchronously: the
/// synchronous path panics in a browser).
async fn init_webgpu() -> Result<String, String> {
    let adapter = probe_adapter().await?;
    let (device, setup) = Device::wgpu_options()
        .graphics_api(WgpuBackend::WebGpu)
        .init_with_setup_async()
        .await
        .map_err(|e| format!("burn could not initialise WebGPU: {e:?}"))?;
    WEBGPU_DEVICE.with(|d| *d.borrow_mut() = Some(device));
    WGPU_DEVICE.with(|d| *d.borrow_mut() = Some(setup.device));
    Ok(adapter)
}
