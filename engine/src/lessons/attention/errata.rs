//! What article 003 (§3.1.3, §4.2.3, §4.3) gets wrong about attention, beside what burn
//! computes at this lesson's setup (the article's embeddings cut to four columns; our weights).

use burn::prelude::Device;

use super::model::{AttnNumbers, compute};
use super::setup::{D, SETTINGS};
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::{shown, shown_list};
use crate::lessons::kit::{Erratum, RowKind, TraceError, Values};

/// `base` with some settings changed (names and values the lesson declares).
fn with(base: &Values, changes: &[(String, f64)]) -> Values {
    let mut v = base.clone();
    for (name, value) in changes {
        v.put(name, *value);
    }
    v
}

/// Two heads instead of one.
fn two_heads(base: &Values) -> Values {
    with(base, &[("heads".into(), 1.0)])
}

/// W_Q = W_K = W_V = I: queries, keys and values are the embeddings themselves.
fn no_projections(base: &Values) -> Values {
    let mut changes = Vec::new();
    for w in ["WQ", "WK", "WV"] {
        for a in 0..D {
            for b in 0..D {
                let one = if a == b { 1.0 } else { 0.0 };
                changes.push((format!("{w}[{a}][{b}]"), one));
            }
        }
    }
    with(base, &changes)
}

/// "I" and "programming" trade places.
fn swapped(base: &Values) -> Values {
    let x = base.matrix("X", super::setup::N, D);
    let changes: Vec<(String, f64)> = (0..D)
        .flat_map(|c| {
            [
                (format!("X[0][{c}]"), x[2][c]),
                (format!("X[2][{c}]"), x[0][c]),
            ]
        })
        .collect();
    with(base, &changes)
}

/// Entry `i` of the sinusoidal position code of Vaswani et al. at position `pos`, width `d`.
pub fn sinusoidal(pos: usize, i: usize, d: usize) -> f64 {
    let angle = pos as f64 / 10000f64.powf((i - i % 2) as f64 / d as f64);
    if i.is_multiple_of(2) {
        angle.sin()
    } else {
        angle.cos()
    }
}

/// How many numbers the projection matrices W_Q, W_K, W_V, W_O hold: the lesson's settings
/// are the same for one head and for two.
pub fn projection_count() -> usize {
    SETTINGS.iter().filter(|s| s.name.starts_with('W')).count()
}

pub async fn errata(values: &Values, device: &Device) -> Result<Vec<Erratum>, TraceError> {
    let one = compute(values, device).await?;
    let two = compute(&two_heads(values), device).await?;
    let bare = compute(&no_projections(values), device).await?;
    let swap = compute(&swapped(values), device).await?;
    let mut rows = formulas(&one, &two);
    rows.extend(example(&one, &bare));
    rows.extend(claims(&one, &swap));
    Ok(rows)
}

/// §4.2.3: the formulas for Q, K, V and for multi-head attention.
fn formulas(one: &AttnNumbers, two: &AttnNumbers) -> Vec<Erratum> {
    vec![
        Erratum {
            id: "qkv-formula",
            kind: RowKind::Slip,
            quantity: Text::new("Q、K、V", "Q, K, V"),
            article: "Q = W_Q K = W_K V = W_V",
            gloss: None,
            truth: Phrase::same(format!("Q = X·W_Q, K = X·W_K, V = X·W_V; Q₁ = {}", shown_list(&one.q[0]))),
            recomputed: None,
            explanation: Text::new(
                "式子里少了输入 X：照印出来的样子，Q 就是权重矩阵本身，与句子无关。每个词的查询是它的词向量乘以 W_Q，所以 Q 是 3×d_k 的矩阵（每个词一行），不是一个向量；W_Q 是 d_model×d_k。",
                "The input X is missing: as printed, Q is the weight matrix itself, whatever the sentence. Each token's query is its embedding times W_Q, so Q is a 3×d_k matrix (one row per token), not a vector; W_Q is d_model×d_k.",
            ).into(),
        },
        Erratum {
            id: "multihead-formula",
            kind: RowKind::Slip,
            quantity: Text::new("MultiHead(Q, K, V)", "MultiHead(Q, K, V)"),
            article: r"\text{Concat}(_i^T \text{head}_i)(\text{head}_i) W^O",
            gloss: None,
            truth: Phrase::same(format!("Concat(head₁, head₂)·W_O; O₁ = {}", shown_list(&two.o[0]))),
            recomputed: None,
            explanation: Text::new(
                "公式是乱码：一个没有符号的下标 _i^T，head_i 又写了两遍。正确的做法是把各头的输出并排拼接（这里两个 3×2 拼成 3×4），再乘输出矩阵 W_O（4×4）。",
                "The formula is garbled: a subscript _i^T with no symbol, and head_i written twice. The heads' outputs are placed side by side (here two 3×2 blocks make 3×4), then multiplied by the output matrix W_O (4×4).",
            ).into(),
        },
        Erratum {
            id: "head-formula",
            kind: RowKind::Slip,
            quantity: Text::new("headᵢ", "headᵢ"),
            article: r"\text{head}_i = \text{Attention}(Q, K, V)",
            gloss: None,
            truth: Phrase::same(format!(
                "headᵢ = Attention(Q·W_Qⁱ, K·W_Kⁱ, V·W_Vⁱ); A⁽¹⁾₁ = {}, A⁽²⁾₁ = {}",
                shown_list(&two.a[0][0]),
                shown_list(&two.a[1][0])
            )),
            recomputed: None,
            explanation: Text::new(
                "照这个式子，每个头拿到一模一样的输入，算出一模一样的结果，拼接起来毫无意义。每个头要有自己的投影：本课里第 h 个头用 W_Q、W_K、W_V 的第 h 组两列，于是两个头看同一个词的方式不同（两行权重见“实际计算”一栏）。",
                "With this formula every head gets the same inputs and computes the same result, so concatenating them adds nothing. Each head needs its own projections: here head h uses its own two columns of W_Q, W_K and W_V, so the two heads weigh the same tokens differently (the two rows of weights in the Computed column).",
            ).into(),
        },
    ]
}

/// §4.3: the worked example on “I love programming”.
fn example(one: &AttnNumbers, bare: &AttnNumbers) -> Vec<Erratum> {
    let ends: Vec<f64> = [0.1, 0.7, 1.3].iter().map(|s| s + 63.0 * 0.1).collect();
    // The printed position codes read as 0 in steps of 0.1, 0.2, 0.3, filled to 64 entries.
    let code_ends: Vec<String> = [0.1, 0.2, 0.3]
        .iter()
        .map(|step| shown(63.0 * step))
        .collect();
    let codes: Vec<String> = (0..3)
        .map(|pos| {
            format!(
                "[{}, {}, …]",
                shown(sinusoidal(pos, 0, 64)),
                shown(sinusoidal(pos, 1, 64))
            )
        })
        .collect();
    let (printed, sines) = (code_ends.join(", "), codes.join(", "));
    vec![
        Erratum {
            id: "embedding-width",
            kind: RowKind::Slip,
            quantity: Text::new("64 维词向量", "64-wide embeddings"),
            article: "[0.1, 0.2, ..., 0.64], [0.7, 0.8, ..., 1.28], [1.3, 1.4, ..., 2.56]",
            gloss: None,
            truth: Phrase::same(format!("{}, {}, {}", shown(ends[0]), shown(ends[1]), shown(ends[2]))),
            recomputed: None,
            explanation: Text::new(
                "按 0.1 的步长排满 64 个数，三行的最后一个数应是 6.4、7、7.6（起点 + 63 × 0.1），而不是 0.64、1.28、2.56。本课只取每行前四个数：d_model = 4。",
                "Filled to 64 entries in steps of 0.1, the three rows would end at 6.4, 7 and 7.6 (start + 63 × 0.1), not 0.64, 1.28 and 2.56. This lesson keeps the first four entries of each row: d_model = 4.",
            ).into(),
        },
        Erratum {
            id: "position-codes",
            kind: RowKind::Slip,
            quantity: Text::new("位置编码", "Position codes"),
            article: "[0, 0.1, ..., 0.6], [0, 0.2, ..., 0.7], [0, 0.3, ..., 0.8]",
            gloss: None,
            truth: Phrase::new(
                format!("{printed}（正弦位置编码：{sines}）"),
                format!("{printed} (sinusoidal: {sines})"),
            ),
            recomputed: None,
            explanation: Text::new(
                "照表中的写法，三行位置编码都从 0 起，分别按 0.1、0.2、0.3 递增。排满 64 个数，末项是 63 × 步长（见“实际计算”一栏），远大于印出的 0.6、0.7、0.8；而且从 0 起按 0.2 或 0.3 递增，根本到不了 0.7 或 0.8。所以这三行不可能是 64 维的等差数列。三行都从 0 开始本身并不算错：可学习的位置编码可以是任意数，文章自己在 §5.3 的模型里就用了一个（`nn.Parameter`）。作为对照，“实际计算”一栏也列出了文章引用的 Vaswani 等人论文里的正弦位置编码 PE(pos, 2i) = sin(pos/10000^(2i/d))、PE(pos, 2i+1) = cos(…)，第 p 个位置以 [sin p, cos p] 开头。本课不加位置编码。",
                "As printed, the three position codes start at 0 and go up in steps of 0.1, 0.2 and 0.3. Filled to 64 entries they would end at 63 × the step (in the Computed column), far above the printed 0.6, 0.7 and 0.8; and steps of 0.2 or 0.3 from 0 never reach 0.7 or 0.8 at all. So these rows cannot be 64-wide regular sequences. Starting every row at 0 is no mistake in itself: a learned position code can hold any numbers, and the article's own model in §5.3 learns one (`nn.Parameter`). For comparison, the Computed column also shows the sinusoidal code of the paper the article cites (Vaswani et al.), PE(pos, 2i) = sin(pos/10000^(2i/d)), PE(pos, 2i+1) = cos(…), where position p starts [sin p, cos p]. This lesson adds no position code.",
            ).into(),
        },
        Erratum {
            id: "qkv-embedding",
            kind: RowKind::Note,
            quantity: Text::new("§4.3 的 Q、K、V", "Q, K, V in §4.3"),
            article: "查询（Query）：对每个单词进行嵌入和位置编码。键（Key）：对每个单词进行嵌入和位置编码。值（Value）：对每个单词进行嵌入和位置编码。",
            gloss: Some("Query: embed each word and add its position code. Key: embed each word and add its position code. Value: embed each word and add its position code."),
            truth: Phrase::same(format!(
                "Q = X·W_Q ≠ K = X·W_K; A₁ = {} (Q = K = V = X: {})",
                shown_list(&one.a[0][0]),
                shown_list(&bare.a[0][0])
            )),
            recomputed: None,
            explanation: Text::new(
                "例子里查询、键、值三条都只写了“嵌入和位置编码”，省去了文章自己在 §4.2.3 定义的投影，即“查询、键和值的权重矩阵” W_Q、W_K、W_V。照字面理解，Q = K = V = X，注意力里就没有可学的参数，权重完全由词向量决定：这里每个词都会把最大的权重给向量最长的 “programming”。加上投影，Q = X·W_Q、K = X·W_K、V = X·W_V（上面列出了两种情况）。",
                "The example's three bullets give only “embedding and position code” for queries, keys and values, leaving out the projections the article itself defines in §4.2.3, “the weight matrices of query, key and value” W_Q, W_K, W_V. Taken literally they make Q = K = V = X, and attention has nothing to learn: the weights are fixed by the embeddings, and here every token would give its largest weight to “programming”, the longest vector. With the projections, Q = X·W_Q, K = X·W_K, V = X·W_V (both cases above).",
            ).into(),
        },
        Erratum {
            id: "prediction",
            kind: RowKind::Slip,
            quantity: Text::new("预测序列", "Predicted sequence"),
            article: "最终，我们得到的预测序列为 \"I love programming\"，这与原始序列一致。",
            gloss: Some("Finally, the predicted sequence we get is \"I love programming\", the same as the original sequence."),
            truth: Phrase::same("—"),
            recomputed: None,
            explanation: Text::new(
                "文章没有给出任何权重，也没有训练，这个结果无从算起。未经训练的模型输出的是随机的词；输出与输入“一致”也只说明模型学会了复制。",
                "The article gives no weights and no training, so this result cannot be computed from anything it shows. An untrained model outputs arbitrary tokens; and output equal to input would only show that a model learned to copy.",
            ).into(),
        },
    ]
}

/// §3.1.3 and its list of strengths and weaknesses: claims in words.
fn claims(one: &AttnNumbers, swap: &AttnNumbers) -> Vec<Erratum> {
    let score_sum: f64 = one.s[0][0].iter().sum();
    let (o3, o1) = (shown_list(&one.o[2]), shown_list(&swap.o[0]));
    let count = projection_count();
    vec![
        Erratum {
            id: "weights-from-dot",
            kind: RowKind::Note,
            quantity: Text::new("注意力权重", "Attention weights"),
            article: "通过点积计算得到注意力权重",
            gloss: Some("The attention weights are computed by dot products"),
            truth: Phrase::same(format!(
                "S₁ = {} (Σ = {}), A₁ = softmax(S₁) = {} (Σ = 1)",
                shown_list(&one.s[0][0]),
                shown(score_sum),
                shown_list(&one.a[0][0])
            )),
            recomputed: None,
            explanation: Text::new(
                "这是简写：点积本身只给出分数（可正可负，加起来也不是 1）；文章在 §4.2.3 写出了完整公式：先除以 √d_k，再对每一行（一个查询面对的所有键）做 softmax，分数才成为权重。上一行是本课算出的分数和权重。",
                "A shorthand: dot products alone give scores (they can be negative and need not add up to 1); the article writes the full formula in §4.2.3: divide by √d_k, then take the softmax along each row (all keys one query sees), and the scores become weights. The line above: this lesson's scores and weights.",
            ).into(),
        },
        Erratum {
            id: "independent",
            kind: RowKind::Note,
            quantity: Text::new("逐元素独立处理", "Each element on its own"),
            article: "对序列中的每个元素进行独立处理",
            gloss: Some("Each element of the sequence is processed independently"),
            truth: Phrase::same(format!("O₁ = Σⱼ A₁ⱼ·Vⱼ, A₁ = {}", shown_list(&one.a[0][0]))),
            recomputed: None,
            explanation: Text::new(
                "这句话接着说“并通过不同的权重聚合信息”：每个位置用同样的方式、同时计算，但结果并不只取决于自己。每个词的输出都是所有词的值向量的加权和，“I” 的输出里也含有 “love” 和 “programming” 的值向量（权重见上一行）。",
                "The same sentence goes on: “and aggregates information with different weights”. Every position is computed the same way and at the same time, but its result does not depend on itself alone: each token's output is a weighted sum of every token's value, so the output for “I” also draws on the values of “love” and “programming” (the weights are in the line above).",
            ).into(),
        },
        Erratum {
            id: "order",
            kind: RowKind::Note,
            quantity: Text::new("并行化的原因", "Why it parallelises"),
            article: "由于Transformer模型不依赖于序列顺序，可以很好地并行化",
            gloss: Some("Because the Transformer model does not depend on the order of the sequence, it parallelises well"),
            truth: Phrase::new(
                format!("O₃ = {o3}；交换 “I” 与 “programming” 后：O₁ = {o1}"),
                format!("O₃ = {o3}; “I” ↔ “programming” swapped: O₁ = {o1}"),
            ),
            recomputed: None,
            explanation: Text::new(
                "这里的“不依赖于序列顺序”，最自然的理解是不像 RNN 那样按顺序一步步递推：所有位置在一次矩阵乘法里同时算完，所以能很好地并行。还有一点值得补充：不带位置编码的注意力本身确实看不到词序，交换两个词，输出只是跟着交换（上面两个向量相同）。正因为如此，Transformer 要加位置编码，加了之后模型才能利用词序。",
                "Here “does not depend on the order of the sequence” most naturally means there is no step-by-step recurrence as in an RNN: all positions are computed at once in one matrix product, which is why it parallelises well. One more point: attention itself, without position codes, is indeed blind to word order: swap two tokens and their outputs just swap too (the two vectors above are equal). That is why Transformers add position codes, which let the model use word order.",
            ).into(),
        },
        Erratum {
            id: "param-count",
            kind: RowKind::Slip,
            quantity: Text::new("多头与参数量", "Heads and parameter count"),
            article: "参数数量大：由于多头自注意力机制的存在，Transformer模型的参数数量通常较大",
            gloss: Some("Many parameters: because of multi-head self-attention, Transformer models usually have a large number of parameters"),
            truth: Phrase::new(
                format!("W_Q、W_K、W_V、W_O：4·d_model² = {count}（一头或两头都一样）"),
                format!("W_Q, W_K, W_V, W_O: 4·d_model² = {count} (1 head or 2)"),
            ),
            recomputed: None,
            explanation: Text::new(
                "分成多个头并不增加参数：h 个头各用 d_model/h 列，W_Q、W_K、W_V、W_O 合起来总是 4·d_model² 个数。本课一头和两头用的是同一组 64 个权重。参数多来自层数、宽度和前馈层。",
                "Splitting into heads adds no parameters: h heads use d_model/h columns each, and W_Q, W_K, W_V, W_O always hold 4·d_model² numbers together. In this lesson one head and two heads use the same 64 weights. The parameter count comes from depth, width and the feed-forward layers.",
            ).into(),
        },
        Erratum {
            id: "ffn-placement",
            kind: RowKind::Slip,
            quantity: Text::new("前馈网络的位置", "Where the feed-forward net sits"),
            article: "在每个Transformer块之后，加入一个前馈神经网络",
            gloss: Some("After each Transformer block, a feed-forward neural network is added"),
            truth: Phrase::new("块 = 注意力子层 → 前馈子层", "block = attention sublayer → feed-forward sublayer"),
            recomputed: None,
            explanation: Text::new(
                "这句话与文章自己在 §3.1.3 开头的正确说法相矛盾：“编码器的每个Transformer块包含两部分：多头自注意力机制……和前馈神经网络……”（后面的具体操作步骤也这样说）。前馈网络是每个 Transformer 块内部的第二个子层（在注意力子层之后，各带残差连接和层归一化），不是块外另加的网络。",
                "This sentence contradicts the article's own, correct, statement at the start of §3.1.3: “each Transformer block of the encoder contains two parts: multi-head self-attention … and a feed-forward neural network …” (its step-by-step list says the same). The feed-forward network is the second sublayer inside each Transformer block (after the attention sublayer, each with a residual connection and layer norm), not a network added after the block.",
            ).into(),
        },
        Erratum {
            id: "decoder-input",
            kind: RowKind::Slip,
            quantity: Text::new("解码器的输入", "The decoder's input"),
            article: "对解码器的输入（通常为编码器的隐藏状态和一些初始嵌入）进行嵌入和位置编码",
            gloss: Some("Embed and position-code the decoder's input (usually the encoder's hidden states and some initial embeddings)"),
            truth: Phrase::new(
                "解码器的输入 = 已生成的输出词；跨注意力：Q = 解码器·W_Q，K = 编码器·W_K，V = 编码器·W_V",
                "decoder input = output tokens so far; cross-attention: Q = decoder·W_Q, K = encoder·W_K, V = encoder·W_V",
            ),
            recomputed: None,
            explanation: Text::new(
                "解码器的输入是已经生成的目标词（右移一位），不是编码器的隐藏状态；编码器的输出只在跨注意力里出现，作为键和值，查询来自解码器。文章给跨注意力写的公式和自注意力一字不差，恰恰漏了这一点。",
                "The decoder's input is the target tokens produced so far (shifted right), not the encoder's hidden states; the encoder's output enters only in cross-attention, as keys and values, while the queries come from the decoder. The article's cross-attention formula is word for word the self-attention one and misses exactly this.",
            ).into(),
        },
    ]
}
