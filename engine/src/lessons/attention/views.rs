//! The pictures: per head, who looks at whom (a line from each querying token to each token,
//! as wide as its weight), the score matrix and the attention weights as heatmaps (rows are
//! the querying token, columns the token looked at), and the output rows as a table.

use super::model::{AttnNumbers, Mat};
use super::setup::{D, TOKENS};
use crate::base::views::{Heatmap, Table, TokenLinks, View};
use crate::i18n::Text;
use crate::lessons::kit::shown::shown;

const SCORE_IDS: [&str; 2] = ["scores-1", "scores-2"];
const WEIGHT_IDS: [&str; 2] = ["weights-1", "weights-2"];
const LINK_IDS: [&str; 2] = ["links-1", "links-2"];

/// The title of a head's token-to-token picture.
fn links_title(heads: usize, head: usize) -> Text {
    match (heads, head) {
        (1, _) => Text::new(
            "谁关注谁：线越粗，注意力权重越大",
            "Who looks at whom: the wider the line, the larger the weight",
        ),
        (_, 0) => Text::new("头 1：谁关注谁", "Head 1: who looks at whom"),
        _ => Text::new("头 2：谁关注谁", "Head 2: who looks at whom"),
    }
}

fn labels() -> Vec<String> {
    TOKENS.iter().map(|t| t.to_string()).collect()
}

fn heatmap(id: &'static str, title: Text, cells: &Mat, lo: f64, hi: f64) -> Heatmap {
    Heatmap {
        id,
        title,
        col_labels: labels(),
        row_labels: labels(),
        extent: None,
        cells: cells.clone(),
        lo,
        hi,
        numbers: true,
        points: vec![],
    }
}

/// A colour scale symmetric about 0, so that the sign of a score reads at a glance.
fn symmetric(cells: &Mat) -> f64 {
    let m = cells.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    if m.is_finite() && m > 0.0 { m } else { 1.0 }
}

/// The titles of a head's score and weight maps (Text holds static strings: spelled out).
fn titles(heads: usize, head: usize) -> (Text, Text) {
    match (heads, head) {
        (1, _) => (
            Text::new("分数 S = QKᵀ/√d_k", "Scores S = QKᵀ/√d_k"),
            Text::new(
                "注意力权重 A = softmax(S)",
                "Attention weights A = softmax(S)",
            ),
        ),
        (_, 0) => (
            Text::new("头 1 的分数", "Head 1 scores"),
            Text::new("头 1 的注意力权重", "Head 1 attention weights"),
        ),
        _ => (
            Text::new("头 2 的分数", "Head 2 scores"),
            Text::new("头 2 的注意力权重", "Head 2 attention weights"),
        ),
    }
}

pub fn views(n: &AttnNumbers) -> Vec<View> {
    let mut out = Vec::new();
    for head in 0..n.heads {
        let r = symmetric(&n.s[head]);
        let (s_title, a_title) = titles(n.heads, head);
        out.push(View::Links(TokenLinks {
            id: LINK_IDS[head],
            title: links_title(n.heads, head),
            tokens: labels(),
            weights: n.a[head].clone(),
        }));
        out.push(View::Heatmap(heatmap(
            SCORE_IDS[head],
            s_title,
            &n.s[head],
            -r,
            r,
        )));
        out.push(View::Heatmap(heatmap(
            WEIGHT_IDS[head],
            a_title,
            &n.a[head],
            0.0,
            1.0,
        )));
    }
    out.push(View::Table(output_table(n)));
    out
}

/// Each token's output row beside its target.
fn output_table(n: &AttnNumbers) -> Table {
    let f = shown;
    let row = |m: &Mat, i: usize| {
        let items: Vec<String> = (0..D).map(|c| f(m[i][c])).collect();
        format!("[{}]", items.join(", "))
    };
    Table {
        id: "outputs",
        title: Text::new("每个词的输出", "Each token's output"),
        columns: vec![
            Text::new("词", "Token"),
            Text::new("输出 O", "Output O"),
            Text::new("目标 T", "Target T"),
        ],
        rows: TOKENS
            .iter()
            .enumerate()
            .map(|(i, t)| vec![t.to_string(), row(&n.o, i), row(&n.t, i)])
            .collect(),
    }
}
