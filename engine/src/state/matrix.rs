//! Settings that form a matrix (`WQ[0][0]` … `WQ[2][3]`) and a whole matrix pasted as text.

use crate::i18n::Lang;
use crate::state::number::{InputError, parse_number};

/// `("WQ", 1, 2)` for `WQ[1][2]`; `None` for any other name.
pub fn matrix_cell(name: &str) -> Option<(&str, usize, usize)> {
    let (base, rest) = name.split_once('[')?;
    let (row, rest) = rest.split_once("][")?;
    let col = rest.strip_suffix(']')?;
    if base.is_empty() || col.contains(['[', ']']) {
        return None;
    }
    Some((base, row.parse().ok()?, col.parse().ok()?))
}

/// A matrix among a list of settings: its name, shape, and the index of each cell's setting
/// in the list, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixShape {
    pub base: String,
    pub rows: usize,
    pub cols: usize,
    pub cells: Vec<usize>,
}

/// A cell's row, column, and index in the list of settings.
type Cell = (usize, usize, usize);

/// The matrices among `names` whose every cell is there (a ragged or partial set stays as
/// single settings), in the order of their first cell. Vectors (`p[0]`) are not matrices.
pub fn matrices<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<MatrixShape> {
    let mut found: Vec<(String, Vec<Cell>)> = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let Some((base, r, c)) = matrix_cell(name) else {
            continue;
        };
        match found.iter_mut().find(|(b, _)| b == base) {
            Some((_, cells)) => cells.push((r, c, i)),
            None => found.push((base.to_string(), vec![(r, c, i)])),
        }
    }
    found
        .into_iter()
        .filter_map(|(base, cells)| {
            let rows = cells.iter().map(|(r, _, _)| r + 1).max()?;
            let cols = cells.iter().map(|(_, c, _)| c + 1).max()?;
            let mut index = vec![None; rows * cols];
            for (r, c, i) in cells {
                index[r * cols + c] = Some(i);
            }
            let cells: Option<Vec<usize>> = index.into_iter().collect();
            Some(MatrixShape {
                base,
                rows,
                cols,
                cells: cells?,
            })
        })
        .collect()
}

/// Why a pasted matrix was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum MatrixError {
    Empty,
    Rows {
        found: usize,
        expected: usize,
    },
    Cols {
        row: usize,
        found: usize,
        expected: usize,
    },
    Number {
        row: usize,
        col: usize,
        error: InputError,
    },
    /// A block pasted into one cell runs past the matrix's edge (rows and columns from 1).
    Overflow {
        rows: usize,
        cols: usize,
        row: usize,
        col: usize,
    },
}

impl MatrixError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MatrixError::Empty, Lang::Zh) => "没有粘贴任何数。".into(),
            (MatrixError::Empty, Lang::En) => "Nothing was pasted.".into(),
            (MatrixError::Rows { found, expected }, Lang::Zh) => {
                format!("需要 {expected} 行，粘贴的是 {found} 行。")
            }
            (MatrixError::Rows { found, expected }, Lang::En) => {
                format!("{expected} rows are needed; the text has {found}.")
            }
            (
                MatrixError::Cols {
                    row,
                    found,
                    expected,
                },
                Lang::Zh,
            ) => format!("第 {row} 行需要 {expected} 个数，粘贴的是 {found} 个。"),
            (
                MatrixError::Cols {
                    row,
                    found,
                    expected,
                },
                Lang::En,
            ) => format!("Row {row} needs {expected} numbers; the text has {found}."),
            (MatrixError::Number { row, col, error }, Lang::Zh) => {
                format!("第 {row} 行第 {col} 列：{}", error.message(lang))
            }
            (MatrixError::Number { row, col, error }, Lang::En) => {
                format!("Row {row}, column {col}: {}", error.message(lang))
            }
            (
                MatrixError::Overflow {
                    rows,
                    cols,
                    row,
                    col,
                },
                Lang::Zh,
            ) => format!("粘贴的 {rows}×{cols} 块从第 {row} 行第 {col} 列放不下，超出了矩阵。"),
            (
                MatrixError::Overflow {
                    rows,
                    cols,
                    row,
                    col,
                },
                Lang::En,
            ) => format!(
                "The pasted {rows}×{cols} block does not fit from row {row}, column {col}: it runs past the matrix's edge."
            ),
        }
    }
}

/// A `rows × cols` matrix from text as people copy it: one row a line (or rows separated by
/// `;`, or NumPy's `[[1, 2], [3, 4]]`), numbers separated by spaces, tabs or commas (so the
/// decimal mark is a point here). Each number is read as a typed field reads it; the first
/// problem is reported with its row and column, counted from 1.
pub fn parse_matrix(text: &str, rows: usize, cols: usize) -> Result<Vec<f64>, MatrixError> {
    let lines = words(text);
    if lines.is_empty() {
        return Err(MatrixError::Empty);
    }
    // One line holding every number: a matrix written out in row order.
    let lines = if lines.len() == 1 && rows > 1 && lines[0].len() == rows * cols {
        lines[0].chunks(cols).map(<[String]>::to_vec).collect()
    } else {
        lines
    };
    if lines.len() != rows {
        return Err(MatrixError::Rows {
            found: lines.len(),
            expected: rows,
        });
    }
    let mut values = Vec::with_capacity(rows * cols);
    for (r, line) in lines.iter().enumerate() {
        if line.len() != cols {
            return Err(MatrixError::Cols {
                row: r + 1,
                found: line.len(),
                expected: cols,
            });
        }
        for (c, cell) in line.iter().enumerate() {
            let v = parse_number(cell).map_err(|error| MatrixError::Number {
                row: r + 1,
                col: c + 1,
                error,
            })?;
            values.push(v);
        }
    }
    Ok(values)
}

/// Pasted text's numbers as written, line by line: rows split at new lines or `;` (NumPy's
/// `],` too), numbers at spaces, tabs or commas; empty lines dropped.
fn words(text: &str) -> Vec<Vec<String>> {
    let flat = text.replace("],", "]\n").replace(['[', ']'], " ");
    flat.split(['\n', ';'])
        .map(|line| {
            line.split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect::<Vec<String>>()
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// Text pasted into the cell at `(row, col)` (from 0) of a `rows × cols` matrix, as a
/// spreadsheet takes it: a block of numbers fills the cells from there rightwards and down.
/// `Ok(None)` for one number or none (the cell's own field reads it); otherwise each cell's
/// index (row by row) and value, or the first problem (rows and columns from 1, counted in
/// the matrix). A block that runs past the edge changes nothing.
pub fn paste_at(
    text: &str,
    (row, col): (usize, usize),
    rows: usize,
    cols: usize,
) -> Result<Option<Vec<(usize, f64)>>, MatrixError> {
    let lines = words(text);
    if lines.iter().map(Vec::len).sum::<usize>() < 2 {
        return Ok(None);
    }
    let width = lines.iter().map(Vec::len).max().unwrap_or(0);
    if row + lines.len() > rows || col + width > cols {
        return Err(MatrixError::Overflow {
            rows: lines.len(),
            cols: width,
            row: row + 1,
            col: col + 1,
        });
    }
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for (j, cell) in line.iter().enumerate() {
            let (r, c) = (row + i, col + j);
            let v = parse_number(cell).map_err(|error| MatrixError::Number {
                row: r + 1,
                col: c + 1,
                error,
            })?;
            out.push((r * cols + c, v));
        }
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_base_row_col() {
        assert_eq!(matrix_cell("WQ[1][2]"), Some(("WQ", 1, 2)));
        assert_eq!(matrix_cell("W1[0][0]"), Some(("W1", 0, 0)));
        for name in ["p[0]", "lr", "W[1][2][3]", "[0][1]", "W[a][1]", "W[1][2]x"] {
            assert_eq!(matrix_cell(name), None, "{name}");
        }
    }

    #[test]
    fn only_complete_matrices_are_found() {
        let names = [
            "x[0]", "W[0][0]", "W[0][1]", "W[1][0]", "W[1][1]", "lr", "V[0][0]", "V[1][1]",
        ];
        let found = matrices(names);
        assert_eq!(
            found,
            [MatrixShape {
                base: "W".into(),
                rows: 2,
                cols: 2,
                cells: vec![1, 2, 3, 4],
            }],
            "V lacks two cells"
        );
        // Cells listed column by column still land row by row.
        let found = matrices(["A[0][0]", "A[1][0]", "A[0][1]", "A[1][1]"]);
        assert_eq!(found[0].cells, vec![0, 2, 1, 3]);
    }

    #[test]
    fn pasted_text_in_the_usual_shapes() {
        let want = vec![1.0, -2.0, 0.5, 3.0, 4.0, -0.25];
        for text in [
            "1 -2 0.5\n3 4 -0.25",
            "1\t−2\t0.5\r\n3\t4\t-0.25\n",
            "1, -2, 0.5; 3, 4, -0.25",
            "[[1, -2, 0.5], [3, 4, -0.25]]",
            "1 -2 0.5 3 4 -0.25",
            "\n  1 -2 0.5\n\n3 4 -0.25  \n",
        ] {
            assert_eq!(parse_matrix(text, 2, 3), Ok(want.clone()), "{text:?}");
        }
    }

    #[test]
    fn a_bad_paste_says_where() {
        assert_eq!(parse_matrix("  \n ", 2, 2), Err(MatrixError::Empty));
        assert_eq!(
            parse_matrix("1 2\n3 4\n5 6", 2, 2),
            Err(MatrixError::Rows {
                found: 3,
                expected: 2
            })
        );
        assert_eq!(
            parse_matrix("1 2\n3", 2, 2),
            Err(MatrixError::Cols {
                row: 2,
                found: 1,
                expected: 2
            })
        );
        let e = parse_matrix("1 2\n3 abc", 2, 2).unwrap_err();
        assert!(
            matches!(e, MatrixError::Number { row: 2, col: 2, .. }),
            "{e:?}"
        );
        assert!(
            e.message(Lang::En).contains("abc"),
            "{}",
            e.message(Lang::En)
        );
        assert!(e.message(Lang::Zh).starts_with("第 2 行第 2 列"));
        assert!(matches!(
            parse_matrix("1 NaN\n3 4", 2, 2),
            Err(MatrixError::Number {
                error: InputError::NotFinite,
                ..
            })
        ));
    }

    /// A block pasted into one cell fills rightwards and down like a spreadsheet; one number
    /// is left to the cell's field; a block past the edge or a bad number changes nothing.
    #[test]
    fn a_block_pasted_into_a_cell() {
        // Into (1, 1) of a 3×4 matrix: indices row by row, 4 per row.
        assert_eq!(
            paste_at("1\t2\n3\t4", (1, 1), 3, 4),
            Ok(Some(vec![(5, 1.0), (6, 2.0), (9, 3.0), (10, 4.0)]))
        );
        // A copied spreadsheet row, ragged lines allowed where they fit.
        assert_eq!(
            paste_at("0.5, -1, 2e1\n7", (0, 1), 3, 4),
            Ok(Some(vec![(1, 0.5), (2, -1.0), (3, 20.0), (5, 7.0)]))
        );
        assert_eq!(paste_at("3.5", (0, 0), 2, 2), Ok(None));
        assert_eq!(paste_at("  ", (0, 0), 2, 2), Ok(None));
        let e = paste_at("1 2 3", (0, 1), 2, 3).unwrap_err();
        assert_eq!(
            e,
            MatrixError::Overflow {
                rows: 1,
                cols: 3,
                row: 1,
                col: 2
            }
        );
        assert!(
            e.message(Lang::En).contains("row 1, column 2"),
            "{}",
            e.message(Lang::En)
        );
        assert!(e.message(Lang::Zh).contains("第 1 行第 2 列"));
        assert!(matches!(
            paste_at("1 2\n3 x", (0, 0), 2, 2),
            Err(MatrixError::Number { row: 2, col: 2, .. })
        ));
        assert!(matches!(
            paste_at("1\n2\n3", (0, 0), 2, 2),
            Err(MatrixError::Overflow { rows: 3, .. })
        ));
    }
}
