//! Bad input, generated: every parser a learner reaches (links of every lesson, number fields,
//! the digits asset, weight files, the text lesson's settings) is fed random and mutated input.
//! Each must answer with a value or a message, never panic, and on a message keep what the
//! learner had. The case counts are fixed so the total can be reported (README, issue 9).

use burn::prelude::Device;
use engine::lessons::registry::kit_lessons;
use engine::lessons::text_classifier::settings::TextSettings;
use engine::mnist::asset::{Dataset, decode, encode};
use engine::mnist::trainer::MnistCnn;
use engine::state::hash::{parse_route, settings_from_assignments, to_hash};
use engine::state::number::{InputError, MAX_MAGNITUDE, format_number, parse_number};
use proptest::prelude::*;

/// Values a hostile or careless learner types or pastes.
fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("-1e308".to_string()),
        Just("1e400".to_string()),
        Just(String::new()),
        Just("%ZZ".to_string()),
        Just("%E4%B8".to_string()),
        any::<f64>().prop_map(|v| v.to_string()),
        (-1e6f64..1e6).prop_map(|v| format!("{v}")),
        ".{0,12}",
    ]
}

/// An assignment list naming a lesson's real settings (and some unknown names).
fn assignments(names: Vec<&'static str>) -> impl Strategy<Value = Vec<String>> {
    let name = prop_oneof![
        4 => proptest::sample::select(names).prop_map(str::to_string),
        1 => "[a-z]{1,6}(\\[[0-9]\\])?",
    ];
    proptest::collection::vec((name, hostile_value()), 0..6)
        .prop_map(|v| v.into_iter().map(|(n, x)| format!("{n}={x}")).collect())
}

fn kit_names(i: usize) -> Vec<&'static str> {
    kit_lessons()[i].settings.iter().map(|s| s.name).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// A kit lesson's link with hostile values: settings with every number finite and in its
    /// range, or the defaults unchanged with the reason.
    #[test]
    fn kit_lesson_links_give_valid_settings_or_the_defaults(
        (lesson, list) in (0..kit_lessons().len()).prop_flat_map(|i| (Just(i), assignments(kit_names(i))))
    ) {
        let def = kit_lessons()[lesson];
        let defaults = (def.article_values)();
        let items: Vec<&str> = list.iter().map(String::as_str).collect();
        match settings_from_assignments(defaults.clone(), &items) {
            Ok(v) => {
                for spec in def.settings {
                    let x = v.get(spec.name);
                    prop_assert!(x.is_finite(), "{}: {} = {x}", def.id, spec.name);
                }
                // A valid state survives a link unchanged.
                let hash = to_hash(def.id, &v);
                let back = settings_from_assignments(defaults.clone(), &parse_route(&hash).assignments);
                prop_assert_eq!(back.ok(), Some(v));
            }
            Err((kept, e)) => {
                prop_assert_eq!(kept, defaults, "{}: the defaults are kept", def.id);
                prop_assert!(!e.message(engine::i18n::Lang::En).is_empty());
            }
        }
    }

    /// Any text pasted as a whole link: a route, and settings or a message.
    #[test]
    fn any_pasted_link_is_answered(text in "(#/)?[a-z0-9-]{0,12}(\\?|&)?.{0,120}") {
        let route = parse_route(&text);
        for def in kit_lessons() {
            let defaults = (def.article_values)();
            if let Err((kept, _)) = settings_from_assignments(defaults.clone(), &route.assignments) {
                prop_assert_eq!(kept, defaults);
            }
        }
        let (_settings, _error) = TextSettings::from_assignments(&route.assignments);
    }

    /// A number the page wrote reads back as the same number (to the digits written), and one
    /// beyond the fields' limit is refused as too large, not misread.
    #[test]
    fn formatted_numbers_read_back(v in -2.0 * MAX_MAGNITUDE..2.0 * MAX_MAGNITUDE, digits in 0usize..8) {
        let text = format_number(v, digits);
        match parse_number(&text) {
            Ok(back) => {
                prop_assert!(back.abs() <= MAX_MAGNITUDE);
                prop_assert!((back - v).abs() <= 0.5 * 10f64.powi(-(digits as i32)) * 1.0001 + v.abs() * 1e-7,
                    "{v} → {text} → {back}");
            }
            Err(e) => prop_assert!(
                v.abs() > MAX_MAGNITUDE * (1.0 - 1e-9) && matches!(e, InputError::TooLarge(_)),
                "{text:?} refused: {e:?}"
            ),
        }
    }

    /// The text lesson's settings from any assignments: valid settings always (they survive
    /// their own link unchanged), and a message whenever a name is not a setting or repeats.
    #[test]
    fn text_lesson_settings_from_any_assignments(list in assignments(vec!["keyword", "size", "model", "seed", "lr", "lang"])) {
        const KNOWN: [&str; 5] = ["keyword", "size", "model", "seed", "lr"];
        let items: Vec<&str> = list.iter().map(String::as_str).collect();
        let (s, error) = TextSettings::from_assignments(&items);
        let hash = engine::state::hash::to_hash(engine::lessons::text_classifier::ID, &s);
        let (back, back_error) = TextSettings::from_assignments(&parse_route(&hash).assignments);
        prop_assert!(back_error.is_none(), "{hash}: {back_error:?}");
        prop_assert_eq!(&back, &s);
        let names: Vec<&str> = items.iter().map(|a| a.split_once('=').map_or(*a, |(n, _)| n)).collect();
        let unknown = names.iter().any(|n| !KNOWN.contains(n));
        let repeated = names.iter().enumerate().any(|(i, n)| names[..i].contains(n));
        if unknown || repeated {
            let e = error.expect("an unknown or repeated setting is refused");
            prop_assert!(!e.message(engine::i18n::Lang::Zh).is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The digits asset decoder on random bytes and on damaged real encodings.
    #[test]
    fn the_digits_decoder_refuses_damage(
        pixels in proptest::collection::vec(any::<u8>(), 0..3 * 784),
        cut in 0usize..4000,
        flip in (0usize..4000, any::<u8>()),
        noise in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let _ = decode(&noise);
        let n = pixels.len() / 784;
        if let Ok(d) = Dataset::new(pixels[..n * 784].to_vec(), vec![3; n]) {
            let good = encode(&d);
            let back = decode(&good);
            prop_assert!(back.is_ok(), "a fresh encoding decodes");
            prop_assert_eq!(back.unwrap().len(), n);
            let mut cut_bytes = good.clone();
            cut_bytes.truncate(cut.min(good.len().saturating_sub(1)));
            prop_assert!(decode(&cut_bytes).is_err(), "a truncated asset is refused");
            let mut flipped = good.clone();
            if !flipped.is_empty() {
                let at = flip.0 % flipped.len();
                flipped[at] ^= flip.1 | 1;
                // A flipped pixel may still be a valid image; the decoder must only not panic.
                let _ = decode(&flipped);
            }
        }
    }
}

#[test]
fn damaged_weight_files_are_refused_and_keep_the_model() {
    let device = Device::flex();
    // The runner takes a `Fn`; the model is loaded into, so it sits in a RefCell.
    let model = std::cell::RefCell::new(MnistCnn::new(5, &device));
    let good = pollster::block_on(model.borrow().save()).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(200));
    let damage = (0..good.len(), 0..good.len(), any::<u8>(), any::<bool>());
    runner
        .run(&damage, |(cut, at, byte, truncate)| {
            let mut bad = good.clone();
            if truncate {
                bad.truncate(cut);
            } else {
                bad[at] ^= byte | 1;
            }
            let mut model = model.borrow_mut();
            let before = pollster::block_on(model.save()).unwrap();
            if model.load(&bad).is_err() {
                let after = pollster::block_on(model.save()).unwrap();
                prop_assert!(after == before, "a refused file changed the model");
            } else {
                // A flipped weight byte is a different but valid file; put the original back.
                model.load(&good).unwrap();
            }
            Ok(())
        })
        .unwrap();
}
