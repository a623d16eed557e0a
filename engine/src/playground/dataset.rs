//! The data a run trains on: a generated set, the learner's own edits, and the train/test split.

use super::csv::MAX_ROWS;
use super::data::{
    DatasetKind, MAX_CLASSES, Point, RADIUS, generate_classes, is_class, plane_target,
};
use super::error::PlaygroundError;
use crate::base::rng::SplitMix64;
use crate::i18n::Text;

/// Most points the learner may add by hand (keeps links short).
pub const MAX_ADDED: usize = 200;
pub const MIN_POINTS: usize = 10;
pub const MAX_POINTS: usize = 1000;

/// Everything that decides the data: regenerating from it gives the same points.
#[derive(Clone, Debug, PartialEq)]
pub struct DataSpec {
    pub kind: DatasetKind,
    /// How many points to generate.
    pub points: usize,
    /// Noise in percent, 0–50.
    pub noise_pct: u32,
    /// Share of the generated points used for training, in percent, 10–90.
    pub train_pct: u32,
    pub seed: u64,
    /// The learner's points; they always train (the learner adds them to teach the network).
    pub added: Vec<Point>,
    /// Generated points the learner removed, by index, ascending.
    pub removed: Vec<usize>,
    /// Classes of the sets that offer a choice ([`DatasetKind::has_class_choice`]), 2–5.
    pub classes: usize,
    /// The learner's imported points (CSV): the data of [`DatasetKind::Csv`], kept when the
    /// learner tries another set meanwhile.
    pub imported: Vec<Point>,
}

impl Default for DataSpec {
    fn default() -> DataSpec {
        DataSpec {
            kind: DatasetKind::Circle,
            points: 500,
            noise_pct: 0,
            train_pct: 50,
            seed: 1,
            added: vec![],
            removed: vec![],
            classes: 3,
            imported: vec![],
        }
    }
}

/// The data split into the two sets a run uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    pub train: Vec<Point>,
    pub test: Vec<Point>,
}

fn err(zh: &'static str, en: &'static str, detail: impl AsRef<str>) -> PlaygroundError {
    PlaygroundError::new(Text::new(zh, en), detail)
}

impl DataSpec {
    /// Refuses settings outside the ranges the page offers.
    pub fn validate(&self) -> Result<(), PlaygroundError> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&self.points) {
            return Err(err(
                "点数须在 10 到 1000 之间",
                "The number of points must be 10 to 1000",
                self.points.to_string(),
            ));
        }
        if self.noise_pct > 50 {
            return Err(err(
                "噪声须在 0% 到 50% 之间",
                "Noise must be 0 % to 50 %",
                self.noise_pct.to_string(),
            ));
        }
        if !(10..=90).contains(&self.train_pct) {
            return Err(err(
                "训练集比例须在 10% 到 90% 之间",
                "The training share must be 10 % to 90 %",
                self.train_pct.to_string(),
            ));
        }
        if !(2..=MAX_CLASSES).contains(&self.classes) {
            return Err(err(
                "类别数须在 2 到 5 之间",
                "The number of classes must be 2 to 5",
                self.classes.to_string(),
            ));
        }
        if self.imported.len() > MAX_ROWS {
            return Err(err(
                "导入的点太多（最多 5000 个）",
                "Too many imported points (5000 at most)",
                self.imported.len().to_string(),
            ));
        }
        for p in &self.imported {
            check_inside(p)?;
            if !is_class(p.label, MAX_CLASSES) {
                return Err(class_err(p.label));
            }
        }
        if self.kind == DatasetKind::Csv && self.imported.is_empty() {
            return Err(err("还没有导入数据", "No data has been imported yet", ""));
        }
        if self.added.len() > MAX_ADDED {
            return Err(err(
                "手动添加的点太多（最多 200 个）",
                "Too many added points (200 at most)",
                self.added.len().to_string(),
            ));
        }
        for p in &self.added {
            self.check_point(p)?;
        }
        let ascending = self.removed.windows(2).all(|w| w[0] < w[1]);
        if !ascending || self.removed.last().is_some_and(|&i| i >= self.source_len()) {
            return Err(err(
                "删除的点的编号无效",
                "Invalid removed-point indices",
                "",
            ));
        }
        Ok(())
    }

    /// The generated points (or the imported ones), before edits.
    pub fn generated(&self) -> Vec<Point> {
        if self.kind == DatasetKind::Csv {
            return self.imported.clone();
        }
        generate_classes(
            self.kind,
            self.points,
            f64::from(self.noise_pct) / 100.0,
            self.seed,
            self.classes,
        )
    }

    /// How many points [`DataSpec::generated`] gives.
    pub fn source_len(&self) -> usize {
        if self.kind == DatasetKind::Csv {
            self.imported.len()
        } else {
            self.points
        }
    }

    /// Classes of this data (labels 0 … k − 1); `None` for regression. Imported data has as
    /// many as its largest label + 1, at least 2.
    pub fn class_count(&self) -> Option<usize> {
        match self.kind {
            DatasetKind::Plane => None,
            DatasetKind::Blobs | DatasetKind::Arms => Some(self.classes),
            DatasetKind::Csv => Some(
                self.imported
                    .iter()
                    .map(|p| p.label as usize + 1)
                    .max()
                    .unwrap_or(2)
                    .clamp(2, MAX_CLASSES),
            ),
            DatasetKind::Circle | DatasetKind::Xor | DatasetKind::Gauss | DatasetKind::Spiral => {
                Some(2)
            }
        }
    }

    /// Every point the run uses, generated (or imported) points first in their order, then
    /// the learner's: what "export as CSV" writes.
    pub fn all_points(&self) -> Vec<Point> {
        let mut out: Vec<Point> = self
            .generated()
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.removed.binary_search(i).is_err())
            .map(|(_, p)| p)
            .collect();
        out.extend(self.added.iter().copied());
        out
    }

    /// After the data set or its classes changed: drops the learner's edits that no longer
    /// fit it (a class the set does not have, a removed index past its end).
    pub fn tidy(&mut self) {
        let added = std::mem::take(&mut self.added);
        self.added = added
            .into_iter()
            .filter(|p| self.check_point(p).is_ok())
            .collect();
        let n = self.source_len();
        self.removed.retain(|&i| i < n);
    }

    /// Replaces the data with imported points (the learner's edits of the old set go).
    pub fn import(&mut self, points: Vec<Point>) {
        self.kind = DatasetKind::Csv;
        self.imported = points;
        self.added.clear();
        self.removed.clear();
    }

    /// Train and test sets: the kept generated points are shuffled with the seed and the first
    /// `train_pct` % train; the learner's points are appended to the training set.
    pub fn split(&self) -> Split {
        let points = self.generated();
        let mut kept: Vec<Point> = points
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.removed.binary_search(i).is_err())
            .map(|(_, p)| p)
            .collect();
        shuffle(&mut kept, self.seed ^ 0x5EED_5911);
        let n_train = (kept.len() * self.train_pct as usize).div_ceil(100);
        let test = kept.split_off(n_train.min(kept.len()));
        kept.extend(self.added.iter().copied());
        Split { train: kept, test }
    }

    /// The point a click at (x, y) adds: of class `class` on a classification set; on the
    /// regression plane, the plane's own target at (x, y), so a clicked point lies on the same
    /// plane as the generated ones (the class is then ignored).
    pub fn point_at(&self, x: f64, y: f64, class: f64) -> Point {
        let label = match self.kind {
            DatasetKind::Plane => plane_target(x, y),
            _ => class,
        };
        Point { x, y, label }
    }

    /// Adds the learner's point at (x, y) with a class (0/1) or a regression target.
    pub fn add_point(&mut self, p: Point) -> Result<(), PlaygroundError> {
        self.check_point(&p)?;
        if self.added.len() >= MAX_ADDED {
            return Err(err(
                "手动添加的点太多（最多 200 个）",
                "Too many added points (200 at most)",
                "",
            ));
        }
        self.added.push(p);
        Ok(())
    }

    /// Removes the point nearest to (x, y), generated or added. Returns it, or `None` when no
    /// point is left.
    pub fn remove_nearest(&mut self, x: f64, y: f64) -> Option<Point> {
        if !x.is_finite() || !y.is_finite() {
            return None;
        }
        let d = |p: &Point| (p.x - x).powi(2) + (p.y - y).powi(2);
        let generated = self.generated();
        let best_gen = generated
            .iter()
            .enumerate()
            .filter(|(i, _)| self.removed.binary_search(i).is_err())
            .min_by(|a, b| d(a.1).total_cmp(&d(b.1)));
        let best_add = self
            .added
            .iter()
            .enumerate()
            .min_by(|a, b| d(a.1).total_cmp(&d(b.1)));
        match (best_gen, best_add) {
            (Some((gi, gp)), Some((_, ap))) if d(gp) < d(ap) => {
                let p = *gp;
                self.remove_generated(gi);
                Some(p)
            }
            (_, Some((ai, _))) => Some(self.added.remove(ai)),
            (Some((gi, gp)), None) => {
                let p = *gp;
                self.remove_generated(gi);
                Some(p)
            }
            (None, None) => None,
        }
    }

    fn remove_generated(&mut self, i: usize) {
        if let Err(at) = self.removed.binary_search(&i) {
            self.removed.insert(at, i);
        }
    }
}

impl DataSpec {
    /// A learner's point must lie in the square and carry a label this data understands.
    pub fn check_point(&self, p: &Point) -> Result<(), PlaygroundError> {
        check_inside(p)?;
        match self.class_count() {
            None if p.label.is_finite() && p.label.abs() <= 10.0 => Ok(()),
            None => Err(err(
                "回归目标须在 -10 到 10 之间",
                "A regression target must lie within -10 to 10",
                p.label.to_string(),
            )),
            Some(k) if is_class(p.label, k) => Ok(()),
            Some(2) => Err(err(
                "类别须为 0 或 1（回归目标须在 -10 到 10 之间）",
                "The class must be 0 or 1 (a regression target within -10 to 10)",
                p.label.to_string(),
            )),
            Some(_) => Err(class_err(p.label)),
        }
    }
}

fn class_err(label: f64) -> PlaygroundError {
    err(
        "类别须为小于类别数的整数（0 到 4）",
        "The class must be a whole number below the number of classes (0 to 4)",
        label.to_string(),
    )
}

fn check_inside(p: &Point) -> Result<(), PlaygroundError> {
    let inside = |v: f64| v.is_finite() && (-RADIUS..=RADIUS).contains(&v);
    if !inside(p.x) || !inside(p.y) {
        return Err(err(
            "点必须在 [-6, 6] × [-6, 6] 之内",
            "A point must lie in [-6, 6] × [-6, 6]",
            format!("{}, {}", p.x, p.y),
        ));
    }
    Ok(())
}

/// Fisher–Yates with the seeded generator.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = SplitMix64::new(seed);
    for i in (1..items.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}
