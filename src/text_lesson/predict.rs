//! Type a sentence: the tokens the model reads, its verdict and probability, and for the
//! Transformer each head's attention weights as a heatmap over the tokens.

use engine::base::views::View;
use engine::lessons::text_classifier::tokenizer::UNK;
use engine::lessons::text_classifier::views::{attention_heatmaps, lstm_states_heatmap};
use engine::plots::views::view_svg;
use engine::state::number::format_number;
use leptos::prelude::*;

use super::i18n as t;
use super::state::{TextState, message};
use crate::app::{ctx, tr};
use crate::components::marked::Marked;

/// The sentences are data in Chinese or English whatever the UI's language: each carries its
/// own, so that it is read (and checked) as what it is.
fn sentence_lang(text: &str) -> &'static str {
    if engine::i18n::has_cjk(text) {
        "zh-CN"
    } else {
        "en"
    }
}

#[component]
pub fn SentenceBox(state: TextState) -> impl IntoView {
    let lang = ctx().lang;
    let examples = move || {
        state.examples.with(|ex| {
            ex.iter()
                .enumerate()
                .map(|(i, s)| {
                    let text = s.text();
                    let fill = text.clone();
                    let mark = if s.label == 1 { "✓" } else { "✗" };
                    let lang_of_text = sentence_lang(&text);
                    view! {
                        <li><button class="example" data-testid=format!("tc-example-{i}") data-label=s.label
                            on:click=move |_| {
                                state.sentence.set(fill.clone());
                                state.predict();
                            }>
                            <span class="mark" class:yes=s.label == 1>{mark}</span> " " <span lang=lang_of_text>{text}</span>
                        </button></li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <label class="field sentence">
            <span class="field-label">{tr(t::TRY_IT)}</span>
            <input data-testid="tc-sentence" type="text" autocomplete="off" spellcheck="false"
                prop:value=move || state.sentence.get()
                on:input=move |ev| {
                    state.sentence.set(event_target_value(&ev));
                    state.predict();
                }/>
        </label>
        <p class="hint"><Marked text=t::SENTENCE_HINT/></p>
        <p class="hint">{tr(t::EXAMPLES)}</p>
        <ul class="tc-examples" data-testid="tc-examples">{examples}</ul>
        {move || state.prediction_error.get().map(|e| view! {
            <div class="banner warn" data-testid="tc-sentence-error" role="alert">{message(&e, lang.get())}</div>
        })}
    }
}

#[component]
pub fn PredictionView(state: TextState) -> impl IntoView {
    let lang = ctx().lang;
    move || {
        let l = lang.get();
        state.prediction.with(|p| {
            p.as_ref().map(|shown| {
                let p = &shown.prediction;
                let says = p.p_yes > 0.5;
                let verdict = |yes: bool| if yes { t::CONTAINS.get(l) } else { t::LACKS.get(l) };
                let tokens = p
                    .tokens
                    .iter()
                    .map(|tok| {
                        let unknown = tok.id == UNK;
                        view! {
                            <span class="token" lang=sentence_lang(&tok.text) class:unk=unknown title=unknown.then(|| t::UNKNOWN_WORD.get(l))>{tok.text.clone()}</span>
                        }
                    })
                    .collect_view();
                let pct = format!("{:.1}", 100.0 * p.p_yes);
                view! {
                    <div class="tc-prediction" data-testid="tc-prediction" data-text=shown.text.clone() data-p-yes=p.p_yes.to_string()
                        data-says=says.to_string() data-truth=shown.truth.to_string() data-step=shown.step
                        data-tokens=p.tokens.len() data-dropped=p.dropped>
                        <p class="tc-tokens" data-testid="tc-tokens"><span class="muted">{t::TOKENS.get(l)} ": "</span>{tokens}</p>
                        {(p.dropped > 0).then(|| view! {
                            <p class="banner warn" data-testid="tc-dropped" role="status">{p.dropped} " " {t::DROPPED.get(l)}</p>
                        })}
                        <p class="verdict" class:right=says == shown.truth class:wrong=says != shown.truth>
                            {t::MODEL_SAYS.get(l)} ": " <b>{verdict(says)}</b> " “" <span lang=sentence_lang(shown.keyword)>{shown.keyword}</span> "” · "
                            {t::TRUTH_IS.get(l)} " " <b>{verdict(shown.truth)}</b>
                            <span class="muted">" (" {t::AT_STEP.get(l)} " " {shown.step} ")"</span>
                        </p>
                        <div class="pbar" role="img" aria-label=format!("{} {pct} %", t::P_YES.get(l))>
                            <div class="pbar-fill" style=format!("width: {pct}%")></div>
                        </div>
                        <p class="muted">{t::P_YES.get(l)} " = " <b>{pct} " %"</b>
                            " · z = [" {format_number(p.logits[0], 3)} ", " {format_number(p.logits[1], 3)} "]"</p>
                    </div>
                }
            })
        })
    }
}

#[component]
pub fn AttentionView(state: TextState) -> impl IntoView {
    let lang = ctx().lang;
    move || {
        let l = lang.get();
        let transformer = state
            .settings
            .with(|s| s.model == engine::lessons::text_classifier::net::ModelKind::Transformer);
        if !transformer {
            return lstm_reading(state, l).into_any();
        }
        let maps = state.prediction.with(|p| {
            p.as_ref()
                .map(|s| attention_heatmaps(&s.prediction))
                .unwrap_or_default()
        });
        let figures = maps
            .into_iter()
            .map(|(b, h, map)| {
                let svg = view_svg(&View::Heatmap(map), l, &[]);
                view! {
                    <figure class="tc-head" data-testid=format!("tc-attention-{b}-{h}")>
                        <figcaption>{t::BLOCK.get(l)} " " {b + 1} " · " {t::HEAD.get(l)} " " {h + 1}</figcaption>
                        <div class="view" inner_html=svg></div>
                    </figure>
                }
            })
            .collect_view();
        view! {
            <h2>{t::ATTENTION.get(l)}</h2>
            <p class="muted">{t::ATTENTION_NOTE.get(l)}</p>
            <div class="tc-heads" data-testid="tc-attention">{figures}</div>
        }
        .into_any()
    }
}

/// The LSTM has no attention: its hidden state after each word, as a heatmap, instead.
fn lstm_reading(state: TextState, l: engine::i18n::Lang) -> impl IntoView {
    let svg = state.prediction.with(|p| {
        p.as_ref()
            .and_then(|s| lstm_states_heatmap(&s.prediction))
            .map(|map| view_svg(&View::Heatmap(map), l, &[]))
    });
    view! {
        <h2>{t::LSTM_READING.get(l)}</h2>
        <p class="muted" data-testid="tc-no-attention">{t::NO_ATTENTION.get(l)}</p>
        {svg.map(|svg| view! { <div class="view tc-states" data-testid="tc-lstm-states" inner_html=svg></div> })}
    }
}

/// What the LSTM's Dense layer says after each word (the last one is the model's answer).
#[component]
pub fn StepAnswers(state: TextState) -> impl IntoView {
    let lang = ctx().lang;
    move || {
        let l = lang.get();
        state.prediction.with(|p| {
            let p = &p.as_ref()?.prediction;
            if p.step_p_yes.is_empty() {
                return None;
            }
            let items = p
                .tokens
                .iter()
                .zip(&p.step_p_yes)
                .map(|(tok, &py)| {
                    let pct = format!("{:.1}", 100.0 * py);
                    view! {
                        <li data-p-yes=py.to_string()>
                            <span class="token" lang=sentence_lang(&tok.text)>{tok.text.clone()}</span>
                            <span class="pbar small" aria-hidden="true"><span class="pbar-fill" style=format!("width: {pct}%")></span></span>
                            <b>{pct} " %"</b>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <p class="muted">{t::STEP_P_YES.get(l)}</p>
                <ol class="tc-step-answers" data-testid="tc-step-answers">{items}</ol>
            })
        })
    }
}
