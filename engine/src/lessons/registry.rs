//! Every worked example of the five articles (shared LESSONS.md), in course order.

use crate::i18n::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonInfo {
    pub id: &'static str,
    pub title: Text,
    /// The article file's number, e.g. "000" for `000_….txt`.
    pub article: &'static str,
    pub section: &'static str,
    pub summary: Text,
    /// False while the lesson is still being built: the home page shows it as "coming".
    pub live: bool,
}

pub const LESSONS: &[LessonInfo] = &[
    LessonInfo {
        id: "mlp-step",
        title: Text::new("一步训练：2-2-1 网络", "One training step: a 2-2-1 network"),
        article: "000",
        section: "§4.3",
        summary: Text::new(
            "逐个节点走完前向、反向传播和一次 SGD 更新，每个数都摆在网络图上。",
            "Walk the forward pass, the backward pass and one SGD update node by node, every number on the diagram.",
        ),
        live: true,
    },
    LessonInfo {
        id: "keras-4x4",
        title: Text::new("Keras 4×4 小例子", "The Keras 4×4 example"),
        article: "000",
        section: "§5",
        summary: Text::new(
            "用 Adam 训练 1000 轮，看看准确率到底能取哪些值。",
            "Train 1000 epochs with Adam and see which accuracies are possible at all.",
        ),
        live: true,
    },
    LessonInfo {
        id: "bce",
        title: Text::new("二元交叉熵", "Binary cross-entropy"),
        article: "001",
        section: "§4.3",
        summary: Text::new(
            "逐项计算交叉熵和它的梯度。",
            "Compute cross-entropy term by term, and its gradient.",
        ),
        live: true,
    },
    LessonInfo {
        id: "optimizers",
        title: Text::new("优化器赛跑", "Optimisers race"),
        article: "001",
        section: "§4.2",
        summary: Text::new(
            "GD、SGD、Momentum 与 Adam 在同一曲面上比赛。",
            "GD, SGD, Momentum and Adam race on the same loss surface.",
        ),
        live: true,
    },
    LessonInfo {
        id: "linreg-gd",
        title: Text::new(
            "线性回归与梯度下降",
            "Linear regression by gradient descent",
        ),
        article: "002 / 003",
        section: "§Mathematical models 1 / §4.3",
        summary: Text::new(
            "在损失等高线上拖动 w 和 b，找到学习率发散的地方。",
            "Drag w and b on the loss contours and find where the learning rate diverges.",
        ),
        live: true,
    },
    LessonInfo {
        id: "softmax-ce",
        title: Text::new("Softmax 与交叉熵", "Softmax and cross-entropy"),
        article: "002",
        section: "§Mathematical models 2",
        summary: Text::new(
            "编辑 logits 和标签，看概率、损失和梯度 ŷ − y。",
            "Edit logits and labels; see the probabilities, the loss and the gradient ŷ − y.",
        ),
        live: true,
    },
    LessonInfo {
        id: "backprop-352",
        title: Text::new("3-5-2 网络的反向传播", "Backpropagation in a 3-5-2 network"),
        article: "002",
        section: "§Mathematical models 3",
        summary: Text::new(
            "一层一层地把输出梯度传回隐藏层。",
            "Carry the output gradient back to the hidden layer, layer by layer.",
        ),
        live: true,
    },
    LessonInfo {
        id: "xor",
        title: Text::new("异或问题", "XOR"),
        article: "004",
        section: "§4.4",
        summary: Text::new(
            "单层网络为何失败，加一层隐藏层后为何成功。",
            "Why a single layer fails, and why a hidden layer succeeds.",
        ),
        live: true,
    },
    LessonInfo {
        id: "mnist-cnn",
        title: Text::new("MNIST 卷积网络", "The MNIST CNN"),
        article: "004",
        section: "§5",
        summary: Text::new(
            "在网页里用 WebGPU 训练文章的卷积网络，再手写数字来识别。",
            "Train the article's CNN in the page on WebGPU, then draw a digit to classify.",
        ),
        live: true,
    },
    LessonInfo {
        id: "attention",
        title: Text::new("缩放点积注意力", "Scaled dot-product attention"),
        article: "003",
        section: "§3.1.3, §4.2.3, §4.3",
        summary: Text::new(
            "对 “I love programming” 逐步计算 Q、K、V、分数和 softmax 权重。",
            "Step through Q, K, V, the scores and the softmax weights for “I love programming”.",
        ),
        live: true,
    },
    LessonInfo {
        id: "text-classifier",
        title: Text::new("文本分类器", "A text classifier"),
        article: "001 / 002 / 003",
        section: "§5.2–5.4 / §Project case / §5.2",
        summary: Text::new(
            "训练 LSTM 和 Transformer 判断句子是否含有关键词。",
            "Train an LSTM and a Transformer to tell whether a sentence contains a keyword.",
        ),
        live: true,
    },
];

pub fn find(id: &str) -> Option<&'static LessonInfo> {
    LESSONS.iter().find(|l| l.id == id)
}

/// The lessons built from the lesson kit (every lesson but `mlp-step`, which has its own page).
pub const KIT_LESSONS: &[&crate::lessons::kit::LessonDef] = &[
    &crate::lessons::keras_4x4::LESSON,
    &crate::lessons::bce::LESSON,
    &crate::lessons::optimizers::LESSON,
    &crate::lessons::linreg_gd::LESSON,
    &crate::lessons::softmax_ce::LESSON,
    &crate::lessons::backprop_352::LESSON,
    &crate::lessons::xor::LESSON,
    &crate::lessons::attention::LESSON,
];

pub fn kit_lesson(id: &str) -> Option<&'static crate::lessons::kit::LessonDef> {
    KIT_LESSONS.iter().copied().find(|l| l.id == id)
}
