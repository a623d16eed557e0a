//! Every page of the app, one entry each: the worked examples of the five articles (shared
//! LESSONS.md) and the playground. The router, the home page and `trace --list` read it.

use crate::i18n::Text;
use crate::lessons::kit::LessonDef;
use crate::lessons::kit::Values;
use crate::lessons::kit::network::{NetworkShape, ShapeByChoice};

/// What a page is built from; the router picks the page's component by it.
#[derive(Clone, Copy)]
pub enum Page {
    /// A step-through lesson built from the lesson kit.
    Kit(&'static LessonDef),
    /// The MNIST CNN trainer.
    Mnist,
    /// The LSTM and Transformer text classifier.
    Text,
    /// The playground.
    Playground,
}

impl Page {
    /// The kit lesson behind a step-through page.
    pub fn lesson(self) -> Option<&'static LessonDef> {
        match self {
            Page::Kit(def) => Some(def),
            _ => None,
        }
    }

    /// True for the step-throughs that `trace` computes.
    pub fn traced(self) -> bool {
        self.lesson().is_some()
    }
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Page::Kit(def) => write!(f, "Kit({})", def.id),
            Page::Mnist => f.write_str("Mnist"),
            Page::Text => f.write_str("Text"),
            Page::Playground => f.write_str("Playground"),
        }
    }
}

/// A page's main picture: what the learner looks at while the steps run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picture {
    /// A two-layer network, every value, gradient and weight on it, the current step lit.
    Network(&'static NetworkShape),
    /// A network per model, the one the settings choose drawn (xor).
    NetworkByChoice(&'static ShapeByChoice),
    /// The lesson's own views (heatmaps, loss surfaces, tables) drawn from its trace.
    LessonViews,
    /// A page that draws its own pictures (MNIST, text, playground).
    OwnPage,
}

impl Picture {
    /// True for a network picture, whichever model it draws.
    pub fn is_network(self) -> bool {
        matches!(self, Picture::Network(_) | Picture::NetworkByChoice(_))
    }

    /// The network the picture draws for these settings.
    pub fn network(self, v: &Values) -> Option<&'static NetworkShape> {
        match self {
            Picture::Network(shape) => Some(shape),
            Picture::NetworkByChoice(by) => by.pick(v),
            _ => None,
        }
    }
}

/// The course's groups, in learning order (the playground stands beside them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    NeuronAndLoss,
    GradientDescent,
    Backpropagation,
    Networks,
    Convolution,
    AttentionAndText,
    Playground,
}

impl Group {
    /// The group's name in the page's test ids and anchors.
    pub fn id(self) -> &'static str {
        match self {
            Group::NeuronAndLoss => "neuron-and-loss",
            Group::GradientDescent => "gradient-descent",
            Group::Backpropagation => "backpropagation",
            Group::Networks => "networks",
            Group::Convolution => "convolution",
            Group::AttentionAndText => "attention-and-text",
            Group::Playground => "playground",
        }
    }

    pub fn title(self) -> Text {
        match self {
            Group::NeuronAndLoss => Text::new("一个神经元与损失", "One neuron and the loss"),
            Group::GradientDescent => Text::new("梯度下降", "Gradient descent"),
            Group::Backpropagation => Text::new("反向传播", "Backpropagation"),
            Group::Networks => Text::new("网络", "Networks"),
            Group::Convolution => Text::new("卷积", "Convolution"),
            Group::AttentionAndText => Text::new("注意力与文本", "Attention and text"),
            Group::Playground => Text::new("游乐场", "Playground"),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct PageInfo {
    pub id: &'static str,
    pub title: Text,
    /// The article file's number, e.g. "000" for `000_….txt` (empty for the playground).
    pub article: &'static str,
    pub section: &'static str,
    pub summary: Text,
    /// False while the lesson is still being built: the home page shows it as "coming".
    pub live: bool,
    pub page: Page,
    pub picture: Picture,
    pub group: Group,
}

/// In course order: the groups in their order, within a group the lesson to read first first
/// (a native test keeps the groups in order).
pub const PAGES: &[PageInfo] = &[
    PageInfo {
        id: "bce",
        title: Text::new("二元交叉熵", "Binary cross-entropy"),
        article: "001",
        section: "§4.3",
        summary: Text::new(
            "逐项计算交叉熵和它的梯度。",
            "Compute cross-entropy term by term, and its gradient.",
        ),
        live: true,
        page: Page::Kit(&crate::lessons::bce::LESSON),
        picture: Picture::LessonViews,
        group: Group::NeuronAndLoss,
    },
    PageInfo {
        id: "softmax-ce",
        title: Text::new("Softmax 与交叉熵", "Softmax and cross-entropy"),
        article: "002",
        section: "§Mathematical models 2",
        summary: Text::new(
            "编辑 logits 和标签，看概率、损失和梯度 ŷ − y。",
            "Edit logits and labels; see the probabilities, the loss and the gradient ŷ − y.",
        ),
        live: true,
        page: Page::Kit(&crate::lessons::softmax_ce::LESSON),
        picture: Picture::LessonViews,
        group: Group::NeuronAndLoss,
    },
    PageInfo {
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
        page: Page::Kit(&crate::lessons::linreg_gd::LESSON),
        picture: Picture::LessonViews,
        group: Group::GradientDescent,
    },
    PageInfo {
        id: "optimizers",
        title: Text::new("优化器赛跑", "Optimisers race"),
        article: "001",
        section: "§4.2",
        summary: Text::new(
            "GD、SGD、动量法与 Adam 在同一曲面上比赛。",
            "GD, SGD, Momentum and Adam race on the same loss surface.",
        ),
        live: true,
        page: Page::Kit(&crate::lessons::optimizers::LESSON),
        picture: Picture::LessonViews,
        group: Group::GradientDescent,
    },
    PageInfo {
        id: "mlp-step",
        title: Text::new("一步训练：2-2-1 网络", "One training step: a 2-2-1 network"),
        article: "000",
        section: "§4.3",
        summary: Text::new(
            "逐个节点走完前向、反向传播和一次 SGD 更新，每个数都摆在网络图上。",
            "Walk the forward pass, the backward pass and one SGD update node by node, every number on the diagram.",
        ),
        live: true,
        page: Page::Kit(&crate::lessons::mlp_step::LESSON),
        picture: Picture::Network(&crate::lessons::mlp_step::NETWORK),
        group: Group::Backpropagation,
    },
    PageInfo {
        id: "backprop-352",
        title: Text::new("3-5-2 网络的反向传播", "Backpropagation in a 3-5-2 network"),
        article: "002",
        section: "§Mathematical models 3",
        summary: Text::new(
            "一层一层地把输出梯度传回隐藏层。",
            "Carry the output gradient back to the hidden layer, layer by layer.",
        ),
        live: true,
        page: Page::Kit(&crate::lessons::backprop_352::LESSON),
        picture: Picture::Network(&crate::lessons::backprop_352::NETWORK),
        group: Group::Backpropagation,
    },
    PageInfo {
        id: "xor",
        title: Text::new("异或问题", "XOR"),
        article: "004",
        section: "§4.4",
        summary: Text::new(
            "单层网络为何失败，加一层隐藏层后为何成功。",
            "Why a single layer fails, and why a hidden layer succeeds.",
        ),
        live: true,
        page: Page::Kit(&crate::lessons::xor::LESSON),
        picture: Picture::NetworkByChoice(&crate::lessons::xor::NETWORKS),
        group: Group::Networks,
    },
    PageInfo {
        id: "keras-4x4",
        title: Text::new("Keras 4×4 小例子", "The Keras 4×4 example"),
        article: "000",
        section: "§5",
        summary: Text::new(
            "用 Adam 训练 1000 轮，看看准确率到底能取哪些值。",
            "Train 1000 epochs with Adam and see which accuracies are possible at all.",
        ),
        live: true,
        page: Page::Kit(&crate::lessons::keras_4x4::LESSON),
        picture: Picture::Network(&crate::lessons::keras_4x4::NETWORK),
        group: Group::Networks,
    },
    PageInfo {
        id: "mnist-cnn",
        title: Text::new("MNIST 卷积网络", "The MNIST CNN"),
        article: "004",
        section: "§5",
        summary: Text::new(
            "在网页里用 WebGPU 训练文章的卷积网络，再手写数字来识别。",
            "Train the article's CNN in the page on WebGPU, then draw a digit to classify.",
        ),
        live: true,
        page: Page::Mnist,
        picture: Picture::OwnPage,
        group: Group::Convolution,
    },
    PageInfo {
        id: "attention",
        title: Text::new("缩放点积注意力", "Scaled dot-product attention"),
        article: "003",
        section: "§3.1.3, §4.2.3, §4.3",
        summary: Text::new(
            "对 “I love programming” 逐步计算 Q、K、V、分数和 softmax 权重。",
            "Step through Q, K, V, the scores and the softmax weights for “I love programming”.",
        ),
        live: true,
        page: Page::Kit(&crate::lessons::attention::LESSON),
        picture: Picture::LessonViews,
        group: Group::AttentionAndText,
    },
    PageInfo {
        id: "text-classifier",
        title: Text::new("文本分类器", "A text classifier"),
        article: "001 / 002 / 003",
        section: "§5.2–5.4 / §Project case / §5.2",
        summary: Text::new(
            "训练 LSTM 和 Transformer 判断句子是否含有关键词。",
            "Train an LSTM and a Transformer to tell whether a sentence contains a keyword.",
        ),
        live: true,
        page: Page::Text,
        picture: Picture::OwnPage,
        group: Group::AttentionAndText,
    },
    PageInfo {
        id: "playground",
        title: Text::new("游乐场：搭一个网络", "Playground: build a network"),
        article: "",
        section: "",
        summary: Text::new(
            "选数据、特征和层数，用 burn 训练，看决策边界和每个神经元怎样变化；点一个神经元看它的前向值和梯度，点一条边改权重。",
            "Pick data, features and layers, train with burn, and watch the decision boundary and every neuron change; click a neuron for its forward value and gradient, an edge to edit its weight.",
        ),
        live: true,
        page: Page::Playground,
        picture: Picture::OwnPage,
        group: Group::Playground,
    },
];

pub fn find(id: &str) -> Option<&'static PageInfo> {
    PAGES.iter().find(|l| l.id == id)
}

/// The worked examples of the articles: every page but the playground, in course order.
pub fn lessons() -> impl Iterator<Item = &'static PageInfo> {
    PAGES.iter().filter(|p| !matches!(p.page, Page::Playground))
}

/// The lessons built from the lesson kit (every step-through), in the registry's order.
pub fn kit_lessons() -> Vec<&'static LessonDef> {
    PAGES.iter().filter_map(|p| p.page.lesson()).collect()
}

pub fn kit_lesson(id: &str) -> Option<&'static LessonDef> {
    find(id)?.page.lesson()
}
