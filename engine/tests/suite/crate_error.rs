//! The crate's one error type wraps each part's own error: `?` converts, the message stays the
//! part's (in the learner's language where it has one), and `source()` leads back to it.

use std::error::Error as _;

use engine::Error;
use engine::i18n::Lang;
use engine::lessons::text_classifier::settings::TextSettings;
use engine::mnist::asset::decode;
use engine::playground::state::from_hash;
use engine::state::number::parse_number;
use engine::state::setting::Settings;

fn playground(link: &str) -> Result<(), Error> {
    from_hash(link)?;
    Ok(())
}

fn number(text: &str) -> Result<f64, Error> {
    Ok(parse_number(text)?)
}

fn digits(bytes: &[u8]) -> Result<(), Error> {
    decode(bytes)?;
    Ok(())
}

fn text_setting(name: &str, value: &str) -> Result<(), Error> {
    TextSettings::default().set(name, value)?;
    Ok(())
}

#[test]
fn each_part_error_converts_keeps_its_message_and_its_source() {
    let cases: Vec<(Error, &str)> = vec![
        (playground("#/playground?d=moon").unwrap_err(), "Playground"),
        (number("abc").unwrap_err(), "Input"),
        (digits(b"not digits").unwrap_err(), "MnistAsset"),
        (text_setting("size", "-3").unwrap_err(), "Input"),
    ];
    for (e, part) in cases {
        assert!(format!("{e:?}").starts_with(part), "{e:?}");
        let source = e.source().expect("the part's own error");
        assert_eq!(source.to_string(), e.to_string());
        for lang in [Lang::Zh, Lang::En] {
            assert!(!e.message(lang).is_empty(), "{part} {lang:?}");
        }
    }
    // The playground and text settings speak the learner's language.
    let e = playground("#/playground?d=moon").unwrap_err();
    assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
    let e = text_setting("size", "-3").unwrap_err();
    assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
}
