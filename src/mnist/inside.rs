//! Inside the network: the first layer's filters, every layer's feature maps for one digit,
//! and the held-out report (confusion matrix, worst digits).

use engine::mnist::SIDE;
use engine::mnist::settings::HELD_OUT;
use engine::mnist::trainer::LayerMaps;
use engine::plots::raster::{Raster, Scale, tile};
use engine::state::number::format_number;
use leptos::prelude::*;

use super::state::{MapsSource, MnistState};
use super::text;
use crate::app::{ctx, tr};
use crate::components::marked::Marked;
use crate::components::raster_canvas::RasterCanvas;
use crate::components::scroll_box::ScrollBox;

fn filters_raster(f: &[[[f32; 3]; 3]]) -> Raster {
    let flat: Vec<Vec<f32>> = f
        .iter()
        .map(|k| k.iter().flatten().copied().collect())
        .collect();
    let refs: Vec<&[f32]> = flat.iter().map(Vec::as_slice).collect();
    tile(&refs, 3, 3, 8, 1, Scale::Diverging)
}

/// One layer's maps as tiles: channels of a [C, H, W] output, or a dense layer as one row.
fn layer_raster(l: &LayerMaps) -> Raster {
    match l.shape.as_slice() {
        [c, h, w] => {
            let refs: Vec<&[f32]> = l.values.chunks(h * w).take(*c).collect();
            let cols = if *c > 32 { 16 } else { 8 };
            tile(&refs, *h, *w, cols, 1, Scale::PerTile)
        }
        _ => tile(&[&l.values], 1, l.values.len(), 1, 0, Scale::PerTile),
    }
}

/// The layer's Keras name as code, then its shape.
fn layer_title(l: &LayerMaps) -> AnyView {
    let dims: Vec<String> = l.shape.iter().map(|d| d.to_string()).collect();
    view! { <code>{l.name}</code> {format!(" · {}", dims.join("×"))} }.into_any()
}

#[component]
pub fn Filters(state: MnistState) -> impl IntoView {
    let raster = Signal::derive(move || state.filters.with(|f| f.as_deref().map(filters_raster)));
    view! {
        <div class="inside-block">
            <h3>{tr(text::FILTERS)}</h3>
            <RasterCanvas raster=raster testid="filters".to_string() zoom=10/>
            <p class="hint">{tr(text::FILTERS_NOTE)}</p>
        </div>
    }
}

#[component]
pub fn FeatureMaps(state: MnistState) -> impl IntoView {
    let lang = ctx().lang;
    let digit = move || state.settings.with(|s| s.digit);
    let source_is = move |s| state.maps_source.get() == s;
    let input = Signal::derive(move || {
        let d = digit();
        match state.maps_source.get() {
            MapsSource::Drawn => state.drawn.get(),
            MapsSource::HeldOut => {
                state.data_status.track();
                state.held_out_digit(d).map(|(pixels, _)| pixels)
            }
        }
        .map(|img| tile(&[&img], SIDE, SIDE, 1, 0, Scale::Gray))
    });
    let label = move || {
        state.data_status.track();
        state.held_out_digit(digit()).map(|(_, label)| label)
    };
    let go = move |delta: isize| {
        let d = (digit() as isize + delta).rem_euclid(HELD_OUT as isize) as usize;
        state.show_digit(d);
    };
    let layers = move || {
        state.maps.with(|m| {
            m.as_ref().map(|maps| {
                maps.iter()
                    .map(|l| {
                        let raster = Signal::derive({
                            let r = layer_raster(l);
                            move || Some(r.clone())
                        });
                        let zoom = match l.shape.len() {
                            3 if l.shape[1] > 20 => 2,
                            3 => 4,
                            _ => 8,
                        };
                        view! {
                            <figure class="layer-maps">
                                <figcaption>{layer_title(l)}</figcaption>
                                <RasterCanvas raster=raster testid=format!("maps-{}", l.name) zoom=zoom/>
                            </figure>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <div class="inside-block" data-testid="feature-maps">
            <h3>{tr(text::MAPS)}</h3>
            <div class="controls" role="toolbar">
                <span>{tr(text::MAPS_FOR)}</span>
                <button class:active=move || source_is(MapsSource::HeldOut) data-testid="maps-held-out"
                    on:click=move |_| state.show_digit(digit())>
                    {move || format!("{}{}", text::HELD_OUT_DIGIT.get(lang.get()), digit())}
                </button>
                <button data-testid="maps-previous" on:click=move |_| go(-1)>"◂"</button>
                <button data-testid="maps-next" on:click=move |_| go(1)>"▸"</button>
                <button class:active=move || source_is(MapsSource::Drawn) data-testid="maps-drawn"
                    disabled=move || state.drawn.with(Option::is_none)
                    on:click=move |_| {
                        state.maps_source.set(MapsSource::Drawn);
                        leptos::task::spawn_local(state.refresh_maps());
                    }>{tr(text::DRAWN_DIGIT)}</button>
                <span class="muted" data-testid="maps-label">
                    {move || label().filter(|_| source_is(MapsSource::HeldOut)).map(|l| format!("({} {l})", text::LABEL.get(lang.get())))}
                </span>
            </div>
            <div class="maps">
                <figure class="layer-maps">
                    <figcaption>{tr(text::INPUT_MAP)}</figcaption>
                    <RasterCanvas raster=input testid="maps-input".to_string() zoom=4/>
                </figure>
                {layers}
            </div>
            <p class="hint"><Marked text=text::MAPS_NOTE/></p>
        </div>
    }
}

#[component]
pub fn HeldOutPanel(state: MnistState) -> impl IntoView {
    let lang = ctx().lang;
    let summary = move || {
        state.report.with(|r| {
            r.as_ref().map(|r| {
                let steps = r.steps;
                view! {
                    <p class="report-summary">
                        {move || format!("{}{steps}{} · ", text::AFTER.get(lang.get()), text::STEPS.get(lang.get()))}
                        {tr(text::LOSS)} " "
                        <strong data-testid="held-loss" data-value=r.loss.to_string()>{format_number(r.loss, 4)}</strong>
                        " · " {tr(text::ACCURACY)} " "
                        <strong data-testid="held-accuracy" data-value=r.accuracy.to_string()>{format!("{:.2} %", r.accuracy * 100.0)}</strong>
                    </p>
                }
            })
        })
    };
    let confusion = move || {
        state.report.with(|r| {
            r.as_ref().map(|r| {
                let head = (0..10).map(|c| view! { <th scope="col">{c}</th> }).collect_view();
                let rows = r
                    .confusion
                    .iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let total: u32 = row.iter().sum::<u32>().max(1);
                        let cells = row
                            .iter()
                            .enumerate()
                            .map(|(j, &n)| {
                                let share = f64::from(n) / f64::from(total);
                                // The strongest tints stop where the dark digits keep a 4.5:1
                                // contrast (WCAG AA): 90 % of the green, 75 % of the red.
                                let style = if i == j {
                                    format!("background: rgba(34,139,84,{:.2})", 0.9 * share)
                                } else {
                                    format!("background: rgba(214,39,40,{:.2})", 0.75 * (share * 4.0).min(1.0))
                                };
                                view! { <td style=style data-testid=format!("confusion-{i}-{j}")>{n}</td> }
                            })
                            .collect_view();
                        view! { <tr><th scope="row">{i}</th>{cells}</tr> }
                    })
                    .collect_view();
                view! {
                    <table class="confusion" data-testid="confusion">
                        <thead><tr><th></th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            })
        })
    };
    let worst = move || {
        // Track before any early return, or the view never hears of the data arriving.
        state.data_status.track();
        state.report.track();
        let data = state.data()?;
        let held = state.held_out();
        state.report.with(|r| {
            r.as_ref().map(|r| {
                if r.worst.is_empty() {
                    return view! { <p>{tr(text::NO_MISTAKES)}</p> }.into_any();
                }
                r.worst
                    .iter()
                    .map(|w| {
                        let img = data.batch(&[w.index]).0;
                        let raster = tile(&[&img], SIDE, SIDE, 1, 0, Scale::Gray);
                        let position = held.binary_search(&w.index).ok();
                        let (label, predicted, p) = (w.label, w.predicted, w.p_label);
                        view! {
                            <button class="worst" data-testid="worst-digit"
                                on:click=move |_| if let Some(d) = position { state.show_digit(d) }>
                                <RasterCanvas raster=Signal::derive(move || Some(raster.clone())) testid="worst-image".to_string() zoom=2/>
                                <span>{move || format!("{} {label} · {} {predicted}", text::LABEL.get(lang.get()), text::PREDICTED.get(lang.get()))}</span>
                                <span class="muted">{format!("p = {}", format_number(p, 3))}</span>
                            </button>
                        }
                    })
                    .collect_view()
                    .into_any()
            })
        })
    };
    view! {
        <div class="inside-block" data-testid="held-out-report" data-seq=move || state.report_seq.get().to_string()>
            <h3>{tr(text::REPORT)}</h3>
            {move || state.evaluating.get().then(|| view! { <p class="muted" data-testid="evaluating">{tr(text::EVALUATING)}</p> })}
            {summary}
            <h4>{tr(text::CONFUSION)}</h4>
            <ScrollBox label=text::CONFUSION>{confusion}</ScrollBox>
            <h4>{tr(text::WORST)}</h4>
            <p class="hint">{tr(text::WORST_NOTE)}</p>
            <div class="worst-grid" data-testid="worst">{worst}</div>
        </div>
    }
}
