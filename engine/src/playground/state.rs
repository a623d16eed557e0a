//! The whole playground as a URL hash: `#/playground?d=circle&n=500&…`. Only letters, digits
//! and `= & , _ ~ . -` appear, so the text is hash-safe, and it is data only: every field is
//! parsed into numbers and names from fixed lists, so nothing in it can reach the page as markup.
//! Imported points travel packed ([`super::pack`]); when they are too many for a link, the
//! link says so (`csv=-`) and the page tells the learner.

use super::data::{DatasetKind, Point};
use super::dataset::DataSpec;
use super::error::PlaygroundError;
use super::features::Feature;
use super::head::Head;
use super::net::{LayerWeights, Weights};
use super::spec::{Activation, NetSpec, Optimizer, Regularization};
use crate::i18n::Text;

/// Longest state accepted (the largest network with 200 added points needs about 30 000, and
/// packed imported data up to [`super::pack::MAX_PACKED`] more).
pub const MAX_STATE_LEN: usize = 96 * 1024;
/// `csv=` of a link whose imported points were too many to carry.
const LEFT_OUT: &str = "-";
const ROUTE: &str = "#/playground?";

/// Everything a shared link reproduces.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PlaygroundState {
    pub net: NetSpec,
    pub data: DataSpec,
    /// Set when the learner edited or trained weights that should travel with the link.
    pub weights: Option<Weights>,
}

impl PlaygroundState {
    /// The output layer and loss this state trains with.
    pub fn head(&self) -> Head {
        Head::of(&self.net, &self.data)
    }

    /// Layer widths, the features first, the head's outputs last.
    pub fn widths(&self) -> Vec<usize> {
        self.net.widths_for(self.head().outputs())
    }

    pub fn validate(&self) -> Result<(), PlaygroundError> {
        self.net.validate()?;
        self.data.validate()?;
        if let Some(w) = &self.weights
            && (!w.fits(&self.widths()) || !w.all_finite())
        {
            return Err(bad("weights do not fit the network"));
        }
        Ok(())
    }
}

fn bad(detail: &str) -> PlaygroundError {
    PlaygroundError::new(
        Text::new("链接中的设置无效", "The settings in the link are invalid"),
        detail,
    )
}

/// Shortest text that parses back to the same f64 (`{:e}` keeps huge and tiny values short).
fn num(v: f64) -> String {
    format!("{v:e}")
}

fn list<T>(items: &[T], f: impl Fn(&T) -> String, sep: &str) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(sep)
}

/// A state's link, and whether its imported points had to stay out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub hash: String,
    /// The packed points' length when they were too long for the link (over
    /// [`super::pack::MAX_PACKED`]); `None` when the link carries everything.
    pub data_left_out: Option<usize>,
}

pub fn to_hash(s: &PlaygroundState) -> String {
    link(s).hash
}

/// The link of a state. Keys the default state leaves out (`k`, `out`, `csv`) are written only
/// when they differ from it, so links made before they existed read the same.
pub fn link(s: &PlaygroundState) -> Link {
    let (n, d) = (&s.net, &s.data);
    let mut parts = vec![
        format!("d={}", d.kind.name()),
        format!("n={}", d.points),
        format!("noise={}", d.noise_pct),
        format!("train={}", d.train_pct),
        format!("dseed={}", d.seed),
        format!("f={}", list(&n.features, |f| f.name().to_string(), ",")),
        format!("h={}", list(&n.hidden, |h| h.to_string(), ",")),
        format!("act={}", n.activation.name()),
        format!("reg={}", n.regularization.name()),
        format!("rr={}", num(n.reg_rate)),
        format!("lr={}", num(n.learning_rate)),
        format!("bs={}", n.batch_size),
        format!("opt={}", n.optimizer.name()),
        format!("seed={}", n.seed),
    ];
    if !d.added.is_empty() {
        let p = |p: &Point| format!("{}_{}_{}", num(p.x), num(p.y), num(p.label));
        parts.push(format!("add={}", list(&d.added, p, ",")));
    }
    if !d.removed.is_empty() {
        parts.push(format!("rm={}", list(&d.removed, |i| i.to_string(), ",")));
    }
    if d.classes != DataSpec::default().classes {
        parts.push(format!("k={}", d.classes));
    }
    if n.softmax {
        parts.push("out=softmax".into());
    }
    let mut data_left_out = None;
    if !d.imported.is_empty() {
        let packed = super::pack::pack(&d.imported);
        if packed.len() > super::pack::MAX_PACKED {
            data_left_out = Some(packed.len());
            parts.push(format!("csv={LEFT_OUT}"));
        } else {
            parts.push(format!("csv={packed}"));
        }
    }
    if let Some(w) = &s.weights {
        let layer_w = |l: &LayerWeights| list(&l.w.concat(), |v| num(*v), ",");
        let layer_b = |l: &LayerWeights| list(&l.b, |v| num(*v), ",");
        parts.push(format!("w={}", list(&w.layers, layer_w, "~")));
        parts.push(format!("b={}", list(&w.layers, layer_b, "~")));
    }
    Link {
        hash: format!("{ROUTE}{}", parts.join("&")),
        data_left_out,
    }
}

fn parse_f64(t: &str) -> Result<f64, PlaygroundError> {
    // Rust's parser also takes "inf" and "NaN"; only finite numbers are data here.
    let ok = !t.is_empty()
        && t.len() <= 40
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    let v: f64 = if ok { t.parse().ok() } else { None }.ok_or_else(|| bad(t))?;
    if v.is_finite() { Ok(v) } else { Err(bad(t)) }
}

fn parse_int<T: std::str::FromStr>(t: &str) -> Result<T, PlaygroundError> {
    if t.is_empty() || t.len() > 20 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(t));
    }
    t.parse().map_err(|_| bad(t))
}

fn parse_list<T>(
    t: &str,
    sep: char,
    f: impl Fn(&str) -> Result<T, PlaygroundError>,
) -> Result<Vec<T>, PlaygroundError> {
    if t.is_empty() {
        return Ok(vec![]);
    }
    t.split(sep).map(f).collect()
}

fn named<T>(t: &str, f: impl Fn(&str) -> Option<T>) -> Result<T, PlaygroundError> {
    f(t).ok_or_else(|| bad(t))
}

/// Reads a state written by [`to_hash`] (with or without the `#/playground?` route). Refuses
/// over-long, malformed, duplicated, unknown or out-of-range fields with a message; never panics.
pub fn from_hash(hash: &str) -> Result<PlaygroundState, PlaygroundError> {
    if hash.len() > MAX_STATE_LEN {
        return Err(bad("too long"));
    }
    let text = crate::state::hash::percent_decode(hash).map_err(|_| bad("escape"))?;
    let body = text.strip_prefix('#').unwrap_or(&text);
    let body = body.strip_prefix("/playground").unwrap_or(body);
    let body = body.strip_prefix('?').unwrap_or(body);
    let mut s = PlaygroundState::default();
    let mut seen: Vec<&str> = vec![];
    let (mut w_text, mut b_text) = (None, None);
    for part in body.split('&').filter(|p| !p.is_empty()) {
        let (key, v) = part.split_once('=').ok_or_else(|| bad(part))?;
        if seen.contains(&key) {
            return Err(bad(key));
        }
        seen.push(key);
        let (n, d) = (&mut s.net, &mut s.data);
        match key {
            "d" => d.kind = named(v, DatasetKind::from_name)?,
            "n" => d.points = parse_int(v)?,
            "noise" => d.noise_pct = parse_int(v)?,
            "train" => d.train_pct = parse_int(v)?,
            "dseed" => d.seed = parse_int(v)?,
            "f" => n.features = parse_list(v, ',', |t| named(t, Feature::from_name))?,
            "h" => n.hidden = parse_list(v, ',', parse_int)?,
            "act" => n.activation = named(v, Activation::from_name)?,
            "reg" => n.regularization = named(v, Regularization::from_name)?,
            "rr" => n.reg_rate = parse_f64(v)?,
            "lr" => n.learning_rate = parse_f64(v)?,
            "bs" => n.batch_size = parse_int(v)?,
            "opt" => n.optimizer = named(v, Optimizer::from_name)?,
            "seed" => n.seed = parse_int(v)?,
            "add" => d.added = parse_list(v, ',', parse_point)?,
            "rm" => d.removed = parse_list(v, ',', parse_int)?,
            "k" => d.classes = parse_int(v)?,
            "out" if v == "softmax" => n.softmax = true,
            "csv" if v == LEFT_OUT => {
                return Err(PlaygroundError::new(
                    Text::new(
                        "这个链接的数据是导入的 CSV，点太多，链接装不下：请重新导入那个 CSV 文件",
                        "This link's data was an imported CSV too large to travel in a link: import the CSV file again",
                    ),
                    "",
                ));
            }
            "csv" => d.imported = super::pack::unpack(v)?,
            "w" => w_text = Some(v),
            "b" => b_text = Some(v),
            _ => return Err(bad(key)),
        }
        // Cheap guards before the list checks in validate: sizes a link could inflate.
        if s.net.features.len() > Feature::ALL.len() || s.net.hidden.len() > 6 {
            return Err(bad(key));
        }
    }
    s.weights = match (w_text, b_text) {
        (None, None) => None,
        (Some(w), Some(b)) => Some(parse_weights(w, b, &s.widths())?),
        _ => return Err(bad("w and b go together")),
    };
    s.validate()?;
    Ok(s)
}

fn parse_point(t: &str) -> Result<Point, PlaygroundError> {
    let v = parse_list(t, '_', parse_f64)?;
    match v.as_slice() {
        [x, y, label] => Ok(Point {
            x: *x,
            y: *y,
            label: *label,
        }),
        _ => Err(bad(t)),
    }
}

fn parse_weights(w: &str, b: &str, widths: &[usize]) -> Result<Weights, PlaygroundError> {
    let ws: Vec<&str> = w.split('~').collect();
    let bs: Vec<&str> = b.split('~').collect();
    if ws.len() + 1 != widths.len() || bs.len() + 1 != widths.len() {
        return Err(bad("weights: layer count"));
    }
    let mut layers = vec![];
    for ((wt, bt), p) in ws.iter().zip(&bs).zip(widths.windows(2)) {
        let flat = parse_list(wt, ',', parse_f64)?;
        let bias = parse_list(bt, ',', parse_f64)?;
        if flat.len() != p[0] * p[1] || bias.len() != p[1] {
            return Err(bad("weights: layer size"));
        }
        layers.push(LayerWeights {
            w: flat.chunks(p[1]).map(<[f64]>::to_vec).collect(),
            b: bias,
        });
    }
    Ok(Weights { layers })
}
