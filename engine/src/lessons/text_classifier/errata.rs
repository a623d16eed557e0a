//! What the articles' text-classifier code gets wrong (001 §5.2, 002's project case, 003 §5.2),
//! each slip shown on this lesson's own models and data where a computation can show it.

use burn::prelude::*;

use super::TextError;
use super::batch::Batch;
use super::classifier::Classifier;
use super::confusion::{Confusion, harmonic_mean};
use super::data::generate;
use super::net::{ModelConfig, ModelKind, Net};
use super::settings::TextSettings;
use super::tokenizer::{MAX_LEN, PAD};
use crate::base::readback::Readback;
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::shown;
use crate::lessons::kit::{Erratum, RowKind};

/// The errata's setup: the page's keyword, sentence count and rate, with seed 7, where the
/// LSTM's held-out precision and recall still differ after `F1_STEPS` steps. The batch the
/// errata compute on has `MAX_LEN` sentences, so that the article's `output[-1]` ([T, 2])
/// even has as many rows as there are labels and would run silently.
pub fn errata_settings() -> TextSettings {
    TextSettings {
        seed: 7,
        ..TextSettings::default()
    }
}

/// Epochs of the training sentences (batch 32, Adam) the LSTM trains before the errata read it.
pub const TRAIN_EPOCHS: usize = 2;
/// Steps after which the F1 row counts the LSTM's held-out predictions: early in training,
/// when precision and recall still differ (trained, it gets every held-out sentence right).
pub const F1_STEPS: usize = 3;

/// The article's reading `fc(output[-1, :, :])` beside ours `fc(output[:, -1, :])` on a batch:
/// (article logits [T][2], our logits [B][2]).
pub async fn lstm_readings(
    c: &Classifier,
    batch: &Batch,
) -> Result<(Vec<[f64; 2]>, Vec<[f64; 2]>), TextError> {
    let Net::Lstm(net) = c.net() else {
        return Err(TextError::Backend("not an LSTM".into()));
    };
    let ids = batch.ids_tensor(c.device());
    let (ours, states) = net.forward(ids);
    let [b, t, h] = states.dims();
    let last_sentence = states.narrow(0, b - 1, 1).reshape([t, h]);
    let article = net.out.forward(last_sentence);
    let mut rb = Readback::new();
    let (a, o) = (rb.add(article), rb.add(ours));
    let r = rb.read().await?;
    let pairs = |v: &[f64]| v.chunks(2).map(|z| [z[0], z[1]]).collect();
    Ok((pairs(&r[a]), pairs(&r[o])))
}

fn accuracy(logits: &[[f64; 2]], labels: &[u8]) -> f64 {
    let right = logits
        .iter()
        .zip(labels)
        .filter(|(z, y)| u8::from(z[1] > z[0]) == **y)
        .count();
    right as f64 / labels.len().max(1) as f64
}

/// Largest change in the article's LSTM logits when every sentence but the last is replaced.
async fn article_ignores_batch(
    c: &Classifier,
    batch: &Batch,
    setup: &TextSettings,
) -> Result<f64, TextError> {
    let other = generate(setup.keyword, batch.rows(), setup.seed + 1)?;
    let last = batch.rows() - 1;
    let mut changed = Batch::new(&c.vocab, &other);
    changed.ids[last * MAX_LEN..].copy_from_slice(batch.row(last));
    let (a1, _) = lstm_readings(c, batch).await?;
    let (a2, _) = lstm_readings(c, &changed).await?;
    Ok(a1
        .iter()
        .zip(&a2)
        .flat_map(|(x, y)| [(x[0] - y[0]).abs(), (x[1] - y[1]).abs()])
        .fold(0.0, f64::max))
}

/// Cross-entropy and the MSE of softmax against one-hot, on the same logits.
fn ce_and_mse(logits: &[[f64; 2]], labels: &[u8]) -> (f64, f64) {
    let n = labels.len().max(1) as f64;
    let (mut ce, mut mse) = (0.0, 0.0);
    for (z, &y) in logits.iter().zip(labels) {
        let m = z[0].max(z[1]);
        let lse = m + ((z[0] - m).exp() + (z[1] - m).exp()).ln();
        let p1 = (z[1] - lse).exp();
        ce -= z[usize::from(y)] - lse;
        let t = f64::from(y);
        mse += ((1.0 - p1) - (1.0 - t)).powi(2) + (p1 - t).powi(2);
    }
    (ce / n, mse / (2.0 * n))
}

/// The largest logit change when a sentence is reversed, for a Transformer with and without
/// positions (same seed, same weights otherwise).
pub async fn reversal_change(
    setup: &TextSettings,
    device: &Device,
    positional: bool,
) -> Result<f64, TextError> {
    let mut config = ModelConfig::new(ModelKind::Transformer);
    config.positional = positional;
    let c = Classifier::new(config, setup.seed, device)?;
    let data = generate(setup.keyword, MAX_LEN, setup.seed)?;
    let batch = Batch::new(&c.vocab, &data);
    let mut reversed = batch.clone();
    for r in 0..batch.rows() {
        let row = &mut reversed.ids[r * MAX_LEN..(r + 1) * MAX_LEN];
        let first = row.iter().position(|&i| i != PAD).unwrap_or(MAX_LEN);
        row[first..].reverse();
    }
    let a = c.logits(&batch).await?;
    let b = c.logits(&reversed).await?;
    Ok(a.iter()
        .zip(&b)
        .flat_map(|(x, y)| [(x[0] - y[0]).abs(), (x[1] - y[1]).abs()])
        .fold(0.0, f64::max))
}

/// The errata with every computed number, on models from `setup`'s seed (the page passes
/// `errata_settings()`); only the LSTM trains (26 steps at 400 sentences), the other slips
/// show in shapes and in which numbers a result depends on.
pub async fn errata(setup: &TextSettings, device: &Device) -> Result<Vec<Erratum>, TextError> {
    let (keyword, seed) = (setup.keyword, setup.seed);
    let mut lstm = Classifier::new(ModelConfig::new(ModelKind::Lstm), seed, device)?;
    // Trained a little, so our reading is good and the article's visibly is not.
    let train = generate(keyword, setup.size, seed + 2)?;
    // §9.7's F1 is counted on held-out sentences (the training ones come from another seed).
    let test = generate(keyword, 100, seed)?;
    let held_out = Batch::new(&lstm.vocab, &test);
    let mut counts = Confusion::default();
    for _ in 0..TRAIN_EPOCHS {
        for chunk in train.chunks(32) {
            lstm.train_step(&Batch::new(&lstm.vocab, chunk), setup.lr)
                .await?;
            if lstm.steps == F1_STEPS {
                counts = Confusion::count(&lstm.logits(&held_out).await?, &held_out.labels);
            }
        }
    }
    let data = generate(keyword, MAX_LEN, seed)?;
    let batch = Batch::new(&lstm.vocab, &data);
    let (article, ours) = lstm_readings(&lstm, &batch).await?;
    let drift = article_ignores_batch(&lstm, &batch, setup).await?;
    let lengths: Vec<usize> = (0..batch.rows())
        .map(|r| batch.row(r).iter().filter(|&&i| i != PAD).count())
        .collect();
    let transformer = Classifier::new(ModelConfig::new(ModelKind::Transformer), seed, device)?;
    let tz = transformer.logits(&batch).await?;
    let (ce, mse) = ce_and_mse(&tz, &batch.labels);
    let eval = transformer
        .evaluate(&Batch::new(&transformer.vocab, &test))
        .await?;
    let n_batches = test.len().div_ceil(32);
    let no_pos = reversal_change(setup, device, false).await?;
    let with_pos = reversal_change(setup, device, true).await?;
    let b = batch.rows();
    Ok(vec![
        Erratum {
            id: "lstm-last-batch-element",
            kind: RowKind::Slip,
            quantity: Text::new("001 §5.2 LSTM 分类用的输出", "001 §5.2: the LSTM output classified"),
            article: "output = self.fc(output[-1, :, :])",
            gloss: None,
            truth: {
                let acc = shown(100.0 * accuracy(&ours, &batch.labels));
                let steps = lstm.steps;
                Phrase::new(
                    format!("`output[:, -1, :]` → logits [{b}, 2]，Adam 训练 {steps} 步后，在这一批上的准确率为 {acc} %"),
                    format!("`output[:, -1, :]` → logits [{b}, 2], accuracy {acc} % on this batch after {steps} Adam steps"),
                )
            },
            recomputed: {
                let (rows, acc) = (article.len(), shown(100.0 * accuracy(&article, &batch.labels)));
                let (before, drift) = (b - 1, shown(drift));
                Some(Phrase::new(
                    format!("`output[-1]` → logits [{rows}, 2]：只是第 {b} 个句子的 {MAX_LEN} 个时间步，却拿去对第 1–{b} 个句子的标签：准确率 {acc} %；把第 1–{before} 个句子换掉，它们最多只变 {drift}"),
                    format!("`output[-1]` → logits [{rows}, 2]: the {MAX_LEN} time steps of sentence {b} only, scored against the labels of sentences 1–{b}: accuracy {acc} %; replacing sentences 1–{before} changes them by at most {drift}"),
                ))
            },
            explanation: Text::new(
                "`pad_packed_sequence(batch_first=True)` 给出 [批, 时间步, 隐藏] 的张量，`output[-1]` 取的是这一批的最后一个句子（它每个时间步的隐藏状态），不是每个句子的最后一个时间步。结果有 T 行而不是 B 行：T ≠ B 时交叉熵直接报形状错误；T = B 时（如这里）它会悄悄运行，却拿最后一个句子的各步预测去对所有句子的标签。应取 `output[:, -1, :]`；而填充在句尾时，最后一步可能是填充，应取 LSTM 的最终隐藏状态 `h_n`（本课在句首填充，所以最后一步总是真实的词）。这是按 `batch_first=True` 声明的布局来读的；若 `batch.text` 保持 `torchtext` 默认的 [时间步, 批] 布局（见下一行），打包时每个词位会被当作一条序列，沿着这一批的句子递推，`output[-1]` 就成了每个句子最后一个词位的输出，还掺进了排在它前面的句子。两种读法下代码都不对。",
                "`pad_packed_sequence(batch_first=True)` gives [batch, time, hidden]; `output[-1]` is the batch's last sentence (its hidden state at every time step), not every sentence's last time step. The result has T rows instead of B: when T ≠ B the cross-entropy fails on shapes; when T = B (as here) it runs silently, scoring the last sentence's per-step predictions against everyone's labels. Read `output[:, -1, :]`; and with padding at the end the last step may be padding, so use the LSTM's final hidden state `h_n` (this lesson pads at the front, so the last step is always a real word). This reads the tensors as `batch_first=True` declares them; if `batch.text` keeps `torchtext`'s default [time, batch] layout (next row), packing treats each token position as a sequence running across the batch's sentences, so `output[-1]` is every sentence's last token position, mixed with the sentences before it. The code is wrong either way.",
            ).into(),
        },
        Erratum {
            id: "lstm-lengths",
            kind: RowKind::Slip,
            quantity: Text::new("001 §5.2 的序列长度", "001 §5.2: the sequence lengths"),
            article: "lengths = [len(seq) for seq in text]",
            gloss: None,
            truth: Phrase::new(
                format!("这一批句子的真实长度：{lengths:?}"),
                format!("true lengths of this batch: {lengths:?}"),
            ),
            recomputed: {
                let list = vec![b; MAX_LEN];
                Some(Phrase::new(
                    format!("`torchtext` 默认的 `text` 形状是 [T, B] = [{MAX_LEN}, {b}]，所以得到的列表是 {list:?}"),
                    format!("`torchtext`'s default `text` is [T, B] = [{MAX_LEN}, {b}], so the list is {list:?}"),
                ))
            },
            explanation: Text::new(
                "`Field` 默认 `batch_first=False`，`batch.text` 的形状是 [时间步, 批]；对它逐行取 `len` 得到的是 T 个“批大小”，而且填充后每行一样长，根本不是句子长度。应使用 `Field(include_lengths=True)` 给出的长度。`pack_padded_sequence` 还要求长度降序（或 `enforce_sorted=False`）。",
                "`Field` defaults to `batch_first=False`, so `batch.text` is [time, batch]; `len` of each row gives T copies of the batch size, and after padding every row is equally long anyway: these are not sentence lengths. Use the lengths from `Field(include_lengths=True)`. `pack_padded_sequence` also needs them sorted in decreasing order (or `enforce_sorted=False`).",
            ).into(),
        },
        Erratum {
            id: "label-vocab",
            kind: RowKind::Slip,
            quantity: Text::new("001 §5.2 的类别数", "001 §5.2: the number of classes"),
            article: "label_size = len(train_data.fields['label'].vocab)",
            gloss: None,
            truth: Phrase::new("2（含关键词 / 不含关键词）", "2 (keyword present / absent)"),
            recomputed: Some(Phrase::new(
                "3：`Field(sequential=False)` 保留了一个 `<unk>` 项（而且标签词表从未建立）",
                "3: `Field(sequential=False)` keeps an `<unk>` entry (and the label vocabulary is never built)",
            )),
            explanation: Text::new(
                "标签字段也是 `Field`，默认带 `<unk>`，所以二分类的词表长度是 3，标签编号是 1、2 而不是 0、1；代码也从未对标签调用 `build_vocab`。应写 `Field(sequential=False, use_vocab=False)` 或 `LabelField`。",
                "The label field is a `Field` too, with an `<unk>` entry by default: a binary label vocabulary has length 3 and the labels become 1 and 2, not 0 and 1; the code never calls `build_vocab` on the labels either. Use `Field(sequential=False, use_vocab=False)` or `LabelField`.",
            ).into(),
        },
        Erratum {
            id: "transformer-loss",
            kind: RowKind::Slip,
            quantity: Text::new("003 §5.3 所说的训练损失", "003 §5.3: the training loss it names"),
            article: "在训练过程中，我们使用均方误差（MSE）作为损失函数，使用交叉熵损失（Cross-Entropy Loss）评估模型的预测性能。",
            gloss: Some("During training we use the mean squared error (MSE) as the loss function, and the cross-entropy loss to evaluate the model's predictions."),
            truth: Phrase::new(
                format!("训练和评估用的都是 `criterion = nn.CrossEntropyLoss()`；在这一批上（未训练）交叉熵 = {}", shown(ce)),
                format!("`criterion = nn.CrossEntropyLoss()` is what trains and evaluates; on this batch (untrained) CE = {}", shown(ce)),
            ),
            recomputed: Some(Phrase::new(
                format!("同一组 logits 上 softmax 对独热标签的 MSE：{}", shown(mse)),
                format!("MSE of softmax against one-hot on the same logits: {}", shown(mse)),
            )),
            explanation: Text::new(
                "代码里训练和评估用的都是 `nn.CrossEntropyLoss()`，没有任何地方用 MSE。两者数值不同、梯度不同：对 softmax 输出，交叉熵的梯度是 ŷ − y，MSE 的梯度还要乘上 softmax 的导数，预测错得离谱时几乎为 0。分类应该用交叉熵，本课也是。",
                "The code trains and evaluates with `nn.CrossEntropyLoss()`; MSE appears nowhere. The two differ in value and in gradient: for softmax outputs the cross-entropy gradient is ŷ − y, while MSE's is multiplied by the softmax derivative and nearly vanishes when a prediction is badly wrong. Classification wants cross-entropy, as this lesson uses.",
            ).into(),
        },
        Erratum {
            id: "transformer-pooling",
            kind: RowKind::Slip,
            quantity: Text::new("003 §5.2 的输出形状", "003 §5.2: the output shape"),
            article: "output = self.fc(src)",
            gloss: None,
            truth: Phrase::new(
                format!("每个句子一个预测：[{b}, 2]（先对真实的词取平均，再接 `Dense`）"),
                format!("one prediction per sentence: [{b}, 2] (mean over the real tokens, then `Dense`)"),
            ),
            recomputed: Some(Phrase::new(
                format!("`fc` 作用于每个位置：[T, B, 2] = [{MAX_LEN}, {b}, 2]；除非 B = 1，`squeeze(1)` 什么也去不掉"),
                format!("`fc` on every position: [T, B, 2] = [{MAX_LEN}, {b}, 2]; `squeeze(1)` removes nothing unless B = 1"),
            )),
            explanation: Text::new(
                "Transformer 的输出是每个词一个向量，直接接全连接层得到的是每个词的分类，而标签是每句一个。必须先汇总成一个向量（对真实词取平均，或用 `[CLS]`）。此外 `nn.Transformer(d_model, nhead, num_layers)` 的第三个参数是编码器层数，解码器仍是默认的 6 层；`forward(src, src_len)` 把长度当成了解码器的输入 `tgt`。文本分类只需要编码器（`nn.TransformerEncoder`）。",
                "A Transformer outputs one vector per token; a Dense layer on that classifies every token, while the labels are one per sentence. Pool first (the mean over real tokens, or a `[CLS]` token). Also, `nn.Transformer(d_model, nhead, num_layers)` takes the third argument as the number of encoder layers, leaving the default 6 decoder layers, and `forward(src, src_len)` passes the lengths as the decoder input `tgt`. Classification needs the encoder only (`nn.TransformerEncoder`).",
            ).into(),
        },
        Erratum {
            id: "transformer-accuracy",
            kind: RowKind::Slip,
            quantity: Text::new("003 §5.2.4 的准确率", "003 §5.2.4: the accuracy"),
            article: "print(f'Test Loss: {total_loss / len(test_iter)}, Accuracy: {correct / len(test_iter)}')",
            gloss: None,
            truth: {
                let (right, total, acc) = (eval.correct, eval.total, shown(eval.accuracy()));
                Phrase::new(
                    format!("{total} 个测试句子分对 {right} 个（未训练的 Transformer）：准确率 {acc}"),
                    format!("{right} of {total} test sentences right (untrained Transformer): accuracy {acc}"),
                )
            },
            recomputed: {
                let (right, ratio) = (eval.correct, shown(eval.correct as f64 / n_batches as f64));
                Some(Phrase::new(
                    format!("`correct / len(test_iter)` = {right} / {n_batches} 个 32 句的批 = {ratio}"),
                    format!("`correct / len(test_iter)` = {right} / {n_batches} batches of 32 = {ratio}"),
                ))
            },
            explanation: Text::new(
                "`len(test_iter)` 是批的个数，不是样本数。用它做分母，“准确率”会放大约 32 倍，可以远大于 1。应除以样本总数。",
                "`len(test_iter)` is the number of batches, not of samples. Dividing by it inflates the “accuracy” about 32-fold, far above 1. Divide by the number of samples.",
            ).into(),
        },
        Erratum {
            id: "transformer-positions",
            kind: RowKind::Slip,
            quantity: Text::new("003 §5.2 的词序信息", "003 §5.2: word order"),
            article: "src = self.embedding(src)\n        src = self.transformer(src, src_len)",
            gloss: None,
            truth: Phrase::new(
                format!("加上正弦位置编码后，把每个句子倒过来，logits 最多变化 {}", shown(with_pos)),
                format!("with sinusoidal positions, reversing each sentence changes the logits by up to {}", shown(with_pos)),
            ),
            recomputed: Some(Phrase::new(
                format!("不加位置编码（文章的模型）：最多变化 {}", shown(no_pos)),
                format!("without positions (the article's model): by at most {}", shown(no_pos)),
            )),
            explanation: Text::new(
                "`nn.Transformer` 不加位置编码，代码也没有加。没有位置信息时，自注意力加平均汇总对词序完全无感：把句子倒过来，输出不变（只差浮点舍入）。对“是否包含关键词”这个任务无妨，但“狗咬人”和“人咬狗”就分不开了。",
                "`nn.Transformer` adds no positional encoding and the code adds none. Without positions, self-attention followed by a mean is blind to word order: a reversed sentence gives the same output (up to float rounding). Harmless for “does it contain the keyword”, but “dog bites man” and “man bites dog” become the same input.",
            ).into(),
        },
        Erratum {
            id: "keras-loss",
            kind: RowKind::Slip,
            quantity: Text::new("002 项目案例的损失与变量", "002 project case: loss and names"),
            article: "Dense(num_classes, activation='softmax')\n    ])\n    model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])",
            gloss: None,
            truth: Phrase::new(
                "整数标签要用 `loss='sparse_categorical_crossentropy'`（或改用独热标签）；`tokenizer`、`vocab_size` 和 `num_classes` 必须在用到的地方有定义",
                "integer labels need `loss='sparse_categorical_crossentropy'` (or one-hot labels); `tokenizer`, `vocab_size` and `num_classes` must be defined where they are used",
            ),
            recomputed: None,
            explanation: Text::new(
                "y 是 CSV 里的整数标签，`categorical_crossentropy` 却要独热标签，形状对不上；应该用 `sparse_categorical_crossentropy`。`load_data` 用到的 `tokenizer` 从未定义，`build_model` 用到的 `vocab_size`、`num_classes` 只是 `main` 里的局部变量（`max_len` 也没传给 `load_data`）。另外，Keras 的 `LSTM(units)` 只返回最后一个时间步，`pad_sequences` 默认在句首填充，所以最后一步是真实的词——这正是 001 的代码没做对的地方。",
                "y holds integer labels from the CSV, but `categorical_crossentropy` wants one-hot labels, so the shapes do not match; use `sparse_categorical_crossentropy`. The `tokenizer` `load_data` uses is never defined, and `vocab_size` and `num_classes` that `build_model` uses are local variables of `main` (nor does `load_data` receive `max_len`). On the other hand, Keras' `LSTM(units)` returns the last time step only and `pad_sequences` pads at the front, so that step is a real word: exactly what 001's code gets wrong.",
            ).into(),
        },
        Erratum {
            id: "f1-definition",
            kind: RowKind::Slip,
            quantity: Text::new("003 §9.7：F1 分数", "003 §9.7: the F1 score"),
            article: "F1分数：结合准确率和召回率，计算F1分数，用于评估模型的综合性能。",
            gloss: Some("F1 score: combining accuracy and recall, compute the F1 score, used to evaluate the model's overall performance."),
            truth: {
                let c = &counts;
                let (tp, fp, fneg, tn) = (c.true_pos, c.false_pos, c.false_neg, c.true_neg);
                let (p, r, f1) = (shown(c.precision()), shown(c.recall()), shown(c.f1()));
                Phrase::new(
                    format!("LSTM 训练 {F1_STEPS} 步：TP {tp}，FP {fp}，FN {fneg}，TN {tn}：P = {p}，R = {r}，F1 = 2PR/(P + R) = {f1}"),
                    format!("LSTM, {F1_STEPS} steps: TP {tp}, FP {fp}, FN {fneg}, TN {tn}: P = {p}, R = {r}, F1 = 2PR/(P + R) = {f1}"),
                )
            },
            recomputed: Some(Phrase::same(format!(
                "A = {}, 2AR/(A + R) = {}",
                shown(counts.accuracy()),
                shown(harmonic_mean(counts.accuracy(), counts.recall()))
            ))),
            explanation: Text::new(
                "有些中文文章用“准确率”指精确率（precision），但 §9.7 第 1 条把准确率定义为预测与真实标签一致的程度，还说可用于回归，那就是正确率（accuracy）。按文章自己的定义，F1 成了准确率与召回率的组合。其实 F1 是精确率 P = TP/(TP + FP) 与召回率 R = TP/(TP + FN) 的调和平均 2PR/(P + R)，与准确率无关，也不看真负例 TN。“实际计算”一栏是本课的 LSTM 训练几步后在留出句子上的混淆计数和 P、R、F1；“按原式重算”一栏把准确率代入同一个调和平均，得到的是另一个数。",
                "Some Chinese texts use “准确率” for precision, but §9.7 item 1 defines it as how well predictions agree with the true labels, usable for regression too: that is accuracy. By the article's own definitions, F1 then combines accuracy and recall. F1 is the harmonic mean 2PR/(P + R) of precision P = TP/(TP + FP) and recall R = TP/(TP + FN): accuracy does not enter it, and neither do the true negatives TN. The Computed column holds the confusion counts of this lesson's LSTM on held-out sentences after a few training steps, with P, R and F1; the “Its formula, recomputed” column puts accuracy into the same harmonic mean and gets a different number.",
            ).into(),
        },
    ])
}
