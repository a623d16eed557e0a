//! The playground's CSV import and export: exported points read back bit for bit, every bad
//! row is reported by its line and reason while the good rows are kept (property tests over
//! random files), each message by hand, the row limit, and imported data in the link.

use engine::i18n::Lang;
use engine::playground::csv::{MAX_ROWS, RowProblem, format_csv, parse_csv};
use engine::playground::pack::{MAX_PACKED, base64url, from_base64url, pack, unpack};
use engine::playground::state::{from_hash, link};
use engine::playground::{DataSpec, DatasetKind, PlaygroundState, Point};
use proptest::prelude::*;

/// Cases per property test (reported by the test names' output with --nocapture).
const CASES: u32 = 500;

fn any_point() -> impl Strategy<Value = Point> {
    (-6.0f64..=6.0, -6.0f64..=6.0, 0u8..5).prop_map(|(x, y, c)| Point {
        x,
        y,
        label: f64::from(c),
    })
}

/// A row of a random file and what the parser must make of it.
#[derive(Clone, Debug)]
enum Row {
    Good(Point),
    Blank,
    Bad(String, RowProblem),
}

fn bad_row() -> impl Strategy<Value = (String, RowProblem)> {
    prop_oneof![
        (any_point(), 0usize..3).prop_map(|(p, drop)| {
            let f = [p.x.to_string(), p.y.to_string(), p.label.to_string()];
            let kept: Vec<&str> = f
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, s)| s.as_str())
                .collect();
            (kept.join(","), RowProblem::Columns(2))
        }),
        any_point().prop_map(|p| (
            format!("{},{},{},7", p.x, p.y, p.label),
            RowProblem::Columns(4)
        )),
        (any_point(), 1usize..=3, "q[a-z]{0,5}").prop_map(|(p, column, word)| {
            let mut f = [p.x.to_string(), p.y.to_string(), p.label.to_string()];
            f[column - 1] = word;
            (f.join(","), RowProblem::NotANumber { column })
        }),
        (
            any_point(),
            1usize..=3,
            prop::sample::select(vec!["NaN", "inf", "-inf", "1e999", "infinity"])
        )
            .prop_map(|(p, column, v)| {
                let mut f = [p.x.to_string(), p.y.to_string(), p.label.to_string()];
                f[column - 1] = v.to_string();
                (f.join(","), RowProblem::NotFinite { column })
            }),
        (any_point(), 1usize..=2, 6.0001f64..1e6, any::<bool>()).prop_map(|(p, column, v, neg)| {
            let mut f = [p.x.to_string(), p.y.to_string(), p.label.to_string()];
            f[column - 1] = (if neg { -v } else { v }).to_string();
            (f.join(","), RowProblem::OutOfRange { column })
        }),
        (
            any_point(),
            prop::sample::select(vec!["5", "-1", "0.5", "2.25", "17", "1e3"])
        )
            .prop_map(|(p, c)| (format!("{},{},{c}", p.x, p.y), RowProblem::BadClass)),
    ]
}

fn any_row() -> impl Strategy<Value = Row> {
    prop_oneof![
        6 => any_point().prop_map(Row::Good),
        1 => Just(Row::Blank),
        3 => bad_row().prop_map(|(t, p)| Row::Bad(t, p)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Export then import gives the same points, bit for bit; also through a link.
    #[test]
    fn export_then_import_gives_the_same_points(points in prop::collection::vec(any_point(), 1..200)) {
        let text = format_csv(&points);
        let read = parse_csv(&text);
        prop_assert!(read.header);
        prop_assert!(read.issues.is_empty(), "{:?}", read.issues);
        prop_assert_eq!(read.points.len(), points.len());
        for (a, b) in read.points.iter().zip(&points) {
            prop_assert_eq!((a.x.to_bits(), a.y.to_bits(), a.label.to_bits()), (b.x.to_bits(), b.y.to_bits(), b.label.to_bits()));
        }
        prop_assert_eq!(unpack(&pack(&points)).unwrap(), points.clone());
        let mut s = PlaygroundState::default();
        s.data.import(points);
        let l = link(&s);
        prop_assert_eq!(l.data_left_out, None);
        prop_assert_eq!(from_hash(&l.hash).unwrap(), s);
    }

    /// A random file of good, blank and bad rows (and maybe a header, CRLF line ends): the good
    /// rows are kept in order, every bad row is reported with its line and reason, nothing else.
    #[test]
    fn bad_rows_are_reported_by_line_and_good_rows_kept(
        rows in prop::collection::vec(any_row(), 0..60),
        header in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let mut lines: Vec<String> = vec![];
        if header {
            lines.push("x,y,label".into());
        }
        let (mut want_points, mut want_issues) = (vec![], vec![]);
        for r in &rows {
            let line = lines.len() + 1;
            match r {
                Row::Good(p) => {
                    want_points.push(*p);
                    lines.push(format!("{}, {} ,{}", p.x, p.y, p.label));
                }
                Row::Blank => lines.push("  ".into()),
                Row::Bad(t, problem) => {
                    // A bad first line that is a word is a header, not an error.
                    let word = t.split(',').any(|f| f.parse::<f64>().is_err() && f.chars().any(char::is_alphabetic));
                    if !(line == 1 && word) {
                        want_issues.push((line, problem.clone()));
                    }
                    lines.push(t.clone());
                }
            }
        }
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let read = parse_csv(&text);
        prop_assert_eq!(&read.points, &want_points);
        let got: Vec<(usize, RowProblem)> = read.issues.iter().map(|i| (i.line, i.problem.clone())).collect();
        prop_assert_eq!(got, want_issues);
        for issue in &read.issues {
            let en = issue.message(Lang::En);
            prop_assert!(en.starts_with(&format!("Line {}:", issue.line)), "{}", en);
            let zh = issue.message(Lang::Zh);
            let prefix = format!("第 {} 行", issue.line);
            prop_assert!(zh.starts_with(&prefix), "{}", zh);
        }
    }

    #[test]
    fn any_text_never_panics(text in "(?s).{0,400}") {
        let read = parse_csv(&text);
        prop_assert!(read.points.len() <= MAX_ROWS);
        let _ = unpack(&text);
        let _ = from_hash(&format!("d=csv&csv={text}"));
    }

    #[test]
    fn base64url_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let t = base64url(&bytes);
        prop_assert!(t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert_eq!(from_base64url(&t).unwrap(), bytes);
    }
}

/// Each message, word for word, in both languages.
#[test]
fn every_bad_row_gets_its_own_message() {
    let text = "x,y,label\n1,2\n1,2,1,0\n1,abc,0\nNaN,0,1\n0,7.5,1\n-9,0,1\n1,1,5\n1,1,0.5\n1,1,inf\n\n2,-3,2\n";
    let read = parse_csv(text);
    assert!(read.header);
    assert_eq!(
        read.points,
        vec![Point {
            x: 2.0,
            y: -3.0,
            label: 2.0
        }]
    );
    let en: Vec<String> = read.issues.iter().map(|i| i.message(Lang::En)).collect();
    assert_eq!(
        en,
        vec![
            "Line 2: expected 3 columns (x, y, label), found 2",
            "Line 3: expected 3 columns (x, y, label), found 4",
            "Line 4: y is not a number: “abc”",
            "Line 5: x must be a finite number, not “NaN”",
            "Line 6: y = 7.5 lies outside [-6, 6]",
            "Line 7: x = -9 lies outside [-6, 6]",
            "Line 8: the label “5” is not a class (a whole number 0 to 4)",
            "Line 9: the label “0.5” is not a class (a whole number 0 to 4)",
            "Line 10: the label must be a finite number, not “inf”",
        ]
    );
    let zh: Vec<String> = read.issues.iter().map(|i| i.message(Lang::Zh)).collect();
    assert_eq!(zh[0], "第 2 行：应有 3 列（x, y, 类别），实际有 2 列");
    assert_eq!(zh[2], "第 4 行：y不是数字：“abc”");
    assert_eq!(zh[3], "第 5 行：x必须是有限的数，而不是“NaN”");
    assert_eq!(zh[4], "第 6 行：y = 7.5 超出范围 [-6, 6]");
    assert_eq!(zh[6], "第 8 行：类别“5”无效（须为 0 到 4 的整数）");
    // Quoted fields and a byte-order mark (spreadsheet exports) read as plain numbers.
    let read = parse_csv("\u{feff}\"x\",\"y\",\"class\"\r\n\"1.5\",\"-2\",\"1\"\r\n");
    assert!(read.header && read.issues.is_empty());
    assert_eq!(read.points[0].x, 1.5);
    // Only line 1 can be a header; a word later is an error.
    let read = parse_csv("1,1,0\nx,y,label\n");
    assert!(!read.header);
    assert_eq!(
        read.issues[0].message(Lang::En),
        "Line 2: x is not a number: “x”"
    );
}

#[test]
fn rows_past_the_limit_are_left_out_with_a_message() {
    let mut text = String::from("x,y,label\n");
    for i in 0..MAX_ROWS + 3 {
        text.push_str(&format!("{},0,{}\n", (i % 100) as f64 / 20.0, i % 2));
    }
    let read = parse_csv(&text);
    assert_eq!(read.points.len(), MAX_ROWS);
    assert_eq!(read.issues.len(), 1);
    let issue = &read.issues[0];
    assert_eq!(
        (issue.line, &issue.problem),
        (MAX_ROWS + 2, &RowProblem::TooMany)
    );
    assert_eq!(
        issue.message(Lang::En),
        "Line 5002: only 5000 rows are used; this line and those after it were left out"
    );
    let huge = "1,1,1\n".repeat(400_000);
    let read = parse_csv(&huge);
    assert!(read.points.is_empty());
    assert_eq!(read.issues[0].problem, RowProblem::TooLarge);
    assert!(!read.issues[0].message(Lang::Zh).is_empty());
}

/// Imported data in a link: two-decimal data of 5000 points fits compressed; full-precision
/// random data of 5000 points does not, and the link says so instead of dropping it silently.
#[test]
fn imported_data_travels_in_the_link_or_is_reported() {
    let typed: Vec<Point> = (0..MAX_ROWS)
        .map(|i| Point {
            x: (((i * 37) % 1201) as f64 - 600.0) / 100.0,
            y: (((i * 91) % 1201) as f64 - 600.0) / 100.0,
            label: (i % 3) as f64,
        })
        .collect();
    let mut s = PlaygroundState::default();
    s.data.import(typed);
    let l = link(&s);
    assert_eq!(l.data_left_out, None, "two-decimal points fit");
    println!(
        "5000 two-decimal points: link of {} characters",
        l.hash.len()
    );
    assert_eq!(from_hash(&l.hash).unwrap(), s);
    assert_eq!(s.data.class_count(), Some(3));

    let mut rng = 0x1234_5678_u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng >> 11) as f64 / (1u64 << 53) as f64 * 12.0 - 6.0
    };
    let random: Vec<Point> = (0..MAX_ROWS)
        .map(|i| Point {
            x: next(),
            y: next(),
            label: (i % 2) as f64,
        })
        .collect();
    s.data.import(random);
    let l = link(&s);
    let left = l.data_left_out.expect("too long for a link");
    assert!(left > MAX_PACKED);
    assert!(l.hash.contains("csv=-") && l.hash.len() < 1000);
    let e = from_hash(&l.hash).unwrap_err();
    assert!(e.message(Lang::En).contains("import the CSV file again"));
    // A link with broken packed data is refused with a message, not a panic.
    for bad in ["csv=%%", "csv=A", "csv=AAAA", "csv=eJw", "d=csv"] {
        assert!(from_hash(bad).is_err(), "{bad}");
    }
}

/// What the page exports is every point the run uses; importing it gives the same set.
#[test]
fn exporting_a_generated_set_and_importing_it_keeps_every_point() {
    let mut spec = DataSpec {
        kind: DatasetKind::Blobs,
        classes: 4,
        points: 120,
        ..DataSpec::default()
    };
    spec.add_point(Point {
        x: 0.5,
        y: 0.25,
        label: 3.0,
    })
    .unwrap();
    spec.remove_nearest(0.0, 0.0);
    let all = spec.all_points();
    assert_eq!(all.len(), 120);
    let read = parse_csv(&format_csv(&all));
    let mut imported = DataSpec::default();
    imported.import(read.points.clone());
    assert_eq!(imported.all_points(), all);
    assert_eq!(imported.class_count(), Some(4));
    let split = imported.split();
    assert_eq!(split.train.len() + split.test.len(), 120);
    assert!(imported.validate().is_ok());
}
