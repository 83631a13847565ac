"""Lessons 9 to 15 of the course, in the same form as lesson_texts.py (which holds 1 to 8 and
says what each field means): regularisation, optimisers, schedules, initialisation, then the
framework MLP, a CNN and recurrent networks. lessons.py joins both tables.

The numbers quoted are the ones tests/test_lessons_more.py measures on the example files.
"""
from __future__ import annotations

MORE_LESSONS_TABLE: tuple[dict, ...] = (
    {
        "number": 9,
        "examples": ("overfitting_moons", "overfitting_moons_l2", "overfitting_moons_dropout"),
        "panel": "loss",
        "en": {
            "title": "Overfitting, then L2 and dropout",
            "shows": "A big network on a small noisy dataset: 2 → 64 → 64 → 1, over 4,000 weights, for 20 training "
                     "points of the moons data, with 20 more held out for validation. It memorises the noise. Two "
                     "regularisers fix it: L2 adds 0.03·Σw² to the loss, so large weights cost; dropout switches "
                     "off a random half of the hidden units at every training step, so no unit can rely on a few "
                     "others.",
            "watch": "The Loss panel draws training and validation loss side by side. Without regularisation the "
                     "training loss falls towards 0 while the validation loss bottoms out near epoch 50 and then "
                     "climbs to over four times its minimum. With L2 it no longer turns up and ends at about a "
                     "third of that; with dropout its minimum is lower and comes three times later, and it ends "
                     "well below the unregularised run.",
            "try": ("Set L2 to 0.01 in the Training settings: the turn-up is smaller, but still there.",
                    "Shrink the unregularised network to 4 units per layer: less capacity overfits less.",
                    "Raise the dropout rate to 0.7: validation loss hardly turns up, and training loss stays high."),
        },
        "zh_CN": {
            "title": "过拟合，以及 L2 正则化与丢弃法（Dropout）",
            "shows": "在一个小而嘈杂的数据集上训练一个大网络：2 → 64 → 64 → 1，超过 4,000 个权重，"
                     "只有 20 个月牙形（moons）训练样本，另外 20 个留作验证。网络把噪声也记了下来，这就是过拟合。"
                     "两种正则化方法可以纠正它：L2 正则化在损失上加上 0.03·Σw²，让大的权重付出代价；"
                     "丢弃法在每一步训练中随机关掉一半隐藏单元，使任何单元都不能依赖少数几个同伴。",
            "watch": "“损失”面板并排画出训练损失和验证损失。不加正则化时，训练损失一路降向 0，"
                     "验证损失却在第 50 个轮次左右降到最低，随后回升到最低值的四倍以上。"
                     "加上 L2 正则化后，验证损失不再回升，最终约为前者的三分之一；"
                     "加上丢弃法后，验证损失的最低点更低、出现得晚了约三倍，最终也远低于不加正则化的网络。",
            "try": ("在训练设置中把 L2 改成 0.01：回升变小了，但仍然存在。",
                    "把不加正则化的网络缩小到每层 4 个单元：容量越小，过拟合越轻。",
                    "把丢弃率提高到 0.7：验证损失几乎不再回升，训练损失则一直偏高。"),
        },
    },
    {
        "number": 10,
        "examples": ("optimizers_sgd", "optimizers_momentum", "optimizers_adam"),
        "panel": "loss",
        "en": {
            "title": "Optimisers compared: SGD, momentum and Adam",
            "shows": "One network, 2 → 16 → 16 → 2 with tanh, on two spiral arms, 300 full-batch epochs, three "
                     "optimisers. Plain SGD steps lr·∂L/∂w and crawls wherever the loss is flat. Momentum keeps a "
                     "velocity v ← 0.9·v + ∂L/∂w and steps lr·v, so steady directions speed up. Adam divides a "
                     "running mean of each weight's gradient by the root of a running mean of its square: every "
                     "weight moves about lr per step, however small its gradient.",
            "watch": "Open the three examples and compare their loss curves. At the same learning rate, 0.5, plain "
                     "SGD is still above 0.6 after 300 epochs and classifies under 60 % of the points, while "
                     "momentum goes below 0.01 and reaches 100 %. Adam, at lr 0.01, goes below 0.1 and reaches 99 %.",
            "try": ("Give plain SGD 3,000 epochs: it gets there too, about seven times later than momentum.",
                    "Tick nesterov in the momentum example's optimiser settings, or set momentum to 0.99.",
                    "Try rmsprop (lr 0.01): Adam without the momentum term."),
        },
        "zh_CN": {
            "title": "优化器对比：SGD、动量与 Adam",
            "shows": "同一个网络（2 → 16 → 16 → 2，tanh 激活），在两条螺旋臂数据上做 300 个轮次的全批量训练，"
                     "分别使用三种优化器。普通 SGD 每步移动 lr·∂L/∂w，在损失平坦的地方爬得很慢。"
                     "动量法保存一个速度 v ← 0.9·v + ∂L/∂w，每步移动 lr·v，方向一致的步子会越走越快。"
                     "Adam 用每个权重梯度的滑动平均除以梯度平方滑动平均的平方根：无论梯度多小，每个权重每步都移动约 lr。",
            "watch": "打开这三个示例，比较它们的损失曲线。学习率同为 0.5 时，普通 SGD 训练 300 个轮次后损失仍在 0.6 以上，"
                     "准确率不到 60%；动量法的损失降到 0.01 以下，准确率达到 100%。"
                     "Adam 的学习率为 0.01，损失降到 0.1 以下，准确率达到 99%。",
            "try": ("让普通 SGD 训练 3,000 个轮次：它最终也能学会，只是比动量法晚了约七倍。",
                    "在动量示例的优化器设置里勾选 nesterov，或把动量改成 0.99。",
                    "试试 rmsprop 优化器（学习率 0.01）：相当于去掉动量项的 Adam。"),
        },
    },
    {
        "number": 11,
        "examples": ("schedule_constant", "schedule_step", "schedule_cosine"),
        "panel": "loss",
        "en": {
            "title": "Learning-rate schedules",
            "shows": "A schedule sets the learning rate for each epoch e. The same network as lesson 10, trained by "
                     "Adam (lr 0.05) in mini-batches of 30 for 200 epochs, three ways: constant; step decay, "
                     "lr·0.5^⌊e / 50⌋, which halves it every 50 epochs; and cosine decay, "
                     "lr·(1 + cos(π·e / 200)) / 2, which glides from 0.05 to almost 0.",
            "watch": "Early on the three loss curves look alike. Late in training, with the constant rate, every "
                     "mini-batch still moves the weights as far as at the start and the loss keeps jumping; with "
                     "either decay the steps shrink and the curve goes smooth: over the last 50 epochs the loss "
                     "varies at least five times less.",
            "try": ("Try the exponential schedule with gamma 0.98: lr·0.98^e.",
                    "Raise the learning rate to 0.2 in all three: the constant run never settles, while step decay still gets there.",
                    "Give cosine decay eta_min 0.01: the rate never falls below 0.01."),
        },
        "zh_CN": {
            "title": "学习率衰减",
            "shows": "学习率调度为每个轮次 e 设定学习率。与第 10 课相同的网络，用 Adam（学习率 0.05）"
                     "以 30 个样本的小批量训练 200 个轮次，共三种方式：学习率保持不变；阶梯衰减 "
                     "lr·0.5^⌊e / 50⌋，每 50 个轮次减半；余弦衰减 lr·(1 + cos(π·e / 200)) / 2，从 0.05 平滑地降到接近 0。",
            "watch": "刚开始时三条损失曲线差不多。到了训练后期，学习率不变时，每个小批量仍然像开始时一样大幅移动权重，"
                     "损失一直上下跳动；使用任一种学习率衰减时，步子变小，曲线变得平滑："
                     "最后 50 个轮次里，损失的波动至少小了五倍。",
            "try": ("试试指数衰减（exponential），gamma 取 0.98：lr·0.98^e。",
                    "把三个示例的学习率都提高到 0.2：固定学习率的那个始终平稳不下来，阶梯衰减的那个仍能学会。",
                    "给余弦衰减设置 eta_min 为 0.01：学习率永远不会低于 0.01。"),
        },
    },
    {
        "number": 12,
        "examples": ("init_zeros", "init_too_small", "init_too_large", "init_xavier"),
        "panel": "loss",
        "en": {
            "title": "Weight initialisation",
            "shows": "The network of lesson 4, three hidden layers of 8 tanh units on the circle data, 200 epochs "
                     "of SGD at lr 0.5, with four starting weights. All zeros: every unit of a layer computes the "
                     "same value and gets the same gradient, so the units stay identical (here all 0). Too small "
                     "(normal, standard deviation 0.01): the signal and the gradient shrink layer by layer. Too "
                     "large (standard deviation 5): the tanh units saturate. Xavier: uniform on "
                     "±√(6 / (fan_in + fan_out)), which keeps the signal's size from layer to layer.",
            "watch": "The loss curves. With zeros and with too small weights the loss stays at ln 2 = 0.693 and the "
                     "accuracy near 50 %; too large weights stall above 0.4; Xavier reaches 100 %. Expand a hidden "
                     "layer of the zeros example: every unit's weights are the same.",
            "try": ("Set the init to constant 0.5: the weights are no longer 0, yet the units of a layer stay "
                    "identical, and the network is no better than one unit per layer.",
                    "Change the activation to relu and the init to he_uniform, the initialisation made for ReLU.",
                    "Give the too-small example Adam (lr 0.01): it rescales the tiny gradients and learns."),
        },
        "zh_CN": {
            "title": "权重初始化",
            "shows": "第 4 课的网络：三个隐藏层，每层 8 个 tanh 单元，在圆形数据上用 SGD（学习率 0.5）训练 200 个轮次，"
                     "只改变权重的初始值。全零：同一层的每个单元算出相同的值、得到相同的梯度，"
                     "所以它们始终一模一样（这里全为 0），这就是对称性问题。太小（正态分布，标准差 0.01）："
                     "信号和梯度逐层缩小，最终消失。太大（标准差 5）：tanh 单元饱和。Xavier 初始化："
                     "在 ±√(6 / (fan_in + fan_out)) 上均匀分布，使信号的大小逐层保持不变。",
            "watch": "看损失曲线。全零和太小的初始化下，损失停在 ln 2 = 0.693，准确率约 50%；"
                     "太大的初始化下，损失停在 0.4 以上；Xavier 初始化的准确率达到 100%。"
                     "展开全零示例的一个隐藏层：每个单元的权重都相同。",
            "try": ("把初始化改成常数（constant）0.5：权重不再是 0，但同一层的单元仍然完全相同，"
                    "整个网络并不比每层只有一个单元更强。",
                    "把激活函数改成 relu，初始化改成 he_uniform（专为 ReLU 设计的 He 初始化）。",
                    "让“太小”的示例改用 Adam 优化器（学习率 0.01）：它放大了微小的梯度，网络又能学习了。"),
        },
    },
    {
        "number": 13,
        "examples": ("digits_mlp_128_64",),
        "panel": "loss",
        "en": {
            "title": "The framework MLP on the digits",
            "shows": "The tutorial's framework example: Dense(128, relu) → Dense(64, relu) → Dense(10, softmax), "
                     "Adam (lr 0.001), sparse categorical cross-entropy, 10 epochs, with validation data. The "
                     "tutorial's MNIST images have 784 pixels; the built-in digits are 1,797 UCI images of 8×8 = 64 "
                     "pixels, standardised, and 20% are held out for validation. Softmax gives each of the 10 "
                     "digits a probability, and the loss is −log of the right digit's.",
            "watch": "The Loss panel's training and validation curves: after 10 epochs about 98% of the unseen "
                     "validation digits are read right. Select a dense layer and use View ▸ Expand Layer to draw "
                     "it as its neurons, with their weights as lines.",
            "try": ("Compare it with “Handwritten digits: a small MLP” (Dense 32 → 10): how much do the extra "
                    "layer and units buy?",
                    "Set the learning rate to 0.1: Adam's steps are too big and the accuracy drops.",
                    "Use sgd instead of adam with the same learning rate: after 10 epochs it is far behind."),
        },
        "zh_CN": {
            "title": "手写数字上的框架示例：多层感知机",
            "shows": "教程中的框架示例：Dense(128, relu) → Dense(64, relu) → Dense(10, softmax)，"
                     "Adam 优化器（学习率 0.001），稀疏分类交叉熵损失，训练 10 个轮次，并使用验证数据。"
                     "教程用的 MNIST 图像有 784 个像素；内置的手写数字数据是 1,797 张 UCI 图像，每张 8×8 = 64 个像素，"
                     "经过标准化，其中 20% 留作验证。Softmax 为 10 个数字各给出一个概率，损失是正确数字概率的 −log。",
            "watch": "看“损失”面板中的训练曲线和验证曲线：训练 10 个轮次后，约 98% 从未见过的验证数字被正确识别。"
                     "选中一个全连接层，用“视图 ▸ 展开层”（View ▸ Expand Layer）把它画成一个个神经元，权重画成连线。",
            "try": ("和“手写数字：小型多层感知机”（Handwritten digits: a small MLP，Dense 32 → 10）比较：多出的一层和更多的单元带来了多少提升？",
                    "把学习率改成 0.1：Adam 的步子太大，准确率下降。",
                    "用相同的学习率把 adam 换成 sgd：10 个轮次后它远远落后。"),
        },
    },
    {
        "number": 14,
        "examples": ("digits_cnn",),
        "panel": "loss",
        "en": {
            "title": "A convolutional network on the digits",
            "shows": "The same digits, kept as 8×8 images. A convolution layer slides 16 filters of 3×3 weights "
                     "over the image: each filter is one pattern detector with shared weights, so a stroke is "
                     "found wherever it is. Max pooling keeps the strongest response of each 2×2 patch. Then "
                     "Flatten, Dense(64, relu) and Dense(10, softmax), as in LeCun's handwritten-digit network.",
            "watch": "The validation curves: after 5 epochs at least 95% of the validation digits are right, and after "
                     "the full 20 about 99%, with a lower validation loss than the MLPs. Select the convolution "
                     "layer to see its filters and feature maps.",
            "try": ("Set the pooling to avgpool2d, the average LeNet used.",
                    "Change the convolution's padding from same to valid: the maps shrink to 6×6.",
                    "Add a second conv2d of 32 filters after the pooling."),
        },
        "zh_CN": {
            "title": "手写数字上的卷积神经网络",
            "shows": "同样的手写数字，这次保持 8×8 图像的形式。卷积层让 16 个 3×3 的滤波器在图像上滑动："
                     "每个滤波器是一个共享权重的模式检测器，无论笔画出现在哪里都能找到它。"
                     "最大池化保留每个 2×2 区域中最强的响应。之后是 Flatten、Dense(64, relu) 和 Dense(10, softmax)，"
                     "与 LeCun 的手写数字网络（LeNet）一脉相承。",
            "watch": "看验证曲线：5 个轮次后至少 95% 的验证数字被正确识别，完整训练 20 个轮次后约为 99%，"
                     "验证损失低于多层感知机。选中卷积层，查看它的滤波器和特征图。",
            "try": ("把池化改成 avgpool2d（平均池化），LeNet 用的就是平均。",
                    "把卷积的填充方式从 same 改成 valid：特征图缩小到 6×6。",
                    "在池化层之后再加一个 32 个滤波器的 conv2d 卷积层。"),
        },
    },
    {
        "number": 15,
        "examples": ("memory_rnn", "memory_lstm", "sine_lstm"),
        "panel": "loss",
        "en": {
            "title": "RNN against LSTM on a sequence task",
            "shows": "A recurrent network carries a hidden state from step to step. The memory task: 20 steps of a "
                     "random bit, and a marker at one of the first five steps; the target is the marked bit, so it "
                     "must be kept for at least 15 steps. A plain RNN rewrites its whole state at every step, and "
                     "the error signal fades on its way back. An LSTM adds a cell state guarded by input, forget "
                     "and output gates, which can store the bit and keep it.",
            "watch": "The validation accuracy after 15 epochs: the RNN reads only about 67.5% of the validation "
                     "sequences right (guessing gets 50%), the LSTM 100%. In the Activations panel, watch the "
                     "LSTM's gates i and f over time. The sine example shows an LSTM forecasting a wave's next value.",
            "try": ("Replace the RNN with a gru, a gated unit with two gates: it remembers too.",
                    "Give the RNN 64 units or 50 epochs: it still stays far below the LSTM.",
                    "Shorten the sequences from 20 steps to 8 (the data's steps and the input's shape): with fewer steps to carry the bit, the RNN learns it too."),
        },
        "zh_CN": {
            "title": "序列任务上的循环神经网络与长短期记忆网络",
            "shows": "循环神经网络（RNN）把一个隐藏状态从一步传到下一步。记忆任务：20 步随机比特，"
                     "前五步中的某一步带有标记；目标是被标记的那个比特，所以网络必须把它记住至少 15 步。"
                     "普通 RNN 每一步都改写整个状态，误差信号在沿时间步反向传播时逐渐消失。"
                     "长短期记忆网络（LSTM）增加了一个细胞状态，由输入门、遗忘门和输出门把守，能够存下这个比特并一直保留。",
            "watch": "看训练 15 个轮次后的验证准确率：RNN 只能答对约 67.5% 的验证序列（瞎猜是 50%），LSTM 答对 100%。"
                     "在“激活值”面板中观察 LSTM 的输入门 i 和遗忘门 f 随时间的变化。"
                     "正弦波示例展示 LSTM 如何预测波形的下一个值。",
            "try": ("把 RNN 换成 gru（门控循环单元，只有两个门）：它也能记住。",
                    "给 RNN 64 个单元或训练 50 个轮次：它仍然远远落后于 LSTM。",
                    "把序列从 20 步缩短到 8 步（同时修改数据的 steps 和输入的形状）：需要携带比特的步数少了，RNN 也能学会。"),
        },
    },
)
