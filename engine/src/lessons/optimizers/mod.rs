//! Lesson `optimizers`: article 001 §4.2's update rules (GD, SGD, Adam; plus Momentum) racing
//! on one small least-squares problem whose second feature is scaled up, so plain GD zig-zags.

pub mod errata;
pub mod model;
pub mod walkthrough;

use super::kit::{ArticleFormula, CheckSpec, LessonDef, LessonTrace, SettingSpec, Values};
use crate::i18n::Text;

pub const ID: &str = "optimizers";

/// The racers, in the order of every per-optimiser vector.
pub const RACERS: [&str; 4] = ["gd", "sgd", "momentum", "adam"];

const START: Text = Text::new("起点", "Start");
const RATES: Text = Text::new("学习率", "Learning rates");
const MOMENTS: Text = Text::new("动量与 Adam", "Momentum and Adam");
const STATE: Text = Text::new("训练状态", "Training state");

/// The article gives the rules but no numbers: the defaults are the usual β₁ = 0.9,
/// β₂ = 0.999, ε = 10⁻⁸ and rates below each rule's stability limit on this data.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::number("start[0]", -2.0, -10.0, 10.0, START),
    SettingSpec::number("start[1]", 1.2, -10.0, 10.0, START),
    SettingSpec::positive("lr_gd", 0.02, 0.0, 10.0, RATES),
    SettingSpec::positive("lr_sgd", 0.004, 0.0, 10.0, RATES),
    SettingSpec::positive("lr_momentum", 0.004, 0.0, 10.0, RATES),
    SettingSpec::positive("lr_adam", 0.1, 0.0, 10.0, RATES),
    SettingSpec::number("momentum", 0.9, 0.0, 0.999, MOMENTS),
    SettingSpec::number("beta1", 0.9, 0.0, 0.999, MOMENTS),
    SettingSpec::number("beta2", 0.999, 0.0, 0.999_999, MOMENTS),
    SettingSpec::positive("eps", 1e-8, 0.0, 1.0, MOMENTS),
    SettingSpec::integer("seed", 1.0, 0.0, 1e6, MOMENTS),
    SettingSpec::integer("t", 0.0, 0.0, 1e9, STATE).hidden(),
    // Positions default to the start so a drawn path begins there; at t = 0 the trace reads
    // the start settings anyway, in case the learner moved them.
    SettingSpec::number("gd[0]", -2.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("gd[1]", 1.2, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("sgd[0]", -2.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("sgd[1]", 1.2, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("momentum[0]", -2.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("momentum[1]", 1.2, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("adam[0]", -2.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("adam[1]", 1.2, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("vel[0]", 0.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("vel[1]", 0.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("m[0]", 0.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("m[1]", 0.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("v[0]", 0.0, 0.0, f64::MAX, STATE).hidden(),
    SettingSpec::number("v[1]", 0.0, 0.0, f64::MAX, STATE).hidden(),
    super::kit::breaks::SIGN_ONLY,
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

/// The article's formulas for this example, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "§4.2",
        article: r"v_t = \beta_2 v_{t-1} + (1 - \beta_2) \nabla_\theta^2 J(\theta; x^{(t)}, y^{(t)})",
        ours: r"v_t = \beta_2 v_{t-1} + (1 - \beta_2) \left(\nabla_\theta J\right)^2",
        note: Text::new(
            "∇² 是二阶导数（Hessian）；Adam 用的是梯度的平方（逐元素）。",
            "∇² is the second derivative (the Hessian); Adam uses the square of the gradient, element-wise.",
        ),
    },
    ArticleFormula {
        section: "§4.2",
        article: r"\theta_{t+1} = \theta_{t} - \alpha \cdot \frac{m_t}{\sqrt{v_t} + \epsilon}",
        ours: r"\hat{m}_t = \frac{m_t}{1 - \beta_1^t}, \quad \hat{v}_t = \frac{v_t}{1 - \beta_2^t}, \quad \theta_{t+1} = \theta_t - \alpha \frac{\hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon}",
        note: Text::new(
            "少了偏差校正：前几步的 m、v 偏向 0，步长会失真。",
            "Bias correction is missing: early m and v are biased toward 0 and the step size is off.",
        ),
    },
    ArticleFormula {
        section: "§4.2",
        article: r"\theta_{t+1} = \theta_{t} - \alpha \cdot \nabla_\theta J(\theta; x^{(t)}, y^{(t)})",
        ours: r"\theta_{t+1} = \theta_t - \alpha \nabla_\theta J(\theta; x^{(t)}, y^{(t)})",
        note: Text::new(
            "SGD 的这一条是对的：每步只用一个样本的梯度。",
            "The SGD rule is right: each step uses one sample's gradient.",
        ),
    },
];

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "001_5028b7b2186777f3.txt",
    settings: SETTINGS,
    formulas: FORMULAS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: None,
    article_values,
    gradcheck: Some(CheckSpec {
        targets: check_targets,
        nudge: |v, name, delta| v.put(name, v.get(name) + delta),
    }),
};

/// The gradient check moves Adam's position (the start before the first step, which is where
/// every racer stands then): the trace's loss is Adam's full-batch J.
fn check_targets(v: &Values, t: &LessonTrace) -> Vec<(String, f64)> {
    let grad = t
        .quantity("adam")
        .and_then(|q| q.grad.as_ref())
        .map(|g| g.flat())
        .unwrap_or_default();
    let base = if v.get("t") == 0.0 { "start" } else { "adam" };
    grad.iter()
        .enumerate()
        .map(|(i, g)| (format!("{base}[{i}]"), *g))
        .collect()
}
