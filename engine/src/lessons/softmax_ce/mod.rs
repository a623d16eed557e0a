//! Lesson `softmax-ce`: article 002 §Mathematical models 2, a two-class softmax with
//! cross-entropy on one sample: probabilities, each loss term, the gradient ŷ − y, and gradient
//! steps on the logits.

pub mod errata;
pub mod model;
pub mod setup;
pub mod walkthrough;

use self::model::{SPAN, SoftmaxNumbers, compute};
pub use self::setup::{K, SETTINGS, article_values};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub const ID: &str = "softmax-ce";

/// The article's formulas for this example, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "§Mathematical models 2",
        article: r"J(\theta) = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=1}^{K} y_k^{(i)} \log (\hat{y}_k^{(i)})",
        ours: r"L = -\sum_{k=1}^{2} y_k \ln \hat{y}_k, \quad \hat{y}_k = \frac{e^{z_k}}{e^{z_1} + e^{z_2}}, \quad \frac{\partial L}{\partial z_k} = \hat{y}_k - y_k",
        note: Text::new(
            "这一条是对的；本课对一个样本计算它（m = 1）。",
            "This one is right; the lesson computes it for one sample (m = 1).",
        ),
    },
    ArticleFormula {
        section: "§Mathematical models 2",
        article: r"\hat{y}_A = \frac{e^{\theta_0 + \theta_1 \cdot x_1}}{e^{\theta_0 + \theta_1 \cdot x_1} + e^{\theta_0 + \theta_1 \cdot x_2}}",
        ours: r"\hat{y}_A = \frac{e^{z_A}}{e^{z_A} + e^{z_B}}, \quad z_k = \theta_{0k} + \theta_{1k} x",
        note: Text::new(
            "两类共用 θ₀、θ₁，θ₀ 被约掉；每一类要有自己的参数，作用于同一个输入 x。",
            "Both classes share θ₀ and θ₁, so θ₀ cancels; each class needs its own parameters on the same input x.",
        ),
    },
    ArticleFormula {
        section: "§Mathematical models 2",
        article: r"J(\theta) = -\frac{1}{100} \sum_{i=1}^{100} \left(60 \cdot \log(\hat{y}_A^{(i)}) + 40 \cdot \log(\hat{y}_B^{(i)})\right)",
        ours: r"J = -\frac{1}{100} \sum_{i=1}^{100} \left(y_A^{(i)} \ln \hat{y}_A^{(i)} + y_B^{(i)} \ln \hat{y}_B^{(i)}\right)",
        note: Text::new(
            "文章把类别计数 60、40 放进了每个样本的项里，既把每类数了 100 次，又丢掉了每个样本自己的标签。",
            "The article puts the class counts 60 and 40 inside every sample's term: each class is counted 100 times and each sample's own label is lost.",
        ),
    },
];

pub const LESSON: LessonDef = lesson_def!("002_5db701f3b4928dee.txt", formulas: FORMULAS);

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    let label = |plain: &str, tex: &str| Formula::new().both(plain, tex);
    let quantity = |name: &str, label, role, value: &[f64]| Quantity {
        name: name.into(),
        label,
        role,
        value: Value::Vector(value.to_vec()),
        grad: None,
        updated: None,
    };
    let quantities = vec![
        quantity("y", label("y", "y"), Role::Input, &n.y),
        Quantity {
            grad: Some(Value::Vector(n.grad_z.clone())),
            updated: Some(Value::Vector(n.z_next.clone())),
            ..quantity("z", label("z", "z"), Role::Param, &n.z)
        },
        quantity("exp", label("eᶻ", "e^{z}"), Role::Node, &n.exp_z),
        Quantity {
            grad: Some(Value::Vector(n.grad_p.clone())),
            updated: Some(Value::Vector(n.p_next.clone())),
            ..quantity("p", label("ŷ", r"\hat{y}"), Role::Node, &n.p)
        },
        quantity("terms", label("ℓ", r"\ell"), Role::Node, &n.terms),
    ];
    let next = (0..K).map(|k| (format!("z[{k}]"), n.z_next[k])).collect();
    Ok(LessonTrace {
        loss: Some(n.loss),
        steps: walkthrough::steps(&n),
        quantities,
        metrics: vec![],
        views: vec![View::Table(term_table(&n)), View::Surface(surface(&n))],
        next,
        graph: Some(n.graph.clone()),
    })
}

/// The per-class breakdown: logit, e^z, probability, label, loss term and gradient.
fn term_table(n: &SoftmaxNumbers) -> Table {
    let f = shown;
    let t = |s: &'static str| Text::new(s, s);
    Table {
        id: "terms",
        title: Text::new("逐类分解", "Class by class"),
        columns: vec![
            Text::new("类别", "Class"),
            t("zₖ"),
            t("e^zₖ"),
            t("ŷₖ = softmax(z)ₖ"),
            t("yₖ"),
            t("−yₖ ln ŷₖ"),
            t("∂L/∂zₖ"),
        ],
        rows: (0..K)
            .map(|k| {
                vec![
                    ["A", "B"][k].to_string(),
                    f(n.z[k]),
                    f(n.exp_z[k]),
                    f(n.p[k]),
                    f(n.y[k]),
                    f(n.terms[k]),
                    f(n.grad_z[k]),
                ]
            })
            .collect(),
    }
}

/// The loss over both logits: its valleys run along the diagonal, since adding the same number
/// to both logits changes no probability.
fn surface(n: &SoftmaxNumbers) -> Surface {
    Surface {
        id: "loss-surface",
        title: Text::new("损失随 (z₁, z₂) 的变化", "Loss over (z₁, z₂)"),
        x_label: "z₁".into(),
        y_label: "z₂".into(),
        x_range: (-SPAN, SPAN),
        y_range: (-SPAN, SPAN),
        z: n.surface.clone(),
        paths: vec![SurfacePath {
            label: "GD",
            x_name: "z[0]".into(),
            y_name: "z[1]".into(),
            colour: "#d62728",
        }],
        click_sets: Some(("z[0]".into(), "z[1]".into())),
    }
}
