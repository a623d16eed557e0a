//! Worksheets and answer keys: the same cells in the same order as the lesson's steps, blank on
//! the sheet, the trace's values in the key; seeded variants change only the numbers meant to
//! change, reproducibly and within range.

use burn::prelude::Device;
use engine::export::worksheet::worksheet;
use engine::i18n::{Lang, Text};
use engine::lessons::kit::variant::{variant, varies};
use engine::lessons::registry::kit_lessons;

fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!("{name}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn sheet_and_key_have_the_steps_cells_and_the_key_has_the_traces_values() {
    let device = Device::flex();
    for def in kit_lessons() {
        let values = variant(&(def.article_values)(), 4);
        let trace = pollster::block_on((def.trace)(&values, &device)).unwrap();
        let title = Text::new("题", "title");
        let sheet = worksheet(title, &values, &trace, Some(4), false, Lang::Zh);
        let key = worksheet(title, &values, &trace, Some(4), true, Lang::En);
        let targets: Vec<&str> = trace.steps.iter().map(|s| s.target.as_str()).collect();
        assert_eq!(attrs(&sheet, "data-cell"), targets, "{}", def.id);
        assert_eq!(attrs(&key, "data-cell"), targets, "{}", def.id);
        assert!(
            attrs(&sheet, "data-value").is_empty(),
            "{}: the sheet is blank",
            def.id
        );
        let values_in_key: Vec<f64> = attrs(&key, "data-value")
            .iter()
            .map(|v| v.parse().unwrap())
            .collect();
        let truth: Vec<f64> = trace.steps.iter().map(|s| s.value).collect();
        assert_eq!(values_in_key, truth, "{}", def.id);
        assert!(!sheet.contains("merror"), "{}: formulas render", def.id);
        assert!(sheet.contains("<math"), "{}", def.id);
    }
}

#[test]
fn variants_change_only_signed_numbers_reproducibly_within_range() {
    let mut changed_lessons = 0;
    for def in kit_lessons() {
        let base = (def.article_values)();
        assert_eq!(
            variant(&base, 0),
            base,
            "{}: seed 0 is the article's",
            def.id
        );
        let a = variant(&base, 17);
        assert_eq!(a, variant(&base, 17), "{}: reproducible", def.id);
        let mut changed = false;
        for ((spec, before), after) in base.specs.iter().zip(&base.values).zip(&a.values) {
            if varies(spec) {
                assert!(
                    (spec.min..=spec.max).contains(after),
                    "{} {}: {after}",
                    def.id,
                    spec.name
                );
                assert_eq!((after * 10.0).round() / 10.0, *after, "one decimal");
                changed |= after != before;
            } else {
                assert_eq!(after, before, "{} {} stays", def.id, spec.name);
            }
        }
        if changed {
            changed_lessons += 1;
            assert_ne!(
                variant(&base, 18),
                a,
                "{}: another seed, other numbers",
                def.id
            );
        }
    }
    assert!(
        changed_lessons >= 5,
        "most lessons get new numbers: {changed_lessons}"
    );
}
