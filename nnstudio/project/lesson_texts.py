"""The course's lessons as data: for each, its number, its example projects (file stems under
examples/, in the order to open them), the panel to bring forward, and its text in English and
Simplified Chinese. lessons.py reads this table; a Python module ships with the package as it is.

Each text has a title, what the lesson shows, what to watch and two or three things to try. The
numbers quoted are the ones tests/test_lessons.py measures on the example files.
"""
from __future__ import annotations

LESSON_TABLE: tuple[dict, ...] = (
    {
        "number": 1,
        "examples": ("perceptron_and", "perceptron_or"),
        "panel": "boundary",
        "en": {
            "title": "The M-P neuron and the perceptron",
            "shows": "An M-P neuron adds up its weighted inputs and a bias, z = b + w1·x1 + w2·x2, and passes z "
                     "through an activation. With the step activation, h(z) = 1 when z ≥ 0 and 0 otherwise, it is a "
                     "perceptron. With the hand-set weights W = (b, w1, w2) = (−3, 2, 2) it computes AND; with "
                     "(−1, 2, 2) it computes OR. The line b + w1·x1 + w2·x2 = 0 splits the four inputs into two groups.",
            "watch": "Select the output neuron: the Inspector shows its bias and the weights on its two edges. The "
                     "Decision boundary panel shows the straight line, and the Evaluation panel the truth table: "
                     "00→0, 01→0, 10→0, 11→1 for AND. The weights are frozen, so training leaves them alone.",
            "try": ("Change the AND neuron's bias from −3 to −1: it becomes OR. With −5, which inputs give 1?",
                    "Build NAND by negating all three weights of AND: W = (3, −2, −2).",
                    "Set the activation to sign: the outputs become +1 and −1 instead of 1 and 0."),
        },
        "zh_CN": {
            "title": "M-P 神经元与感知机",
            "shows": "M-P 神经元先求输入的加权和再加上偏置，z = b + w1·x1 + w2·x2，然后把 z 送入激活函数。"
                     "激活函数取阶跃函数（z ≥ 0 时 h(z) = 1，否则为 0）时，它就是一个感知机。"
                     "手工设定权重 W = (b, w1, w2) = (−3, 2, 2) 时，它计算“与”（AND）；取 (−1, 2, 2) 时计算“或”（OR）。"
                     "直线 b + w1·x1 + w2·x2 = 0 把四个输入分成两类。",
            "watch": "选中输出神经元：“属性”面板里显示它的偏置和两条连线上的权重。“决策边界”面板画出那条直线，"
                     "“评估”面板列出真值表：AND 为 00→0、01→0、10→0、11→1。这些权重是冻结的，训练不会改变它们。",
            "try": ("把 AND 神经元的偏置从 −3 改成 −1，它就变成了 OR。改成 −5 时，哪些输入会输出 1？",
                    "把 AND 的三个权重全部取反，W = (3, −2, −2)，就得到“与非”（NAND）。",
                    "把激活函数改成 sign（符号函数）：输出变成 +1 和 −1，而不是 1 和 0。"),
        },
    },
    {
        "number": 2,
        "examples": ("xnor",),
        "panel": "boundary",
        "en": {
            "title": "Why XNOR needs a hidden layer",
            "shows": "XNOR is 1 when both inputs are equal. No straight line separates 00 and 11 from 01 and 10, so "
                     "no single perceptron computes it. Two layers do: the hidden neuron z1 is AND, W1 = (−3, 2, 2), "
                     "z2 is OR, W2 = (−1, 2, 2), and the output applies Wz = (1, 3, −3) to (1, z1, z2).",
            "watch": "The hidden layer moves the four inputs to new points (z1, z2): 00 → (0, 0), 01 and 10 → (0, 1), "
                     "11 → (1, 1). There one line separates the classes. The truth table is exact: 00→1, 01→0, 10→0, "
                     "11→1; the decision region is the band between the AND line and the OR line.",
            "try": ("Change the output's weights to (−1, −3, 3): the network now computes XOR.",
                    "Look for weights that make a single perceptron compute XNOR: every line leaves one corner on "
                    "the wrong side.",
                    "For 01, work out z1, z2 and the output's z = 1 + 3·z1 − 3·z2 by hand."),
        },
        "zh_CN": {
            "title": "为什么“同或”需要隐藏层",
            "shows": "“同或”（XNOR）在两个输入相等时输出 1。没有一条直线能把 00、11 与 01、10 分开，"
                     "所以单个感知机无法实现它。两层网络可以：隐藏层神经元 z1 是 AND，W1 = (−3, 2, 2)；"
                     "z2 是 OR，W2 = (−1, 2, 2)；输出神经元把 Wz = (1, 3, −3) 作用在 (1, z1, z2) 上。",
            "watch": "隐藏层把四个输入变换成新的点 (z1, z2)：00 → (0, 0)，01 和 10 → (0, 1)，11 → (1, 1)。"
                     "在这个新空间里，一条直线就能分开两类。真值表完全正确：00→1、01→0、10→0、11→1；"
                     "决策区域是 AND 直线与 OR 直线之间的带状区域。",
            "try": ("把输出神经元的权重改成 (−1, −3, 3)：网络就变成了“异或”（XOR）。",
                    "试着为单个感知机找一组能实现 XNOR 的权重：无论哪条直线，总有一个角落被分错。",
                    "对输入 01，手算 z1、z2 以及输出的 z = 1 + 3·z1 − 3·z2。"),
        },
    },
    {
        "number": 3,
        "examples": ("perceptron_learns_and", "step_vs_sigmoid"),
        "panel": "loss",
        "en": {
            "title": "The perceptron learning rule, then step against sigmoid",
            "shows": "Rosenblatt's rule w ← w + η·(t − y)·x changes the weights only after a mistake, and learns AND "
                     "from zero weights within a few epochs. Gradient descent needs more: a small change of a weight "
                     "must make a small change of the output. The step function jumps from 0 to 1, so its derivative "
                     "is zero wherever it exists and no gradient reaches its weights. The sigmoid "
                     "σ(z) = 1 / (1 + e^(−z)) is smooth, and its gradient leads it to AND.",
            "watch": "In “A perceptron learns AND” the weights and the boundary line jump after each mistake and stop "
                     "once every sample is right. In “Step against sigmoid” both neurons learn AND by gradient "
                     "descent: w1 and w2 (into the step neuron) stay at 0, while w3 and w4 (into the sigmoid) grow "
                     "and its outputs approach 0, 0, 0, 1.",
            "try": ("Give the perceptron the XOR targets (0, 1, 1, 0): its weights never settle.",
                    "In “Step against sigmoid”, change one weight of each neuron in small steps and watch the "
                    "outputs: the step's jump from 0 to 1, the sigmoid's move a little each time.",
                    "Raise the learning rate of “Step against sigmoid” from 2 to 10: the sigmoid learns faster, the "
                    "step neuron still does not move."),
        },
        "zh_CN": {
            "title": "感知机学习规则，以及阶跃函数与 sigmoid 的对比",
            "shows": "Rosenblatt 的感知机学习规则 w ← w + η·(t − y)·x 只在分类出错时修改权重，"
                     "从全零权重出发，几个轮次（epoch）之内就能学会 AND。梯度下降的要求更高："
                     "权重的微小变化必须引起输出的微小变化。阶跃函数从 0 跳到 1，它的导数在有定义的地方处处为零，"
                     "梯度传不到它的权重上。sigmoid 函数 σ(z) = 1 / (1 + e^(−z)) 是光滑的，梯度能把它引向 AND。",
            "watch": "在“感知机学习 AND”（A perceptron learns AND）中，每犯一次错，权重和边界直线就跳动一次，所有样本都分对后便不再变化。"
                     "在“阶跃与 sigmoid 对比”（Step against sigmoid）中，两个神经元都用梯度下降学习 AND：通向阶跃神经元的 w1、w2 始终为 0，"
                     "而通向 sigmoid 神经元的 w3、w4 不断增大，它的输出逐渐接近 0、0、0、1。",
            "try": ("把感知机的目标改成 XOR (0, 1, 1, 0)：它的权重永远停不下来。",
                    "在“阶跃与 sigmoid 对比”中，一点一点地改变每个神经元的一个权重，观察输出："
                    "阶跃神经元的输出从 0 跳到 1，sigmoid 神经元的输出每次只变一点。",
                    "把“阶跃与 sigmoid 对比”的学习率从 2 提高到 10：sigmoid 学得更快，阶跃神经元仍然纹丝不动。"),
        },
    },
    {
        "number": 4,
        "examples": ("activations_sigmoid", "activations_tanh", "activations_relu"),
        "panel": "loss",
        "en": {
            "title": "Activations compared",
            "shows": "One network, three hidden layers of 8 units, trained by plain SGD (learning rate 0.5) for 200 "
                     "epochs on the circle data, once with each activation: sigmoid, tanh and ReLU. The backward "
                     "pass multiplies the error by the activation's derivative at every layer: "
                     "σ′(z) = σ(z)·(1 − σ(z)) ≤ 0.25, tanh′(z) = 1 − tanh²(z) ≤ 1, ReLU′(z) = 1 for z > 0 and 0 "
                     "for z < 0. Through three sigmoid layers the error signal vanishes.",
            "watch": "Open the three examples one after another and compare their loss curves and decision regions. "
                     "The sigmoid network's loss stays near 0.69 (ln 2, a coin toss) and its accuracy near 50 %; "
                     "tanh and ReLU reach 100 %.",
            "try": ("Change the three hidden layers to leaky_relu or elu and train again.",
                    "Give the sigmoid network Adam (learning rate 0.01) instead of SGD: rescaling each weight's "
                    "step makes up for the small gradients.",
                    "Delete two of the sigmoid network's hidden layers: with one layer it learns again, slowly."),
        },
        "zh_CN": {
            "title": "激活函数对比",
            "shows": "同一个网络（三个隐藏层，每层 8 个单元），在圆形数据上用普通 SGD（学习率 0.5）训练 200 个轮次，"
                     "激活函数分别取 sigmoid、tanh 和 ReLU。反向传播在每一层都要把误差乘以激活函数的导数："
                     "σ′(z) = σ(z)·(1 − σ(z)) ≤ 0.25，tanh′(z) = 1 − tanh²(z) ≤ 1，ReLU′(z) 在 z > 0 时为 1、"
                     "z < 0 时为 0。经过三层 sigmoid，误差信号几乎消失（梯度消失）。",
            "watch": "依次打开这三个示例，比较它们的损失曲线和决策区域。sigmoid 网络的损失一直停在 0.69 附近"
                     "（ln 2，相当于抛硬币），准确率约 50%；tanh 和 ReLU 的准确率达到 100%。",
            "try": ("把三个隐藏层的激活函数改成 leaky_relu 或 elu，再训练一次。",
                    "让 sigmoid 网络改用 Adam 优化器（学习率 0.01）：它为每个权重单独调整步长，弥补了过小的梯度。",
                    "删掉 sigmoid 网络的两个隐藏层：只剩一层时，它又能学习了，只是很慢。"),
        },
    },
    {
        "number": 5,
        "examples": ("backprop_worked_example",),
        "panel": "backprop",
        "en": {
            "title": "Backpropagation, the worked example",
            "shows": "The tutorial's 2-2-2 network, sigmoid everywhere, loss E = Σ ½(target − output)², learning "
                     "rate 0.5, one sample: inputs 0.05 and 0.10, targets 0.01 and 0.99. The first forward pass gives "
                     "the outputs 0.75136507 and 0.77292847 and the total error 0.298371109. One update moves w5 from "
                     "0.40 to 0.35891648; the biases are not updated.",
            "watch": "The Backprop panel walks through every number: each neuron's net input and output, the δ of "
                     "each output neuron, the δ of each hidden neuron (which collects error from both outputs), "
                     "∂E/∂w for each weight and its new value. Press F11 for the next step (Shift+F11 goes back); "
                     "each step selects its neuron or weight on the canvas.",
            "try": ("Train the full 10,000 epochs: the error falls to about 0.0000351 and the outputs reach about "
                    "0.0159 and 0.9841.",
                    "Set the learning rate to 1.0 and check the new w5 by hand: 0.40 − 1.0 × ∂E/∂w5.",
                    "Change target o1 from 0.01 to 0.9: the output 0.751 is now below its target, so δ of o1 changes "
                    "sign and w5 grows instead of shrinking."),
        },
        "zh_CN": {
            "title": "反向传播：完整算例",
            "shows": "教程中的 2-2-2 网络：所有神经元都用 sigmoid，损失 E = Σ ½(目标 − 输出)²，学习率 0.5，"
                     "只有一个样本：输入 0.05 和 0.10，目标 0.01 和 0.99。第一次前向传播得到输出 0.75136507 和 "
                     "0.77292847，总误差 0.298371109。一次更新后 w5 从 0.40 变为 0.35891648；偏置不更新。",
            "watch": "“反向传播”面板逐个展示每一个数：每个神经元的净输入和输出，每个输出神经元的 δ，"
                     "每个隐藏神经元的 δ（它汇集了来自两个输出的误差），每个权重的 ∂E/∂w 以及更新后的新值。"
                     "按 F11 进入下一步（Shift+F11 返回上一步）；每一步都会在画布上选中对应的神经元或权重。",
            "try": ("完整训练 10,000 个轮次：误差降到约 0.0000351，输出约为 0.0159 和 0.9841。",
                    "把学习率改成 1.0，手算新的 w5：0.40 − 1.0 × ∂E/∂w5。",
                    "把目标 o1 从 0.01 改成 0.9：输出 0.751 低于目标，o1 的 δ 变号，w5 不再减小而是增大。"),
        },
    },
    {
        "number": 6,
        "examples": ("xor_5_hidden", "xor_dense"),
        "panel": "boundary",
        "en": {
            "title": "XOR with 5 hidden neurons",
            "shows": "As in the tutorial: one hidden layer of 5 sigmoid neurons learns XOR from random starting "
                     "weights, one random sample per step (batch size 1, shuffled), 10,000 steps (2,500 epochs of 4 "
                     "samples). “XOR with dense layers” learns the same with a dense layer of 8 tanh units, "
                     "cross-entropy and Adam.",
            "watch": "The loss sits on a plateau before it drops; the decision boundary bends into a band around 01 "
                     "and 10. Accuracy reaches 100 %.",
            "try": ("Try other seeds: with 5 hidden neurons it succeeds every time.",
                    "Keep only 2 hidden neurons, the fewest XOR needs: some seeds (3 and 5) get stuck at 50 %.",
                    "Lower the learning rate to 0.1: the plateau lasts much longer."),
        },
        "zh_CN": {
            "title": "用 5 个隐藏神经元学习“异或”",
            "shows": "与教程相同：一个含 5 个 sigmoid 神经元的隐藏层，从随机初始权重出发学习 XOR，"
                     "每一步随机取一个样本（批大小为 1，打乱顺序），共 10,000 步（2,500 个轮次，每轮 4 个样本）。"
                     "“用全连接层学习 XOR”（XOR with dense layers）用一个 8 单元的 tanh 全连接层、交叉熵损失和 Adam 完成同样的任务。",
            "watch": "损失先在一个平台上停留，然后突然下降；决策边界弯成一条围住 01 和 10 的带子。准确率达到 100%。",
            "try": ("换几个随机种子试试：有 5 个隐藏神经元时，每次都能成功。",
                    "只保留 2 个隐藏神经元（XOR 所需的最少数目）：有些种子（3 和 5）会卡在 50%。",
                    "把学习率降到 0.1：平台期会长得多。"),
        },
    },
    {
        "number": 7,
        "examples": ("regions_circle_0_hidden", "regions_circle_1_hidden", "regions_circle_2_hidden",
                     "regions_spiral_0_hidden", "regions_spiral_1_hidden", "regions_spiral_2_hidden"),
        "panel": "boundary",
        "en": {
            "title": "Decision regions with 0, 1 and 2 hidden layers",
            "shows": "No hidden layer gives one straight boundary, a hyperplane. One hidden layer combines several "
                     "lines into convex regions. Two hidden layers combine those into regions of any shape. Six "
                     "examples: the circle and the spiral data, each with 0, 1 and 2 hidden layers of 8 tanh units.",
            "watch": "The Decision boundary panel. On the circle, no hidden layer stays near 50 % accuracy, while one "
                     "and two hidden layers reach 100 %. On the spiral, no hidden layer stays near chance, one hidden "
                     "layer stops below 90 %, and two reach 100 %.",
            "try": ("Give the one-hidden-layer spiral network 16 units: a wide enough single layer gets close too, "
                    "but two layers need fewer units.",
                    "Replace tanh with relu: the boundary becomes a polygon of straight pieces.",
                    "Raise the data's noise in the Inspector's Data tab and watch the two-layer boundary chase single "
                    "points."),
        },
        "zh_CN": {
            "title": "0、1、2 个隐藏层的决策区域",
            "shows": "没有隐藏层时，决策边界是一条直线（超平面）。一个隐藏层把若干条直线组合成凸区域。"
                     "两个隐藏层再把凸区域组合起来，可以得到任意形状的区域。本课有六个示例：圆形数据和螺旋数据，"
                     "分别使用 0、1、2 个隐藏层，每层 8 个 tanh 单元。",
            "watch": "看“决策边界”面板。在圆形数据上，没有隐藏层时准确率停在 50% 左右，一个和两个隐藏层都能达到 100%。"
                     "在螺旋数据上，没有隐藏层时接近随机猜测，一个隐藏层停在 90% 以下，两个隐藏层达到 100%。",
            "try": ("把螺旋数据的单隐藏层网络改成 16 个单元：足够宽的单层也能接近，但两层网络需要的单元更少。",
                    "把 tanh 换成 relu：边界变成由直线段拼成的多边形。",
                    "在“属性”面板的“数据”页里调高数据的噪声，观察两层网络的边界如何去迁就个别的点。"),
        },
    },
    {
        "number": 8,
        "examples": ("softmax_3class",),
        "panel": "boundary",
        "en": {
            "title": "Softmax regression",
            "shows": "Softmax regression generalises logistic regression to K classes. One dense layer 2 → 3 gives "
                     "each class a linear score z_k, and softmax p_k = e^(z_k) / Σ_j e^(z_j) turns the three scores "
                     "into probabilities that sum to 1. It is trained with categorical cross-entropy on one-hot "
                     "targets, on 30 points in three clusters.",
            "watch": "The decision regions: between two classes the boundary is where their scores are equal, a "
                     "straight line, and the three lines meet at one point. Accuracy reaches at least 95 %.",
            "try": ("Add a hidden dense layer of 8 tanh units before the softmax layer: the boundaries bend.",
                    "Save a copy and run `nnstudio eval --json` on it: each output row holds three probabilities that "
                    "sum to 1.",
                    "Change the output's activation to sigmoid: the three outputs no longer sum to 1."),
        },
        "zh_CN": {
            "title": "Softmax 回归",
            "shows": "Softmax 回归把逻辑回归推广到 K 个类别。一个 2 → 3 的全连接层为每个类别算出一个线性得分 z_k，"
                     "softmax 函数 p_k = e^(z_k) / Σ_j e^(z_j) 把三个得分变成和为 1 的概率。"
                     "训练使用分类交叉熵损失和独热（one-hot）目标，数据是分成三簇的 30 个点。",
            "watch": "看决策区域：两个类别之间的边界是它们得分相等的地方，是一条直线，三条直线交于一点。"
                     "准确率至少达到 95%。",
            "try": ("在 softmax 层前面加一个 8 单元的 tanh 全连接隐藏层：边界会弯曲。",
                    "另存一份，对它运行 `nnstudio eval --json`：每一行输出是三个概率，它们的和为 1。",
                    "把输出层的激活函数改成 sigmoid：三个输出之和不再是 1。"),
        },
    },
)
