//! A tensor value as the views and the JSON trace see it: a number or nested arrays.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Scalar(f64),
    Vector(Vec<f64>),
    Matrix(Vec<Vec<f64>>),
}

impl Value {
    /// Every entry, row by row.
    pub fn flat(&self) -> Vec<f64> {
        match self {
            Value::Scalar(v) => vec![*v],
            Value::Vector(v) => v.clone(),
            Value::Matrix(m) => m.iter().flatten().copied().collect(),
        }
    }

    pub fn all_finite(&self) -> bool {
        self.flat().iter().all(|v| v.is_finite())
    }

    /// One entry by indices: `[]` for a scalar, `[i]` for a vector, `[i, j]` for a matrix.
    pub fn entry(&self, idx: &[usize]) -> Option<f64> {
        match (self, idx) {
            (Value::Scalar(x), []) => Some(*x),
            (Value::Vector(x), [i]) => x.get(*i).copied(),
            (Value::Matrix(m), [i, j]) => m.get(*i)?.get(*j).copied(),
            _ => None,
        }
    }
}

/// An entry's name split into the quantity and its indices: `W1[0][1]` → (`W1`, [0, 1]).
pub fn split_entry_name(name: &str) -> Option<(&str, Vec<usize>)> {
    let base_end = name.find('[').unwrap_or(name.len());
    let (base, mut rest) = name.split_at(base_end);
    let mut idx = Vec::new();
    while let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        idx.push(inner[..close].trim().parse().ok()?);
        rest = &inner[close + 1..];
    }
    rest.is_empty().then_some((base, idx))
}

/// Turns `rows * cols` floats read back from a tensor into a matrix.
pub fn matrix(flat: &[f32], cols: usize) -> Value {
    Value::Matrix(
        flat.chunks(cols)
            .map(|row| row.iter().map(|&v| f64::from(v)).collect())
            .collect(),
    )
}

pub fn vector(flat: &[f32]) -> Value {
    Value::Vector(flat.iter().map(|&v| f64::from(v)).collect())
}

pub fn scalar(flat: &[f32]) -> Value {
    Value::Scalar(flat.first().copied().map(f64::from).unwrap_or(f64::NAN))
}
