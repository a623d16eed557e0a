//! What article 004 §5 gets wrong or leaves out about its MNIST CNN, beside what this lesson's
//! network computes. Numbers (shapes, parameter counts, steps per epoch) come from the model.

use burn::module::Module;
use burn::prelude::*;

use super::model::Cnn;
use super::split::TRAIN;
use super::trainer::BATCH;
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::{Erratum, RowKind};

/// One layer as Keras' `model.summary()` would list it: output shape channels-last
/// (H, W, C) or (units,), and its trainable parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerInfo {
    pub name: &'static str,
    pub output: Vec<usize>,
    pub params: usize,
}

/// Every layer's output shape and parameter count, read from the network itself (shapes are
/// metadata: nothing is read back from the device).
pub fn layers(device: &Device) -> Vec<LayerInfo> {
    let m = Cnn::new(0, device);
    let a = m.forward(Tensor::zeros([1, 1, 28, 28], device));
    let hwc = |d: [usize; 4]| vec![d[2], d[3], d[1]];
    vec![
        LayerInfo {
            name: "Conv2D(32, 3×3, relu)",
            output: hwc(a.conv1.dims()),
            params: m.conv1.num_params(),
        },
        LayerInfo {
            name: "MaxPooling2D(2×2)",
            output: hwc(a.pool1.dims()),
            params: 0,
        },
        LayerInfo {
            name: "Conv2D(64, 3×3, relu)",
            output: hwc(a.conv2.dims()),
            params: m.conv2.num_params(),
        },
        LayerInfo {
            name: "MaxPooling2D(2×2)",
            output: hwc(a.pool2.dims()),
            params: 0,
        },
        LayerInfo {
            name: "Flatten",
            output: vec![a.flatten.dims()[1]],
            params: 0,
        },
        LayerInfo {
            name: "Dense(64, relu)",
            output: vec![a.dense1.dims()[1]],
            params: m.dense1.num_params(),
        },
        LayerInfo {
            name: "Dense(10, softmax)",
            output: vec![a.logits.dims()[1]],
            params: m.dense2.num_params(),
        },
    ]
}

/// Adam steps in one epoch of `n` samples at batch `batch` (the last batch may be short).
pub fn steps_per_epoch(n: usize, batch: usize) -> usize {
    n.div_ceil(batch.max(1))
}

/// Keras' MNIST training set, which the article's code loads.
pub const KERAS_TRAIN: usize = 60_000;

fn shape(v: &[usize]) -> String {
    let s: Vec<String> = v.iter().map(|d| d.to_string()).collect();
    format!("({})", s.join(", "))
}

pub fn errata(device: &Device) -> Vec<Erratum> {
    let layers = layers(device);
    let total: usize = layers.iter().map(|l| l.params).sum();
    let table = |params: &str| -> Vec<String> {
        layers
            .iter()
            .map(|l| {
                format!(
                    "`{}` → {} · {} {params}",
                    l.name,
                    shape(&l.output),
                    l.params
                )
            })
            .collect()
    };
    vec![
        Erratum {
            id: "loss",
            kind: RowKind::Slip,
            quantity: Text::new("§5.3.2 的损失函数", "The loss of §5.3.2"),
            article: "模型训练部分使用 Adam 优化器和均方误差（MSE）损失函数训练模型。",
            gloss: Some("The training part trains the model with the Adam optimiser and the mean squared error (MSE) loss function."),
            truth: Phrase::new(
                "稀疏类别交叉熵：L = −(1/N) Σ ln softmax(z)[yᵢ]",
                "sparse categorical cross-entropy: L = −(1/N) Σ ln softmax(z)[yᵢ]",
            ),
            recomputed: None,
            explanation: Text::new(
                "文中说用均方误差，但它自己的代码写的是 `loss='sparse_categorical_crossentropy'`：对整数标签 y，取 softmax 输出中正确类别的概率的负对数。本课按代码训练。对 softmax 分类，交叉熵的梯度是 p − onehot(y)，不会像 MSE 那样在输出饱和时变得很小。",
                "The text says mean squared error, but its own code says `loss='sparse_categorical_crossentropy'`: for an integer label y, minus the log of the softmax probability of the right class. This lesson trains what the code says. For a softmax classifier the cross-entropy gradient is p − onehot(y), which does not fade when the outputs saturate, as MSE's does.",
            ).into(),
        },
        Erratum {
            id: "epoch",
            kind: RowKind::Slip,
            quantity: Text::new("一个 epoch 用多少样本", "Samples in one epoch"),
            article: "训练过程中，使用 5 个 epoch，每个 epoch 使用 32 个样本进行批量训练。",
            gloss: Some("Training uses 5 epochs, each epoch using 32 samples for batch training."),
            truth: {
                let (keras, here) = (steps_per_epoch(KERAS_TRAIN, BATCH), steps_per_epoch(TRAIN, BATCH));
                Phrase::new(
                    format!("`batch_size = {BATCH}` 是每一步的样本数；一个 epoch 把每个训练样本用一次：Keras 的 {KERAS_TRAIN} 个样本是 {keras} 步（本课 {TRAIN} 个样本是 {here} 步）"),
                    format!("`batch_size = {BATCH}` is the samples per step; one epoch is every training sample once: {keras} steps for Keras' {KERAS_TRAIN} (here {here} steps for {TRAIN})"),
                )
            },
            recomputed: None,
            explanation: Text::new(
                "`batch_size=32` 是每一步（一次梯度更新）用的样本数，不是每个 epoch 的样本数。一个 epoch 把整个训练集过一遍，所以 5 个 epoch 是 5 × 1875 步，每步 32 个样本。",
                "`batch_size=32` is the number of samples per step (one gradient update), not per epoch. An epoch passes over the whole training set once, so 5 epochs are 5 × 1875 steps of 32 samples each.",
            ).into(),
        },
        Erratum {
            id: "shapes",
            kind: RowKind::Note,
            quantity: Text::new("各层输出形状与参数量", "Each layer's output shape and parameters"),
            article: "通过两个卷积层和两个池化层提取特征，然后通过全连接层分类。",
            gloss: Some("Features are extracted by two convolutional layers and two pooling layers, then classified by fully connected layers."),
            truth: Phrase::new(
                format!("{}；共 {total} 个参数", table("个参数").join("；")),
                format!("{}; total {total}", table("params").join("; ")),
            ),
            recomputed: None,
            explanation: {
                // Every size read from the layers: conv1, pool1, conv2, pool2, flatten, dense1.
                let side = |i: usize| layers[i].output[0];
                let (c1, p1, c2, p2) = (side(0), side(1), side(2), side(3));
                let (channels, flat) = (layers[2].output[2], layers[4].output[0]);
                let (units, dense) = (layers[5].output[0], layers[5].params);
                let sizes = format!("28 → {c1}，池化减半取整：{c1} → {p1} → {c2} → {p2}");
                let sizes_en = format!("28 → {c1}; pooling halves, rounding down: {c1} → {p1} → {c2} → {p2}");
                Phrase::new(
                    format!("文章没有给出形状。没有填充（`padding='valid'`）的 3×3 卷积每边少 1 个像素：{sizes}。所以 `Flatten` 之后有 {p2}·{p2}·{channels} = {flat} 个数，`Dense({units})` 的 {flat}·{units} + {units} = {dense} 个参数占全网络的大部分。"),
                    format!("The article gives no shapes. A 3×3 convolution without padding (`padding='valid'`) loses one pixel on each side: {sizes_en}. So `Flatten` gives {p2}·{p2}·{channels} = {flat} numbers and `Dense({units})`'s {flat}·{units} + {units} = {dense} parameters are most of the network."),
                )
            },
        },
        Erratum {
            id: "big-model",
            kind: RowKind::Slip,
            quantity: Text::new("“大模型”的规模", "How large the “large model” is"),
            article: "展示了大模型技术在创业中的应用。",
            gloss: Some("It shows the application of large-model technology in entrepreneurship."),
            truth: Phrase::new(
                format!("{total} 个参数，按 f32 存储占 {} KiB", total * 4 / 1024),
                format!("{total} parameters, {} KiB as f32", total * 4 / 1024),
            ),
            recomputed: None,
            explanation: Text::new(
                "这个网络只有约 12 万个参数，是一个很小的卷积网络，在浏览器里几分钟就能训练好；今天说的“大模型”有数十亿到上万亿参数。",
                "This network has about 120 thousand parameters: a small convolutional network that trains in a browser in minutes. Today's “large models” have billions to trillions.",
            ).into(),
        },
        Erratum {
            id: "validation",
            kind: RowKind::Slip,
            quantity: Text::new("测试准确率是否可信", "Whether the test accuracy can be trusted"),
            article: "model.fit(x_train, y_train, epochs=5, batch_size=32, validation_data=(x_test, y_test))",
            gloss: None,
            truth: Phrase::new(
                format!("{TRAIN} 个数字用于训练，{} 个留出，从不用来做任何选择", 10_000 - TRAIN),
                format!("{TRAIN} digits to train on, {} held out and never used to choose anything", 10_000 - TRAIN),
            ),
            recomputed: None,
            explanation: Text::new(
                "代码把测试集当作验证集，训练中每个 epoch 都看它的准确率，最后又用同一个测试集报告准确率。只要根据它改过任何设置（epoch 数、学习率），这个数字就偏乐观。本课把 2000 个数字留出，只在最后评估。",
                "The code passes the test set as validation data, watches its accuracy every epoch, then reports accuracy on that same test set. Once any setting (epochs, learning rate) is chosen by looking at it, the number is optimistic. This lesson holds 2,000 digits out and scores them only at the end.",
            ).into(),
        },
        Erratum {
            id: "install",
            kind: RowKind::Slip,
            quantity: Text::new("§5.1 安装步骤", "The install steps of §5.1"),
            article: "pip install python==3.8",
            gloss: None,
            truth: Phrase::new(
                "Python 要从 `python.org` 或系统的包管理器安装；`pip` 只能把包装进已经装好的 Python",
                "Python is installed from `python.org` or a system package manager; `pip` only installs packages into an existing Python",
            ),
            recomputed: None,
            explanation: Text::new(
                "`pip` 是 Python 自带的包管理器，不能安装 Python 本身；这条命令会失败。",
                "`pip` is Python's package installer; it cannot install Python itself, and this command fails.",
            ).into(),
        },
        Erratum {
            id: "drawn-digits",
            kind: RowKind::Note,
            quantity: Text::new("自己写的数字怎么预处理", "How a drawn digit must be prepared"),
            article: "x_train = x_train.astype('float32') / 255",
            gloss: None,
            truth: Phrase::new(
                "裁到笔迹所在的范围，长边缩放到 20 像素，把质心放在 28×28 的中心，笔迹为 1、背景为 0",
                "crop to the ink, scale the longer side to 20 px, centre the mass in 28×28, ink = 1 on background 0",
            ),
            recomputed: None,
            explanation: Text::new(
                "除以 255 对 MNIST 本身足够，因为它的数字已经裁剪、缩放到 20×20 并按质心居中。画布上随手写的数字大小和位置都不同，不经同样的处理，网络的准确率会明显下降。",
                "Dividing by 255 is enough for MNIST itself, whose digits are already cropped, scaled to 20×20 and centred by their centre of mass. A digit drawn on a canvas has any size and position; without the same preparation the network does much worse on it.",
            ).into(),
        },
    ]
}
