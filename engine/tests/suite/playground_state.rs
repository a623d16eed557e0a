//! The playground's URL hash: random states round-trip exactly; arbitrary or hostile text never
//! panics and is refused with a message.

use engine::playground::state::{MAX_STATE_LEN, from_hash, to_hash};
use engine::playground::{
    Activation, DataSpec, DatasetKind, Feature, NetSpec, Optimizer, PlaygroundState, Point,
    Regularization, Weights,
};
use proptest::prelude::*;

fn any_state() -> impl Strategy<Value = PlaygroundState> {
    (
        (
            0usize..7,
            10usize..=1000,
            0u32..=50,
            10u32..=90,
            any::<u64>(),
        ),
        (
            1u8..128,
            prop::collection::vec(1usize..=8, 0..=6),
            0usize..4,
            0usize..3,
        ),
        (
            0.0f64..=10.0,
            1e-6f64..=10.0,
            1usize..=30,
            0usize..3,
            any::<u64>(),
        ),
        prop::collection::vec((-6.0f64..=6.0, -6.0f64..=6.0, any::<bool>()), 0..5),
        prop::collection::btree_set(0usize..10, 0..4),
        any::<bool>(),
        any::<u64>(),
        (2usize..=5, any::<bool>()),
    )
        .prop_map(
            |(d, n, t, added, removed, with_w, wseed, (classes, softmax))| {
                let kind = DatasetKind::ALL[d.0];
                let features: Vec<Feature> = Feature::ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| n.0 & (1 << i) != 0)
                    .map(|(_, f)| f)
                    .collect();
                let net = NetSpec {
                    features,
                    hidden: n.1,
                    activation: Activation::ALL[n.2],
                    regularization: Regularization::ALL[n.3],
                    reg_rate: t.0,
                    learning_rate: t.1,
                    batch_size: t.2,
                    optimizer: Optimizer::ALL[t.3],
                    seed: t.4,
                    softmax,
                };
                let added = added
                    .into_iter()
                    .map(|(x, y, c)| Point {
                        x,
                        y,
                        label: if kind.is_regression() {
                            x / 7.0
                        } else {
                            f64::from(u8::from(c))
                        },
                    })
                    .collect();
                let data = DataSpec {
                    kind,
                    points: d.1,
                    noise_pct: d.2,
                    train_pct: d.3,
                    seed: d.4,
                    added,
                    removed: removed.into_iter().collect(),
                    classes,
                    imported: vec![],
                };
                let outputs = PlaygroundState {
                    net: net.clone(),
                    data: data.clone(),
                    weights: None,
                }
                .head()
                .outputs();
                let mut weights = with_w.then(|| Weights::init(&net.widths_for(outputs), wseed));
                // Edited weights are arbitrary numbers, not just the initial ones.
                if let Some(w) = &mut weights {
                    w.layers[0].b[0] = -1.234_567_890_123e-7 * wseed as f64;
                }
                PlaygroundState { data, net, weights }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn random_states_round_trip_exactly(s in any_state()) {
        let h = to_hash(&s);
        prop_assert!(h.len() <= MAX_STATE_LEN);
        prop_assert!(h.bytes().all(|b| b.is_ascii_alphanumeric() || b"#/?=&,_~.-".contains(&b)), "{}", h);
        let back = from_hash(&h).unwrap();
        prop_assert_eq!(&back, &s);
        // Bit-exact, -0.0 included.
        if let (Some(a), Some(b)) = (&back.weights, &s.weights) {
            prop_assert_eq!(a.layers[0].b[0].to_bits(), b.layers[0].b[0].to_bits());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = from_hash(&text);
    }

    #[test]
    fn mangled_links_never_panic(s in any_state(), cut in 0usize..400, junk in "[=&,_~.0-9a-z%-]{0,12}") {
        let h = to_hash(&s);
        let at = h.char_indices().map(|(i, _)| i).nth(cut % h.len().max(1)).unwrap_or(0);
        let _ = from_hash(&format!("{}{}{}", &h[..at], junk, &h[at..]));
        let _ = from_hash(&h[..at]);
    }
}

#[test]
fn default_state_round_trips_and_parses_without_the_route() {
    let s = PlaygroundState::default();
    let h = to_hash(&s);
    assert_eq!(from_hash(&h).unwrap(), s);
    assert_eq!(from_hash(h.trim_start_matches("#/playground?")).unwrap(), s);
    assert_eq!(from_hash("").unwrap(), s);
}

#[test]
fn hostile_and_malformed_links_are_refused_with_a_message() {
    let long = format!("#/playground?d=circle&rm={}", "1,".repeat(MAX_STATE_LEN));
    let cases = [
        long.as_str(),
        "d=moon",
        "d=circle&d=xor",
        "n=5",
        "n=99999999999999999999999",
        "noise=51",
        "train=95",
        "f=",
        "f=x1,x1",
        "h=9",
        "h=1,1,1,1,1,1,1",
        "lr=0",
        "lr=NaN",
        "lr=inf",
        "rr=-1",
        "bs=0",
        "act=<script>alert(1)</script>",
        "%3Cimg%20src%3Dx%3E=1",
        "add=7_0_1",
        "add=1_1_0.5",
        "add=1_1",
        "rm=3,2",
        "rm=600",
        "w=1",
        "h=1&w=1,2,5~3&b=0~0",
        "h=1&w=1,2~3&b=0~0,1",
        "%ZZ",
        "seed=-1",
        "unknown=1",
    ];
    for c in cases {
        let e = from_hash(c)
            .err()
            .unwrap_or_else(|| panic!("accepted {c:?}"));
        let msg = e.message(engine::i18n::Lang::En);
        assert!(!msg.is_empty() && msg.len() < 200, "{c:?}: {msg}");
        assert!(!msg.contains('<'), "{c:?}: markup echoed");
    }
    assert!(from_hash("h=1&w=1,2~3&b=0~0.5").is_ok());
}
