//! Playground data: seeded generators (sizes, balance, domain, noise), the split, the learner's
//! edits, and the feature layer against its formulas.

use engine::playground::data::{RADIUS, generate, plane_target};
use engine::playground::features::{feature_matrix, feature_row};
use engine::playground::{DataSpec, DatasetKind, Feature, Point};

#[test]
fn generators_are_seeded_sized_balanced_and_in_the_square() {
    for kind in DatasetKind::ALL {
        for noise in [0.0, 0.25, 0.5] {
            let a = generate(kind, 101, noise, 7);
            assert_eq!(
                a,
                generate(kind, 101, noise, 7),
                "{kind:?} not deterministic"
            );
            // A noise-free spiral is the same curve for every seed; all else is random.
            let fixed = matches!(kind, DatasetKind::Spiral | DatasetKind::Arms) && noise == 0.0;
            assert_eq!(a == generate(kind, 101, noise, 8), fixed, "{kind:?} seed");
            assert_eq!(a.len(), 101);
            for p in &a {
                assert!(p.x.abs() <= RADIUS && p.y.abs() <= RADIUS, "{kind:?} {p:?}");
            }
            if kind.is_regression() {
                assert!(a.iter().all(|p| p.label.abs() <= 1.0));
            } else {
                let ones = a.iter().filter(|p| p.label == 1.0).count();
                let zeros = a.iter().filter(|p| p.label == 0.0).count();
                assert_eq!((ones, zeros), (50, 51), "{kind:?} balance");
            }
        }
    }
}

#[test]
fn noise_moves_points_and_clean_sets_are_separable_by_their_rule() {
    for kind in DatasetKind::ALL {
        let clean = generate(kind, 200, 0.0, 3);
        let noisy = generate(kind, 200, 0.3, 3);
        let moved = clean
            .iter()
            .zip(&noisy)
            .filter(|(a, b)| a.x != b.x || a.y != b.y);
        assert!(
            moved.count() > 150,
            "{kind:?}: noise should move the points"
        );
    }
    // Without noise each set obeys its defining rule exactly.
    for p in generate(DatasetKind::Circle, 200, 0.0, 1) {
        let r = p.x.hypot(p.y);
        assert_eq!(p.label == 1.0, r <= 2.5, "{p:?}");
        assert!(r <= 5.0);
    }
    for p in generate(DatasetKind::Xor, 200, 0.0, 1) {
        assert_eq!(p.label == 1.0, p.x * p.y > 0.0, "{p:?}");
        assert!(p.x.abs() >= 0.3 && p.y.abs() >= 0.3);
    }
    for p in generate(DatasetKind::Gauss, 400, 0.0, 1) {
        // σ = 0.5 around (±2, ±2): a point on the wrong side would be 4 σ out; none of 400.
        assert_eq!(p.label == 1.0, p.x + p.y > 0.0, "{p:?}");
    }
    for p in generate(DatasetKind::Plane, 200, 0.0, 1) {
        assert!((p.label - plane_target(p.x, p.y)).abs() < 1e-12);
    }
    // Spiral arms: point i of an arm has radius 5·i/per_arm.
    let s = generate(DatasetKind::Spiral, 100, 0.0, 1);
    for (i, p) in s.iter().enumerate() {
        let r = 5.0 * (i / 2) as f64 / 50.0;
        assert!((p.x.hypot(p.y) - r).abs() < 1e-9, "{i} {p:?}");
    }
    // The Gaussian clouds' spread follows the noise: σ 0.5 at 0 %, 2.25 at 25 %.
    for (noise, sd) in [(0.0, 0.5), (0.25, 2.25)] {
        let pts = generate(DatasetKind::Gauss, 4000, noise, 9);
        let ones: Vec<f64> = pts
            .iter()
            .filter(|p| p.label == 1.0)
            .map(|p| p.x - 2.0)
            .collect();
        let var = ones.iter().map(|d| d * d).sum::<f64>() / ones.len() as f64;
        // Clamping to the square trims the widest cloud a little; 10 % covers sampling and that.
        assert!(
            (var.sqrt() - sd).abs() < 0.1 * sd,
            "noise {noise}: σ {}",
            var.sqrt()
        );
    }
}

#[test]
fn split_follows_the_ratio_and_keeps_every_point_once() {
    for pct in [10, 37, 50, 90] {
        let spec = DataSpec {
            points: 200,
            train_pct: pct,
            ..DataSpec::default()
        };
        let split = spec.split();
        assert_eq!(split.train.len(), (200 * pct as usize).div_ceil(100));
        assert_eq!(split.train.len() + split.test.len(), 200);
        let mut all: Vec<(u64, u64)> = split
            .train
            .iter()
            .chain(&split.test)
            .map(|p| (p.x.to_bits(), p.y.to_bits()))
            .collect();
        let mut generated: Vec<(u64, u64)> = spec
            .generated()
            .iter()
            .map(|p| (p.x.to_bits(), p.y.to_bits()))
            .collect();
        all.sort_unstable();
        generated.sort_unstable();
        assert_eq!(all, generated);
        assert_eq!(split, spec.split(), "split not deterministic");
    }
}

#[test]
fn learner_adds_and_removes_points() {
    let mut spec = DataSpec {
        points: 20,
        ..DataSpec::default()
    };
    let p = Point {
        x: 1.0,
        y: -2.0,
        label: 1.0,
    };
    spec.add_point(p).unwrap();
    assert!(spec.split().train.contains(&p));
    // Out of the square, or a class other than 0/1: refused with a message.
    for bad in [
        Point {
            x: 7.0,
            y: 0.0,
            label: 1.0,
        },
        Point {
            x: f64::NAN,
            y: 0.0,
            label: 0.0,
        },
        Point {
            x: 0.0,
            y: 0.0,
            label: 0.5,
        },
    ] {
        let e = spec.add_point(bad).unwrap_err();
        assert!(!e.message(engine::i18n::Lang::En).is_empty());
    }
    // Removing at the added point removes it; then the nearest generated point goes.
    assert_eq!(spec.remove_nearest(1.0, -2.0), Some(p));
    let generated = spec.generated();
    let nearest = generated
        .iter()
        .min_by(|a, b| a.x.hypot(a.y).total_cmp(&b.x.hypot(b.y)))
        .copied();
    assert_eq!(spec.remove_nearest(0.0, 0.0), nearest);
    let split = spec.split();
    assert_eq!(split.train.len() + split.test.len(), 19);
    assert!(
        !split
            .train
            .iter()
            .chain(&split.test)
            .any(|q| Some(*q) == nearest)
    );
    for _ in 0..19 {
        assert!(spec.remove_nearest(0.0, 0.0).is_some());
    }
    assert_eq!(spec.remove_nearest(0.0, 0.0), None);
    assert!(spec.validate().is_ok());
}

#[test]
fn features_match_their_formulas() {
    let (a, b) = (1.3f64, -0.7f64);
    let expected = [a, b, a * a, b * b, a * b, a.sin(), b.sin()];
    assert_eq!(feature_row(&Feature::ALL, a, b), expected.to_vec());
    let subset = [Feature::SinX2, Feature::X1X2];
    assert_eq!(feature_row(&subset, a, b), vec![b.sin(), a * b]);
    assert_eq!(
        feature_matrix(&subset, &[(a, b), (2.0, 3.0)]),
        vec![b.sin(), a * b, 3f64.sin(), 6.0]
    );
    for f in Feature::ALL {
        assert_eq!(Feature::from_name(f.name()), Some(f));
    }
}

#[test]
fn a_click_on_the_regression_plane_adds_a_point_on_that_plane() {
    // Noise-free plane points carry the generator's target; a click at the same spot must
    // give the same target (it once gave x + y, twelve times too large).
    let mut spec = DataSpec {
        kind: DatasetKind::Plane,
        noise_pct: 0,
        points: 30,
        ..DataSpec::default()
    };
    for g in spec.generated() {
        let clicked = spec.point_at(g.x, g.y, 1.0);
        assert!(
            (clicked.label - g.label).abs() < 1e-12,
            "{g:?} → {clicked:?}"
        );
    }
    // By hand: (3 + 1.5) / 12 = 0.375; the class chosen in the radios is ignored here.
    let p = spec.point_at(3.0, 1.5, 0.0);
    assert!((p.label - 0.375).abs() < 1e-12, "{p:?}");
    spec.add_point(p).unwrap();
    assert!(spec.split().train.contains(&p));
    // On a classification set the click's class is the label.
    let circle = DataSpec::default();
    assert_eq!(circle.point_at(1.0, 2.0, 1.0).label, 1.0);
    // A click outside the square is refused with a message in both languages.
    let outside = spec.point_at(RADIUS + 1.0, 0.0, 0.0);
    let e = spec.add_point(outside).unwrap_err();
    assert!(!e.message(engine::i18n::Lang::Zh).is_empty());
    assert!(!e.message(engine::i18n::Lang::En).is_empty());
}
