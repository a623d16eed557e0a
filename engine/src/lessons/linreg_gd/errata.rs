//! What article 002 (§"Mathematical models 1") and article 003 (§4.3) get wrong about linear
//! regression by gradient descent, beside what burn computes at article 003's setup
//! (xᵢ = 2i, yᵢ = i for i = 1..100, w = b = 0.1, and this lesson's α since the article gives none).

use burn::prelude::Device;

use super::model::{Run, compute, run};
use super::setup::{CHECKPOINTS, PROBES, article_values};
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::{shown, shown_joined};
use crate::lessons::kit::{Erratum, RowKind, TraceError, Values};
use crate::state::number::format_significant;

/// Iterations article 003's table reaches.
pub const ITERATIONS: usize = 1000;
/// Updates of the article's literal formula shown in the `climb` erratum.
pub const CLIMB_STEPS: usize = 10;

/// A number for prose that says "about".
fn about(v: f64) -> String {
    format_significant(v, 4)
}

/// `base` with the article's printed gradient formula.
pub fn with_printed_formula(base: &Values) -> Values {
    let mut v = base.clone();
    v.put("formula", 1.0);
    v
}

/// The article's setup with its printed gradient formula.
pub fn article_formula_values() -> Values {
    with_printed_formula(&article_values())
}

/// GD as article 003 describes it: 1000 iterations from the start in `values`.
pub async fn trained_run(values: &Values, device: &Device) -> Result<Run, TraceError> {
    run(values, ITERATIONS, &CHECKPOINTS, device).await
}

/// The article's printed formula followed literally: MSE before and after `CLIMB_STEPS` updates.
pub async fn climb_run(values: &Values, device: &Device) -> Result<Run, TraceError> {
    let last = CLIMB_STEPS + 1;
    run(&with_printed_formula(values), last, &[1, last], device).await
}

/// The least-squares line (w, b) through points (xᵢ, yᵢ).
pub fn least_squares_line(points: impl Iterator<Item = (f64, f64)> + Clone) -> (f64, f64) {
    let n = points.clone().count() as f64;
    let mean_x = points.clone().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.clone().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = points
        .clone()
        .map(|(x, y)| (x - mean_x) * (y - mean_y))
        .sum();
    let sxx: f64 = points.map(|(x, _)| (x - mean_x).powi(2)).sum();
    let w = sxy / sxx;
    (w, mean_y - w * mean_x)
}

pub async fn errata(values: &Values, device: &Device) -> Result<Vec<Erratum>, TraceError> {
    let start = compute(values, device).await?;
    let printed = compute(&with_printed_formula(values), device).await?;
    let trained = trained_run(values, device).await?;
    let climb = climb_run(values, device).await?;
    let m = start.x.len();
    let (lambda_max, lambda_min) = super::model::hessian_eigenvalues(start.mean_x, start.mean_xx);
    // Iterations for the flat direction's error to shrink by a factor e.
    let e_fold = 1.0 / (start.lr * lambda_min);
    // The line the article's printed predictions fit (least squares; they print two decimals).
    let (printed_w, printed_b) = printed_predictions_line();
    // The data's own least-squares line, its MSE and its predictions at the probes.
    let (best_w, best_b) = least_squares_line(start.x.iter().copied().zip(start.y.iter().copied()));
    let best_mse = start
        .x
        .iter()
        .zip(&start.y)
        .map(|(x, y)| (best_w * x + best_b - y).powi(2))
        .sum::<f64>()
        / m as f64;
    let best_probes: Vec<f64> = PROBES.iter().map(|p| best_w * p + best_b).collect();
    // The first sample's input is 2, so ŷᵢ = w·2i + b; the last sample is the farthest off.
    let (w0, b0) = (shown(start.w), shown(start.b));
    let slope_per_i = shown(2.0 * start.w);
    let last_miss = shown((start.pred[m - 1] - start.y[m - 1]).abs());
    let (mse_start, mse_after_10) = (about(trained.mse[0]), about(trained.mse[1]));
    let condition = about(start.condition());
    let flat_share = format_significant(100.0 * start.lr * lambda_min, 2);
    Ok(vec![
        Erratum {
            id: "gradient",
            kind: RowKind::Slip,
            quantity: Text::new("002：∇θ₀J、∇θ₁J", "002: ∇θ₀J, ∇θ₁J"),
            article: r"\nabla_{\theta_1} J = \frac{1}{n} \sum_{i=1}^{n} (y_i - (\theta_0 + \theta_1 \cdot x_i)) \cdot x_i",
            gloss: None,
            truth: Phrase::same(format!(
                "∂MSE/∂θ₀ = {}, ∂MSE/∂θ₁ = {}",
                shown(start.grad_b),
                shown(start.grad_w)
            )),
            recomputed: Some(Phrase::same(format!(
                "(1/n)Σ(yᵢ − ŷᵢ) = {}, (1/n)Σ(yᵢ − ŷᵢ)·xᵢ = {}",
                shown(printed.dir_b),
                shown(printed.dir_w)
            ))),
            explanation: Phrase::new(
                format!(
                    "符号错了。对 (yᵢ − θ₀ − θ₁xᵢ)² 求导，链式法则从括号里带出一个负号：∂/∂θ₁ = −2(yᵢ − ŷᵢ)xᵢ。文章的式子正好是梯度的相反数（对均方误差还差一个因子 2），所以 θ − α·∇ 会往上坡走。在 w = {w0}、b = {b0} 处，真梯度为负（w 应该变大），文章的式子却是正的。",
                ),
                format!(
                    "The sign is wrong. Differentiating (yᵢ − θ₀ − θ₁xᵢ)², the chain rule brings a minus sign out of the bracket: ∂/∂θ₁ = −2(yᵢ − ŷᵢ)xᵢ. The printed expression is the negative of the gradient (and, for the mean squared error, half of it), so θ − α·∇ walks uphill. At w = {w0}, b = {b0} the true gradient is negative (w should grow), the printed one positive.",
                ),
            ),
        },
        Erratum {
            id: "scale",
            kind: RowKind::Slip,
            quantity: Text::new(
                "002：J 与梯度的系数",
                "002: the factors of J and its gradient",
            ),
            article: r"J = \frac{1}{2} \sum_{i=1}^{n} (\ldots)^2, \quad \nabla J = \frac{1}{n} \sum_{i=1}^{n} (\ldots)",
            gloss: None,
            truth: Phrase::same(format!(
                "J = ½Σ(…)² ⇒ ∂J/∂θ₁ = −Σ(yᵢ − ŷᵢ)·xᵢ = {}",
                shown(start.grad_w * m as f64 / 2.0)
            )),
            recomputed: None,
            explanation: Phrase::new(
                format!(
                    "文章称 J 为均方误差，但 ½Σ 没有除以 n，不是平均值；它的梯度也就没有 1/n，而文章的梯度里有 1/n。两者差了 n/2 倍（这里是 {} 倍），相当于悄悄换了学习率。本课用 003 的 MSE = (1/m)Σ(…)²。", shown(m as f64 / 2.0),
                ),
                format!(
                    "The article calls J the mean squared error, but ½Σ is not divided by n, so it is not a mean; its gradient has no 1/n either, yet the printed gradient does. The two differ by a factor n/2 ({} here), which silently changes the learning rate. This lesson uses 003's MSE = (1/m)Σ(…)².", shown(m as f64 / 2.0),
                ),
            ),
        },
        Erratum {
            id: "climb",
            kind: RowKind::Slip,
            quantity: Text::new(
                "002：照印出来的公式做 10 步后的 MSE",
                "002: MSE after 10 steps of the printed formula",
            ),
            article: r"\theta_1 = \theta_1 - \alpha \cdot \nabla_{\theta_1} J(\theta_0, \theta_1)",
            gloss: None,
            truth: Phrase::same(format!("{} → {}", shown(climb.mse[0]), shown(climb.mse[1]))),
            recomputed: None,
            explanation: Text::new(
                "把文章的梯度式代入更新式，每一步都是半步梯度上升：误差沿最陡方向每步放大 1 + αλ_max/2 倍，对任何 α > 0 都会发散。把本课的 `formula` 设为 `article` 就能看到它上坡。",
                "With the printed gradient in the update, every step is half a step of gradient ascent: the error along the steepest direction grows by 1 + αλ_max/2 per step and diverges for every α > 0. Set this lesson's `formula` to `article` to watch it climb.",
            ).into(),
        },
        Erratum {
            id: "learning_rate",
            kind: RowKind::Slip,
            quantity: Text::new("003：学习率 α", "003: learning rate α"),
            article: r"w_{t+1} = w_t - \alpha \nabla_w MSE",
            gloss: None,
            truth: Phrase::same(format!("α < 2/λ_max = {}", shown(start.lr_max()))),
            recomputed: None,
            explanation: Phrase::new(
                format!(
                    "文章没有给出 α，而这组数据上 α 的取值决定一切：MSE 的 Hessian 是 2[[mean x², mean x], [mean x, 1]]，最大特征值约 {}，α 超过 2/λ_max 就发散。本课取 α = {}。", about(lambda_max), about(start.lr),
                ),
                format!(
                    "The article never gives α, and on this data α decides everything: the MSE's Hessian is 2[[mean x², mean x], [mean x, 1]] with largest eigenvalue about {}, and any α above 2/λ_max diverges. This lesson uses α = {}.", about(lambda_max), about(start.lr),
                ),
            ),
        },
        Erratum {
            id: "mse_1",
            kind: RowKind::Slip,
            quantity: Text::new("003：第 1 次迭代的 MSE", "003: MSE at iteration 1"),
            article: "0.45",
            gloss: None,
            truth: Phrase::same(shown(trained.mse[0])),
            recomputed: None,
            explanation: Phrase::new(
                format!(
                    "按文章的步骤，先算损失（第 3 步），再更新参数（第 4 步），所以第 1 次迭代的损失是在初始值 w = {w0}、b = {b0} 处算的，这时还什么都没学：ŷᵢ = {slope_per_i}i + {b0}，而 yᵢ = i，第 {m} 个样本差 {last_miss}。平方误差的平均约为 {mse_start}，与 α 无关。",
                ),
                format!(
                    "In the article's steps the loss (step 3) comes before the update (step 4), so iteration 1 computes its loss at the initial w = {w0}, b = {b0}, when nothing has been learned yet: ŷᵢ = {slope_per_i}i + {b0} against yᵢ = i, off by {last_miss} at sample {m}. The mean squared error is about {mse_start}, whatever α is.",
                ),
            ),
        },
        Erratum {
            id: "mse_table",
            kind: RowKind::Slip,
            quantity: Text::new(
                "003：第 10、100、1000 次迭代的 MSE",
                "003: MSE at iterations 10, 100, 1000",
            ),
            article: "0.20, 0.05, 0.01",
            gloss: None,
            truth: Phrase::same(shown_joined(&trained.mse[1..])),
            recomputed: None,
            explanation: Phrase::new(
                format!(
                    "真实曲线不是平滑下降：几步之内 MSE 从约 {mse_start} 掉到第 10 次迭代的约 {mse_after_10}（陡峭方向收敛），然后几乎停住。剩下的误差在损失谷底的平坦方向上（条件数约 {condition}），每步只能消掉其中 α·λ_min ≈ {flat_share}%。",
                ),
                format!(
                    "The true curve is no smooth decline: within a few steps the MSE drops from about {mse_start} to about {mse_after_10} at iteration 10 (the steep direction converges), then it nearly stops. What remains lies along the flat floor of the valley (condition number about {condition}), and each step removes only α·λ_min ≈ {flat_share} % of it.",
                ),
            ),
        },
        Erratum {
            id: "converged",
            kind: RowKind::Slip,
            quantity: Text::new(
                "003：1000 次迭代后的 w、b",
                "003: w and b after 1000 iterations",
            ),
            article: "经过多次迭代后，模型参数收敛。",
            gloss: Some("After many iterations, the model parameters converge."),
            truth: Phrase::same(format!(
                "w = {}, b = {}; 1/(α·λ_min) = {}",
                shown(trained.w),
                shown(trained.b),
                shown(e_fold.round())
            )),
            recomputed: None,
            explanation: Phrase::new(
                format!(
                    "数据恰好满足 y = x/2，最优解是 w = {}、b = {}（MSE 为 {}）。{ITERATIONS} 次迭代后 b 几乎没离开 {b0}：平坦方向的误差每缩小到 1/e 需要约 1/(α·λ_min) 次迭代（见“实际计算”一栏）。参数并没有收敛。", shown(best_w), shown(best_b), shown(best_mse),
                ),
                format!(
                    "The data satisfy y = x/2 exactly, so the optimum is w = {}, b = {} (MSE {}). After {ITERATIONS} iterations b has hardly left {b0}: the flat direction's error needs about 1/(α·λ_min) iterations (in the Computed column) to shrink by a factor e. The parameters have not converged.", shown(best_w), shown(best_b), shown(best_mse),
                ),
            ),
        },
        Erratum {
            id: "predictions",
            kind: RowKind::Slip,
            quantity: Text::new(
                "003：x = 3、5、10 的预测",
                "003: predictions at x = 3, 5, 10",
            ),
            article: "3.05, 5.10, 10.20",
            gloss: None,
            truth: Phrase::same(shown_joined(&trained.probes)),
            recomputed: Some(Phrase::same(format!("w = {}, b = {}", shown(printed_w), shown(printed_b)))),
            explanation: Phrase::new(
                format!(
                    "标签是输入的一半（yᵢ = i，xᵢ = 2i），训练好的模型应预测大约输入的一半（精确解为 {}）。文章的三个预测确实落在一条直线上（保留两位小数时；直线见“按原式重算”一栏），但那条直线的斜率约为 1、截距约为 0，是 y = x，而不是这组数据的 y = x/2。", best_probes.iter().map(|&p| shown(p)).collect::<Vec<_>>().join("、"),
                ),
                format!(
                    "The labels are half the inputs (yᵢ = i, xᵢ = 2i), so a trained model predicts about half the input (the exact fit gives {}). The article's three predictions do lie on one line (to the two decimals printed; the line is in the “Its formula, recomputed” column), but its slope is about 1 and its intercept about 0: it is y = x, not this data's y = x/2.", shown_joined(&best_probes),
                ),
            ),
        },
    ])
}

/// The article's printed predictions at x = 3, 5, 10 (quoted: they are the claim).
pub const PRINTED_PREDICTIONS: [(f64, f64); 3] = [(3.0, 3.05), (5.0, 5.10), (10.0, 10.20)];

/// The least-squares line (w, b) through the article's printed predictions.
pub fn printed_predictions_line() -> (f64, f64) {
    least_squares_line(PRINTED_PREDICTIONS.iter().copied())
}
