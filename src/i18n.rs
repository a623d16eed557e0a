//! The app's own UI text, in Chinese and English. Lesson text lives in the engine.

use engine::i18n::Text;

pub const APP_TITLE: Text = Text::new("反向传播实验室", "Backprop Lab");
pub const TAGLINE: Text = Text::new(
    "亲手算一遍，看神经网络怎样学习：每个值、每个梯度都摆在眼前。",
    "Do the math with the machine and watch a neural network learn: every value and every gradient on screen.",
);
pub const LESSONS_HEADING: Text = Text::new("课程", "Lessons");
pub const COURSE_ORDER: Text = Text::new(
    "按顺序学：从一个神经元和它的损失，到注意力与文本。",
    "In order: from one neuron and its loss to attention and text.",
);
pub const START_HERE: Text = Text::new("从这里开始", "Start here");
pub const START_HERE_LEAD: Text = Text::new("从这里开始：", "Start here: ");
pub const CONTINUE_WITH: Text = Text::new("接着学：", "Next up: ");
pub const ALL_VISITED: Text = Text::new(
    "每一课都打开过了。挑一课再练，或者去游乐场。",
    "You have opened every lesson. Pick one to practise again, or try the playground.",
);
pub const NOT_STARTED: Text = Text::new("未开始", "Not started");
pub const VISITED: Text = Text::new("已打开过", "Visited");
pub const STEPS_REVEALED: Text = Text::new(
    "已揭晓 {revealed} / {steps} 步",
    "{revealed} of {steps} steps revealed",
);
pub const PREDICTIONS_RIGHT: Text = Text::new(
    "预测对 {right} / {total}",
    "{right} of {total} predictions right",
);
pub const BESIDE_THE_COURSE: Text = Text::new("课程之外", "Beside the course");
pub const COMING: Text = Text::new("即将推出", "Coming");
pub const ALL_LESSONS: Text = Text::new("← 全部课程", "← All lessons");
pub const LANGUAGE: Text = Text::new("语言", "Language");

pub const BACKEND: Text = Text::new("计算后端", "Backend");
pub const WEBGPU: Text = Text::new("WebGPU（显卡）", "WebGPU (GPU)");
pub const CPU: Text = Text::new("CPU（burn flex）", "CPU (burn flex)");
pub const PROBING: Text = Text::new("正在检测 WebGPU…", "Looking for WebGPU…");
pub const RUNS_ON: Text = Text::new("正在使用", "Running on");
pub const NO_WEBGPU: Text = Text::new(
    "此浏览器没有可用的 WebGPU，已改用 CPU。",
    "This browser offers no WebGPU adapter; running on the CPU.",
);
pub const FELL_BACK: Text = Text::new(
    "WebGPU 出错，已切换到 CPU，课程状态没有丢失。",
    "WebGPU failed; switched to the CPU with your lesson kept.",
);
pub const REASON: Text = Text::new("原因", "Reason");

pub const NETWORK: Text = Text::new("网络", "Network");
/// The network picture's sample picker (a batch is drawn one sample at a time).
pub const SAMPLES_SHOWN: Text = Text::new("图中显示的样本", "Sample on the picture");
pub const SAMPLE: Text = Text::new("样本", "Sample");
pub const FORMULA: Text = Text::new("这一步的计算", "This step's computation");
pub const LOSS_CURVE: Text = Text::new("损失曲线", "Loss curve");
pub const ERRATA: Text = Text::new("文章勘误", "Errata: what the article gets wrong");

pub const RUN: Text = Text::new("运行 ▸", "Run ▸");
pub const PAUSE: Text = Text::new("暂停 ⏸", "Pause ⏸");
pub const RESET: Text = Text::new("重置", "Reset");

pub const PHASE_READY: Text = Text::new(
    "准备好了：点“前向传播 ▸”开始",
    "Ready: press Forward pass ▸ to begin",
);
pub const PHASE_FORWARD: Text = Text::new("前向传播", "Forward pass");
pub const PHASE_BACKWARD: Text = Text::new("反向传播", "Backward pass");
pub const PHASE_DONE: Text = Text::new("全部步骤都已展开", "Every step revealed");
pub const STEP: Text = Text::new("训练步", "step");
pub const LOSS: Text = Text::new("损失", "loss");
pub const LEARNING_RATE: Text = Text::new("学习率 α", "Learning rate α");
/// Said by a number on the diagram that the learner can change.
pub const EDIT_NUMBER: Text = Text::new(
    "左右拖动可调整，按回车键输入",
    "Drag sideways to change it, or press Enter to type",
);
pub const EDIT_HINT: Text = Text::new(
    "点击图中的任意权重、偏置、输入或标签即可编辑；按住左右拖动可连续调整。",
    "Click any weight, bias, input or label in the diagram to edit it; drag sideways to adjust it continuously.",
);
pub const EDIT_HINT_FIXED_INPUTS: Text = Text::new(
    "点击图中的任意权重、偏置或标签即可编辑（输入是本课固定的数据点）；按住左右拖动可连续调整。",
    "Click any weight, bias or label in the diagram to edit it (the inputs are the lesson's fixed points); drag sideways to adjust it continuously.",
);
pub const DIVERGED: Text = Text::new(
    "发散了（NaN/∞）：有的值已经不是有限数。降低学习率或调整权重，然后重置。",
    "Diverged (NaN/∞): some values are no longer finite numbers. Lower the learning rate or change the weights, then reset.",
);
pub const LINK_ERROR: Text = Text::new(
    "链接里的状态无法读取，已载入文章的初始设置。",
    "The state in this link could not be read; the article's setup is loaded instead.",
);
pub const UNKNOWN_LESSON: Text = Text::new("没有这门课：", "No such lesson: ");
pub const NO_LOSS_YET: Text = Text::new(
    "还没有训练步。点“训练一步”或“运行 ▸”，曲线就会生长。",
    "No training steps yet. Press Train one step or Run ▸ and the curve grows.",
);
pub const QUANTITY: Text = Text::new("量", "Quantity");
pub const ARTICLE_SAYS: Text = Text::new("文章写的", "The article says");
pub const COMPUTED: Text = Text::new("实际计算", "Computed");
pub const RECOMPUTED: Text = Text::new("按原式重算", "Its formula, recomputed");
pub const WHY: Text = Text::new("说明", "Explanation");
pub const ERRATA_NOTES: Text = Text::new("注释", "Notes");
pub const ERRATA_NOTES_INTRO: Text = Text::new(
    "下面这些句子没有错，或只是说得简略；这里补上文章没有说到的地方。",
    "These sentences are not wrong, or only loosely worded; the notes add what the article leaves unsaid.",
);
pub const ERRATA_NOTE: Text = Text::new(
    "“实际计算”一栏用本页的模型在文章的初始设置下算出；“按原式重算”用文章自己的公式和数字精确计算。",
    "“Computed” comes from this page's model at the article's setup; “recomputed” evaluates the article's own formula with its own numbers exactly.",
);
pub const COMPUTED_ON: Text = Text::new("本步计算于", "This step computed on");
pub const SPEED: Text = Text::new("运行速度", "Run speed");
pub const SPEED_ONE: Text = Text::new("每帧 1 步", "1 step per frame");
pub const SPEED_TEN: Text = Text::new("每帧 10 步", "10 steps per frame");
pub const SPEED_MAX: Text = Text::new("尽量快", "As fast as the frame allows");

// Kit lessons (every lesson but mlp-step).
pub const NEXT_STEP: Text = Text::new("下一步 ▸", "Next step ▸");
pub const PREVIOUS_STEP: Text = Text::new("◂ 上一步", "◂ Back");
pub const ALL_STEPS: Text = Text::new("全部显示", "Show all");
pub const TRAIN_STEP: Text = Text::new("训练一步", "Train one step");
pub const NEW_SEED: Text = Text::new("换一组随机初始权重", "New random initial weights");
pub const PASTE_MATRIX: Text = Text::new("粘贴整个矩阵", "Paste the whole matrix");
pub const PASTE_MATRIX_HINT: Text = Text::new(
    "每行一行，数之间用空格、制表符或逗号隔开（小数点用“.”）；也可以粘贴 [[1, 2], [3, 4]]。",
    "One row a line, numbers separated by spaces, tabs or commas (decimal point “.”); [[1, 2], [3, 4]] works too.",
);
pub const APPLY: Text = Text::new("应用", "Apply");
pub const DETAILS: Text = Text::new("详细内容", "Details");
pub const ERRATA_TAB: Text = Text::new("勘误", "Errata");
pub const GRADIENT_CHECK_TAB: Text = Text::new("梯度检验", "Gradient check");
pub const AUTOGRAPH_TAB: Text = Text::new("计算图", "Autodiff graph");
pub const VALUES: Text = Text::new("数值", "Values");
pub const VALUE: Text = Text::new("值", "Value");
pub const GRADIENT: Text = Text::new("梯度 ∂L/∂·", "Gradient ∂L/∂·");
pub const UPDATED: Text = Text::new("更新后", "Updated");
pub const VIEWS: Text = Text::new("图示", "Pictures");
/// The tab of a network lesson's own tables (keras-4x4's predictions per sample).
pub const RESULTS: Text = Text::new("结果", "Results");
pub const SETTINGS: Text = Text::new("设置", "Settings");
pub const PHASE_UPDATE: Text = Text::new("更新", "Update");
pub const ERRATA_FAILED: Text = Text::new("勘误无法计算：", "The errata could not be computed: ");
pub const STEP_HINT: Text = Text::new(
    "点“下一步”逐个揭示前向的值、反向的梯度和更新；表格中尚未算到的格子显示为“？”。",
    "Click “Next step” to reveal the forward values, the backward gradients and the update one at a time; cells not reached yet show “?”.",
);
pub const WORKSHEET: Text = Text::new("练习单（可打印 HTML）", "Worksheet (printable HTML)");
pub const ANSWER_KEY: Text = Text::new("答案（可打印 HTML）", "Answer key (printable HTML)");
pub const ARTICLE_FORMULAS: Text = Text::new("文章的公式", "The article's formulas");
pub const LESSON_COMPUTES: Text = Text::new("本课计算的", "What this lesson computes");
pub const ACCURACY: Text = Text::new("准确率", "Accuracy");
pub const SURFACE_HINT: Text = Text::new(
    "点击曲面，把训练的起点放到那里。",
    "Click the surface to start training from that point.",
);
pub const PRESENT: Text = Text::new("演示模式", "Present");
pub const PRESENT_KEYS: Text = Text::new(
    "演示模式（p）：空格 运行/暂停 · → 下一步 · ← 上一步 · r 重置 · f 全屏",
    "Presentation mode (p): space run/pause · → next step · ← back · r reset · f full screen",
);
pub const DOWNLOADS: Text = Text::new("下载", "Download");
pub const TRACE_JSON: Text = Text::new("计算过程 JSON", "Trace JSON");
pub const TRACE_CSV: Text = Text::new("计算过程 CSV", "Trace CSV");
pub const WEIGHTS_JSON: Text = Text::new("参数 JSON", "Weights JSON");
pub const CURVE_SVG: Text = Text::new("损失曲线 SVG", "Loss curve SVG");
pub const CURVE_PNG: Text = Text::new("损失曲线 PNG", "Loss curve PNG");
pub const ONE_EPOCH: Text = Text::new("训练一轮", "One epoch");
pub const EPOCH: Text = Text::new("轮次", "Epoch");
pub const TRAIN_LOSS: Text = Text::new("训练损失", "Train loss");
/// Loss-curve legends.
pub const TRAIN_SERIES: Text = Text::new("训练", "train");
pub const TEST_SERIES: Text = Text::new("测试", "test");
pub const TEST_LOSS: Text = Text::new("测试损失", "Test loss");
pub const OUTPUT: Text = Text::new("输出", "Output");
pub const PG_NETWORK_HINT: Text = Text::new(
    "每个方块是一个神经元在整个平面上的输出；边的粗细和颜色表示权重（蓝正橙负）。",
    "Each square is one neuron's output over the whole plane; an edge's width and colour show its weight (blue positive, orange negative).",
);
pub const PG_OUTPUT_HINT: Text = Text::new(
    "实心点是训练数据，空心点是测试数据。",
    "Filled dots are training data, hollow dots test data.",
);
pub const PG_INSPECT_HINT: Text = Text::new(
    "数值针对所选的数据点（在输出图上点击“查看”模式可换一个点）。",
    "The numbers are for the chosen data point (click the output in “inspect” mode to pick another).",
);
pub const DATA: Text = Text::new("数据", "Data");
pub const DATASET: Text = Text::new("数据集", "Dataset");
pub const NOISE: Text = Text::new("噪声 %", "Noise %");
pub const TRAIN_RATIO: Text = Text::new("训练集比例 %", "Training share %");
pub const CLICK_INSPECT: Text = Text::new("点击：查看最近的点", "Click: inspect the nearest point");
pub const CLICK_ADD_0: Text =
    Text::new("点击：加一个橙色点（0）", "Click: add an orange point (0)");
pub const CLICK_ADD_1: Text = Text::new("点击：加一个蓝色点（1）", "Click: add a blue point (1)");
pub const CLICK_ADD_CLASS: Text = Text::new("点击：加一个点，类别", "Click: add a point of class");
pub const CLASSES: Text = Text::new("类别数", "Classes");
pub const SOFTMAX_TWO: Text = Text::new(
    "两类也用 softmax 输出（两个输出单元，交叉熵）",
    "Softmax output for two classes too (two output units, cross-entropy)",
);
pub const CLASS_LOSS: Text = Text::new("各类别的训练损失", "Train loss per class");
pub const CLASS: Text = Text::new("类别", "Class");
pub const YOUR_DATA: Text = Text::new("你自己的数据（CSV）", "Your own data (CSV)");
pub const CSV_HINT: Text = Text::new(
    "每行 x,y,类别：x 和 y 在 -6 到 6 之间，类别是 0 到 4 的整数；第一行可以是表头；最多 5000 行。类别 0…k−1 决定类别数。",
    "One x,y,label row per point: x and y within -6 to 6, the label a whole number 0 to 4; line 1 may be a header; 5000 rows at most. Labels 0…k−1 set the number of classes.",
);
pub const CSV_PLACEHOLDER: Text = Text::new("x,y,类别\n1.5,-2,0\n…", "x,y,label\n1.5,-2,0\n…");
pub const CSV_USE: Text = Text::new("使用这些点", "Use these points");
pub const CSV_FILE: Text = Text::new("或上传 CSV 文件", "or upload a CSV file");
pub const CSV_EXPORT: Text = Text::new("把当前数据导出为 CSV", "Export the current data as CSV");
pub const CSV_KEPT: Text = Text::new("已使用的行数", "Rows used");
pub const CSV_REFUSED: Text = Text::new("未使用的行数", "Rows refused");
pub const CSV_HEADER: Text = Text::new("第 1 行是表头", "line 1 is a header");
pub const CSV_NONE: Text = Text::new(
    "没有可用的行，数据没有改变。",
    "No usable row; the data is unchanged.",
);
pub const CSV_MORE: Text = Text::new("条其他消息未列出", "more messages not listed");
pub const CSV_FILE_TOO_LARGE: Text = Text::new(
    "文件超过 2 MB，没有读取。",
    "The file is over 2 MB and was not read.",
);
pub const LINK_DATA_LEFT_OUT: Text = Text::new(
    "导入的数据太多，地址栏的链接装不下（压缩后仍需约",
    "Your imported data is too large for the link (even compressed it needs about",
);
pub const LINK_DATA_LEFT_OUT_END: Text = Text::new(
    "个字符）：链接保存了其余设置，但不含这些点。要分享，请同时发送导出的 CSV。",
    "characters): the link keeps every other setting but not the points. To share them, send the exported CSV along.",
);
pub const FEATURES: Text = Text::new("输入特征", "Input features");
pub const HIDDEN_LAYERS: Text = Text::new("隐藏层", "Hidden layers");
pub const TRAINING: Text = Text::new("训练", "Training");
pub const ACTIVATION: Text = Text::new("激活函数", "Activation");
pub const REGULARIZATION: Text = Text::new("正则化", "Regularisation");
pub const BATCH_SIZE: Text = Text::new("批大小", "Batch size");
pub const OPTIMIZER: Text = Text::new("优化器", "Optimiser");
pub const NEURON: Text = Text::new("神经元", "Neuron");
pub const WEIGHT: Text = Text::new("权重", "Weight");
pub const BIAS: Text = Text::new("偏置", "Bias");
pub const PICK: Text = Text::new("打开神经元或权重", "Open a neuron or weight");
