//! Predict mode's words.

use engine::i18n::Text;

pub const MODE: Text = Text::new("先预测，再揭晓", "Predict, then reveal");
pub const WHAT_IS: Text = Text::new("下一步算出多少？", "What does the next step give?");
pub const YOUR_VALUE: Text = Text::new("你的预测", "Your prediction");
pub const CHECK: Text = Text::new("核对", "Check");
pub const RIGHT: Text = Text::new("对了！", "Right!");
pub const CLOSE: Text = Text::new("很接近。", "Close.");
pub const WRONG: Text = Text::new("不对。", "Not quite.");
pub const NUMBERS: Text = Text::new(
    "你：{guess} · 计算值：{truth} · 相差 {off}",
    "You: {guess} · computed: {truth} · off by {off}",
);
pub const TOLERANCE: Text = Text::new(
    "判定：与计算值相差不超过 {right}（接近 0 时不超过 ±{right_abs}）算对，不超过 {close} 算接近。",
    "Judged right within {right} of the computed value (±{right_abs} near zero), close within {close}.",
);
pub const SCORE: Text = Text::new(
    "得分：对 {right} · 接近 {close} · 错 {wrong}",
    "Score: {right} right · {close} close · {wrong} wrong",
);
pub const RESET_SCORE: Text = Text::new("清零得分", "Reset score");
pub const NEW_NUMBERS: Text = Text::new("换一组数再练", "Try again with new numbers");
pub const ALL_REVEALED: Text = Text::new(
    "每一步都揭晓了。退回几步或换一组数，再来预测。",
    "Every step is revealed. Step back or take new numbers to predict again.",
);
