//! The page frame: top bar (language, backend), and the route from the URL hash.

use engine::i18n::{Lang, Text};
use engine::lessons::registry::{self, Page};
use engine::state::hash::{EMBED_KEY, parse_route, take_flag};
use leptos::prelude::*;

use crate::backend::Backend;
use crate::classroom;
use crate::classroom::keys::LessonKeys;
use crate::components::backend_switch::BackendSwitch;
use crate::home::Home;
use crate::i18n;
use crate::lessons::kit_lesson::KitLesson;
use crate::mnist::MnistPage;
use crate::playground::PlaygroundPage;
use crate::text_lesson::TextClassifierPage;
use crate::{prefs, progress, route};

/// What every view may read: the language and the compute backend.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub backend: Backend,
    /// What the teaching keys do in the open lesson.
    pub keys: RwSignal<Option<LessonKeys>>,
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// A reactive translation of `text` in the current language.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = ctx().lang;
    move || text.get(lang.get())
}

fn lang_button(lang: RwSignal<Lang>, choice: Lang, name: &'static str) -> impl IntoView {
    view! {
        <button
            data-testid=format!("lang-{}", choice.code())
            lang=choice.code()
            class:active=move || lang.get() == choice
            aria-pressed=move || (lang.get() == choice).to_string()
            on:click=move |_| lang.set(choice)
        >
            {name}
        </button>
    }
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(prefs::load_lang());
    let backend = Backend::start();
    let present = RwSignal::new(false);
    let embed = RwSignal::new(false);
    let keys = RwSignal::new(None);
    provide_context(Ctx {
        lang,
        backend,
        keys,
    });
    classroom::keys::install(keys, present);
    classroom::offline::register_service_worker();
    Effect::new(move |_| {
        let body = document().body();
        if let Some(body) = body {
            let classes = body.class_list();
            let set = |name: &str, on: bool| {
                if on {
                    classes.add_1(name).ok();
                } else {
                    classes.remove_1(name).ok();
                }
            };
            set("present", present.get());
            set("embed", embed.get());
        }
    });

    Effect::new(move |_| {
        let l = lang.get();
        prefs::save_lang(l);
        if let Some(root) = document().document_element() {
            root.set_attribute("lang", if l == Lang::Zh { "zh-CN" } else { "en" })
                .ok();
        }
        document().set_title(i18n::APP_TITLE.get(l));
    });

    let hash = route::hash_signal();
    let page = move || {
        let h = hash.get();
        // A new page starts with nothing focused: two pages of one kind (two kit lessons) reuse
        // their elements, and a field focused on the last page would keep the lesson's keys.
        if let Some(el) = document()
            .active_element()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlElement>(e).ok())
        {
            el.blur().ok();
        }
        let mut parsed = parse_route(&h);
        let (rest, embedded) = take_flag(&parsed.assignments, EMBED_KEY);
        parsed.assignments = rest;
        embed.set(embedded);
        route::set_embed(embedded);
        let assignments: Vec<String> = parsed.assignments.iter().map(|s| s.to_string()).collect();
        if let Some(id) = parsed.lesson.filter(|id| registry::find(id).is_some()) {
            progress::mark_visited(id);
        }
        // The registry names each page's component; an id it does not know is reported.
        match parsed
            .lesson
            .map(|id| (id, registry::find(id).map(|p| p.page)))
        {
            None => view! { <Home/> }.into_any(),
            Some((_, Some(Page::Mnist))) => {
                view! { <MnistPage assignments=assignments/> }.into_any()
            }
            Some((_, Some(Page::Playground))) => {
                // The playground reads its own settings; the embed flag is the page's.
                let hash = format!("#/playground?{}", assignments.join("&"));
                view! { <PlaygroundPage hash=hash/> }.into_any()
            }
            Some((_, Some(Page::Text))) => {
                view! { <TextClassifierPage assignments=assignments/> }.into_any()
            }
            Some((_, Some(Page::Kit(def)))) => {
                view! { <KitLesson def=def assignments=assignments/> }.into_any()
            }
            Some((other, None)) => {
                let other = other.chars().take(40).collect::<String>();
                view! {
                    <div class="banner error" data-testid="unknown-lesson" role="alert">
                        {tr(i18n::UNKNOWN_LESSON)} {other} " · " <a href="#/">{tr(i18n::ALL_LESSONS)}</a>
                    </div>
                    <Home/>
                }
                .into_any()
            }
        }
    };

    view! {
        <header class="topbar">
            <a class="brand" href="#/" data-testid="brand">
                <span class="logo" aria-hidden="true">"∂"</span>
                <span class="brand-name">{tr(i18n::APP_TITLE)}</span>
            </a>
            <BackendSwitch/>
            <button class="present-toggle" data-testid="present-toggle" aria-pressed=move || present.get().to_string()
                title=tr(i18n::PRESENT_KEYS) on:click=move |_| present.update(|p| *p = !*p)>{tr(i18n::PRESENT)}</button>
            <div class="lang-switch" role="group" aria-label=tr(i18n::LANGUAGE)>
                {lang_button(lang, Lang::Zh, "中文")}
                {lang_button(lang, Lang::En, "English")}
            </div>
        </header>
        <main>{page}</main>
    }
}
