//! One test walks every lesson of the registry; live lessons load, step and render.

use burn::prelude::Device;
use engine::i18n::Lang;
use engine::lessons::kit::LessonDef;
use engine::lessons::mlp_step::article_params;
use engine::lessons::mlp_step::walkthrough::{steps, update_lines};
use engine::lessons::registry::{Page, find, kit_lesson, kit_lessons, lessons};
use engine::model::mlp221::trace_step;
use engine::plots::views::view_svg;
use engine::state::hash::{parse_route, settings_from_assignments, to_hash};
use engine::state::setting::Settings;
use plotters::prelude::*;

#[test]
fn every_lesson_of_the_articles_is_listed() {
    // The table of shared LESSONS.md, in its order; the registry keeps the course's order
    // (checked in `lessons::course`).
    let mut ids: Vec<&str> = lessons().map(|l| l.id).collect();
    ids.sort_unstable();
    let mut table = [
        "mlp-step",
        "keras-4x4",
        "bce",
        "optimizers",
        "linreg-gd",
        "softmax-ce",
        "backprop-352",
        "xor",
        "mnist-cnn",
        "attention",
        "text-classifier",
    ];
    table.sort_unstable();
    assert_eq!(ids, table);
    for l in lessons() {
        assert!(!l.title.zh.is_empty() && !l.title.en.is_empty(), "{}", l.id);
        assert!(
            !l.summary.zh.is_empty() && !l.summary.en.is_empty(),
            "{}",
            l.id
        );
        assert!(
            l.section.starts_with('§') || l.section.contains('§'),
            "{}",
            l.id
        );
        assert_eq!(find(l.id).map(|f| f.id), Some(l.id));
    }
}

#[test]
fn live_lessons_load_step_and_render() {
    for l in lessons().filter(|l| l.live) {
        match l.id {
            "mlp-step" => {
                let p = article_params();
                let t = pollster::block_on(trace_step(&p, &Device::flex())).unwrap();
                let s = steps(&p, &t);
                assert_eq!(s.len(), 7 + 15);
                assert_eq!(update_lines(&p, &t).len(), 9);
                let mut svg = String::new();
                {
                    let area = SVGBackend::with_string(&mut svg, (400, 200)).into_drawing_area();
                    engine::plots::loss_curve::draw_loss_curve(&area, &[t.loss], "step", "loss")
                        .unwrap();
                }
                assert!(
                    svg.contains("<polyline") || svg.contains("<path"),
                    "a curve was drawn"
                );
            }
            "mnist-cnn" => {
                // Its own page (src/mnist); what it needs natively: the shipped weights load,
                // the errata compute.
                let bytes = std::fs::read(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../assets/mnist-cnn.bin"
                ))
                .unwrap();
                let mut net = engine::mnist::MnistCnn::new(0, &Device::flex());
                net.load(&bytes).unwrap();
                assert!(!engine::mnist::errata::errata(&Device::flex()).is_empty());
            }
            "text-classifier" => check_text_classifier(),
            other => {
                let def =
                    kit_lesson(other).unwrap_or_else(|| panic!("live lesson {other} has no page"));
                check_kit_lesson(def);
            }
        }
    }
}

/// The text classifier opens at its defaults, trains a step, draws a curve point, classifies
/// a sentence, lists its errata and round-trips its settings through a link.
fn check_text_classifier() {
    use engine::lessons::text_classifier::{errata, session::Session, settings::TextSettings};
    let device = Device::flex();
    let settings = TextSettings::default();
    let mut s = Session::new(&settings, &device).unwrap();
    assert!(pollster::block_on(s.step()).unwrap().is_finite());
    assert!(
        pollster::block_on(s.checkpoint())
            .unwrap()
            .test
            .loss
            .is_finite()
    );
    let p = pollster::block_on(s.predict("我喜欢读书")).unwrap();
    assert!((0.0..=1.0).contains(&p.p_yes));
    assert!(
        !pollster::block_on(errata::errata(&errata::errata_settings(), &device))
            .unwrap()
            .is_empty()
    );
    let link = engine::state::hash::to_hash(engine::lessons::text_classifier::ID, &settings);
    let route = parse_route(&link);
    assert_eq!(route.lesson, Some("text-classifier"));
    assert_eq!(
        TextSettings::from_assignments(&route.assignments),
        (settings, None)
    );
}

/// A kit lesson loads its article setup, traces, steps, trains one step, renders its views,
/// lists its errata and round-trips its state through a link.
fn check_kit_lesson(def: &LessonDef) {
    let device = Device::flex();
    let values = (def.article_values)();
    let t = pollster::block_on((def.trace)(&values, &device)).unwrap();
    assert!(
        t.all_finite(),
        "{}: article setup gives finite numbers",
        def.id
    );
    assert!(!t.steps.is_empty(), "{}: has steps", def.id);
    assert!(!t.quantities.is_empty(), "{}: has quantities", def.id);
    check_steps(def.id, &t.steps);
    // Every choice (model, heads, formula…) gives steps that render too.
    for spec in def.settings.iter().filter(|s| s.is_choice()) {
        for choice in spec.choices {
            let mut v = values.clone();
            v.set(spec.name, choice).unwrap();
            let t = pollster::block_on((def.trace)(&v, &device)).unwrap();
            check_steps(&format!("{} {}={choice}", def.id, spec.name), &t.steps);
        }
    }
    if !t.next.is_empty() {
        let next = t.advance(&values);
        let t2 = pollster::block_on((def.trace)(&next, &device)).unwrap();
        assert!(
            t2.loss.is_some_and(f64::is_finite),
            "{}: a training step",
            def.id
        );
    }
    for view in &t.views {
        let svg = view_svg(view, Lang::En, &[]);
        assert!(
            svg.starts_with("<svg") || svg.starts_with("<table"),
            "{}: view renders",
            def.id
        );
    }
    for f in def.formulas {
        let ml = engine::math::mathml(f.ours, true);
        assert!(
            !ml.contains("merror"),
            "{}: our formula renders: {}",
            def.id,
            f.ours
        );
        assert!(!f.article.is_empty() && !f.note.zh.is_empty() && !f.note.en.is_empty());
        // The article's formula is quoted faithfully, in TeX the parser accepts: a learner
        // must see it rendered, not its source.
        let quoted = engine::math::mathml(f.article, true);
        assert!(
            quoted.starts_with("<math") && !quoted.contains("merror"),
            "{}: the article's formula renders: {}",
            def.id,
            f.article
        );
    }
    assert!(
        !def.formulas.is_empty(),
        "{}: quotes the article's formulas",
        def.id
    );
    let errata = pollster::block_on((def.errata)(&(def.article_values)(), &device)).unwrap();
    assert!(!errata.is_empty(), "{}: errata", def.id);
    for e in errata.iter().filter(|e| e.article.contains('\\')) {
        let quoted = engine::math::mathml(e.article, false);
        assert!(
            quoted.starts_with("<math") && !quoted.contains("merror"),
            "{} {}: the quoted formula renders: {}",
            def.id,
            e.id,
            e.article
        );
    }
    let link = to_hash(def.id, &values);
    let route = parse_route(&link);
    assert_eq!(route.lesson, Some(def.id));
    let back = settings_from_assignments((def.article_values)(), &route.assignments).unwrap();
    assert_eq!(back, values, "{}: link round trip", def.id);
    let json = t.to_json(def.id, "flex", &values);
    assert_eq!(json["lesson"], def.id);
}

#[test]
fn every_kit_lesson_is_live_and_registered_once() {
    for def in kit_lessons() {
        let info = find(def.id).unwrap_or_else(|| panic!("{} is listed", def.id));
        assert!(info.live, "{}", def.id);
        assert_eq!(kit_lessons().iter().filter(|d| d.id == def.id).count(), 1);
        assert!(info.article.contains(&def.article_file[..3]), "{}", def.id);
    }
}

/// False when `_` or `^` is followed by two letters: TeX would script only the first
/// (`\theta_adam` shows θₐdam).
fn braced_scripts(tex: &str) -> bool {
    let b = tex.as_bytes();
    !b.windows(3).any(|w| {
        (w[0] == b'_' || w[0] == b'^') && w[1].is_ascii_alphabetic() && w[2].is_ascii_alphabetic()
    })
}

/// Every step shows a finite number and a formula that renders as MathML without errors.
fn check_steps(id: &str, steps: &[engine::lessons::kit::Step]) {
    for s in steps {
        assert!(s.value.is_finite(), "{} {}", id, s.target);
        assert!(!s.formula.tex.is_empty() && !s.substituted.tex.is_empty());
        for tex in [&s.formula.tex, &s.substituted.tex] {
            assert!(
                braced_scripts(tex),
                "{} {}: a multi-letter sub/superscript needs braces: {tex}",
                id,
                s.target
            );
        }
        let ml = engine::math::mathml(&s.formula.tex, true);
        assert!(
            ml.starts_with("<math") && !ml.contains("merror"),
            "{} {}: {ml}",
            id,
            s.target
        );
    }
}

#[test]
fn every_page_has_one_entry_that_names_its_component() {
    use engine::lessons::registry::{PAGES, Picture};
    for p in PAGES {
        assert_eq!(PAGES.iter().filter(|q| q.id == p.id).count(), 1, "{}", p.id);
        match p.page {
            Page::Kit(def) => assert_eq!(def.id, p.id),
            Page::Playground => assert_eq!(p.id, "playground"),
            _ => {}
        }
        // Kit pages draw a picture from the trace; the other pages draw their own.
        assert_eq!(p.page.traced(), p.picture != Picture::OwnPage, "{}", p.id);
    }
    // The playground is a page, not a lesson of the articles.
    assert!(find("playground").is_some());
    assert!(lessons().all(|l| l.id != "playground"));
    // `trace --list` lists exactly the step-throughs: the kit lessons, mlp-step among them.
    let traced: Vec<&str> = PAGES
        .iter()
        .filter(|p| p.page.traced())
        .map(|p| p.id)
        .collect();
    let kit: Vec<&str> = kit_lessons().iter().map(|d| d.id).collect();
    assert_eq!(traced, kit);
    assert!(kit.contains(&"mlp-step"));
}

/// The network picture lights what each step reads: every name a step `uses` must be an entry
/// of the trace (its value, or with `grad:` its gradient), or the picture lights nothing.
#[test]
fn the_network_picture_finds_every_entry_a_step_uses() {
    use engine::lessons::registry::{PAGES, Picture};
    let device = Device::flex();
    // Every picture a page can draw: xor's, one per model.
    let mut cases = Vec::new();
    for p in PAGES.iter() {
        let def = p.page.lesson();
        match p.picture {
            Picture::Network(shape) => cases.push((p, (def.unwrap().article_values)(), shape)),
            Picture::NetworkByChoice(by) => {
                let spec = def.unwrap().settings.iter().find(|s| s.name == by.setting);
                for (i, choice) in spec.unwrap().choices.iter().enumerate() {
                    let mut values = (def.unwrap().article_values)();
                    values.put(by.setting, i as f64);
                    let shape = p.picture.network(&values).unwrap();
                    assert_eq!(values.choice(by.setting), *choice);
                    cases.push((p, values, shape));
                }
            }
            _ => assert!(!p.picture.is_network()),
        }
    }
    assert_eq!(
        cases.len(),
        5,
        "mlp-step, backprop-352, xor twice, keras-4x4"
    );
    for (p, values, shape) in cases {
        let def = p.page.lesson().expect("a kit lesson");
        let t = pollster::block_on((def.trace)(&values, &device)).unwrap();
        let mut used = 0;
        for s in &t.steps {
            for u in &s.uses {
                used += 1;
                let found = match u.strip_prefix("grad:") {
                    Some(name) => t.entry(name).and_then(|e| e.1),
                    None => t.entry(u).map(|e| e.0),
                };
                assert!(
                    found.is_some_and(f64::is_finite),
                    "{}: step {} uses {u}",
                    p.id,
                    s.target
                );
            }
        }
        assert!(used > 0, "{}: no step says what it reads", p.id);
        // A step reads only what earlier steps revealed (or what is given).
        let targets: Vec<&str> = t.steps.iter().map(|s| s.target.as_str()).collect();
        for (i, s) in t.steps.iter().enumerate() {
            for u in &s.uses {
                if let Some(j) = targets.iter().position(|t| t == u) {
                    assert!(
                        j < i,
                        "{}: {} uses {u} before it is revealed",
                        p.id,
                        s.target
                    );
                }
            }
        }
        // The picture's editable numbers are settings; the trace holds each at its value.
        let last = shape.samples() - 1;
        let mut names = vec![shape.w2(0, 1), shape.output_bias(0), shape.label(last, 0)];
        if shape.hidden > 0 {
            names.extend([shape.w1(1, 0), shape.hidden_bias(0)]);
        }
        // xor's inputs are fixed points, not settings.
        let input = shape.input(last, 1);
        if values.spec(&input).is_some() {
            names.push(input);
        }
        for name in &names {
            // Within f32 rounding: backprop-352 computes in f32.
            let shown = t.entry(name).map(|e| e.0).unwrap_or(f64::NAN);
            assert!((shown - values.get(name)).abs() < 1e-6, "{}: {name}", p.id);
        }
        assert_eq!(t.entry("loss"), t.loss.map(|l| (l, Some(1.0))));
        // Every number the picture draws is an entry of the trace.
        let mut drawn = Vec::new();
        for s in 0..shape.samples() {
            drawn.extend((0..shape.inputs).map(|i| shape.input(s, i)));
            drawn.extend((0..shape.hidden).flat_map(|j| shape.hidden_unit(s, j)));
            drawn.extend((0..shape.outputs).flat_map(|k| shape.output_unit(s, k)));
            drawn.extend((0..shape.outputs).map(|k| shape.label(s, k)));
        }
        for j in 0..shape.hidden {
            drawn.push(shape.hidden_bias(j));
            drawn.extend((0..shape.inputs).map(|i| shape.w1(j, i)));
        }
        for k in 0..shape.outputs {
            drawn.push(shape.output_bias(k));
            drawn.extend((0..shape.output_fan_in()).map(|j| shape.w2(k, j)));
        }
        for name in &drawn {
            assert!(
                t.entry(name).is_some(),
                "{}: the picture draws {name}",
                p.id
            );
        }
    }
}

/// A choice the form labels has one label per choice, and both languages say something.
#[test]
fn choice_labels_match_their_choices() {
    let mut labelled = 0;
    for def in kit_lessons() {
        for spec in def.settings.iter().filter(|s| !s.choice_labels.is_empty()) {
            labelled += 1;
            assert_eq!(
                spec.choice_labels.len(),
                spec.choices.len(),
                "{} {}",
                def.id,
                spec.name
            );
            for (i, c) in spec.choices.iter().enumerate() {
                for lang in [Lang::Zh, Lang::En] {
                    let label = spec.choice_label(i, lang);
                    assert!(
                        !label.is_empty() && label != *c,
                        "{} {} {c}",
                        def.id,
                        spec.name
                    );
                }
            }
        }
    }
    assert!(
        labelled >= 3,
        "mlp-step's loss, xor's model and linreg-gd's formula are labelled"
    );
}

/// mlp-step's form speaks the article's notation (1-based indices, layer as a superscript)
/// and names the loss in words; other lessons show the setting names their links use.
#[test]
fn form_captions_follow_the_lessons_notation() {
    let mlp = kit_lesson("mlp-step").expect("mlp-step is a kit lesson");
    let caption = |name: &str, lang| {
        let spec = mlp.settings.iter().find(|s| s.name == name).expect(name);
        (mlp.field_label)(spec, lang)
    };
    assert_eq!(caption("W1[0][1]", Lang::En), "W¹₁₂");
    assert_eq!(caption("W2[1]", Lang::Zh), "W²₂");
    assert_eq!(caption("x[0]", Lang::En), "x₁");
    assert_eq!(caption("lr", Lang::En), "α");
    assert_eq!(caption("loss", Lang::Zh), "损失函数");
    assert_eq!(caption("loss", Lang::En), "Loss function");
    let shown: Vec<String> = mlp
        .settings
        .iter()
        .filter(|s| !s.hidden)
        .map(|s| (mlp.field_label)(s, Lang::En))
        .collect();
    let mut unique = shown.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        shown.len(),
        "two fields share a caption: {shown:?}"
    );
    let bce = kit_lesson("bce").expect("bce is a kit lesson");
    assert_eq!(
        (bce.field_label)(&bce.settings[0], Lang::Zh),
        bce.settings[0].name
    );
    // Words for the settings lessons share, in each language.
    let xor = kit_lesson("xor").expect("xor is a kit lesson");
    let model = xor
        .settings
        .iter()
        .find(|s| s.name == "model")
        .expect("xor has a model");
    assert_eq!((xor.field_label)(model, Lang::Zh), "模型");
    assert_eq!((xor.field_label)(model, Lang::En), "Model");
}

/// Every section a page or an article formula cites reads in Chinese in the Chinese UI (the
/// English headings of article 002 are said by their Chinese names) and as cited in English.
#[test]
fn cited_sections_are_said_in_the_learners_language() {
    let cited = cited_sections();
    assert!(cited.iter().any(|s| s.contains("Mathematical models")));
    for s in cited {
        let zh = engine::i18n::section(s, Lang::Zh);
        assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{s} → {zh}");
        assert_eq!(engine::i18n::section(s, Lang::En), s);
    }
}

fn cited_sections() -> Vec<&'static str> {
    let pages = engine::lessons::registry::PAGES.iter().map(|p| p.section);
    let formulas = kit_lessons()
        .into_iter()
        .flat_map(|d| d.formulas.iter().map(|f| f.section));
    pages.chain(formulas).filter(|s| !s.is_empty()).collect()
}
