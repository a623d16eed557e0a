//! The autodiff graph's words.

use engine::i18n::Text;

pub const TITLE: Text = Text::new("自动微分计算图", "Autodiff graph");
pub const HINT: Text = Text::new(
    "这张图是模型刚才真正执行的运算记录下来的：每个方框是一个张量和它的值，连线上写着产生它的运算。向前走按执行顺序逐个点亮；向后走按反向传播的顺序倒着点亮，并写出每个节点的梯度 ∂L。把鼠标停在方框上可看到全部数值。",
    "This graph is recorded from the operations the model just ran: each box is a tensor with its value, and the edges carry the op that made it. Stepping forward lights the ops in the order they ran; stepping backward lights them in backpropagation's order with each node's gradient ∂L. Hover a box for all its numbers.",
);
pub const START: Text = Text::new("回到开头", "To the start");
pub const PREV: Text = Text::new("上一步", "Step back");
pub const NEXT: Text = Text::new("下一步", "Step on");
pub const END: Text = Text::new("走到最后", "To the end");
pub const AT_START: Text = Text::new(
    "开头：只知道输入和参数。",
    "The start: only the inputs and parameters are known.",
);
pub const FORWARD: Text = Text::new("前向 {k}/{n}：", "Forward {k}/{n}: ");
pub const BACKWARD: Text = Text::new("反向 {k}/{n}：", "Backward {k}/{n}: ");
pub const SEED: Text = Text::new("（起点：∂L/∂L = 1）", " (the start: ∂L/∂L = 1)");
pub const NO_GRAPH: Text = Text::new("正在计算……", "Computing…");
