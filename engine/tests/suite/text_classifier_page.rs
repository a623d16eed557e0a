//! Lesson `text-classifier` as the page runs it: settings and their link (every bad value
//! refused with a message), the training session (split, batches, epochs, curve points,
//! determinism, learning), typed sentences, attention heatmaps and the curves' drawing.

use burn::prelude::*;
use engine::base::views::View;
use engine::i18n::Lang;
use engine::lessons::text_classifier::TextError;
use engine::lessons::text_classifier::net::ModelKind;
use engine::lessons::text_classifier::session::{
    BATCH_SIZE, EVAL_CAP, EVAL_EVERY, MAX_SENTENCE_CHARS, Session,
};
use engine::lessons::text_classifier::settings::{
    TextSettings, parse_keyword, parse_lr, parse_size,
};
use engine::lessons::text_classifier::tokenizer::MAX_LEN;
use engine::lessons::text_classifier::views::{attention_heatmaps, draw_step_curves, series};
use engine::plots::views::view_svg;
use engine::state::hash::parse_route;
use plotters::prelude::*;

fn device() -> Device {
    Device::flex()
}

fn read(link: &str) -> Result<TextSettings, (TextSettings, String)> {
    let route = parse_route(link);
    assert_eq!(route.lesson, Some("text-classifier"), "{link}");
    match TextSettings::from_assignments(&route.assignments) {
        (s, None) => Ok(s),
        (s, Some(e)) => {
            assert!(!e.message(Lang::Zh).is_empty() && !e.message(Lang::En).is_empty());
            Err((s, setting_named(&e)))
        }
    }
}

/// The setting an error names; "link" for a link that cannot be read at all.
fn setting_named(e: &engine::state::number::InputError) -> String {
    use engine::state::number::InputError;
    match e {
        InputError::Refused { name, .. } | InputError::Repeated(name) => name.clone(),
        _ => "link".into(),
    }
}

#[test]
fn links_round_trip() {
    let cases = [
        TextSettings::default(),
        TextSettings {
            keyword: "today",
            size: 2,
            model: ModelKind::Transformer,
            seed: u64::MAX,
            lr: 0.003,
        },
        TextSettings {
            keyword: "喜欢",
            size: 5000,
            model: ModelKind::Lstm,
            seed: 0,
            lr: 1e-7,
        },
    ];
    for s in cases {
        let link = engine::state::hash::to_hash(engine::lessons::text_classifier::ID, &s);
        assert!(link.is_ascii(), "{link}");
        assert_eq!(read(&link).unwrap(), s, "{link}");
    }
    assert_eq!(
        engine::state::hash::to_hash(
            engine::lessons::text_classifier::ID,
            &TextSettings::default()
        ),
        "#/text-classifier?keyword=%E4%B9%A6&size=400&model=lstm&seed=1&lr=0.01"
    );
    // Missing settings keep their defaults; a link as a person types it works too.
    let s = read("#/text-classifier?keyword=Movies&lr=0,05").unwrap();
    assert_eq!((s.keyword, s.lr, s.size), ("movies", 0.05, 400));
    assert_eq!(read("#/text-classifier").unwrap(), TextSettings::default());
}

#[test]
fn bad_links_open_with_a_message_naming_the_setting() {
    let cases = [
        ("keyword=dog", "keyword"),
        ("keyword=%3Cpad%3E", "keyword"),
        ("keyword=", "keyword"),
        ("size=1", "size"),
        ("size=5001", "size"),
        ("size=abc", "size"),
        ("size=-3", "size"),
        ("size=1e3", "size"),
        ("model=cnn", "model"),
        ("seed=-1", "seed"),
        ("seed=99999999999999999999999", "seed"),
        ("lr=abc", "lr"),
        ("lr=0", "lr"),
        ("lr=-0.1", "lr"),
        ("lr=2", "lr"),
        ("lr=NaN", "lr"),
        ("lr=inf", "lr"),
        ("lr=1e300", "lr"),
        ("depth=3", "depth"),
        ("keyword=%E4", "link"),
        ("%3Cscript%3E", "link"),
        ("size", "link"),
    ];
    for (query, name) in cases {
        let (s, got) = read(&format!("#/text-classifier?{query}")).unwrap_err();
        assert_eq!(got, name, "{query}");
        assert_eq!(s, TextSettings::default(), "{query}");
    }
    // What was read before the bad setting is kept.
    let (s, _) = read("#/text-classifier?size=60&model=rnn").unwrap_err();
    assert_eq!(s.size, 60);
    let (s, name) = read("#/text-classifier?size=40&size=50").unwrap_err();
    assert_eq!((s.size, name.as_str()), (40, "size"));
    let long = format!("#/text-classifier?keyword={}", "a".repeat(5000));
    assert_eq!(read(&long).unwrap_err().1, "link");
}

#[test]
fn typed_values() {
    assert_eq!(parse_keyword(" Today ").unwrap(), "today");
    assert_eq!(parse_keyword("书\n").unwrap(), "书");
    assert!(parse_keyword("书书").is_err());
    assert_eq!(parse_size(" 120 ").unwrap(), 120);
    assert_eq!(parse_lr("1e-3").unwrap(), 0.001);
    assert_eq!(parse_lr("1").unwrap(), 1.0);
    for bad in ["", " ", "0.0.1", "−0.1"] {
        assert!(parse_lr(bad).is_err(), "{bad}");
    }
    let e = parse_lr("fast").unwrap_err();
    assert!(e.message(Lang::En).contains("must be a number"));
    assert!(e.message(Lang::Zh).contains("学习率"));
}

#[test]
fn session_splits_batches_and_counts_epochs() {
    let d = device();
    let s = Session::new(&TextSettings::default(), &d).unwrap();
    assert_eq!((s.train.len(), s.test.len()), (320, 80));
    assert_eq!(s.evaluated(), (320, 80));
    // Every held-out sentence is a different draw from the training ones' positions.
    let tiny = Session::new(
        &TextSettings {
            size: 2,
            ..TextSettings::default()
        },
        &d,
    )
    .unwrap();
    assert_eq!((tiny.train.len(), tiny.test.len()), (1, 1));
    let big = Session::new(
        &TextSettings {
            size: 5000,
            ..TextSettings::default()
        },
        &d,
    )
    .unwrap();
    assert_eq!(big.evaluated(), (EVAL_CAP, EVAL_CAP));

    let mut s = Session::new(
        &TextSettings {
            size: 100,
            ..TextSettings::default()
        },
        &d,
    )
    .unwrap();
    // 80 training sentences: batches of 32, 32, 16, then the next epoch.
    assert!(s.checkpoint_due());
    let per_epoch = 80usize.div_ceil(BATCH_SIZE);
    for i in 1..=per_epoch + 1 {
        let loss = pollster::block_on(s.step()).unwrap();
        assert!(loss.is_finite());
        assert_eq!(s.steps(), i);
        assert_eq!(s.checkpoint_due(), i % EVAL_EVERY == 0);
    }
    assert_eq!(s.epochs, 1);
    let c = pollster::block_on(s.checkpoint()).unwrap();
    assert_eq!(
        (c.step, c.train.total, c.test.total),
        (per_epoch + 1, 80, 20)
    );
}

#[test]
fn the_same_link_trains_the_same_run() {
    let d = device();
    for model in [ModelKind::Lstm, ModelKind::Transformer] {
        let settings = TextSettings {
            model,
            keyword: "movies",
            seed: 9,
            ..TextSettings::default()
        };
        let run = || {
            let mut s = Session::new(&settings, &d).unwrap();
            let losses: Vec<f64> = (0..4)
                .map(|_| pollster::block_on(s.step()).unwrap())
                .collect();
            (losses, pollster::block_on(s.checkpoint()).unwrap())
        };
        assert_eq!(run(), run(), "{model:?}");
    }
}

/// With the page's defaults both models pass 90 % on the held-out sentences within 40 steps
/// (four epochs of 320); printed: the step where each got there.
#[test]
fn both_models_learn_with_the_page_defaults() {
    let d = device();
    for model in [ModelKind::Lstm, ModelKind::Transformer] {
        let settings = TextSettings {
            model,
            ..TextSettings::default()
        };
        let mut s = Session::new(&settings, &d).unwrap();
        let first = pollster::block_on(s.checkpoint()).unwrap();
        let mut last = first.clone();
        while s.steps() < 40 {
            pollster::block_on(s.step()).unwrap();
            if s.checkpoint_due() {
                last = pollster::block_on(s.checkpoint()).unwrap();
                if last.test.accuracy() > 0.9 {
                    break;
                }
            }
        }
        println!(
            "{model:?}: step {}: held-out accuracy {:.1} % → {:.1} %, train {:.1} %, loss {:.4} → {:.4}",
            last.step,
            100.0 * first.test.accuracy(),
            100.0 * last.test.accuracy(),
            100.0 * last.train.accuracy(),
            first.test.loss,
            last.test.loss
        );
        assert!(last.test.accuracy() > 0.9, "{model:?}: {last:?}");
        assert!(last.test.loss < first.test.loss);
    }
}

#[test]
fn typed_sentences() {
    let d = device();
    let s = Session::new(&TextSettings::default(), &d).unwrap();
    for text in ["", "  ，。 "] {
        assert!(matches!(
            pollster::block_on(s.predict(text)),
            Err(TextError::User(_))
        ));
    }
    let too_long = "书".repeat(MAX_SENTENCE_CHARS + 1);
    assert!(matches!(
        pollster::block_on(s.predict(&too_long)),
        Err(TextError::User(_))
    ));
    let long = "i read books today and she also reads books";
    let p = pollster::block_on(s.predict(long)).unwrap();
    assert_eq!((p.tokens.len(), p.dropped), (MAX_LEN, 1));
    assert!(p.attention.is_empty(), "the LSTM has no attention");
    assert!(attention_heatmaps(&p).is_empty());
    assert!(s.truth("我喜欢读书") && !s.truth("我喜欢看电影") && !s.truth("i like books"));
    // Past the 8th token: the model cannot see it, the label still counts it.
    assert!(s.truth("今天 我 也 常常 看 电影 和 音乐 书"));
}

#[test]
fn attention_heatmaps_show_every_head_over_the_tokens() {
    let d = device();
    let s = Session::new(
        &TextSettings {
            model: ModelKind::Transformer,
            ..TextSettings::default()
        },
        &d,
    )
    .unwrap();
    let p = pollster::block_on(s.predict("我喜欢读书 zzz")).unwrap();
    let maps = attention_heatmaps(&p);
    assert_eq!(maps.len(), 2, "one block, two heads");
    for (i, (b, h, map)) in maps.iter().enumerate() {
        assert_eq!((*b, *h), (0, i));
        assert_eq!(map.row_labels, ["我", "喜欢", "读", "书", "zzz"]);
        for (row, exact) in map.cells.iter().zip(&p.attention[0][i]) {
            for (shown, w) in row.iter().zip(exact) {
                assert!((shown - w).abs() <= 5e-4 + 1e-12, "{shown} {w}");
            }
        }
        let svg = view_svg(&View::Heatmap(map.clone()), Lang::Zh, &[]);
        assert!(svg.starts_with("<svg") && svg.contains(">喜欢<") && svg.contains(">zzz<"));
        assert_eq!(svg.matches("<rect").count(), 25);
    }
}

#[test]
fn curves_draw_at_their_steps() {
    let d = device();
    let mut s = Session::new(
        &TextSettings {
            size: 60,
            ..TextSettings::default()
        },
        &d,
    )
    .unwrap();
    let mut points = vec![pollster::block_on(s.checkpoint()).unwrap()];
    for _ in 0..EVAL_EVERY {
        pollster::block_on(s.step()).unwrap();
    }
    points.push(pollster::block_on(s.checkpoint()).unwrap());
    let [train, test] = series(&points, |e| e.loss);
    assert_eq!(train.iter().map(|p| p.0).collect::<Vec<_>>(), [0.0, 5.0]);
    assert_eq!(test[1].1, points[1].test.loss);
    let [acc, _] = series(&points, |e| 100.0 * e.accuracy());
    assert!(acc.iter().all(|(_, a)| (0.0..=100.0).contains(a)));
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (560, 240)).into_drawing_area();
        draw_step_curves(
            &area,
            &[("train", &train), ("held-out", &test)],
            "step",
            "loss",
            None,
        )
        .unwrap();
    }
    assert!(svg.contains("held-out") && svg.contains("<polyline"));
}
