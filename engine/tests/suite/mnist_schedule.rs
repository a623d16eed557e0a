//! The training run's bookkeeping: every digit once per epoch, a different seeded order per
//! epoch, the right batch sizes, progress and the samples-per-second meter.

use engine::mnist::schedule::{RateMeter, Schedule};

#[test]
fn every_epoch_visits_every_digit_once_in_a_new_order() {
    let train: Vec<usize> = (100..170).collect();
    let mut s = Schedule::new(&train, 3, 32, 9);
    assert_eq!(s.batches_per_epoch(), 3); // 32 + 32 + 6
    let mut epochs: Vec<Vec<usize>> = vec![Vec::new(); 3];
    let mut sizes = Vec::new();
    while let Some(b) = s.next_batch() {
        sizes.push((b.epoch, b.batch, b.indices.len(), b.ends_epoch));
        epochs[b.epoch].extend(&b.indices);
    }
    assert_eq!(
        sizes,
        vec![
            (0, 0, 32, false),
            (0, 1, 32, false),
            (0, 2, 6, true),
            (1, 0, 32, false),
            (1, 1, 32, false),
            (1, 2, 6, true),
            (2, 0, 32, false),
            (2, 1, 32, false),
            (2, 2, 6, true),
        ]
    );
    for e in &epochs {
        let mut sorted = e.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, train);
    }
    assert_ne!(epochs[0], epochs[1]);
    assert_ne!(epochs[0], train, "shuffled");
    assert!(s.is_finished());
    assert_eq!(s.progress(), (210, 210));
    // The same seed plans the same run.
    let mut again = Schedule::new(&train, 3, 32, 9);
    assert_eq!(again.next_batch().unwrap().indices, epochs[0][..32]);
}

#[test]
fn progress_counts_samples_and_empty_runs_plan_nothing() {
    let train: Vec<usize> = (0..10).collect();
    let mut s = Schedule::new(&train, 2, 4, 1);
    s.next_batch();
    s.next_batch();
    assert_eq!(s.progress(), (8, 20));
    assert!(Schedule::new(&train, 0, 4, 1).next_batch().is_none());
    assert!(Schedule::new(&[], 3, 4, 1).next_batch().is_none());
    // A batch of 0 is treated as 1.
    assert_eq!(Schedule::new(&train, 1, 0, 1).batches_per_epoch(), 10);
}

#[test]
fn the_rate_is_samples_over_time_in_a_window() {
    let mut m = RateMeter::default();
    assert_eq!(m.per_second(), None);
    m.record(100.0, 32);
    m.record(60.0, 32);
    assert!((m.per_second().unwrap() - 400.0).abs() < 1e-9); // 64 samples in 0.16 s
    assert!((m.seconds_left(800).unwrap() - 2.0).abs() < 1e-9);
    m.record(f64::NAN, 32); // ignored
    for _ in 0..30 {
        m.record(10.0, 10);
    }
    assert!(
        (m.per_second().unwrap() - 1000.0).abs() < 1e-9,
        "old batches leave the window"
    );
}

mod settings {
    use engine::mnist::settings::RunSettings;
    use engine::state::hash::{parse_route, settings_from_assignments, to_hash};
    use engine::state::number::InputError;
    use proptest::prelude::*;

    #[test]
    fn defaults_are_the_articles_and_links_round_trip() {
        let d = RunSettings::default();
        assert_eq!((d.epochs, d.lr, d.batch), (5, 0.001, 32));
        let s = RunSettings {
            epochs: 7,
            lr: 0.0025,
            batch: 64,
            seed: 12,
            digit: 1999,
        };
        let hash = to_hash("mnist-cnn", &s);
        let r = parse_route(&hash);
        assert_eq!(r.lesson, Some("mnist-cnn"));
        assert_eq!(settings_from_assignments(d, &r.assignments).unwrap(), s);
    }

    #[test]
    fn bad_values_are_refused_and_the_defaults_kept() {
        for bad in [
            "epochs=0",
            "epochs=2.5",
            "epochs=51",
            "lr=0",
            "lr=-1",
            "lr=NaN",
            "lr=abc",
            "batch=257",
            "digit=2000",
            "seed=-1",
            "colour=red",
            "epochs",
        ] {
            let got = settings_from_assignments(RunSettings::default(), &[bad]);
            let (kept, e) = got.expect_err(bad);
            assert_eq!(kept, RunSettings::default(), "{bad}");
            assert!(!e.message(engine::i18n::Lang::En).is_empty());
        }
        let (_, e) = settings_from_assignments(RunSettings::default(), &["lr=1e9"]).unwrap_err();
        assert!(matches!(e, InputError::TooLarge(_)));
    }

    proptest! {
        #[test]
        fn any_link_text_gives_settings_or_a_message(text in ".{0,80}") {
            let parts: Vec<&str> = text.split('&').collect();
            match settings_from_assignments(RunSettings::default(), &parts) {
                Ok(s) => {
                    prop_assert!((1..=50).contains(&s.epochs));
                    prop_assert!(s.lr > 0.0 && s.lr <= 1.0);
                    prop_assert!((1..=256).contains(&s.batch));
                    prop_assert!(s.digit < 2000);
                }
                Err((kept, _)) => prop_assert_eq!(kept, RunSettings::default()),
            }
        }
    }
}
