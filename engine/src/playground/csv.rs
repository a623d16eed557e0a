//! The learner's own data as CSV: `x,y,label` rows, read row by row (a bad row is reported by
//! its line number and why, the good rows are kept) and written back so that reading the
//! written text gives the same points, bit for bit.

use super::data::{MAX_CLASSES, Point, RADIUS, is_class};
use crate::i18n::Lang;

/// Most rows one import keeps; later rows are reported, not used.
pub const MAX_ROWS: usize = 5000;
/// Largest text read (a 5000-row file of full-precision numbers is about 250 kB).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// Why a row was not used. Columns count from 1 (x, y, label).
#[derive(Clone, Debug, PartialEq)]
pub enum RowProblem {
    /// The row has this many columns instead of 3.
    Columns(usize),
    NotANumber {
        column: usize,
    },
    /// NaN or ±infinity (also a number too large for f64, such as 1e999).
    NotFinite {
        column: usize,
    },
    /// x or y outside [−6, 6].
    OutOfRange {
        column: usize,
    },
    /// The label is a number but not a class 0 … 4.
    BadClass,
    /// Beyond [`MAX_ROWS`] good rows: this line and every later one were left out.
    TooMany,
    /// The whole text is over [`MAX_BYTES`] (line 0).
    TooLarge,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RowIssue {
    /// 1-based line number in the text.
    pub line: usize,
    pub problem: RowProblem,
    /// The offending field, cut to 24 characters ('' when the row as a whole is wrong).
    pub field: String,
}

/// What an import kept and what it refused.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CsvImport {
    pub points: Vec<Point>,
    pub issues: Vec<RowIssue>,
    /// True when line 1 was read as a header (`x,y,label` or any other names).
    pub header: bool,
}

fn column_name(column: usize, lang: Lang) -> &'static str {
    match (column, lang) {
        (1, _) => "x",
        (2, _) => "y",
        (_, Lang::Zh) => "类别",
        (_, Lang::En) => "the label",
    }
}

impl RowIssue {
    /// The message the page shows, naming the line and the reason.
    pub fn message(&self, lang: Lang) -> String {
        let (l, f) = (self.line, &self.field);
        match (&self.problem, lang) {
            (RowProblem::Columns(n), Lang::Zh) => {
                format!("第 {l} 行：应有 3 列（x, y, 类别），实际有 {n} 列")
            }
            (RowProblem::Columns(n), Lang::En) => {
                format!("Line {l}: expected 3 columns (x, y, label), found {n}")
            }
            (RowProblem::NotANumber { column }, Lang::Zh) => {
                format!("第 {l} 行：{}不是数字：“{f}”", column_name(*column, lang))
            }
            (RowProblem::NotANumber { column }, Lang::En) => {
                format!(
                    "Line {l}: {} is not a number: “{f}”",
                    column_name(*column, lang)
                )
            }
            (RowProblem::NotFinite { column }, Lang::Zh) => {
                format!(
                    "第 {l} 行：{}必须是有限的数，而不是“{f}”",
                    column_name(*column, lang)
                )
            }
            (RowProblem::NotFinite { column }, Lang::En) => format!(
                "Line {l}: {} must be a finite number, not “{f}”",
                column_name(*column, lang)
            ),
            (RowProblem::OutOfRange { column }, Lang::Zh) => format!(
                "第 {l} 行：{} = {f} 超出范围 [-6, 6]",
                column_name(*column, lang)
            ),
            (RowProblem::OutOfRange { column }, Lang::En) => format!(
                "Line {l}: {} = {f} lies outside [-6, 6]",
                column_name(*column, lang)
            ),
            (RowProblem::BadClass, Lang::Zh) => {
                format!("第 {l} 行：类别“{f}”无效（须为 0 到 4 的整数）")
            }
            (RowProblem::BadClass, Lang::En) => {
                format!("Line {l}: the label “{f}” is not a class (a whole number 0 to 4)")
            }
            (RowProblem::TooMany, Lang::Zh) => {
                format!("第 {l} 行：最多使用 {MAX_ROWS} 行数据，此行及之后的行未使用")
            }
            (RowProblem::TooMany, Lang::En) => format!(
                "Line {l}: only {MAX_ROWS} rows are used; this line and those after it were left out"
            ),
            (RowProblem::TooLarge, Lang::Zh) => "文本超过 2 MB，没有读取".to_string(),
            (RowProblem::TooLarge, Lang::En) => {
                "The text is over 2 MB and was not read".to_string()
            }
        }
    }
}

/// The field as echoed in a message: at most 24 characters, control characters replaced.
fn echo(field: &str) -> String {
    field
        .chars()
        .take(24)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// One field: surrounding spaces and one pair of double quotes (spreadsheets add them) go.
fn clean(field: &str) -> &str {
    let t = field.trim();
    t.strip_prefix('"')
        .and_then(|u| u.strip_suffix('"'))
        .map_or(t, str::trim)
}

/// A number, or why not. Rust's parser also reads "inf" and "NaN": those are not data.
fn number(field: &str, column: usize) -> Result<f64, RowProblem> {
    let plain = !field.is_empty()
        && field.len() <= 64
        && field
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    match field.parse::<f64>() {
        Ok(v) if plain && v.is_finite() => Ok(v),
        Ok(_) => Err(RowProblem::NotFinite { column }),
        Err(_) => Err(RowProblem::NotANumber { column }),
    }
}

fn row(fields: &[&str]) -> Result<Point, (RowProblem, String)> {
    if fields.len() != 3 {
        return Err((RowProblem::Columns(fields.len()), String::new()));
    }
    let mut v = [0.0; 3];
    for (i, f) in fields.iter().enumerate() {
        v[i] = number(f, i + 1).map_err(|p| (p, echo(f)))?;
    }
    for (i, f) in fields.iter().take(2).enumerate() {
        if !(-RADIUS..=RADIUS).contains(&v[i]) {
            return Err((RowProblem::OutOfRange { column: i + 1 }, echo(f)));
        }
    }
    if !is_class(v[2], MAX_CLASSES) {
        return Err((RowProblem::BadClass, echo(fields[2])));
    }
    Ok(Point {
        x: v[0],
        y: v[1],
        label: v[2],
    })
}

/// A header names its columns: some field is a word, not a number.
fn is_header(fields: &[&str]) -> bool {
    fields
        .iter()
        .any(|f| f.parse::<f64>().is_err() && f.chars().any(char::is_alphabetic))
}

/// Reads `x,y,label` rows. Blank lines are skipped; line 1 may be a header (a row that is not
/// data and has a letter in it); every other bad row is reported and skipped. Never panics.
pub fn parse_csv(text: &str) -> CsvImport {
    let mut out = CsvImport::default();
    if text.len() > MAX_BYTES {
        out.issues.push(RowIssue {
            line: 0,
            problem: RowProblem::TooLarge,
            field: String::new(),
        });
        return out;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, line) in text.split('\n').enumerate() {
        let line_no = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(clean).collect();
        match row(&fields) {
            Ok(_) if out.points.len() == MAX_ROWS => {
                out.issues.push(RowIssue {
                    line: line_no,
                    problem: RowProblem::TooMany,
                    field: String::new(),
                });
                break;
            }
            Ok(p) => out.points.push(p),
            Err(_) if line_no == 1 && is_header(&fields) => {
                out.header = true;
            }
            Err((problem, field)) => out.issues.push(RowIssue {
                line: line_no,
                problem,
                field,
            }),
        }
    }
    out
}

/// The points as CSV with a header, one `x,y,label` row each, every number written in its
/// shortest form that reads back to the same f64.
pub fn format_csv(points: &[Point]) -> String {
    let mut s = String::with_capacity(16 + points.len() * 24);
    s.push_str("x,y,label\n");
    for p in points {
        s.push_str(&format!("{},{},{}\n", p.x, p.y, p.label));
    }
    s
}
