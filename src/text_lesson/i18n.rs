//! The text-classifier page's own UI text, in Chinese and English.

use engine::i18n::Text;

pub const TASK: Text = Text::new(
    "任务（文章 001 §5.4）：判断一个句子是否含有给定的关键词。下面的句子由带种子的生成器写出，一半含有关键词；选一个关键词和数据集大小，训练 LSTM 或 Transformer，然后输入你自己的句子试试。",
    "The task (article 001 §5.4): does a sentence contain a given keyword? A seeded generator writes the sentences below, half of them with the keyword; pick a keyword and a dataset size, train the LSTM or the Transformer, then type a sentence of your own.",
);
pub const KEYWORD: Text = Text::new("关键词", "Keyword");
pub const SIZE: Text = Text::new("数据集大小（句）", "Dataset size (sentences)");
pub const MODEL: Text = Text::new("模型", "Model");
pub const SEED: Text = Text::new("随机种子", "Seed");
pub const LR: Text = Text::new("学习率（Adam）", "Learning rate (Adam)");
pub const LSTM: Text = Text::new(
    "嵌入 → LSTM → 全连接（001、002）",
    "Embedding → LSTM → Dense (001, 002)",
);
pub const TRANSFORMER: Text = Text::new("Transformer 编码器（003）", "Transformer encoder (003)");
pub const LSTM_ABOUT: Text = Text::new(
    "词嵌入（16 维）→ LSTM（16 个隐藏单元）→ 取最后一个时间步 `output[:, -1, :]` → 全连接得到 2 个 logits。句子在句首填充到 8 个词，所以最后一步总是真实的词。",
    "Embedding (16) → LSTM (16 hidden units) → the last time step `output[:, -1, :]` → Dense to 2 logits. Sentences are padded at the front to 8 tokens, so the last step is always a real word.",
);
pub const TRANSFORMER_ABOUT: Text = Text::new(
    "词嵌入（d_model = 16）+ 正弦位置编码 → 1 个编码器块（2 个注意力头，前馈 32，后置层归一化）→ 对真实词取平均 → 全连接得到 2 个 logits。填充的词不被关注。",
    "Embedding (d_model = 16) + sinusoidal positions → 1 encoder block (2 attention heads, feed-forward 32, post-norm) → mean over the real tokens → Dense to 2 logits. Padding is never attended to.",
);
pub const TRAINING_ABOUT: Text = Text::new(
    "损失：二分类 softmax 交叉熵（与文章代码的 `nn.CrossEntropyLoss` 相同）；Adam，每批 32 句；20% 的句子留作测试，不参与训练。",
    "Loss: 2-class softmax cross-entropy (the articles' `nn.CrossEntropyLoss`); Adam, batches of 32 sentences; 20 % of the sentences are held out and never trained on.",
);
pub const RESTART_NOTE: Text = Text::new(
    "改变关键词、数据集大小、模型或种子会生成新数据、重新初始化模型并从第 0 步重新训练；切换计算后端也一样（设置保留，训练进度清零，若正在运行则在新后端上继续训练）。学习率可以随时修改，不会重来。",
    "Changing the keyword, dataset size, model or seed generates new data, re-initialises the model and trains again from step 0; so does switching the backend (the settings are kept, the progress is not; if it was running it keeps training on the new backend). The learning rate can change at any time without a restart.",
);
pub const TRAIN_BATCH: Text = Text::new("训练一批", "Train one batch");
pub const STEPS: Text = Text::new("步", "step");
pub const EPOCHS: Text = Text::new("轮", "epoch");
pub const BATCH_LOSS: Text = Text::new("本批损失", "batch loss");
pub const TRAIN_ACC: Text = Text::new("训练准确率", "train accuracy");
pub const TEST_ACC: Text = Text::new("测试准确率", "held-out accuracy");
pub const TRAIN: Text = Text::new("训练集", "train");
pub const HELD_OUT: Text = Text::new("测试集", "held-out");
pub const LOSS_TITLE: Text = Text::new("损失", "Loss");
pub const ACCURACY_TITLE: Text = Text::new("准确率 %", "Accuracy %");
pub const CURVES: Text = Text::new("训练曲线", "Training curves");
pub const CURVES_NOTE: Text = Text::new(
    "每 5 步在训练集和测试集上各评估一次（每个集合最多 500 句）。",
    "Every 5 steps the model is evaluated on the training and the held-out sentences (at most 500 of each).",
);
pub const DATA_SPLIT: Text = Text::new("训练 / 测试句数", "Sentences for training / held out");
pub const EXAMPLES: Text = Text::new(
    "测试集里的几句（点一下放进输入框）：",
    "A few held-out sentences (click one to try it):",
);
pub const TRY_IT: Text = Text::new("输入一个句子", "Type a sentence");
pub const SENTENCE_HINT: Text = Text::new(
    "中文或英文都可以；不在词表里的词记作 `<unk>`，最多读前 8 个词。",
    "Chinese or English; words outside the vocabulary become `<unk>`; the models read the first 8 words.",
);
pub const PREDICTION: Text = Text::new("预测", "Prediction");
pub const CONTAINS: Text = Text::new("含有关键词", "contains the keyword");
pub const LACKS: Text = Text::new("不含关键词", "does not contain the keyword");
pub const MODEL_SAYS: Text = Text::new("模型判断", "The model says");
pub const TRUTH_IS: Text = Text::new("实际上", "In fact it");
pub const P_YES: Text = Text::new(
    "含有的概率 softmax(z)₁",
    "Probability it contains it, softmax(z)₁",
);
pub const TOKENS: Text = Text::new("模型读到的词", "The tokens the model reads");
pub const UNKNOWN_WORD: Text = Text::new("不在词表中（<unk>）", "not in the vocabulary (<unk>)");
pub const DROPPED: Text = Text::new(
    "个词超出 8 个词的长度，被截掉了（模型看不到它们）。",
    "word(s) past the 8-token limit were cut off (the model cannot see them).",
);
pub const AT_STEP: Text = Text::new("已训练步数", "model at step");
pub const ATTENTION: Text = Text::new("注意力权重", "Attention weights");
pub const ATTENTION_NOTE: Text = Text::new(
    "每个头一张热图：第 i 行是第 i 个词（查询）对各个词（键）的注意力权重，每行之和为 1。颜色：viridis，0 为深紫，1 为黄。",
    "One heatmap per head: row i holds how much token i (the query) attends to each token (the keys); every row sums to 1. Colours: viridis, 0 dark purple, 1 yellow.",
);
pub const NO_ATTENTION: Text = Text::new(
    "LSTM 没有注意力权重（选 Transformer 可看各头的注意力）。它一次读一个词，把隐藏状态 hₜ 带到下一个词：第 t 列是读完第 t 个词的 hₜ，分类只读最后一列。颜色：−1 深紫，1 黄。",
    "The LSTM has no attention weights (pick the Transformer to see them). It reads one word at a time and carries its hidden state hₜ on: column t is hₜ after word t, and the classifier reads the last column. Colours: viridis, −1 dark purple, 1 yellow.",
);
pub const LSTM_READING: Text = Text::new("LSTM 怎样读这句话", "How the LSTM reads the sentence");
pub const STEP_P_YES: Text = Text::new(
    "如果句子在这个词结束，全连接层读 hₜ 会给出的“含有关键词”的概率：",
    "What the Dense layer says of hₜ after each word (the probability of “contains the keyword” had the sentence ended there):",
);
pub const BLOCK: Text = Text::new("编码器块", "Block");
pub const HEAD: Text = Text::new("头", "head");
pub const TRAINED_ON: Text = Text::new("本模型训练于", "This model runs on");
pub const DIVERGED: Text = Text::new(
    "损失不再是有限数（NaN/∞）：训练已停止。请降低学习率，然后点“重置”。",
    "The loss is no longer a finite number (NaN/∞): training stopped. Lower the learning rate, then press Reset.",
);
pub const LINK_ERROR: Text = Text::new(
    "链接中的设置有误，已改用其余设置和默认值：",
    "A setting in this link is invalid; the page uses the others and the defaults instead:",
);
pub const KEPT: Text = Text::new("仍使用", "Still using");
pub const ERRATA_NOTE: Text = Text::new(
    "“实际计算”是本页模型（种子 7，关键词“书”，每批 8 句）真正的做法与结果；“按原式重算”是文章代码在同一批数据上会得到的结果。",
    "“Computed” is what this page's models really do, with their numbers (seed 7, keyword “书”, a batch of 8 sentences); the next column is what the article's code would give on the same batch.",
);
pub const GPU_FAILED: Text = Text::new(
    "计算出错，已切换到 CPU 并从第 0 步重新训练：",
    "The computation failed; switched to the CPU and training again from step 0: ",
);
