//! The home page as a course map: the registry's lessons in their groups and learning order,
//! what the learner has done in each (from localStorage), "start here" on the first one not
//! yet opened, and the playground beside the course.

use std::collections::HashMap;

use engine::i18n::Lang;
use engine::lessons::course::{Progress, course, start_here};
use engine::lessons::registry::{PageInfo, find, lessons};
use engine::predict::Score;
use leptos::prelude::*;

use crate::app::{ctx, tr};
use crate::components::predict::load_score;
use crate::{i18n, progress};

/// The progress line of one lesson, in `lang`.
fn progress_text(p: Progress, score: Score, lang: Lang) -> String {
    let mut parts = vec![match (p.visited, p.steps) {
        (false, _) => i18n::NOT_STARTED.get(lang).to_string(),
        (true, 0) => i18n::VISITED.get(lang).to_string(),
        (true, steps) => i18n::STEPS_REVEALED
            .get(lang)
            .replace("{revealed}", &p.revealed.to_string())
            .replace("{steps}", &steps.to_string()),
    }];
    if score.total() > 0 {
        parts.push(
            i18n::PREDICTIONS_RIGHT
                .get(lang)
                .replace("{right}", &score.right.to_string())
                .replace("{total}", &score.total().to_string()),
        );
    }
    parts.join(" · ")
}

/// One lesson of the map: its title, what it does, where the article has it, and progress.
fn lesson_item(l: &'static PageInfo, p: Progress, start: Option<&'static str>) -> impl IntoView {
    let lang = ctx().lang;
    let score = load_score(l.id);
    let is_start = start == Some(l.id);
    let fraction = if p.steps > 0 {
        f64::from(p.revealed) / f64::from(p.steps)
    } else if p.visited {
        1.0
    } else {
        0.0
    };
    let body = view! {
        <span class="lesson-title">
            {move || l.title.get(lang.get())}
            {p.visited.then(|| view! { <span class="done-mark" aria-hidden="true">" ✓"</span> })}
        </span>
        {is_start.then(|| view! { <span class="start-badge" data-testid="start-here-badge">{tr(i18n::START_HERE)}</span> })}
        <span class="summary">{move || l.summary.get(lang.get())}</span>
        <span class="meta">
            {move || engine::i18n::article_reference(l.article, l.section, lang.get())}
        </span>
        <span class="progress" data-testid=format!("progress-{}", l.id)
            data-visited=p.visited.to_string() data-revealed=p.revealed data-steps=p.steps
            data-right=score.right data-predicted=score.total()>
            <span class="bar" aria-hidden="true"><span style=format!("width: {:.0}%", fraction * 100.0)></span></span>
            {move || progress_text(p, score, lang.get())}
        </span>
    };
    let item = if l.live {
        view! {
            <a class="lesson-link" class:start=is_start class:visited=p.visited href=format!("#/{}", l.id)
                data-testid=format!("lesson-{}", l.id)>{body}</a>
        }
        .into_any()
    } else {
        view! {
            <div class="lesson-link coming" aria-disabled="true" data-testid=format!("lesson-{}", l.id)>
                {body}
                <span class="status">{tr(i18n::COMING)}</span>
            </div>
        }
        .into_any()
    };
    view! { <li data-lesson=l.id>{item}</li> }
}

#[component]
pub fn Home() -> impl IntoView {
    let lang = ctx().lang;
    // Every lesson's progress, read once from storage.
    let done: HashMap<&str, Progress> = lessons().map(|l| (l.id, progress::load(l.id))).collect();
    let visited = |id: &str| done.get(id).is_some_and(|p| p.visited);
    let start = start_here(visited);
    let groups = course()
        .into_iter()
        .enumerate()
        .map(|(n, (group, pages))| {
            let lessons = pages
                .into_iter()
                .map(|l| lesson_item(l, done.get(l.id).copied().unwrap_or_default(), start))
                .collect_view();
            view! {
                <li class="group" data-group=group.id() data-testid=format!("group-{}", group.id())>
                    <h3><span class="group-number" aria-hidden="true">{n + 1}</span>
                        {move || group.title().get(lang.get())}</h3>
                    <ol class="group-lessons">{lessons}</ol>
                </li>
            }
        })
        .collect_view();
    let fresh = !done.values().any(|p| p.visited);
    let lead = if fresh {
        i18n::START_HERE_LEAD
    } else {
        i18n::CONTINUE_WITH
    };
    let next = match start.and_then(find) {
        Some(l) => view! {
            <a class="start-button" href=format!("#/{}", l.id) data-testid="start-here" data-lesson=l.id>
                {tr(lead)} <strong>{move || l.title.get(lang.get())}</strong> " →"
            </a>
        }
        .into_any(),
        None => view! { <p class="all-visited" data-testid="all-visited">{tr(i18n::ALL_VISITED)}</p> }
            .into_any(),
    };
    view! {
        <section class="home">
            <p class="tagline">{tr(i18n::TAGLINE)}</p>
            <div class="home-grid">
                <nav class="course" aria-labelledby="course-heading" data-testid="course-map">
                    <div class="course-head">
                        <h2 id="course-heading">{tr(i18n::LESSONS_HEADING)}</h2>
                        <p class="course-order">{tr(i18n::COURSE_ORDER)}</p>
                        {next}
                    </div>
                    <ol class="groups" data-testid="lesson-list">{groups}</ol>
                </nav>
                <aside class="beside" aria-labelledby="beside-heading">
                    <h2 id="beside-heading">{tr(i18n::BESIDE_THE_COURSE)}</h2>
                    {find("playground").map(|p| view! {
                        <a class="card live playground-card" href=format!("#/{}", p.id) data-testid="open-playground">
                            <strong>{tr(p.title)}</strong>
                            <span>{tr(p.summary)}</span>
                        </a>
                    })}
                </aside>
            </div>
        </section>
    }
}
