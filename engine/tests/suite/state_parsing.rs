//! Typed numbers, NAME=VALUE assignments and the URL hash: what is accepted, what is refused
//! and that nothing panics.

use engine::lessons::kit::Values;
use engine::lessons::mlp_step::{article_values, params_of, values_of};
use engine::model::mlp221::{LossKind, Mlp221Params};
use engine::state::hash::{
    parse_route, percent_decode, settings_from_assignments, take_step, to_hash, to_hash_with_step,
};
use engine::state::number::{InputError, format_number, format_significant, parse_number};
use engine::state::setting::Settings;
use proptest::prelude::*;

#[test]
fn numbers_accepted() {
    assert_eq!(parse_number(" 2.5 "), Ok(2.5));
    assert_eq!(parse_number("−1"), Ok(-1.0), "the typographic minus sign");
    assert_eq!(parse_number("0,5"), Ok(0.5), "a decimal comma");
    assert_eq!(parse_number("1e-3"), Ok(0.001));
}

#[test]
fn numbers_refused_with_reason() {
    assert_eq!(parse_number(""), Err(InputError::Empty));
    assert!(matches!(parse_number("abc"), Err(InputError::NotANumber(t)) if t == "abc"));
    assert_eq!(parse_number("NaN"), Err(InputError::NotFinite));
    assert_eq!(parse_number("-inf"), Err(InputError::NotFinite));
    assert_eq!(parse_number("∞"), Err(InputError::NotFinite));
    assert!(matches!(
        parse_number("1e300"),
        Err(InputError::TooLarge(_))
    ));
    // Every refusal has a message in both languages.
    for e in [
        parse_number("x").unwrap_err(),
        parse_number("1e9").unwrap_err(),
    ] {
        assert!(!e.message(engine::i18n::Lang::Zh).is_empty());
        assert!(!e.message(engine::i18n::Lang::En).is_empty());
    }
}

#[test]
fn formatting() {
    assert_eq!(format_number(0.72974, 4), "0.7297");
    assert_eq!(format_number(5.0, 4), "5");
    assert_eq!(format_number(-0.27, 4), "−0.27");
    assert_eq!(format_number(-0.0, 4), "0");
    assert_eq!(format_number(0.0000179, 4), "1.790e−5");
    assert_eq!(format_number(f64::NAN, 4), "NaN");
    assert_eq!(
        format_number(0.9999833, 4),
        "0.99998",
        "never rounds a sigmoid up to 1"
    );
    assert_eq!(format_number(2.000036, 4), "2.00004");
    assert_eq!(
        format_number(-0.9999999999, 4),
        "−1",
        "past f32 precision it may"
    );
    assert_eq!(format_number(f64::NEG_INFINITY, 4), "−∞");
}

#[test]
fn settings_by_name() {
    let mut p = article_values();
    p.set("W1[0][1]", "2.5").unwrap();
    p.set("x[1]", "-3").unwrap();
    p.set("loss", "MSE").unwrap();
    p.set("y", "0").unwrap();
    let net = params_of(&p);
    assert_eq!(net.w1[0][1], 2.5);
    assert_eq!(net.x[1], -3.0);
    assert_eq!(net.loss, LossKind::Mse);
    assert_eq!(Settings::get(&p, "W1[0][1]").as_deref(), Some("2.5"));

    let before = p.clone();
    assert!(matches!(
        p.set("W1[2][0]", "1"),
        Err(InputError::UnknownName(_))
    ));
    assert!(matches!(p.set("W3", "1"), Err(InputError::UnknownName(_))));
    assert!(matches!(
        p.set("y", "2"),
        Err(InputError::OutOfRange { .. })
    ));
    assert!(matches!(
        p.set("lr", "0"),
        Err(InputError::OutOfRange { .. })
    ));
    assert!(matches!(
        p.set("loss", "hinge"),
        Err(InputError::NotAChoice { .. })
    ));
    assert!(matches!(
        p.set("b2", "zwei"),
        Err(InputError::NotANumber(_))
    ));
    assert_eq!(p, before, "a refused value changes nothing");
}

#[test]
fn hash_round_trip_and_routes() {
    assert_eq!(parse_route("").lesson, None);
    assert_eq!(parse_route("#/").lesson, None);
    let r = parse_route("#/mlp-step?y=0&lr=0.1");
    assert_eq!(r.lesson, Some("mlp-step"));
    assert_eq!(r.assignments, vec!["y=0", "lr=0.1"]);

    let mut p = article_values();
    p.set("W1[1][0]", "-0.125").unwrap();
    p.set("loss", "mse").unwrap();
    let hash = to_hash("mlp-step", &p);
    let back =
        settings_from_assignments(article_values(), &parse_route(&hash).assignments).unwrap();
    assert_eq!(back, p);
}

#[test]
fn percent_escapes_from_pasted_links() {
    assert_eq!(percent_decode("W1%5B0%5D%5B1%5D=2").unwrap(), "W1[0][1]=2");
    assert!(percent_decode("y=%ZZ").is_err());
    assert!(percent_decode("y=%E2%88").is_err(), "a cut UTF-8 sequence");
    let got = settings_from_assignments(article_values(), &["W1%5B0%5D%5B1%5D=2"]).unwrap();
    assert_eq!(got.get("W1[0][1]"), 2.0);
}

#[test]
fn malformed_links_fall_back_to_defaults_with_the_reason() {
    for bad in [
        &["W1[0][0]=abc"][..],
        &["y=7"],
        &["nonsense"],
        &["=3"],
        &["lr=-1"],
        &["x[9]=1"],
    ] {
        let (fallback, err) = settings_from_assignments(article_values(), bad).unwrap_err();
        assert_eq!(fallback, article_values(), "{bad:?}");
        assert!(!err.message(engine::i18n::Lang::En).is_empty());
    }
    let huge = "y=1&".repeat(2000);
    let items: Vec<&str> = huge.split('&').collect();
    assert!(
        settings_from_assignments(article_values(), &items).is_err(),
        "an over-long link"
    );
}

fn finite() -> impl Strategy<Value = f64> {
    (-1000.0f64..1000.0).prop_map(|v| (v * 1000.0).round() / 1000.0)
}

prop_compose! {
    fn any_params()(x in [finite(), finite()], y in 0.0f64..=1.0, w in [finite(), finite(), finite(), finite()],
                    b1 in [finite(), finite()], w2 in [finite(), finite()], b2 in finite(),
                    lr in 0.0001f64..10.0, mse in any::<bool>()) -> Values {
        values_of(&Mlp221Params {
            x, y, w1: [[w[0], w[1]], [w[2], w[3]]], b1, w2, b2, lr,
            loss: if mse { LossKind::Mse } else { LossKind::Bce },
            backward: engine::lessons::kit::breaks::Break::Correct,
        })
    }
}

proptest! {
    /// Any valid state survives the trip through a link unchanged.
    #[test]
    fn hash_round_trip_any_state(p in any_params()) {
        let hash = to_hash("mlp-step", &p);
        let back = settings_from_assignments(article_values(), &parse_route(&hash).assignments);
        prop_assert_eq!(back.ok(), Some(p));
    }

    /// No text, however hostile, panics the parsers.
    #[test]
    fn parsers_never_panic(text in ".{0,200}") {
        let _ = parse_number(&text);
        let route = parse_route(&text);
        let _ = settings_from_assignments(article_values(), &route.assignments);
        let _ = percent_decode(&text);
    }
}

#[test]
fn step_position_in_the_link() {
    let p = article_values();
    let hash = to_hash_with_step("mlp-step", &p, 9);
    let route = parse_route(&hash);
    let (settings, step) = take_step(&route.assignments, 22);
    assert_eq!(step, Ok(9));
    assert_eq!(
        settings_from_assignments(article_values(), &settings).unwrap(),
        p
    );
    assert_eq!(
        to_hash_with_step("mlp-step", &p, 0),
        to_hash("mlp-step", &p)
    );
    assert_eq!(take_step(&["y=1"], 22).1, Ok(0));
    assert!(take_step(&["step=23"], 22).1.is_err());
    assert!(take_step(&["step=-1"], 22).1.is_err());
    assert!(take_step(&["step=two"], 22).1.is_err());
}

#[test]
fn format_significant_rounds_to_the_digits_asked() {
    assert_eq!(format_significant(27069.5075, 4), "27070");
    assert_eq!(format_significant(2157.3699, 4), "2157");
    assert_eq!(format_significant(0.002_612_4, 2), "0.0026");
    assert_eq!(format_significant(5e-5, 3), "0.00005");
    assert_eq!(format_significant(-79.9, 3), "−79.9");
    assert_eq!(format_significant(0.0, 3), "0");
}

#[test]
fn run_pace_fits_steps_into_a_frame_and_an_edit_wins() {
    use engine::base::pace::{FRAME_BUDGET_MS, Speed, frame_still_current};
    // One step per frame, ten, or as many as the frame's budget allows.
    assert!(!Speed::One.wants_more(1, 0.0));
    assert!(Speed::Ten.wants_more(9, 100.0) && !Speed::Ten.wants_more(10, 0.0));
    assert!(Speed::Fill.wants_more(1000, FRAME_BUDGET_MS - 0.1));
    assert!(!Speed::Fill.wants_more(1, FRAME_BUDGET_MS));
    for s in Speed::ALL {
        assert_eq!(Speed::from_code(s.code()), Some(s));
    }
    assert_eq!(Speed::from_code("fast"), None);
    // The frame's steps are kept only when the state did not change meanwhile.
    assert!(frame_still_current(&[1.0, 2.0], Some(&[1.0, 2.0])));
    assert!(!frame_still_current(&[1.0, 2.0], Some(&[1.0, 2.5])));
    assert!(!frame_still_current(&[1.0], None));
}

/// One reader for every lesson's link: a name given twice is refused (which of the two would
/// the learner have meant?), and the page opens at the defaults with the message.
#[test]
fn a_name_given_twice_is_refused() {
    let (fallback, e) = settings_from_assignments(article_values(), &["y=0", "lr=0.1", "y=1"])
        .expect_err("a repeated name");
    assert_eq!(e, InputError::Repeated("y".into()));
    assert_eq!(fallback, article_values());
    assert!(e.message(engine::i18n::Lang::Zh).contains('y'));
}
