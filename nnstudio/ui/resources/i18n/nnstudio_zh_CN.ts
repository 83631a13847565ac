<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationMaps</name>
    <message>
        <source>i · input gate</source>
        <translation>i · 输入门</translation>
    </message>
    <message>
        <source>f · forget gate</source>
        <translation>f · 遗忘门</translation>
    </message>
    <message>
        <source>o · output gate</source>
        <translation>o · 输出门</translation>
    </message>
    <message>
        <source>g · candidate</source>
        <translation>g · 候选值</translation>
    </message>
    <message>
        <source>r · reset gate</source>
        <translation>r · 重置门</translation>
    </message>
    <message>
        <source>z · update gate</source>
        <translation>z · 更新门</translation>
    </message>
    <message>
        <source>n · candidate</source>
        <translation>n · 候选值</translation>
    </message>
    <message>
        <source>c · cell state</source>
        <translation>c · 细胞状态</translation>
    </message>
    <message>
        <source>h · hidden state</source>
        <translation>h · 隐藏状态</translation>
    </message>
    <message>
        <source>ch {channel}</source>
        <translation>通道 {channel}</translation>
    </message>
</context>
<context>
    <name>ActivationsPanel</name>
    <message>
        <source>Select a node on the canvas to see its activations</source>
        <translation>在画布上选中一个节点，查看它的激活值</translation>
    </message>
    <message>
        <source>Connect the network and give it data to see the activations of {name}</source>
        <translation>连接好网络并为它提供数据，即可查看 {name} 的激活值</translation>
    </message>
    <message>
        <source>{name} has no outputs in the latest probe</source>
        <translation>{name} 在最近一次探测中没有输出</translation>
    </message>
    <message>
        <source>{units} … ({count} in all)</source>
        <translation>{units} …（共 {count} 个）</translation>
    </message>
    <message>
        <source>Dead ReLU: unit {units} outputs 0 for every sample, so no gradient reaches its weights and it no longer learns.</source>
        <translation>死亡 ReLU：单元 {units} 对每个样本都输出 0，梯度无法到达它的权重，它不再学习。</translation>
    </message>
    <message>
        <source>Dead ReLU: units {units} output 0 for every sample, so no gradient reaches their weights and they no longer learn.</source>
        <translation>死亡 ReLU：单元 {units} 对每个样本都输出 0，梯度无法到达它们的权重，它们不再学习。</translation>
    </message>
    <message>
        <source>0 or 1</source>
        <translation>0 或 1</translation>
    </message>
    <message>
        <source>−1 or +1</source>
        <translation>−1 或 +1</translation>
    </message>
    <message>
        <source>Saturated {activation}: unit {units} sits at {rails} for nearly every sample, where the gradient is almost 0 and learning crawls.</source>
        <translation>{activation} 饱和：单元 {units} 对几乎每个样本都停在 {rails}，那里的梯度几乎为 0，学习极其缓慢。</translation>
    </message>
    <message>
        <source>Saturated {activation}: units {units} sit at {rails} for nearly every sample, where the gradient is almost 0 and learning crawls.</source>
        <translation>{activation} 饱和：单元 {units} 对几乎每个样本都停在 {rails}，那里的梯度几乎为 0，学习极其缓慢。</translation>
    </message>
    <message>
        <source> The loss is still high: try a smaller Learning rate (Training tab), then Reset weights.</source>
        <translation>损失仍然很高：试试更小的学习率（“训练”选项卡），然后重置权重。</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>feature maps of sample {number} (the first {shown} of {channels})</source>
        <translation>样本 {number} 的特征图（{channels} 个中的前 {shown} 个）</translation>
    </message>
    <message>
        <source>feature maps of sample {number}</source>
        <translation>样本 {number} 的特征图</translation>
    </message>
    <message>
        <source>time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>gates and states of sample {number}</source>
        <translation>样本 {number} 的门与状态</translation>
    </message>
    <message>
        <source>this node</source>
        <translation>此节点</translation>
    </message>
    <message>
        <source>{count} unit</source>
        <translation>{count} 个单元</translation>
    </message>
    <message>
        <source>{count} units</source>
        <translation>{count} 个单元</translation>
    </message>
    <message>
        <source>{count} sample</source>
        <translation>{count} 个样本</translation>
    </message>
    <message>
        <source>{count} samples</source>
        <translation>{count} 个样本</translation>
    </message>
</context>
<context>
    <name>AutosaveFiles</name>
    <message>
        <source>unknown time</source>
        <translation>时间未知</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <source>Autosave</source>
        <translation>自动保存</translation>
    </message>
    <message>
        <source>Autosave unsaved changes every (seconds, 0 = never):</source>
        <translation>每隔多少秒自动保存未保存的更改（0 = 从不）：</translation>
    </message>
    <message>
        <source>{path} is locked ({reason})</source>
        <translation>{path} 已被锁定（{reason}）</translation>
    </message>
    <message>
        <source>Autosave failed: {error}</source>
        <translation>自动保存失败：{error}</translation>
    </message>
    <message>
        <source>Cannot recover project</source>
        <translation>无法恢复项目</translation>
    </message>
    <message>
        <source>The autosave cannot be read: {error}</source>
        <translation>无法读取自动保存的文件：{error}</translation>
    </message>
</context>
<context>
    <name>BackpropPanel</name>
    <message>
        <source>The sample whose forward and backward pass is shown (dataset order)</source>
        <translation>显示其前向传播和反向传播的样本（按数据集顺序）</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Next walkthrough step</source>
        <translation>分步讲解的下一步</translation>
    </message>
    <message>
        <source>Previous walkthrough step</source>
        <translation>分步讲解的上一步</translation>
    </message>
    <message>
        <source>The previous step (Shift+F11)</source>
        <translation>上一步（Shift+F11）</translation>
    </message>
    <message>
        <source>The next step (F11)</source>
        <translation>下一步（F11）</translation>
    </message>
    <message>
        <source>Apply update</source>
        <translation>应用更新</translation>
    </message>
    <message>
        <source>Set every weight and bias to its new value: one gradient step on this sample, by hand (one undo step)</source>
        <translation>把每个权重和偏置设为新值：在这个样本上手动走一步梯度下降（可一次撤销）</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>{note} {button} computes one sample&apos;s pass layer by layer.</source>
        <translation>{note}“{button}”会逐层计算一个样本的传播过程。</translation>
    </message>
    <message>
        <source>{note} Computing the pass layer by layer…</source>
        <translation>{note}正在逐层计算传播过程…</translation>
    </message>
    <message>
        <source>Computing the walk through {count:,} weights…</source>
        <translation>正在计算经过 {count:,} 个权重的分步讲解…</translation>
    </message>
    <message>
        <source>Nothing to walk through: {reason}</source>
        <translation>没有可讲解的内容：{reason}</translation>
    </message>
    <message>
        <source>One plain gradient step at lr {lr} ({loss}), for this sample alone.</source>
        <translation>以学习率 {lr}（{loss}）只对这个样本走一步普通的梯度下降。</translation>
    </message>
    <message>
        <source>One plain gradient step at lr {lr} ({loss}), for this sample alone; {optimizer} scales its steps differently.</source>
        <translation>以学习率 {lr}（{loss}）只对这个样本走一步普通的梯度下降；{optimizer} 的步长算法不同。</translation>
    </message>
    <message>
        <source>{note} Here is the pass layer by layer.</source>
        <translation>{note}下面是逐层的传播过程。</translation>
    </message>
    <message>
        <source>of {count:,}</source>
        <translation>共 {count:,} 个</translation>
    </message>
    <message>
        <source>Apply the gradient step of sample {number}</source>
        <translation>应用样本 {number} 的梯度下降一步</translation>
    </message>
</context>
<context>
    <name>BackpropSummary</name>
    <message>
        <source>the dataset has no samples yet: add rows in the Inspector&apos;s Data tab</source>
        <translation>数据集还没有样本：请在属性面板的“数据”选项卡中添加行</translation>
    </message>
    <message>
        <source>The step-by-step walk covers networks of single neurons (Input and Neuron nodes); this one has layers.</source>
        <translation>分步讲解适用于由单个神经元（Input 和 Neuron 节点）组成的网络；这个网络含有层。</translation>
    </message>
    <message>
        <source>The step-by-step walk covers networks of single neurons (Input and Neuron nodes); this one has layers. It goes neuron by neuron once the dense layers are expanded (select {names}, then View ▸ Expand Layer).</source>
        <translation>分步讲解适用于由单个神经元（Input 和 Neuron 节点）组成的网络；这个网络含有层。把全连接层展开后即可逐个神经元讲解（选中 {names}，然后选择“视图 ▸ 展开层”）。</translation>
    </message>
    <message>
        <source>the walk cannot go through it neuron by neuron</source>
        <translation>分步讲解无法逐个神经元地经过它</translation>
    </message>
</context>
<context>
    <name>BalanceView</name>
    <message>
        <source>samples per class</source>
        <translation>每类样本数</translation>
    </message>
</context>
<context>
    <name>BoundaryEnlarger</name>
    <message>
        <source>&amp;Large decision boundary</source>
        <translation>放大决策边界(&amp;L)</translation>
    </message>
    <message>
        <source>Show the decision boundary large, over the window; again to put it back</source>
        <translation>在窗口上方放大显示决策边界；再按一次放回原处</translation>
    </message>
    <message>
        <source>Show it large ({keys}); again to put it back</source>
        <translation>放大显示（{keys}）；再按一次放回原处</translation>
    </message>
    <message>
        <source>⤡ Put back</source>
        <translation>⤡ 放回</translation>
    </message>
    <message>
        <source>⤢ Enlarge</source>
        <translation>⤢ 放大</translation>
    </message>
</context>
<context>
    <name>BoundaryPanel</name>
    <message>
        <source>The boundary view needs 2 inputs (or 1 for a curve)</source>
        <translation>决策边界视图需要 2 个输入（画曲线则需要 1 个）</translation>
    </message>
    <message>
        <source>Connect the network and give it data to see what it draws over its inputs</source>
        <translation>连接好网络并为它提供数据，即可查看它在输入平面上画出的结果</translation>
    </message>
    <message>
        <source>… {count} more</source>
        <translation>… 另有 {count} 个</translation>
    </message>
    <message>
        <source>input 1</source>
        <translation>输入 1</translation>
    </message>
    <message>
        <source>input 2</source>
        <translation>输入 2</translation>
    </message>
    <message>
        <source>⤢ Enlarge</source>
        <translation>⤢ 放大</translation>
    </message>
    <message>
        <source>Colour: the most likely class, white where two tie · dots: the samples by class</source>
        <translation>颜色：最可能的类别，两类相当处为白色 · 圆点：按类别着色的样本</translation>
    </message>
    <message>
        <source>class {number}</source>
        <translation>类别 {number}</translation>
    </message>
    <message>
        <source>Output: orange {low} → blue {high} · dots: the samples by target</source>
        <translation>输出：橙色 {low} → 蓝色 {high} · 圆点：按目标着色的样本</translation>
    </message>
    <message>
        <source>Output: orange {low} → white → blue {high} · line: {threshold} · dots: the samples by target</source>
        <translation>输出：橙色 {low} → 白色 → 蓝色 {high} · 线：{threshold} · 圆点：按目标着色的样本</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>output 1 of {count}</source>
        <translation>输出 1（共 {count} 个）</translation>
    </message>
    <message>
        <source>Line: the network&apos;s output at each sample · dots: the targets</source>
        <translation>线：网络在每个样本处的输出 · 圆点：目标</translation>
    </message>
</context>
<context>
    <name>CanvasInteractions</name>
    <message>
        <source>Cannot connect: {problem}</source>
        <translation>无法连接：{problem}</translation>
    </message>
    <message>
        <source>Release to connect {source} → {target}</source>
        <translation>松开鼠标以连接 {source} → {target}</translation>
    </message>
    <message>
        <source>Connected {source} → {target}</source>
        <translation>已连接 {source} → {target}</translation>
    </message>
</context>
<context>
    <name>CanvasLooks</name>
    <message>
        <source>unknown kind</source>
        <translation>未知类型</translation>
    </message>
    <message>
        <source>{edge} · frozen</source>
        <translation>{edge} · 已冻结</translation>
    </message>
    <message>
        <source>output {shape}</source>
        <translation>输出 {shape}</translation>
    </message>
    <message>
        <source>not set (drawn from the neuron&apos;s init)</source>
        <translation>未设置（按神经元的初始化方式抽取）</translation>
    </message>
    <message>
        <source>[{values}] ({count} values)</source>
        <translation>[{values}]（{count} 个值）</translation>
    </message>
    <message>
        <source>in {number}</source>
        <translation>输入 {number}</translation>
    </message>
    <message>
        <source>in</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>out {number}</source>
        <translation>输出 {number}</translation>
    </message>
    <message>
        <source>out</source>
        <translation>输出</translation>
    </message>
</context>
<context>
    <name>CanvasView</name>
    <message>
        <source>Weight of {edge}:</source>
        <translation>{edge} 的权重：</translation>
    </message>
    <message>
        <source>Edit weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>Delete {count} item</source>
        <translation>删除 {count} 项</translation>
    </message>
    <message>
        <source>Delete {count} items</source>
        <translation>删除 {count} 项</translation>
    </message>
    <message>
        <source>A column holds 1 to 1,000 neurons</source>
        <translation>一列可包含 1 到 1,000 个神经元</translation>
    </message>
    <message>
        <source>Unknown node kind {kind}</source>
        <translation>未知的节点类型 {kind}</translation>
    </message>
    <message>
        <source>Add {count} neurons</source>
        <translation>添加 {count} 个神经元</translation>
    </message>
    <message>
        <source>Add {node}</source>
        <translation>添加 {node}</translation>
    </message>
    <message>
        <source>Nothing to connect: select two columns of nodes, the sources on the left</source>
        <translation>没有可连接的节点：请选择两列节点，源节点在左侧</translation>
    </message>
    <message>
        <source>Nothing to connect: those nodes are already connected</source>
        <translation>没有可连接的节点：这些节点已经连接</translation>
    </message>
    <message>
        <source>Fully connect ({count} connections)</source>
        <translation>全连接（{count} 条连接）</translation>
    </message>
    <message>
        <source>Added {count} connection</source>
        <translation>已添加 {count} 条连接</translation>
    </message>
    <message>
        <source>Added {count} connections</source>
        <translation>已添加 {count} 条连接</translation>
    </message>
    <message>
        <source>Already arranged</source>
        <translation>已经排列好了</translation>
    </message>
    <message>
        <source>Arrange</source>
        <translation>自动排列</translation>
    </message>
    <message>
        <source>Edges into layers carry no weight: the layer keeps its own</source>
        <translation>进入层的边没有权重：层有自己的权重</translation>
    </message>
    <message>
        <source>{edge} holds several weights: edit them in the inspector</source>
        <translation>{edge} 有多个权重：请在属性面板中编辑</translation>
    </message>
    <message>
        <source>A weight must be a finite number</source>
        <translation>权重必须是有限的数</translation>
    </message>
</context>
<context>
    <name>ClipboardEdits</name>
    <message>
        <source>Select nodes to copy</source>
        <translation>请先选择要复制的节点</translation>
    </message>
    <message>
        <source>Copied {count} node</source>
        <translation>已复制 {count} 个节点</translation>
    </message>
    <message>
        <source>Copied {count} nodes</source>
        <translation>已复制 {count} 个节点</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>Paste {count} node</source>
        <translation>粘贴 {count} 个节点</translation>
    </message>
    <message>
        <source>Paste {count} nodes</source>
        <translation>粘贴 {count} 个节点</translation>
    </message>
    <message>
        <source>Select nodes to duplicate</source>
        <translation>请先选择要创建副本的节点</translation>
    </message>
    <message>
        <source>Duplicate {count} node</source>
        <translation>创建 {count} 个节点的副本</translation>
    </message>
    <message>
        <source>Duplicate {count} nodes</source>
        <translation>创建 {count} 个节点的副本</translation>
    </message>
    <message>
        <source>Cannot paste: clipboard: holds no nnstudio nodes</source>
        <translation>无法粘贴：剪贴板中没有 nnstudio 节点</translation>
    </message>
    <message>
        <source>Cannot paste: {error}</source>
        <translation>无法粘贴：{error}</translation>
    </message>
    <message>
        <source>Nothing to paste</source>
        <translation>没有可粘贴的内容</translation>
    </message>
</context>
<context>
    <name>ConvertActions</name>
    <message>
        <source>Turn the selected dense layer into neurons and weighted connections, computing the same</source>
        <translation>把选中的全连接层变成神经元和带权重的连接，计算结果不变</translation>
    </message>
    <message>
        <source>Turn the selected neurons (one activation, the same inputs) into one dense layer, computing the same</source>
        <translation>把选中的神经元（同一激活函数、相同输入）合成一个全连接层，计算结果不变</translation>
    </message>
    <message>
        <source>select one dense layer to convert it to neurons</source>
        <translation>选中一个全连接层才能把它转换为神经元</translation>
    </message>
    <message>
        <source>select two or more neurons to group them into a layer</source>
        <translation>选中两个或更多神经元才能把它们组合成一层</translation>
    </message>
    <message>
        <source>Select one dense layer to convert it to neurons</source>
        <translation>选中一个全连接层才能把它转换为神经元</translation>
    </message>
    <message>
        <source>Cannot convert to neurons: {reason}</source>
        <translation>无法转换为神经元：{reason}</translation>
    </message>
    <message>
        <source>{layer} is now {count} neuron: select a connection to remove it, or a neuron to change its activation</source>
        <translation>{layer} 现在是 {count} 个神经元：选中一条连接可删除它，选中一个神经元可更改其激活函数</translation>
    </message>
    <message>
        <source>{layer} is now {count} neurons: select a connection to remove it, or a neuron to change its activation</source>
        <translation>{layer} 现在是 {count} 个神经元：选中一条连接可删除它，选中一个神经元可更改其激活函数</translation>
    </message>
    <message>
        <source>Cannot group into a layer: {reason}</source>
        <translation>无法组合成层：{reason}</translation>
    </message>
    <message>
        <source>Grouped {count} neurons into the layer {layer}</source>
        <translation>已把 {count} 个神经元组合成层 {layer}</translation>
    </message>
</context>
<context>
    <name>ConvertCommands</name>
    <message>
        <source>Convert {name} to neurons</source>
        <translation>将 {name} 转换为神经元</translation>
    </message>
    <message>
        <source>Group {count} neurons into a layer</source>
        <translation>将 {count} 个神经元组合成层</translation>
    </message>
</context>
<context>
    <name>ConvolutionPanel</name>
    <message>
        <source>Select a conv2d, maxpool2d or avgpool2d block on the canvas to see how it computes an output pixel</source>
        <translation>在画布上选中一个 conv2d、maxpool2d 或 avgpool2d 模块，查看它如何计算一个输出像素</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>The sample whose pixel is explained (dataset order)</source>
        <translation>要讲解其像素的样本（按数据集顺序）</translation>
    </message>
    <message>
        <source>The filter whose output pixel is explained</source>
        <translation>要讲解其输出像素的滤波器</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>滤波器</translation>
    </message>
    <message>
        <source>The input channel whose patch, kernel slice and products are shown</source>
        <translation>显示其图块、卷积核切片和乘积的输入通道</translation>
    </message>
    <message>
        <source>Input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>The output pixel&apos;s row</source>
        <translation>输出像素所在的行</translation>
    </message>
    <message>
        <source>The output pixel&apos;s column</source>
        <translation>输出像素所在的列</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>of {count:,}</source>
        <translation>共 {count:,} 个</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>input · channel {channel}</source>
        <translation>输入 · 通道 {channel}</translation>
    </message>
    <message>
        <source>output · filter {number}</source>
        <translation>输出 · 滤波器 {number}</translation>
    </message>
    <message>
        <source>output · channel {number}</source>
        <translation>输出 · 通道 {number}</translation>
    </message>
    <message>
        <source>patch</source>
        <translation>图块</translation>
    </message>
    <message>
        <source>× kernel W[{filter}, {channel}]</source>
        <translation>× 卷积核 W[{filter}, {channel}]</translation>
    </message>
    <message>
        <source>= products</source>
        <translation>= 乘积</translation>
    </message>
    <message>
        <source>Σ of the {count} products in channel {channel} = &lt;b&gt;{sum}&lt;/b&gt;</source>
        <translation>通道 {channel} 中 {count} 个乘积之和 Σ = &lt;b&gt;{sum}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Σ over all {count} channels = {parts} = &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>全部 {count} 个通道之和 Σ = {parts} = &lt;b&gt;{total}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>z = {total} + bias {bias} = &lt;b&gt;{z}&lt;/b&gt;</source>
        <translation>z = {total} + 偏置 {bias} = &lt;b&gt;{z}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>z = {total} (no bias) = &lt;b&gt;{z}&lt;/b&gt;</source>
        <translation>z = {total}（无偏置）= &lt;b&gt;{z}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>y = {activation}(z) = &lt;b&gt;{output}&lt;/b&gt; → output[filter {filter}] at row {row}, column {column}</source>
        <translation>y = {activation}(z) = &lt;b&gt;{output}&lt;/b&gt; → 输出[滤波器 {filter}] 第 {row} 行、第 {column} 列</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>max of the {count} values = &lt;b&gt;{output}&lt;/b&gt; (window row {window_row}, column {window_column}: the first largest, where the gradient goes) → output[channel {channel}] at row {row}, column {column}</source>
        <translation>{count} 个值中的最大值 = &lt;b&gt;{output}&lt;/b&gt;（窗口第 {window_row} 行、第 {window_column} 列：第一个最大值，梯度流向这里）→ 输出[通道 {channel}] 第 {row} 行、第 {column} 列</translation>
    </message>
    <message>
        <source>mean = {total} / {count} = &lt;b&gt;{output}&lt;/b&gt; → output[channel {channel}] at row {row}, column {column}</source>
        <translation>均值 = {total} / {count} = &lt;b&gt;{output}&lt;/b&gt; → 输出[通道 {channel}] 第 {row} 行、第 {column} 列</translation>
    </message>
    <message>
        <source>(the network computed {value})</source>
        <translation>（网络算出的是 {value}）</translation>
    </message>
</context>
<context>
    <name>CsvPage</name>
    <message>
        <source>Comma  ,</source>
        <translation>逗号  ,</translation>
    </message>
    <message>
        <source>Semicolon  ;</source>
        <translation>分号  ;</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Pipe  |</source>
        <translation>竖线  |</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>竖线</translation>
    </message>
    <message>
        <source>space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Raw numbers</source>
        <translation>原始数值</translation>
    </message>
    <message>
        <source>One-hot (one output per class)</source>
        <translation>One-hot（每个类别一个输出）</translation>
    </message>
    <message>
        <source>Class index (sparse cross-entropy)</source>
        <translation>类别索引（稀疏交叉熵）</translation>
    </message>
    <message>
        <source>Report them as errors</source>
        <translation>报告为错误</translation>
    </message>
    <message>
        <source>Drop those rows</source>
        <translation>丢弃这些行</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>First row is a header</source>
        <translation>首行是标题行</translation>
    </message>
    <message>
        <source>Decimal comma</source>
        <translation>小数逗号</translation>
    </message>
    <message>
        <source>Numbers are written with a comma, 3,14 for 3.14, as spreadsheets in many countries save them (usually separated by semicolons)</source>
        <translation>数字用逗号作小数点，如 3,14 表示 3.14，许多国家的电子表格这样保存（通常用分号分隔）</translation>
    </message>
    <message>
        <source>Empty cells and NA, NaN, null or ? in the chosen columns</source>
        <translation>所选列中的空单元格以及 NA、NaN、null 或 ?</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Different values</source>
        <translation>不同值数</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <source>Target encoding:</source>
        <translation>目标编码：</translation>
    </message>
    <message>
        <source>Missing values:</source>
        <translation>缺失值：</translation>
    </message>
    <message>
        <source>What each column is for:</source>
        <translation>每一列的用途：</translation>
    </message>
    <message>
        <source>Detected: {delimiter}-separated, with a header row, decimal commas</source>
        <translation>检测结果：{delimiter}分隔，有标题行，小数逗号</translation>
    </message>
    <message>
        <source>Detected: {delimiter}-separated, with a header row</source>
        <translation>检测结果：{delimiter}分隔，有标题行</translation>
    </message>
    <message>
        <source>Detected: {delimiter}-separated, without a header row, decimal commas</source>
        <translation>检测结果：{delimiter}分隔，无标题行，小数逗号</translation>
    </message>
    <message>
        <source>Detected: {delimiter}-separated, without a header row</source>
        <translation>检测结果：{delimiter}分隔，无标题行</translation>
    </message>
    <message>
        <source>The first rows of {name}:</source>
        <translation>{name} 的前几行：</translation>
    </message>
    <message>
        <source>The first rows of {name} (the preview reads its first {rows:,} rows; the whole file is read and checked on Import):</source>
        <translation>{name} 的前几行（预览只读取前 {rows:,} 行；导入时会读取并检查整个文件）：</translation>
    </message>
    <message>
        <source>over {count}</source>
        <translation>超过 {count}</translation>
    </message>
    <message>
        <source>(column {number}, no name)</source>
        <translation>（第 {number} 列，无名称）</translation>
    </message>
    <message>
        <source>{rows} rows · {inputs} inputs · target {target}: {classes} classes</source>
        <translation>{rows} 行 · {inputs} 个输入 · 目标 {target}：{classes} 个类别</translation>
    </message>
    <message>
        <source>{rows} rows · {inputs} inputs</source>
        <translation>{rows} 行 · {inputs} 个输入</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <source>Column {number} has no name in the header, so a project cannot refer to it: ignore it, or name it in the file.</source>
        <translation>第 {number} 列在标题行中没有名称，项目无法引用它：请忽略该列，或在文件中为它命名。</translation>
    </message>
    <message>
        <source>Column {column} holds no values: ignore it.</source>
        <translation>列 {column} 没有任何值：请忽略它。</translation>
    </message>
    <message>
        <source>Column {column} holds numbers written with a decimal comma (3,14): tick “Decimal comma” to read them as numbers.</source>
        <translation>列 {column} 中的数字用逗号作小数点（3,14）：勾选“小数逗号”即可将其读作数值。</translation>
    </message>
    <message>
        <source>Column {column} holds numbers written with a decimal point (3.14): untick “Decimal comma” to read them as numbers.</source>
        <translation>列 {column} 中的数字用小数点书写（3.14）：取消勾选“小数逗号”即可将其读作数值。</translation>
    </message>
    <message>
        <source>Column {column} holds text, so it cannot be an input: make it the target with one-hot or index encoding, or ignore it.</source>
        <translation>列 {column} 包含文本，不能作为输入：请把它设为目标并使用 One-hot 或索引编码，或者忽略它。</translation>
    </message>
    <message>
        <source>Choose at least one input column.</source>
        <translation>请至少选择一个输入列。</translation>
    </message>
    <message>
        <source>Choose a target column: what the network should learn to predict.</source>
        <translation>请选择一个目标列：网络要学会预测的内容。</translation>
    </message>
    <message>
        <source>One-hot and index encodings take exactly one target column, not {count}.</source>
        <translation>One-hot 和索引编码只能有一个目标列，而不是 {count} 个。</translation>
    </message>
    <message>
        <source>Column {column} holds text: choose one-hot or index encoding to turn its labels into classes.</source>
        <translation>列 {column} 包含文本：请选择 One-hot 或索引编码，把它的标签变成类别。</translation>
    </message>
    <message>
        <source>Column {column} has {count} missing value: choose “Drop those rows” for missing values, or ignore the column.</source>
        <translation>列 {column} 有 {count} 个缺失值：请把缺失值设为“丢弃这些行”，或者忽略该列。</translation>
    </message>
    <message>
        <source>Column {column} has {count} missing values: choose “Drop those rows” for missing values, or ignore the column.</source>
        <translation>列 {column} 有 {count} 个缺失值：请把缺失值设为“丢弃这些行”，或者忽略该列。</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
</context>
<context>
    <name>DataImport</name>
    <message>
        <source>the network has several input nodes (or none), so their shapes were left alone</source>
        <translation>网络有多个输入节点（或没有），因此未更改它们的形状</translation>
    </message>
    <message>
        <source>the output is not a single dense layer, so the number of outputs was left alone</source>
        <translation>输出不是单个全连接层，因此未更改输出的数量</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>导入数据</translation>
    </message>
    <message>
        <source>Reset {id} parameters</source>
        <translation>重置 {id} 的参数</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>Inline table</source>
        <translation>内嵌表格</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>NumPy .npz file</source>
        <translation>NumPy .npz 文件</translation>
    </message>
    <message>
        <source>IDX files (MNIST)</source>
        <translation>IDX 文件（MNIST）</translation>
    </message>
    <message>
        <source>Built-in dataset</source>
        <translation>内置数据集</translation>
    </message>
    <message>
        <source>Use the input values as they are</source>
        <translation>直接使用原始输入值</translation>
    </message>
    <message>
        <source>Shift and scale each input column to mean 0, standard deviation 1</source>
        <translation>平移并缩放每个输入列，使其均值为 0、标准差为 1</translation>
    </message>
    <message>
        <source>Shift and scale each input column to the range 0 to 1</source>
        <translation>平移并缩放每个输入列，使其落在 0 到 1 之间</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Fit columns</source>
        <translation>匹配列数</translation>
    </message>
    <message>
        <source>Add or drop columns so that the table matches the input and output nodes</source>
        <translation>增加或去掉列，使表格与输入、输出节点相符</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>The file is read when training starts. Import file… chooses another file or other columns.</source>
        <translation>开始训练时才读取文件。“导入文件…”可选择另一个文件或其他列。</translation>
    </message>
    <message>
        <source>Share of the samples, taken from the end, kept out of training to measure validation loss (0: none)</source>
        <translation>从末尾取出、不参与训练、用于计算验证损失的样本比例（0：不留）</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Shuffle split</source>
        <translation>随机划分</translation>
    </message>
    <message>
        <source>How input columns are scaled before training (targets are not)</source>
        <translation>训练前如何缩放输入列（目标不缩放）</translation>
    </message>
    <message>
        <source>Normalize inputs</source>
        <translation>输入归一化</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Target column {number}: {name}</source>
        <translation>目标列 {number}：{name}</translation>
    </message>
    <message>
        <source>Input column {number}: {name}</source>
        <translation>输入列 {number}：{name}</translation>
    </message>
    <message>
        <source>{count} input column</source>
        <translation>{count} 个输入列</translation>
    </message>
    <message>
        <source>{count} input columns</source>
        <translation>{count} 个输入列</translation>
    </message>
    <message>
        <source>one class label (an integer)</source>
        <translation>一个类别标签（整数）</translation>
    </message>
    <message>
        <source>{count} target column</source>
        <translation>{count} 个目标列</translation>
    </message>
    <message>
        <source>{count} target columns</source>
        <translation>{count} 个目标列</translation>
    </message>
    <message>
        <source>{samples}: {inputs}, then {targets}. The network takes {network_inputs} and gives {network_outputs}.</source>
        <translation>{samples}：先是 {inputs}，然后是 {targets}。网络接收 {network_inputs}，给出 {network_outputs}。</translation>
    </message>
    <message>
        <source>{samples}: {inputs}, then {targets}.</source>
        <translation>{samples}：先是 {inputs}，然后是 {targets}。</translation>
    </message>
    <message>
        <source>True</source>
        <translation>是</translation>
    </message>
    <message>
        <source>False</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>DatasetAnalysis</name>
    <message>
        <source>class {index}</source>
        <translation>类别 {index}</translation>
    </message>
</context>
<context>
    <name>DatasetPanel</name>
    <message>
        <source>No samples yet: add rows in the Inspector&apos;s Data tab, or choose a data file there.</source>
        <translation>还没有样本：请在属性面板的“数据”页中添加行，或在那里选择一个数据文件。</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Show every sample as a table of numbers</source>
        <translation>以数字表格显示全部样本</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>已取消加载。</translation>
    </message>
    <message>
        <source>The data cannot be loaded:
{error}</source>
        <translation>无法加载数据：
{error}</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>DatasetWords</name>
    <message>
        <source>{count} input</source>
        <translation>{count} 个输入</translation>
    </message>
    <message>
        <source>{count} inputs</source>
        <translation>{count} 个输入</translation>
    </message>
    <message>
        <source>{count} output</source>
        <translation>{count} 个输出</translation>
    </message>
    <message>
        <source>{count} outputs</source>
        <translation>{count} 个输出</translation>
    </message>
    <message>
        <source>{count} sample</source>
        <translation>{count} 个样本</translation>
    </message>
    <message>
        <source>{count} samples</source>
        <translation>{count} 个样本</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count:,} sample&lt;/b&gt; ({train:,} training, {val:,} validation)</source>
        <translation>&lt;b&gt;{count:,} 个样本&lt;/b&gt;（训练 {train:,}，验证 {val:,}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count:,} samples&lt;/b&gt; ({train:,} training, {val:,} validation)</source>
        <translation>&lt;b&gt;{count:,} 个样本&lt;/b&gt;（训练 {train:,}，验证 {val:,}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count:,} sample&lt;/b&gt; (all for training)</source>
        <translation>&lt;b&gt;{count:,} 个样本&lt;/b&gt;（全部用于训练）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count:,} samples&lt;/b&gt; (all for training)</source>
        <translation>&lt;b&gt;{count:,} 个样本&lt;/b&gt;（全部用于训练）</translation>
    </message>
    <message>
        <source>{count} target</source>
        <translation>{count} 个目标</translation>
    </message>
    <message>
        <source>{count} targets</source>
        <translation>{count} 个目标</translation>
    </message>
    <message>
        <source>{classes} classes, {low:,} to {high:,} samples each</source>
        <translation>{classes} 个类别，每类 {low:,} 到 {high:,} 个样本</translation>
    </message>
    <message>
        <source>{target} from {low} to {high}</source>
        <translation>{target} 从 {low} 到 {high}</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} samples shown</source>
        <translation>显示 {total:,} 个样本中的 {shown:,} 个</translation>
    </message>
    <message>
        <source>colour: {target} from orange ({low}) to blue ({high})</source>
        <translation>颜色：{target} 从橙色（{low}）到蓝色（{high}）</translation>
    </message>
    <message>
        <source>the first {count} of {total:,} images</source>
        <translation>{total:,} 张图像中的前 {count} 张</translation>
    </message>
    <message>
        <source>{count} image</source>
        <translation>{count} 张图像</translation>
    </message>
    <message>
        <source>{count} images</source>
        <translation>{count} 张图像</translation>
    </message>
    <message>
        <source>{images}, {size} · labels: class</source>
        <translation>{images}，{size} · 标注：类别</translation>
    </message>
    <message>
        <source>{images}, {size} · labels: target</source>
        <translation>{images}，{size} · 标注：目标</translation>
    </message>
    <message>
        <source>the first {count} sample over {steps} time steps</source>
        <translation>前 {count} 个样本在 {steps} 个时间步上的值</translation>
    </message>
    <message>
        <source>the first {count} samples over {steps} time steps</source>
        <translation>前 {count} 个样本在 {steps} 个时间步上的值</translation>
    </message>
    <message>
        <source>{caption} (feature 1 of {features})</source>
        <translation>{caption}（{features} 个特征中的第 1 个）</translation>
    </message>
</context>
<context>
    <name>EdgeForm</name>
    <message>
        <source>&lt;b&gt;Connection&lt;/b&gt;</source>
        <translation>&lt;b&gt;连接&lt;/b&gt;</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>从 → 到</translation>
    </message>
    <message>
        <source>auto: drawn at random when training starts</source>
        <translation>自动：训练开始时随机抽取</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Forget this weight: it shows auto, and training draws it at random</source>
        <translation>清除这个权重：显示为“自动”，训练时随机抽取</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Train this weight</source>
        <translation>训练这个权重</translation>
    </message>
    <message>
        <source>Whether training updates this weight</source>
        <translation>训练是否更新这个权重</translation>
    </message>
    <message>
        <source>A {kind} keeps its own weights: this connection only carries values. Its stored weight is ignored.</source>
        <translation>{kind}自带权重：这个连接只传递数值。它保存的权重会被忽略。</translation>
    </message>
    <message>
        <source>A {kind} keeps its own weights: this connection only carries values.</source>
        <translation>{kind}自带权重：这个连接只传递数值。</translation>
    </message>
</context>
<context>
    <name>EdgeThinning</name>
    <message>
        <source>All edges</source>
        <translation>全部边</translation>
    </message>
    <message>
        <source>Strongest {percent:g} % of weights</source>
        <translation>最强的 {percent:g}% 权重</translation>
    </message>
    <message>
        <source>&amp;Edges</source>
        <translation>边(&amp;E)</translation>
    </message>
    <message>
        <source>Draw every edge</source>
        <translation>绘制每一条边</translation>
    </message>
    <message>
        <source>Draw only the edges whose weights are largest in size; the others are hidden, not removed</source>
        <translation>只绘制权重绝对值最大的边；其余的边只是隐藏，并未删除</translation>
    </message>
    <message>
        <source>{choice}: {count:,} weaker edges hidden</source>
        <translation>{choice}：已隐藏 {count:,} 条较弱的边</translation>
    </message>
</context>
<context>
    <name>EditCommands</name>
    <message>
        <source>Add {name}</source>
        <translation>添加 {name}</translation>
    </message>
    <message>
        <source>Delete {id}</source>
        <translation>删除 {id}</translation>
    </message>
    <message>
        <source>Connect {source} → {target}</source>
        <translation>连接 {source} → {target}</translation>
    </message>
    <message>
        <source>Delete connection {id}</source>
        <translation>删除连接 {id}</translation>
    </message>
    <message>
        <source>Set inputs</source>
        <translation>设置输入</translation>
    </message>
    <message>
        <source>Set outputs</source>
        <translation>设置输出</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Move {id}</source>
        <translation>移动 {id}</translation>
    </message>
    <message>
        <source>Change {id} {setting}</source>
        <translation>更改 {id} 的 {setting}</translation>
    </message>
    <message>
        <source>Change {id}</source>
        <translation>更改 {id}</translation>
    </message>
    <message>
        <source>Rename {id}</source>
        <translation>重命名 {id}</translation>
    </message>
    <message>
        <source>Change {id} parameters</source>
        <translation>更改 {id} 的参数</translation>
    </message>
    <message>
        <source>Change {id} {array}</source>
        <translation>更改 {id} 的 {array}</translation>
    </message>
    <message>
        <source>Change weight {id}</source>
        <translation>更改权重 {id}</translation>
    </message>
    <message>
        <source>Unfreeze {id}</source>
        <translation>解冻 {id}</translation>
    </message>
    <message>
        <source>Freeze {id}</source>
        <translation>冻结 {id}</translation>
    </message>
    <message>
        <source>Change training {setting}</source>
        <translation>更改训练设置 {setting}</translation>
    </message>
    <message>
        <source>Change training</source>
        <translation>更改训练设置</translation>
    </message>
    <message>
        <source>Change data {setting}</source>
        <translation>更改数据设置 {setting}</translation>
    </message>
    <message>
        <source>Change data</source>
        <translation>更改数据</translation>
    </message>
    <message>
        <source>Change project {setting}</source>
        <translation>更改项目 {setting}</translation>
    </message>
    <message>
        <source>Change project details</source>
        <translation>更改项目信息</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>更改训练历史</translation>
    </message>
</context>
<context>
    <name>Editors</name>
    <message>
        <source>Alpha (α)</source>
        <translation>Alpha 系数 (α)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Dampening</source>
        <translation>阻尼</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Epsilon (ε)</source>
        <translation>数值稳定项 (ε)</translation>
    </message>
    <message>
        <source>Centered</source>
        <translation>中心化</translation>
    </message>
    <message>
        <source>Beta 1 (β₁)</source>
        <translation>一阶衰减率 (β₁)</translation>
    </message>
    <message>
        <source>Beta 2 (β₂)</source>
        <translation>二阶衰减率 (β₂)</translation>
    </message>
    <message>
        <source>AMSGrad variant</source>
        <translation>AMSGrad 变体</translation>
    </message>
    <message>
        <source>Every (epochs)</source>
        <translation>间隔（轮）</translation>
    </message>
    <message>
        <source>Factor (γ)</source>
        <translation>因子 (γ)</translation>
    </message>
    <message>
        <source>Period (epochs)</source>
        <translation>周期（轮）</translation>
    </message>
    <message>
        <source>Minimum rate</source>
        <translation>最小学习率</translation>
    </message>
    <message>
        <source>e.g. 2  or  1, 28, 28</source>
        <translation>例如 2  或  1, 28, 28</translation>
    </message>
    <message>
        <source>e.g. 3  or  3×5</source>
        <translation>例如 3  或  3×5</translation>
    </message>
    <message>
        <source>empty for the default</source>
        <translation>留空则用默认值</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
    <message>
        <source>&quot;{0}&quot; holds a point, but data.source.decimal is &quot;,&quot; (a decimal comma): write it with a comma, or remove the thousands separator</source>
        <translation>&quot;{0}&quot; 含有小数点，但 data.source.decimal 是 &quot;,&quot;（小数逗号）：请改用逗号书写，或去掉千位分隔符</translation>
    </message>
    <message>
        <source>&quot;{0}&quot; is not a number</source>
        <translation>&quot;{0}&quot; 不是数字</translation>
    </message>
    <message>
        <source>&quot;{0}&quot; is not a number with a decimal point; for numbers written with a decimal comma, set data.source.decimal to &quot;,&quot;</source>
        <translation>&quot;{0}&quot; 不是用小数点书写的数字；如果数字用小数逗号书写，请把 data.source.decimal 设为 &quot;,&quot;</translation>
    </message>
    <message>
        <source>&quot;{0}&quot; marks a missing value (data.source.missing &quot;drop&quot; skips such rows)</source>
        <translation>&quot;{0}&quot; 表示缺失值（data.source.missing 为 &quot;drop&quot; 时会跳过这样的行）</translation>
    </message>
    <message>
        <source>: give the input node a shape like [{0}, 1] (time steps, features)</source>
        <translation>：请给输入节点设置类似 [{0}, 1] 的形状（时间步，特征）</translation>
    </message>
    <message>
        <source>ONNX export of derived features needs exactly one input node (it takes the raw columns x1 and x2)</source>
        <translation>导出派生特征到 ONNX 需要恰好一个输入节点（它读取原始列 x1 和 x2）</translation>
    </message>
    <message>
        <source>a PyTorch script&apos;s name ends in .py, not {0}</source>
        <translation>PyTorch 脚本的文件名应以 .py 结尾，而不是 {0}</translation>
    </message>
    <message>
        <source>a channels-last image</source>
        <translation>通道在后的图像</translation>
    </message>
    <message>
        <source>a closing quote must be followed by the delimiter or the line end ({0})</source>
        <translation>右引号后面必须是分隔符或行尾（{0}）</translation>
    </message>
    <message>
        <source>a comparison</source>
        <translation>比较运算</translation>
    </message>
    <message>
        <source>a derived input column</source>
        <translation>派生输入列</translation>
    </message>
    <message>
        <source>a file path must be a string, not {0}</source>
        <translation>文件路径必须是字符串，而不是 {0}</translation>
    </message>
    <message>
        <source>a fused output layer&apos;s backward takes dL/dz; check it through the loss</source>
        <translation>融合输出层的反向传播接收 dL/dz；请通过损失来检查它</translation>
    </message>
    <message>
        <source>a kind named {0} is registered already</source>
        <translation>名为 {0} 的类型已经注册过了</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a list of single values holds class labels: integers ≥ 0</source>
        <translation>由单个值组成的列表表示类别标签：≥ 0 的整数</translation>
    </message>
    <message>
        <source>a neuron has a bad setting ({0}): fix it first</source>
        <translation>有一个神经元的设置有误（{0}）：请先修复</translation>
    </message>
    <message>
        <source>a neuron is listed twice</source>
        <translation>有一个神经元列出了两次</translation>
    </message>
    <message>
        <source>a neuron takes a vector, but {0} receives {1}, {2}</source>
        <translation>神经元接收向量，但 {0} 收到的是 {1}，{2}</translation>
    </message>
    <message>
        <source>a neuron takes vectors only: fix the problems listed first</source>
        <translation>神经元只接收向量：请先修复列出的问题</translation>
    </message>
    <message>
        <source>a node cannot connect to itself</source>
        <translation>节点不能连接到它自己</translation>
    </message>
    <message>
        <source>a node or connection already has an id like {0}&apos;s units, so the walk cannot name them</source>
        <translation>已有节点或连接使用了类似 {0} 的单元的 id，因此分步讲解无法为它们命名</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>一个数字</translation>
    </message>
    <message>
        <source>a pace is &apos;auto&apos;, &apos;full&apos; or a positive number of steps a second, not {0}</source>
        <translation>速度应为 &apos;auto&apos;、&apos;full&apos; 或每秒步数（正数），而不是 {0}</translation>
    </message>
    <message>
        <source>a pace is &apos;auto&apos;, &apos;full&apos; or steps a second, not {0}</source>
        <translation>速度应为 &apos;auto&apos;、&apos;full&apos; 或每秒步数，而不是 {0}</translation>
    </message>
    <message>
        <source>a point with a decimal comma</source>
        <translation>在使用小数逗号时出现了小数点</translation>
    </message>
    <message>
        <source>a positive integer</source>
        <translation>正整数</translation>
    </message>
    <message>
        <source>a project file must hold a JSON object, not {0}</source>
        <translation>项目文件必须包含一个 JSON 对象，而不是 {0}</translation>
    </message>
    <message>
        <source>a quoted field starting here is never closed (a missing closing quote)</source>
        <translation>从这里开始的带引号字段没有结束（缺少右引号）</translation>
    </message>
    <message>
        <source>a sequence, and the layer works on every step</source>
        <translation>序列，而该层作用于每个时间步</translation>
    </message>
    <message>
        <source>a single number</source>
        <translation>单个数字</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>a time-major sequence</source>
        <translation>时间维在前的序列</translation>
    </message>
    <message>
        <source>a vector flattened from a channels-last image</source>
        <translation>由通道在后的图像展平得到的向量</translation>
    </message>
    <message>
        <source>a very large number</source>
        <translation>非常大的数</translation>
    </message>
    <message>
        <source>a weight is not a finite number (NaN or infinity)</source>
        <translation>有一个权重不是有限数（NaN 或无穷大）</translation>
    </message>
    <message>
        <source>a {0} node&apos;s trained weights cannot be read back from a PyTorch script</source>
        <translation>无法从 PyTorch 脚本读回 {0} 节点训练好的权重</translation>
    </message>
    <message>
        <source>adds a constant that is not the bias of a layer before it, which nnstudio cannot draw</source>
        <translation>加上了一个不是前一层偏置的常数，nnstudio 无法绘制</translation>
    </message>
    <message>
        <source>adds two computed tensors; nnstudio draws an addition only as a layer&apos;s bias</source>
        <translation>把两个计算得到的张量相加；nnstudio 只把加法绘制为层的偏置</translation>
    </message>
    <message>
        <source>an image: put a flatten node before it</source>
        <translation>图像：请在它前面放一个 flatten 节点</translation>
    </message>
    <message>
        <source>an input node has the shape {0}; every size must be a whole number, 1 or more</source>
        <translation>有一个输入节点的形状是 {0}；每个尺寸都必须是 ≥ 1 的整数</translation>
    </message>
    <message>
        <source>an input node that is also an output cannot be exported to ONNX with input preprocessing: its graph input and output would share its id</source>
        <translation>同时是输出的输入节点不能带输入预处理导出到 ONNX：它的图输入和输出会使用同一个 id</translation>
    </message>
    <message>
        <source>an integer of {0} digits is too large</source>
        <translation>{0} 位的整数太大</translation>
    </message>
    <message>
        <source>an integer ≥ {0}</source>
        <translation>≥ {0} 的整数</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; declares {1}, but its member holds {2} bytes of values</source>
        <translation>数组 &quot;{0}&quot; 声明了 {1}，但它的成员只有 {2} 字节的数值</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; declares {1}, more than the {2} GiB nnstudio reads</source>
        <translation>数组 &quot;{0}&quot; 声明了 {1}，超过了 nnstudio 能读取的 {2} GiB</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; has a damaged .npy header ({1})</source>
        <translation>数组 &quot;{0}&quot; 的 .npy 头已损坏（{1}）</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; has a negative dimension in its shape {1}</source>
        <translation>数组 &quot;{0}&quot; 的形状 {1} 中有负的维度</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; has no samples</source>
        <translation>数组 &quot;{0}&quot; 没有样本</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; has no values per sample</source>
        <translation>数组 &quot;{0}&quot; 的每个样本没有值</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; has {1} samples but &quot;{2}&quot; has {3}</source>
        <translation>数组 &quot;{0}&quot; 有 {1} 个样本，但 &quot;{2}&quot; 有 {3} 个</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; has {1} values per sample; nnstudio reads up to {2}</source>
        <translation>数组 &quot;{0}&quot; 每个样本有 {1} 个值；nnstudio 最多读取 {2} 个</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; holds a pickled object array, which nnstudio will not load</source>
        <translation>数组 &quot;{0}&quot; 是 pickle 序列化的对象数组，nnstudio 不会加载它</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; holds {1} values, not real numbers</source>
        <translation>数组 &quot;{0}&quot; 存放的是 {1} 值，不是实数</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; is a single value; it needs one row per sample</source>
        <translation>数组 &quot;{0}&quot; 只有一个值；它需要每个样本一行</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; is cut short ({1} of {2} bytes)</source>
        <translation>数组 &quot;{0}&quot; 不完整（{2} 字节中只有 {1} 字节）</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; is in .npy format version {1}; nnstudio reads 1.0 and 2.0</source>
        <translation>数组 &quot;{0}&quot; 的 .npy 格式版本是 {1}；nnstudio 只读取 1.0 和 2.0</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; is not a NumPy array (the member &quot;{1}&quot; is not in the .npy format)</source>
        <translation>数组 &quot;{0}&quot; 不是 NumPy 数组（成员 &quot;{1}&quot; 不是 .npy 格式）</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; row {1}, column {2}: {3} is not allowed</source>
        <translation>数组 &quot;{0}&quot; 第 {1} 行第 {2} 列：不允许 {3}</translation>
    </message>
    <message>
        <source>array &quot;{0}&quot; row {1}: class index {2} is negative</source>
        <translation>数组 &quot;{0}&quot; 第 {1} 行：类别索引 {2} 是负数</translation>
    </message>
    <message>
        <source>as a {0} node: {1}</source>
        <translation>作为 {0} 节点：{1}</translation>
    </message>
    <message>
        <source>cannot be checked completely ({0}: {1})</source>
        <translation>无法完整检查（{0}：{1}）</translation>
    </message>
    <message>
        <source>cannot be read ({0})</source>
        <translation>无法读取（{0}）</translation>
    </message>
    <message>
        <source>cannot be written ({0})</source>
        <translation>无法写入（{0}）</translation>
    </message>
    <message>
        <source>carries a weight, which is ignored: a {0} node keeps its own weights</source>
        <translation>带有一个权重，它会被忽略：{0} 节点使用自己的权重</translation>
    </message>
    <message>
        <source>changed while it was being read; load it again</source>
        <translation>在读取过程中被修改了；请重新加载</translation>
    </message>
    <message>
        <source>channel {0} is outside the {1} channels</source>
        <translation>通道 {0} 超出了 {1} 个通道的范围</translation>
    </message>
    <message>
        <source>chooses between tensors, which nnstudio draws only as the sign activation (1 where z ≥ 0, else −1)</source>
        <translation>在张量之间做选择，nnstudio 只把它绘制为 sign 激活函数（z ≥ 0 时为 1，否则为 −1）</translation>
    </message>
    <message>
        <source>clips or couples its gates, which nnstudio&apos;s layers do not</source>
        <translation>对门做了裁剪或耦合，nnstudio 的层不支持</translation>
    </message>
    <message>
        <source>column &quot;{0}&quot; ({1}.{2}) is not in the file: without a header (data.source.header is false) its {3} columns are named c1 to c{4}</source>
        <translation>列 &quot;{0}&quot;（{1}.{2}）不在文件中：没有表头时（data.source.header 为 false），它的 {3} 列被命名为 c1 到 c{4}</translation>
    </message>
    <message>
        <source>column &quot;{0}&quot; ({1}.{2}) is not in the header; the header has {3}</source>
        <translation>列 &quot;{0}&quot;（{1}.{2}）不在表头中；表头有 {3}</translation>
    </message>
    <message>
        <source>column &quot;{0}&quot;: {1}</source>
        <translation>列 &quot;{0}&quot;：{1}</translation>
    </message>
    <message>
        <source>compares with something else than 0; nnstudio draws z ≥ 0 only as the step or sign activation</source>
        <translation>与 0 以外的值比较；nnstudio 只把 z ≥ 0 绘制为 step 或 sign 激活函数</translation>
    </message>
    <message>
        <source>computes with a zero state of the batch&apos;s size, which nnstudio cannot draw</source>
        <translation>使用与批大小相同的零状态计算，nnstudio 无法绘制</translation>
    </message>
    <message>
        <source>computes with the batch size, which nnstudio cannot follow</source>
        <translation>计算中用到了批大小，nnstudio 无法处理</translation>
    </message>
    <message>
        <source>connecting {0} → {1} would make a cycle</source>
        <translation>连接 {0} → {1} 会形成环</translation>
    </message>
    <message>
        <source>connects to {0}, which does not exist</source>
        <translation>连接到 {0}，但它不存在</translation>
    </message>
    <message>
        <source>connects {0} to itself</source>
        <translation>把 {0} 连接到了它自己</translation>
    </message>
    <message>
        <source>conv2d W must be [filters, channels, kh, kw], got shape {0}</source>
        <translation>conv2d 的 W 必须是 [filters, channels, kh, kw]，但形状是 {0}</translation>
    </message>
    <message>
        <source>conv2d cannot fuse activation {0}</source>
        <translation>conv2d 不能融合激活函数 {0}</translation>
    </message>
    <message>
        <source>conv2d expects {0} input channels, got {1}</source>
        <translation>conv2d 需要 {0} 个输入通道，但收到 {1} 个</translation>
    </message>
    <message>
        <source>conv2d padding must be &apos;valid&apos; or &apos;same&apos;, got {0}</source>
        <translation>conv2d 的 padding 必须是 &apos;valid&apos; 或 &apos;same&apos;，但收到 {0}</translation>
    </message>
    <message>
        <source>converts numbers from one type to another, which nnstudio draws only as the step activation (z ≥ 0 as 1 or 0)</source>
        <translation>把数值从一种类型转换为另一种，nnstudio 只把它绘制为 step 激活函数（z ≥ 0 为 1，否则为 0）</translation>
    </message>
    <message>
        <source>derived features need exactly 2 input columns (x1, x2); the data has {0}</source>
        <translation>派生特征需要恰好 2 个输入列（x1, x2）；数据有 {0}</translation>
    </message>
    <message>
        <source>did not cross as a float64 array</source>
        <translation>没有以 float64 数组传过来</translation>
    </message>
    <message>
        <source>divides by a constant other than right on a graph input, which nnstudio draws only as the input&apos;s normaliser</source>
        <translation>除以常数但不是直接作用在图输入上，nnstudio 只把它绘制为输入的归一化</translation>
    </message>
    <message>
        <source>does not follow a conv2d or dense layer that only it reads; nnstudio has no batch-norm node and folds it into such a layer</source>
        <translation>没有跟在只被它读取的 conv2d 或 dense 层之后；nnstudio 没有批归一化节点，会把它合并进这样的层</translation>
    </message>
    <message>
        <source>does not pool an image</source>
        <translation>不是对图像做池化</translation>
    </message>
    <message>
        <source>epochs must be ≥ 0</source>
        <translation>训练轮数必须 ≥ 0</translation>
    </message>
    <message>
        <source>every one of the {0} data rows has a missing value in a named column, and data.source.missing is &quot;drop&quot;</source>
        <translation>{0} 行数据中每一行都在指定的列里有缺失值，而 data.source.missing 是 &quot;drop&quot;</translation>
    </message>
    <message>
        <source>expects a {1} output, but this node {2}</source>
        <translation>需要 {1} 输出，但这个节点{2}</translation>
    </message>
    <message>
        <source>expects input [batch, time, {1}], got {2}</source>
        <translation>需要输入 [batch, time, {1}]，但收到 {2}</translation>
    </message>
    <message>
        <source>feeds the neuron {1} through one connection of {2}&apos;s width: convert {3} to neurons to walk through it</source>
        <translation>通过一条 {2} 宽度的连接输入神经元 {1}：请把 {3} 转换为神经元再分步讲解</translation>
    </message>
    <message>
        <source>fills a tensor of the batch&apos;s size with another value than 0</source>
        <translation>用 0 以外的值填充与批大小相同的张量</translation>
    </message>
    <message>
        <source>filter {0} is outside the {1} filters</source>
        <translation>滤波器 {0} 超出了 {1} 个滤波器的范围</translation>
    </message>
    <message>
        <source>flattens from another axis than 1, which would mix samples</source>
        <translation>从轴 1 以外的轴开始展平，会把样本混在一起</translation>
    </message>
    <message>
        <source>format version {0} can no longer be read</source>
        <translation>格式版本 {0} 已不再能读取</translation>
    </message>
    <message>
        <source>gradcheck works in float64; {0} is {1}</source>
        <translation>gradcheck 使用 float64；{0} 是 {1}</translation>
    </message>
    <message>
        <source>has a bad setting ({1}): fix it first</source>
        <translation>设置有误（{1}）：请先修复</translation>
    </message>
    <message>
        <source>has a bad setting: fix it first</source>
        <translation>设置有误：请先修复</translation>
    </message>
    <message>
        <source>has a header but no data rows</source>
        <translation>有表头但没有数据行</translation>
    </message>
    <message>
        <source>has a parameter {0} that this {1} node does not use</source>
        <translation>有一个参数 {0}，但这个 {1} 节点不使用它</translation>
    </message>
    <message>
        <source>has a weight that is not a finite number</source>
        <translation>有一个权重不是有限数</translation>
    </message>
    <message>
        <source>has a weight that is not a number or a list of numbers</source>
        <translation>有一个权重既不是数字也不是数字列表</translation>
    </message>
    <message>
        <source>has a weight too large for float32 precision: train in float64</source>
        <translation>有一个权重超出了 float32 精度的范围：请用 float64 训练</translation>
    </message>
    <message>
        <source>has an invalid config</source>
        <translation>配置无效</translation>
    </message>
    <message>
        <source>has an unknown kind {0}</source>
        <translation>类型 {0} 未知</translation>
    </message>
    <message>
        <source>has an unknown setting {0}</source>
        <translation>有未知的设置 {0}</translation>
    </message>
    <message>
        <source>has linear_before_reset=0; nnstudio&apos;s GRU computes PyTorch&apos;s formula, linear_before_reset=1</source>
        <translation>linear_before_reset=0；nnstudio 的 GRU 使用 PyTorch 的公式，即 linear_before_reset=1</translation>
    </message>
    <message>
        <source>has more than {0} dimensions</source>
        <translation>超过 {0} 维</translation>
    </message>
    <message>
        <source>has no activation</source>
        <translation>没有激活函数</translation>
    </message>
    <message>
        <source>has no array &quot;{0}&quot; (data.source.{1}); the arrays present are: {2}</source>
        <translation>没有数组 &quot;{0}&quot;（data.source.{1}）；现有的数组是：{2}</translation>
    </message>
    <message>
        <source>has no incoming connections</source>
        <translation>没有输入连接</translation>
    </message>
    <message>
        <source>has no inputs</source>
        <translation>没有输入</translation>
    </message>
    <message>
        <source>has no inputs yet</source>
        <translation>还没有输入</translation>
    </message>
    <message>
        <source>has no inputs yet: connect something into it first</source>
        <translation>还没有输入：请先给它连上输入</translation>
    </message>
    <message>
        <source>has no parameter {1} (it takes {2})</source>
        <translation>没有参数 {1}（它接受 {2}）</translation>
    </message>
    <message>
        <source>has no values</source>
        <translation>没有值</translation>
    </message>
    <message>
        <source>has no {0}</source>
        <translation>没有{0}</translation>
    </message>
    <message>
        <source>has peepholes (P), which nnstudio&apos;s LSTM does not have</source>
        <translation>带有窥视孔连接（P），nnstudio 的 LSTM 没有这个</translation>
    </message>
    <message>
        <source>has shape {1}, expected {2}</source>
        <translation>形状是 {1}，应为 {2}</translation>
    </message>
    <message>
        <source>has stored values ({0}) too large for float32 precision: train in float64</source>
        <translation>存储的值（{0}）超出了 float32 精度的范围：请用 float64 训练</translation>
    </message>
    <message>
        <source>has {0} entries, but epoch has {1}</source>
        <translation>有 {0} 项，但 epoch 有 {1} 项</translation>
    </message>
    <message>
        <source>has {0} rows, but inputs has {1}</source>
        <translation>有 {0} 行，但 inputs 有 {1} 行</translation>
    </message>
    <message>
        <source>has {0} values, offset has {1}</source>
        <translation>有 {0} 个值，offset 有 {1} 个</translation>
    </message>
    <message>
        <source>has {0} values, the first row has {1}</source>
        <translation>有 {0} 个值，第一行有 {1} 个</translation>
    </message>
    <message>
        <source>has {0}, but {1} outputs {2}</source>
        <translation>有 {0}，但 {1} 输出 {2}</translation>
    </message>
    <message>
        <source>has {1} units; at most {2} can be drawn</source>
        <translation>有 {1} 个单元；最多只能绘制 {2} 个</translation>
    </message>
    <message>
        <source>has {1} units; at most {2} neurons can be drawn one by one</source>
        <translation>有 {1} 个单元；最多只能逐个绘制 {2} 个神经元</translation>
    </message>
    <message>
        <source>has {1} values; at most {2} can be drawn</source>
        <translation>有 {1} 个值；最多只能绘制 {2} 个</translation>
    </message>
    <message>
        <source>has {1} weights; at most {2} can be drawn as lines</source>
        <translation>有 {1} 个权重；最多只能把 {2} 个绘制为连线</translation>
    </message>
    <message>
        <source>has {1}, but the input nodes take {2}</source>
        <translation>有 {1}，但输入节点接收 {2}</translation>
    </message>
    <message>
        <source>holds a 1-dimensional array of {0} values; an image file holds [images, rows, columns]</source>
        <translation>存放的是 {0} 个值的一维数组；图像文件应存放 [images, rows, columns]</translation>
    </message>
    <message>
        <source>holds a point</source>
        <translation>含有小数点</translation>
    </message>
    <message>
        <source>holds a value that cannot be saved ({0})</source>
        <translation>含有无法保存的值（{0}）</translation>
    </message>
    <message>
        <source>holds an array of shape {0}; a label file holds one label per image</source>
        <translation>存放的数组形状为 {0}；标签文件应为每张图像存放一个标签</translation>
    </message>
    <message>
        <source>holds images of no pixels</source>
        <translation>存放的图像没有像素</translation>
    </message>
    <message>
        <source>holds images of {0} values; nnstudio reads images of up to {1} values</source>
        <translation>存放的图像有 {0} 个值；nnstudio 最多读取 {1} 个值的图像</translation>
    </message>
    <message>
        <source>holds no images</source>
        <translation>没有图像</translation>
    </message>
    <message>
        <source>holds values that are not finite</source>
        <translation>含有非有限值</translation>
    </message>
    <message>
        <source>holds {0} labels, but {1} holds {2} images</source>
        <translation>有 {0} 个标签，但 {1} 有 {2} 张图像</translation>
    </message>
    <message>
        <source>image [C, H, W] and W [F, C, kh, kw] must agree, got {0} and {1}</source>
        <translation>图像 [C, H, W] 与 W [F, C, kh, kw] 必须相符，但收到 {0} 和 {1}</translation>
    </message>
    <message>
        <source>image {0}, value {1}: {2} is not allowed</source>
        <translation>图像 {0}，值 {1}：不允许 {2}</translation>
    </message>
    <message>
        <source>index {0} is outside 0..{1}</source>
        <translation>索引 {0} 超出 0..{1}</translation>
    </message>
    <message>
        <source>is a damaged or cut-short gzip file ({0})</source>
        <translation>是损坏或不完整的 gzip 文件（{0}）</translation>
    </message>
    <message>
        <source>is a folder, not a file ({0})</source>
        <translation>是文件夹，不是文件（{0}）</translation>
    </message>
    <message>
        <source>is a folder, not a project file</source>
        <translation>是文件夹，不是项目文件</translation>
    </message>
    <message>
        <source>is a hidden unit with trainable weights, but the perceptron rule trains only output units: freeze its weights or choose another optimiser</source>
        <translation>是带可训练权重的隐藏单元，但感知机规则只训练输出单元：请冻结它的权重，或选择其他优化器</translation>
    </message>
    <message>
        <source>is a row, but the first target is a class index</source>
        <translation>是一行，但第一个目标是类别索引</translation>
    </message>
    <message>
        <source>is a single .npy array; nnstudio needs an .npz file holding the inputs and targets arrays</source>
        <translation>是单个 .npy 数组；nnstudio 需要包含 inputs 和 targets 数组的 .npz 文件</translation>
    </message>
    <message>
        <source>is a single neuron already</source>
        <translation>已经是单个神经元了</translation>
    </message>
    <message>
        <source>is a {1} block: the walk goes neuron by neuron, through dense layers only</source>
        <translation>是 {1} 块：分步讲解逐个神经元进行，只能经过全连接层</translation>
    </message>
    <message>
        <source>is a {1} node, not an input node</source>
        <translation>是 {1} 节点，不是输入节点</translation>
    </message>
    <message>
        <source>is already connected to {1}</source>
        <translation>已经连接到 {1}</translation>
    </message>
    <message>
        <source>is an input node but is not listed in inputs</source>
        <translation>是输入节点，但没有列在 inputs 中</translation>
    </message>
    <message>
        <source>is an input: nothing can connect into it</source>
        <translation>是输入：不能有连接接入它</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>是空的</translation>
    </message>
    <message>
        <source>is listed in inputs but is not an input node</source>
        <translation>列在 inputs 中，但不是输入节点</translation>
    </message>
    <message>
        <source>is listed twice</source>
        <translation>列出了两次</translation>
    </message>
    <message>
        <source>is listed twice in {0}</source>
        <translation>在 {0} 中列出了两次</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>is missing: name a built-in dataset ({0})</source>
        <translation>缺失：请指定一个内置数据集（{0}）</translation>
    </message>
    <message>
        <source>is missing; this is not an nnstudio project (expected {0})</source>
        <translation>缺失；这不是 nnstudio 项目（应为 {0}）</translation>
    </message>
    <message>
        <source>is nested more than {0} levels deep</source>
        <translation>嵌套超过了 {0} 层</translation>
    </message>
    <message>
        <source>is not (x − offset) / scale with one number per input column</source>
        <translation>不是每个输入列一个数的 (x − offset) / scale</translation>
    </message>
    <message>
        <source>is not UTF-8 text (undecodable byte at offset {0})</source>
        <translation>不是 UTF-8 文本（偏移 {0} 处有无法解码的字节）</translation>
    </message>
    <message>
        <source>is not a 2-D convolution of an image; nnstudio draws only those</source>
        <translation>不是对图像的二维卷积；nnstudio 只绘制这种卷积</translation>
    </message>
    <message>
        <source>is not a 2-D pooling</source>
        <translation>不是二维池化</translation>
    </message>
    <message>
        <source>is not a class index (a whole number, 0 or more)</source>
        <translation>不是类别索引（≥ 0 的整数）</translation>
    </message>
    <message>
        <source>is not a column name</source>
        <translation>不是列名</translation>
    </message>
    <message>
        <source>is not a feature (known: {1})</source>
        <translation>不是特征（已知：{1}）</translation>
    </message>
    <message>
        <source>is not a readable .npz file ({0})</source>
        <translation>不是可读的 .npz 文件（{0}）</translation>
    </message>
    <message>
        <source>is not a text file (line {0} holds a NUL byte)</source>
        <translation>不是文本文件（第 {0} 行含有 NUL 字节）</translation>
    </message>
    <message>
        <source>is not a text file in UTF-8 (line {0}: byte 0x{1} cannot be decoded); if it is a CSV file, save it as UTF-8</source>
        <translation>不是 UTF-8 编码的文本文件（第 {0} 行：字节 0x{1} 无法解码）；如果它是 CSV 文件，请另存为 UTF-8</translation>
    </message>
    <message>
        <source>is not allowed: numbers must be finite</source>
        <translation>不允许：数字必须是有限数</translation>
    </message>
    <message>
        <source>is not an .npz file (a zip archive of NumPy arrays)</source>
        <translation>不是 .npz 文件（NumPy 数组的 zip 压缩包）</translation>
    </message>
    <message>
        <source>is not an array of numbers</source>
        <translation>不是数字数组</translation>
    </message>
    <message>
        <source>is not an nnstudio fragment</source>
        <translation>不是 nnstudio 片段</translation>
    </message>
    <message>
        <source>is not expanded: the walk goes neuron by neuron once every dense layer is open</source>
        <translation>没有展开：只有每个全连接层都展开后，分步讲解才能逐个神经元进行</translation>
    </message>
    <message>
        <source>is not rectangular (rows nest to different depths)</source>
        <translation>不是矩形的（各行嵌套深度不同）</translation>
    </message>
    <message>
        <source>is not valid Unicode text (it holds a lone surrogate)</source>
        <translation>不是有效的 Unicode 文本（含有单独的代理字符）</translation>
    </message>
    <message>
        <source>is of an unknown kind</source>
        <translation>类型未知</translation>
    </message>
    <message>
        <source>is on a cycle: {0}</source>
        <translation>处在一个环上：{0}</translation>
    </message>
    <message>
        <source>is too large</source>
        <translation>太大</translation>
    </message>
    <message>
        <source>is used twice (node and edge ids must be unique)</source>
        <translation>被使用了两次（节点和边的 id 必须唯一）</translation>
    </message>
    <message>
        <source>is {0} GB; nnstudio reads CSV files of up to {1} GB</source>
        <translation>大小为 {0} GB；nnstudio 最多读取 {1} GB 的 CSV 文件</translation>
    </message>
    <message>
        <source>it normalises over another axis than the last; nnstudio&apos;s softmax is over the last axis</source>
        <translation>它沿最后一个轴以外的轴做归一化；nnstudio 的 softmax 沿最后一个轴计算</translation>
    </message>
    <message>
        <source>its bias {0} does not fit {1} units</source>
        <translation>它的偏置 {0} 与 {1} 个单元不符</translation>
    </message>
    <message>
        <source>its cell state output Y_c is used, which nnstudio&apos;s LSTM does not give</source>
        <translation>用到了它的细胞状态输出 Y_c，nnstudio 的 LSTM 不提供这个输出</translation>
    </message>
    <message>
        <source>its constant {0} is not a bias for {1} units</source>
        <translation>它的常数 {0} 不是 {1} 个单元的偏置</translation>
    </message>
    <message>
        <source>its indices output is used, which nnstudio&apos;s pooling does not give</source>
        <translation>用到了它的索引输出，nnstudio 的池化不提供这个输出</translation>
    </message>
    <message>
        <source>its input {0} is a constant; nnstudio draws only operators on the inputs</source>
        <translation>它的输入 {0} 是常数；nnstudio 只绘制作用在输入上的运算</translation>
    </message>
    <message>
        <source>its mask output is used; nnstudio&apos;s dropout has none</source>
        <translation>用到了它的掩码输出；nnstudio 的 dropout 没有这个输出</translation>
    </message>
    <message>
        <source>its output goes nowhere: connect it onward or make it a network output</source>
        <translation>它的输出没有去处：请把它继续连接下去，或设为网络输出</translation>
    </message>
    <message>
        <source>its slope has the shape {0}; nnstudio&apos;s prelu has one slope per value of the last axis or one for all</source>
        <translation>它的斜率形状为 {0}；nnstudio 的 prelu 在最后一个轴上每个值一个斜率，或全部共用一个</translation>
    </message>
    <message>
        <source>its weights {0} do not fit its input {1}</source>
        <translation>它的权重 {0} 与它的输入 {1} 不符</translation>
    </message>
    <message>
        <source>its {0} {1} is computed in the graph; nnstudio needs it stored in the file</source>
        <translation>它的 {0} {1} 是在图中计算出来的；nnstudio 需要它存储在文件中</translation>
    </message>
    <message>
        <source>joins along an axis nnstudio does not join on (features, or channels)</source>
        <translation>沿 nnstudio 不支持的轴拼接（nnstudio 只沿特征或通道拼接）</translation>
    </message>
    <message>
        <source>joins input columns in a way nnstudio&apos;s derived features do not</source>
        <translation>以 nnstudio 的派生特征不支持的方式组合输入列</translation>
    </message>
    <message>
        <source>kernel {0}×{1} is larger than its {2}×{3} input: make it smaller, or pad with padding &quot;same&quot;</source>
        <translation>卷积核 {0}×{1} 比它的 {2}×{3} 输入还大：请把它调小，或用 padding &quot;same&quot; 填充</translation>
    </message>
    <message>
        <source>keys must be strings</source>
        <translation>键必须是字符串</translation>
    </message>
    <message>
        <source>label {0} is {1}, but class labels must be 0 or more</source>
        <translation>标签 {0} 是 {1}，但类别标签必须 ≥ 0</translation>
    </message>
    <message>
        <source>label {0} is {1}, not a whole number</source>
        <translation>标签 {0} 是 {1}，不是整数</translation>
    </message>
    <message>
        <source>label {0} is {1}; class labels go up to {2}</source>
        <translation>标签 {0} 是 {1}；类别标签最大为 {2}</translation>
    </message>
    <message>
        <source>lacks {1}{2}: it is not this project&apos;s weights</source>
        <translation>缺少 {1}{2}：它不是这个项目的权重</translation>
    </message>
    <message>
        <source>leads into input node {0}, which takes no incoming connections</source>
        <translation>连到了输入节点 {0}，而输入节点不接受输入连接</translation>
    </message>
    <message>
        <source>line {0}, column &quot;{1}&quot;: &quot;{2}&quot; is {3}, which cannot be trained on</source>
        <translation>第 {0} 行，列 &quot;{1}&quot;：&quot;{2}&quot; 是 {3}，无法用于训练</translation>
    </message>
    <message>
        <source>line {0}, column &quot;{1}&quot;: more than {2} different class labels; is it a class column?</source>
        <translation>第 {0} 行，列 &quot;{1}&quot;：不同的类别标签超过 {2} 个；这真的是类别列吗？</translation>
    </message>
    <message>
        <source>line {0}, column &quot;{1}&quot;: the class label &quot;{2}&quot; marks a missing value (data.source.missing &quot;drop&quot; skips such rows)</source>
        <translation>第 {0} 行，列 &quot;{1}&quot;：类别标签 &quot;{2}&quot; 表示缺失值（data.source.missing 为 &quot;drop&quot; 时会跳过这样的行）</translation>
    </message>
    <message>
        <source>line {0}, column &quot;{1}&quot;: the class label is empty</source>
        <translation>第 {0} 行，列 &quot;{1}&quot;：类别标签为空</translation>
    </message>
    <message>
        <source>line {0}, column &quot;{1}&quot;: {2}</source>
        <translation>第 {0} 行，列 &quot;{1}&quot;：{2}</translation>
    </message>
    <message>
        <source>line {0}: has {1} fields, the first row has {2}</source>
        <translation>第 {0} 行：有 {1} 个字段，第一行有 {2} 个</translation>
    </message>
    <message>
        <source>line {0}: has {1} fields, the header has {2}</source>
        <translation>第 {0} 行：有 {1} 个字段，表头有 {2} 个</translation>
    </message>
    <message>
        <source>line {0}: the column name &quot;{1}&quot; appears twice (columns {2} and {3})</source>
        <translation>第 {0} 行：列名 &quot;{1}&quot; 出现了两次（第 {2} 列和第 {3} 列）</translation>
    </message>
    <message>
        <source>line {0}: {1}</source>
        <translation>第 {0} 行：{1}</translation>
    </message>
    <message>
        <source>lists {0}, which does not exist</source>
        <translation>列出了 {0}，但它不存在</translation>
    </message>
    <message>
        <source>multiplies tensors, which nnstudio draws only as a derived input feature (x1^2, x2^2, x1*x2)</source>
        <translation>把张量相乘，nnstudio 只把它绘制为派生输入特征（x1^2, x2^2, x1*x2）</translation>
    </message>
    <message>
        <source>must be &quot;.&quot; (a decimal point) or &quot;,&quot; (a decimal comma), not {0}</source>
        <translation>必须是 &quot;.&quot;（小数点）或 &quot;,&quot;（小数逗号），而不是 {0}</translation>
    </message>
    <message>
        <source>must be &lt; {0}</source>
        <translation>必须 &lt; {0}</translation>
    </message>
    <message>
        <source>must be &gt; {0}</source>
        <translation>必须 &gt; {0}</translation>
    </message>
    <message>
        <source>must be a file path (a non-empty string)</source>
        <translation>必须是文件路径（非空字符串）</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>必须是有限数</translation>
    </message>
    <message>
        <source>must be a float type, not {0}</source>
        <translation>必须是浮点类型，而不是 {0}</translation>
    </message>
    <message>
        <source>must be a list of 1 to 3 positive integers</source>
        <translation>必须是由 1 到 3 个正整数组成的列表</translation>
    </message>
    <message>
        <source>must be a list of feature names, not {0}</source>
        <translation>必须是特征名称的列表，而不是 {0}</translation>
    </message>
    <message>
        <source>must be a list of finite numbers</source>
        <translation>必须是有限数的列表</translation>
    </message>
    <message>
        <source>must be a list of numbers, not {0}</source>
        <translation>必须是数字列表，而不是 {0}</translation>
    </message>
    <message>
        <source>must be a list of rows</source>
        <translation>必须是由行组成的列表</translation>
    </message>
    <message>
        <source>must be a list of rows (or a list of integer class labels)</source>
        <translation>必须是由行组成的列表（或整数类别标签的列表）</translation>
    </message>
    <message>
        <source>must be a list of rows or of class indices</source>
        <translation>必须是由行或类别索引组成的列表</translation>
    </message>
    <message>
        <source>must be a list of rows, each a list of numbers</source>
        <translation>必须是由行组成的列表，每行是一个数字列表</translation>
    </message>
    <message>
        <source>must be a list of two numbers [x, y]</source>
        <translation>必须是两个数字组成的列表 [x, y]</translation>
    </message>
    <message>
        <source>must be a list of {0} entries like the first one (arrays must be rectangular)</source>
        <translation>必须像第一项一样是 {0} 项的列表（数组必须是矩形的）</translation>
    </message>
    <message>
        <source>must be a list, not {0}</source>
        <translation>必须是列表，而不是 {0}</translation>
    </message>
    <message>
        <source>must be a non-empty list of column names</source>
        <translation>必须是非空的列名列表</translation>
    </message>
    <message>
        <source>must be a number from 0 up to (not including) 1, not {0}</source>
        <translation>必须是 0 到 1 之间的数（不含 1），而不是 {0}</translation>
    </message>
    <message>
        <source>must be a number or a list of numbers</source>
        <translation>必须是数字或数字列表</translation>
    </message>
    <message>
        <source>must be a number, not {0}</source>
        <translation>必须是数字，而不是 {0}</translation>
    </message>
    <message>
        <source>must be a source kind such as &quot;csv&quot;, not {0}</source>
        <translation>必须是 &quot;csv&quot; 这样的数据来源类型，而不是 {0}</translation>
    </message>
    <message>
        <source>must be a string, not {0}</source>
        <translation>必须是字符串，而不是 {0}</translation>
    </message>
    <message>
        <source>must be a whole number, not {0}</source>
        <translation>必须是整数，而不是 {0}</translation>
    </message>
    <message>
        <source>must be an integer</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>must be an integer from {0} to {1}</source>
        <translation>必须是 {0} 到 {1} 之间的整数</translation>
    </message>
    <message>
        <source>must be an integer or a pair of integers [height, width]</source>
        <translation>必须是一个整数或一对整数 [height, width]</translation>
    </message>
    <message>
        <source>must be an integer, not {0}</source>
        <translation>必须是整数，而不是 {0}</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>must be an object with kind, offset and scale</source>
        <translation>必须是包含 kind、offset 和 scale 的对象</translation>
    </message>
    <message>
        <source>must be an object, not {0}</source>
        <translation>必须是对象，而不是 {0}</translation>
    </message>
    <message>
        <source>must be at least 1 (the first format version); this one reads version {0}</source>
        <translation>必须至少为 1（第一个格式版本）；此版本读取版本 {0}</translation>
    </message>
    <message>
        <source>must be at most {0}</source>
        <translation>最大为 {0}</translation>
    </message>
    <message>
        <source>must be at most {0} characters long</source>
        <translation>最多 {0} 个字符</translation>
    </message>
    <message>
        <source>must be from {0} to {1}, not {2}</source>
        <translation>必须在 {0} 到 {1} 之间，而不是 {2}</translation>
    </message>
    <message>
        <source>must be null or a whole number from 0 to 4294967295, not {0}</source>
        <translation>必须是 null 或 0 到 4294967295 之间的整数，而不是 {0}</translation>
    </message>
    <message>
        <source>must be one character (not a quote or a line break)</source>
        <translation>必须是一个字符（不能是引号或换行）</translation>
    </message>
    <message>
        <source>must be one character (not a quote or a line break), not {0}</source>
        <translation>必须是一个字符（不能是引号或换行），而不是 {0}</translation>
    </message>
    <message>
        <source>must be one of {0}</source>
        <translation>必须是以下之一：{0}</translation>
    </message>
    <message>
        <source>must be one of {0} (got {1})</source>
        <translation>必须是以下之一：{0}（收到 {1}）</translation>
    </message>
    <message>
        <source>must be one of {0}, not {1}</source>
        <translation>必须是以下之一：{0}，而不是 {1}</translation>
    </message>
    <message>
        <source>must be plain JSON, not {0}</source>
        <translation>必须是普通 JSON，而不是 {0}</translation>
    </message>
    <message>
        <source>must be positive</source>
        <translation>必须是正数</translation>
    </message>
    <message>
        <source>must be positive, got {1}</source>
        <translation>必须是正数，但收到 {1}</translation>
    </message>
    <message>
        <source>must be the name of an array in the .npz file</source>
        <translation>必须是 .npz 文件中某个数组的名称</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be true or false, not {0}</source>
        <translation>必须是 true 或 false，而不是 {0}</translation>
    </message>
    <message>
        <source>must be {0}</source>
        <translation>必须是{0}</translation>
    </message>
    <message>
        <source>must be {0}; this is not an nnstudio project</source>
        <translation>必须是 {0}；这不是 nnstudio 项目</translation>
    </message>
    <message>
        <source>must be ≤ {0}</source>
        <translation>必须 ≤ {0}</translation>
    </message>
    <message>
        <source>must be ≥ {0}</source>
        <translation>必须 ≥ {0}</translation>
    </message>
    <message>
        <source>must hold finite numbers</source>
        <translation>必须是有限数</translation>
    </message>
    <message>
        <source>must name at least one column</source>
        <translation>必须至少指定一列</translation>
    </message>
    <message>
        <source>must name one column for the {0} encoding</source>
        <translation>{0} 编码必须指定一列</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>must not contain a NUL character</source>
        <translation>不能包含 NUL 字符</translation>
    </message>
    <message>
        <source>must not contain control characters</source>
        <translation>不能包含控制字符</translation>
    </message>
    <message>
        <source>must not hold 0</source>
        <translation>不能含有 0</translation>
    </message>
    <message>
        <source>need exactly 2 input columns (x1, x2), but {0} has {1}</source>
        <translation>需要恰好 2 个输入列（x1, x2），但 {0} 有 {1}</translation>
    </message>
    <message>
        <source>needs a [channels, height, width] input, but receives {0}</source>
        <translation>需要 [channels, height, width] 输入，但收到的是 {0}</translation>
    </message>
    <message>
        <source>needs a [channels, height, width] input, but receives {0}: give the input node a shape like [1, 8, 8]</source>
        <translation>需要 [channels, height, width] 输入，但收到的是 {0}：请给输入节点设置类似 [1, 8, 8] 的形状</translation>
    </message>
    <message>
        <source>needs a [time, features] input, but receives {0}{1}</source>
        <translation>需要 [time, features] 输入，但收到的是 {0}{1}</translation>
    </message>
    <message>
        <source>needs a momentum above 0 and a dampening of 0</source>
        <translation>需要大于 0 的动量和为 0 的阻尼</translation>
    </message>
    <message>
        <source>needs at least 2 outputs (one per class), but the network has {1}</source>
        <translation>需要至少 2 个输出（每个类别一个），但网络有 {1}</translation>
    </message>
    <message>
        <source>needs the {1} package, which is not installed: pip install &apos;nnstudio[{2}]&apos;</source>
        <translation>需要 {1} 包，但它没有安装：pip install &apos;nnstudio[{2}]&apos;</translation>
    </message>
    <message>
        <source>nested too deeply to read</source>
        <translation>嵌套太深，无法读取</translation>
    </message>
    <message>
        <source>no ONNX form for the activation {0}</source>
        <translation>激活函数 {0} 没有 ONNX 形式</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>没有这个文件</translation>
    </message>
    <message>
        <source>no such file ({0})</source>
        <translation>没有这个文件（{0}）</translation>
    </message>
    <message>
        <source>not a readable ONNX model ({0}: {1})</source>
        <translation>不是可读的 ONNX 模型（{0}：{1}）</translation>
    </message>
    <message>
        <source>not valid JSON: {0} (line {1}, column {2})</source>
        <translation>不是有效的 JSON：{0}（第 {1} 行，第 {2} 列）</translation>
    </message>
    <message>
        <source>numeric_gradient needs a contiguous array it can perturb in place</source>
        <translation>numeric_gradient 需要一个可以原地扰动的连续数组</translation>
    </message>
    <message>
        <source>only a dense layer can be converted to neurons, and {0} is a {1}</source>
        <translation>只有全连接层能转换为神经元，而 {0} 是 {1}</translation>
    </message>
    <message>
        <source>only neurons can be grouped into a layer, and {0} is not one</source>
        <translation>只有神经元能组合成层，而 {0} 不是神经元</translation>
    </message>
    <message>
        <source>output position ({0}, {1}) is outside the {2}×{3} output</source>
        <translation>输出位置 ({0}, {1}) 超出了 {2}×{3} 的输出</translation>
    </message>
    <message>
        <source>outputs {0}, an image, but targets are vectors or sequences: add a flatten node before the output layer</source>
        <translation>输出 {0}（一张图像），但目标是向量或序列：请在输出层前加一个 flatten 节点</translation>
    </message>
    <message>
        <source>padding must be &apos;valid&apos; or &apos;same&apos;, got {0}</source>
        <translation>padding 必须是 &apos;valid&apos; 或 &apos;same&apos;，但收到 {0}</translation>
    </message>
    <message>
        <source>pads its input, rounds up or dilates; nnstudio pools only whole windows</source>
        <translation>对输入做了填充、向上取整或膨胀；nnstudio 只对完整的窗口做池化</translation>
    </message>
    <message>
        <source>pads {0} is neither &apos;valid&apos; nor &apos;same&apos; (the odd row or column at the bottom/right), the paddings nnstudio&apos;s conv2d has</source>
        <translation>pads {0} 既不是 &apos;valid&apos; 也不是 &apos;same&apos;（多出的行或列在底部/右侧），而 nnstudio 的 conv2d 只有这两种填充</translation>
    </message>
    <message>
        <source>parameter names must be non-empty strings</source>
        <translation>参数名必须是非空字符串</translation>
    </message>
    <message>
        <source>params.{0} has shape {1}, expected {2}</source>
        <translation>params.{0} 的形状是 {1}，应为 {2}</translation>
    </message>
    <message>
        <source>picks columns nnstudio cannot draw as nodes of their own</source>
        <translation>选取的列 nnstudio 无法绘制为独立的节点</translation>
    </message>
    <message>
        <source>picks columns of a graph input to compute features from them; nnstudio imports no derived features</source>
        <translation>从图输入中选取列来计算特征；nnstudio 不导入派生特征</translation>
    </message>
    <message>
        <source>picks values out of a tensor; nnstudio draws that only as the last step of a recurrent layer</source>
        <translation>从张量中取值；nnstudio 只把它绘制为循环层的最后一个时间步</translation>
    </message>
    <message>
        <source>pool {0}×{1} is larger than its {2}×{3} input</source>
        <translation>池化窗口 {0}×{1} 比它的 {2}×{3} 输入还大</translation>
    </message>
    <message>
        <source>pooling mode must be &apos;max&apos; or &apos;avg&apos;, got {0}</source>
        <translation>池化方式必须是 &apos;max&apos; 或 &apos;avg&apos;，但收到 {0}</translation>
    </message>
    <message>
        <source>reads a permuted vector as a sequence</source>
        <translation>把重排后的向量当作序列读取</translation>
    </message>
    <message>
        <source>reads the shape of a tensor in another layout than nnstudio&apos;s</source>
        <translation>以不同于 nnstudio 的布局读取张量的形状</translation>
    </message>
    <message>
        <source>reads {0}, which nnstudio cannot draw here</source>
        <translation>读取 {0}，nnstudio 无法在这里绘制它</translation>
    </message>
    <message>
        <source>reads {0}, which no node before it computes (the graph is not in order)</source>
        <translation>读取 {0}，但它之前没有节点计算它（图的顺序不对）</translation>
    </message>
    <message>
        <source>receives {1} twice</source>
        <translation>两次收到 {1}</translation>
    </message>
    <message>
        <source>receives {1} twice, and a neuron can take each input only once</source>
        <translation>两次收到 {1}，而神经元的每个输入只能接收一次</translation>
    </message>
    <message>
        <source>refers to array {0}, which did not cross</source>
        <translation>引用了数组 {0}，但它没有传过来</translation>
    </message>
    <message>
        <source>repeats {0}: both connect {1} to {2}</source>
        <translation>与 {0} 重复：两者都把 {1} 连接到 {2}</translation>
    </message>
    <message>
        <source>reshapes a tensor holding the batch size</source>
        <translation>对含有批大小的张量做了变形</translation>
    </message>
    <message>
        <source>reshapes {0} to {1}; nnstudio draws only a reshape to one vector per sample (a flatten)</source>
        <translation>把 {0} 变形为 {1}；nnstudio 只绘制把每个样本变为一个向量的变形（即 flatten）</translation>
    </message>
    <message>
        <source>rnn activation must be tanh or relu, got {0}</source>
        <translation>rnn 的激活函数必须是 tanh 或 relu，但收到 {0}</translation>
    </message>
    <message>
        <source>rows must not be empty</source>
        <translation>行不能为空</translation>
    </message>
    <message>
        <source>runs in training mode; nnstudio imports batch norm only folded for inference</source>
        <translation>以训练模式运行；nnstudio 只导入为推理而合并的批归一化</translation>
    </message>
    <message>
        <source>runs {0}; nnstudio&apos;s {1} runs forward only</source>
        <translation>方向为 {0}；nnstudio 的 {1} 只向前运行</translation>
    </message>
    <message>
        <source>select the neurons to group</source>
        <translation>请选择要组合的神经元</translation>
    </message>
    <message>
        <source>shapes differ: analytic {0}, numeric {1}</source>
        <translation>形状不同：解析 {0}，数值 {1}</translation>
    </message>
    <message>
        <source>slices another axis than the last, which nnstudio cannot draw</source>
        <translation>在最后一个轴以外的轴上切片，nnstudio 无法绘制</translation>
    </message>
    <message>
        <source>softmax needs several units: use a dense layer or an activation node</source>
        <translation>softmax 需要多个单元：请使用全连接层或激活函数节点</translation>
    </message>
    <message>
        <source>some connections into {0} are frozen and others not</source>
        <translation>接入 {0} 的连接有些被冻结、有些没有</translation>
    </message>
    <message>
        <source>some of the incoming connections are frozen and others not: a layer trains all its weights or none</source>
        <translation>输入连接有些被冻结、有些没有：一个层要么训练全部权重，要么都不训练</translation>
    </message>
    <message>
        <source>split must be train, val or all, not {0}</source>
        <translation>split 必须是 train、val 或 all，而不是 {0}</translation>
    </message>
    <message>
        <source>squeezes axes {0}, which nnstudio cannot draw here</source>
        <translation>压缩了轴 {0}，nnstudio 无法在这里绘制</translation>
    </message>
    <message>
        <source>squeezes without naming its axes, which nnstudio cannot follow</source>
        <translation>压缩时没有指定轴，nnstudio 无法处理</translation>
    </message>
    <message>
        <source>starts from a non-zero state; nnstudio&apos;s layers start from zero</source>
        <translation>从非零状态开始；nnstudio 的层从零开始</translation>
    </message>
    <message>
        <source>subtracts a constant other than right on a graph input, which nnstudio draws only as the input&apos;s normaliser</source>
        <translation>减去常数但不是直接作用在图输入上，nnstudio 只把它绘制为输入的归一化</translation>
    </message>
    <message>
        <source>takes a sine, which nnstudio draws only as a derived input feature (sin(x1))</source>
        <translation>求正弦，nnstudio 只把它绘制为派生输入特征（sin(x1)）</translation>
    </message>
    <message>
        <source>takes at most {0}, but has {1}</source>
        <translation>最多接受 {0}，但有 {1}</translation>
    </message>
    <message>
        <source>takes inputs from {1} but {2} from {3}: a layer&apos;s units all read the same inputs</source>
        <translation>从 {1} 接收输入，而 {2} 从 {3} 接收：一个层的所有单元都读取相同的输入</translation>
    </message>
    <message>
        <source>takes only some of these neurons, so they cannot become one layer</source>
        <translation>只接收了这些神经元中的一部分，所以它们不能组成一个层</translation>
    </message>
    <message>
        <source>takes sequence lengths, which nnstudio&apos;s layers do not</source>
        <translation>接收序列长度，nnstudio 的层不支持</translation>
    </message>
    <message>
        <source>takes vectors, but receives {0}; add a flatten node</source>
        <translation>接收向量，但收到的是 {0}；请加一个 flatten 节点</translation>
    </message>
    <message>
        <source>the ONNX model has no outputs</source>
        <translation>该 ONNX 模型没有输出</translation>
    </message>
    <message>
        <source>the ONNX model uses operator {0} (node {1}), which nnstudio cannot draw</source>
        <translation>该 ONNX 模型使用了运算 {0}（节点 {1}），nnstudio 无法绘制</translation>
    </message>
    <message>
        <source>the bundled digits file cannot be read ({0}); reinstall nnstudio</source>
        <translation>无法读取自带的 digits 文件（{0}）；请重新安装 nnstudio</translation>
    </message>
    <message>
        <source>the bundled digits file is damaged; reinstall nnstudio</source>
        <translation>自带的 digits 文件已损坏；请重新安装 nnstudio</translation>
    </message>
    <message>
        <source>the channels-last input {0} is also used as it is</source>
        <translation>通道在后的输入 {0} 也被原样使用</translation>
    </message>
    <message>
        <source>the column &quot;{0}&quot; is named twice</source>
        <translation>列 &quot;{0}&quot; 被指定了两次</translation>
    </message>
    <message>
        <source>the connections are frozen but a neuron&apos;s prelu slope trains, which a layer cannot do: unfreeze them first</source>
        <translation>连接被冻结了，但神经元的 prelu 斜率仍在训练，层做不到这一点：请先解冻它们</translation>
    </message>
    <message>
        <source>the data has no samples</source>
        <translation>数据没有样本</translation>
    </message>
    <message>
        <source>the data has {0} input columns, the normaliser was fitted on {1}</source>
        <translation>数据有 {0} 个输入列，而归一化是在 {1} 列上拟合的</translation>
    </message>
    <message>
        <source>the data has {0} input column{1}, the input nodes take {2}</source>
        <translation>数据有 {0} 个输入列，而输入节点接收 {2} 个</translation>
    </message>
    <message>
        <source>the data has {0} input rows but {1} target rows</source>
        <translation>数据有 {0} 行输入，但有 {1} 行目标</translation>
    </message>
    <message>
        <source>the data table has class label {0}, but the network has only {1}</source>
        <translation>数据表中有类别标签 {0}，但网络只有 {1}</translation>
    </message>
    <message>
        <source>the data table has {0}, but the network has {1}</source>
        <translation>数据表有 {0}，但网络有 {1}</translation>
    </message>
    <message>
        <source>the derived feature {0} has no ONNX form</source>
        <translation>派生特征 {0} 没有 ONNX 形式</translation>
    </message>
    <message>
        <source>the engine cannot run {0} nodes yet</source>
        <translation>引擎还不能运行 {0} 节点</translation>
    </message>
    <message>
        <source>the file was written by a newer nnstudio (format version {0}); this one reads version {1}</source>
        <translation>该文件由更新版本的 nnstudio 写入（格式版本 {0}）；此版本读取版本 {1}</translation>
    </message>
    <message>
        <source>the graph input {0} has the shape {1}; nnstudio takes a batch of vectors, sequences or images with known sizes</source>
        <translation>图输入 {0} 的形状是 {1}；nnstudio 接收尺寸已知的一批向量、序列或图像</translation>
    </message>
    <message>
        <source>the graph output {0} is a constant; nnstudio&apos;s outputs are computed</source>
        <translation>图输出 {0} 是常数；nnstudio 的输出是计算出来的</translation>
    </message>
    <message>
        <source>the graph output {0} is not computed by nodes in nnstudio&apos;s layout (an input as it is, a join of images, or a transposed tensor)</source>
        <translation>图输出 {0} 不是由 nnstudio 布局中的节点计算的（原样的输入、图像的拼接或转置的张量）</translation>
    </message>
    <message>
        <source>the imported network does not check out: {0}</source>
        <translation>导入的网络没有通过检查：{0}</translation>
    </message>
    <message>
        <source>the key {0} appears twice in one object</source>
        <translation>键 {0} 在同一个对象中出现了两次</translation>
    </message>
    <message>
        <source>the key {0} is used twice; rename node &apos;edge&apos;</source>
        <translation>键 {0} 被使用了两次；请重命名节点 &apos;edge&apos;</translation>
    </message>
    <message>
        <source>the key {0} is used twice; rename node &apos;preprocessing&apos;</source>
        <translation>键 {0} 被使用了两次；请重命名节点 &apos;preprocessing&apos;</translation>
    </message>
    <message>
        <source>the network cannot be compiled yet ({0}): fix the problems listed first</source>
        <translation>网络还不能编译（{0}）：请先修复列出的问题</translation>
    </message>
    <message>
        <source>the network has a cycle: fix the problems listed first</source>
        <translation>网络中有环：请先修复列出的问题</translation>
    </message>
    <message>
        <source>the network has no input nodes</source>
        <translation>网络没有输入节点</translation>
    </message>
    <message>
        <source>the network has no output node yet</source>
        <translation>网络还没有输出节点</translation>
    </message>
    <message>
        <source>the network has no {0} node yet</source>
        <translation>网络还没有 {0} 节点</translation>
    </message>
    <message>
        <source>the network is made of single neurons already: the walk covers it as it is</source>
        <translation>网络已经由单个神经元组成：分步讲解可以直接覆盖它</translation>
    </message>
    <message>
        <source>the network outputs a sequence of {0} steps, but the data has {1} target column{2}, not a multiple of {3}</source>
        <translation>网络输出 {0} 个时间步的序列，但数据有 {1} 个目标列，不是 {3} 的倍数</translation>
    </message>
    <message>
        <source>the number {0} is too large</source>
        <translation>数字 {0} 太大</translation>
    </message>
    <message>
        <source>the perceptron rule needs a step or sign activation, but this unit uses {0}</source>
        <translation>感知机规则需要 step 或 sign 激活函数，但这个单元使用的是 {0}</translation>
    </message>
    <message>
        <source>the project cannot be read ({0}: {1})</source>
        <translation>无法读取该项目（{0}：{1}）</translation>
    </message>
    <message>
        <source>the project holds a value that cannot be saved ({0})</source>
        <translation>项目中含有无法保存的值（{0}）</translation>
    </message>
    <message>
        <source>the project holds a value that cannot be saved ({0}: {1})</source>
        <translation>项目中含有无法保存的值（{0}：{1}）</translation>
    </message>
    <message>
        <source>the project is nested too deeply to read</source>
        <translation>项目嵌套太深，无法读取</translation>
    </message>
    <message>
        <source>the project&apos;s arrays did not cross as a list</source>
        <translation>项目的数组没有以列表形式传过来</translation>
    </message>
    <message>
        <source>the shapes of the neurons&apos; inputs are not known yet: fix the problems listed first</source>
        <translation>这些神经元的输入形状还未知：请先修复列出的问题</translation>
    </message>
    <message>
        <source>the shapes of {0}&apos;s inputs are not known yet: fix the problems listed first</source>
        <translation>{0} 的输入形状还未知：请先修复列出的问题</translation>
    </message>
    <message>
        <source>the softmax of {0} feeds other nodes, and the walk follows a softmax only at the output</source>
        <translation>{0} 的 softmax 输入了其他节点，而分步讲解只在输出处跟踪 softmax</translation>
    </message>
    <message>
        <source>the table has no rows yet; add one row per sample</source>
        <translation>表格还没有行；请为每个样本添加一行</translation>
    </message>
    <message>
        <source>the table has {0} rows of inputs but {1} of targets</source>
        <translation>表格有 {0} 行输入，但有 {1} 行目标</translation>
    </message>
    <message>
        <source>the tensor {0} keeps its data in {1}, which is not a file inside the model&apos;s folder; nnstudio reads external data only from there</source>
        <translation>张量 {0} 的数据存放在 {1} 中，它不是模型文件夹里的文件；nnstudio 只从那里读取外部数据</translation>
    </message>
    <message>
        <source>the value is empty</source>
        <translation>值为空</translation>
    </message>
    <message>
        <source>the {0} dataset has {1} classes, but the network has only {2}</source>
        <translation>{0} 数据集有 {1} 个类别，但网络只有 {2}</translation>
    </message>
    <message>
        <source>the {0} dataset has {1}, but the network has {2}</source>
        <translation>{0} 数据集有 {1}，但网络有 {2}</translation>
    </message>
    <message>
        <source>the {0} kind lacks: {1}</source>
        <translation>{0} 类型缺少：{1}</translation>
    </message>
    <message>
        <source>there is no node {0}</source>
        <translation>没有节点 {0}</translation>
    </message>
    <message>
        <source>transposes its input (transA=1), which nnstudio cannot draw</source>
        <translation>对输入做了转置（transA=1），nnstudio 无法绘制</translation>
    </message>
    <message>
        <source>transposes with perm={0}, which nnstudio cannot draw here</source>
        <translation>以 perm={0} 转置，nnstudio 无法在这里绘制</translation>
    </message>
    <message>
        <source>unknown built-in dataset {0} (known: {1})</source>
        <translation>未知的内置数据集 {0}（已知：{1}）</translation>
    </message>
    <message>
        <source>unknown command {0}</source>
        <translation>未知命令 {0}</translation>
    </message>
    <message>
        <source>unknown key ({0} takes {1})</source>
        <translation>未知的键（{0} 接受 {1}）</translation>
    </message>
    <message>
        <source>unknown key {0} for a {1} source (allowed: {2})</source>
        <translation>{1} 数据来源不认识键 {0}（允许：{2}）</translation>
    </message>
    <message>
        <source>unknown node kind {0} (known kinds: {1})</source>
        <translation>未知的节点类型 {0}（已知类型：{1}）</translation>
    </message>
    <message>
        <source>unknown optimizer {0}; choose one of {1}</source>
        <translation>未知的优化器 {0}；请从以下选择：{1}</translation>
    </message>
    <message>
        <source>unknown setting for a {0} node</source>
        <translation>不是 {0} 节点的设置</translation>
    </message>
    <message>
        <source>unknown source kind {0} (known: {1})</source>
        <translation>未知的数据来源类型 {0}（已知：{1}）</translation>
    </message>
    <message>
        <source>uses groups or dilations, which nnstudio&apos;s conv2d does not have</source>
        <translation>使用了分组或膨胀，nnstudio 的 conv2d 没有这些</translation>
    </message>
    <message>
        <source>uses the activations {0}, which nnstudio&apos;s {1} does not have</source>
        <translation>使用了激活函数 {0}，nnstudio 的 {1} 没有这些</translation>
    </message>
    <message>
        <source>uses the id of another node</source>
        <translation>使用了另一个节点的 id</translation>
    </message>
    <message>
        <source>uses the id of another node or edge</source>
        <translation>使用了另一个节点或边的 id</translation>
    </message>
    <message>
        <source>uses {0}</source>
        <translation>使用 {0}</translation>
    </message>
    <message>
        <source>value {0} ({1}) is not a number</source>
        <translation>值 {0}（{1}）不是数字</translation>
    </message>
    <message>
        <source>value {0} is too large</source>
        <translation>值 {0} 太大</translation>
    </message>
    <message>
        <source>value {0} is {1}</source>
        <translation>值 {0} 是 {1}</translation>
    </message>
    <message>
        <source>weight has {0} values, but its source outputs {1}</source>
        <translation>权重有 {0} 个值，但它的来源输出 {1} 个</translation>
    </message>
    <message>
        <source>window {0} is larger than its input {1}</source>
        <translation>窗口 {0} 比它的输入 {1} 还大</translation>
    </message>
    <message>
        <source>{0} blocks cannot be opened into neurons</source>
        <translation>{0} 块不能展开为神经元</translation>
    </message>
    <message>
        <source>{0} expects a {1} output, but this node {2}</source>
        <translation>{0} 需要 {1} 输出，但这个节点{2}</translation>
    </message>
    <message>
        <source>{0} expects input [batch, time, {1}], got {2}</source>
        <translation>{0} 需要输入 [batch, time, {1}]，但收到 {2}</translation>
    </message>
    <message>
        <source>{0} feeds the neuron {1} through one connection of {2}&apos;s width: convert {3} to neurons to walk through it</source>
        <translation>{0} 通过一条 {2} 宽度的连接输入神经元 {1}：请把 {3} 转换为神经元再分步讲解</translation>
    </message>
    <message>
        <source>{0} gives images of {1} channels; only one-channel images can be drawn as pixels</source>
        <translation>{0} 给出 {1} 个通道的图像；只有单通道图像能画成像素</translation>
    </message>
    <message>
        <source>{0} gives values of shape {1}, which cannot be drawn as a column</source>
        <translation>{0} 给出形状为 {1} 的值，无法画成一列</translation>
    </message>
    <message>
        <source>{0} has a bad setting ({1}): fix it first</source>
        <translation>{0} 的设置有误（{1}）：请先修复</translation>
    </message>
    <message>
        <source>{0} has a bad setting: fix it first</source>
        <translation>{0} 的设置有误：请先修复</translation>
    </message>
    <message>
        <source>{0} has no inputs yet</source>
        <translation>{0} 还没有输入</translation>
    </message>
    <message>
        <source>{0} has no inputs yet: connect something into it first</source>
        <translation>{0} 还没有输入：请先给它连上输入</translation>
    </message>
    <message>
        <source>{0} has no parameter {1} (it takes {2})</source>
        <translation>{0} 没有参数 {1}（它接受 {2}）</translation>
    </message>
    <message>
        <source>{0} has shape {1}, expected {2}</source>
        <translation>{0} 的形状是 {1}，应为 {2}</translation>
    </message>
    <message>
        <source>{0} has {1} units; at most {2} can be drawn</source>
        <translation>{0} 有 {1} 个单元；最多只能绘制 {2} 个</translation>
    </message>
    <message>
        <source>{0} has {1} units; at most {2} neurons can be drawn one by one</source>
        <translation>{0} 有 {1} 个单元；最多只能逐个绘制 {2} 个神经元</translation>
    </message>
    <message>
        <source>{0} has {1} values; at most {2} can be drawn</source>
        <translation>{0} 有 {1} 个值；最多只能绘制 {2} 个</translation>
    </message>
    <message>
        <source>{0} has {1} weights; at most {2} can be drawn as lines</source>
        <translation>{0} 有 {1} 个权重；最多只能把 {2} 个绘制为连线</translation>
    </message>
    <message>
        <source>{0} has {1}, but the input nodes take {2}</source>
        <translation>{0} 有 {1}，但输入节点接收 {2}</translation>
    </message>
    <message>
        <source>{0} holds a point</source>
        <translation>{0} 含有小数点</translation>
    </message>
    <message>
        <source>{0} holds values that are not finite</source>
        <translation>{0} 含有非有限值</translation>
    </message>
    <message>
        <source>{0} is a single neuron already</source>
        <translation>{0} 已经是单个神经元了</translation>
    </message>
    <message>
        <source>{0} is a {1} block: the walk goes neuron by neuron, through dense layers only</source>
        <translation>{0} 是 {1} 块：分步讲解逐个神经元进行，只能经过全连接层</translation>
    </message>
    <message>
        <source>{0} is a {1} node, not an input node</source>
        <translation>{0} 是 {1} 节点，不是输入节点</translation>
    </message>
    <message>
        <source>{0} is already connected to {1}</source>
        <translation>{0} 已经连接到 {1}</translation>
    </message>
    <message>
        <source>{0} is an input: nothing can connect into it</source>
        <translation>{0} 是输入：不能有连接接入它</translation>
    </message>
    <message>
        <source>{0} is listed twice</source>
        <translation>{0} 列出了两次</translation>
    </message>
    <message>
        <source>{0} is not a class index (a whole number, 0 or more)</source>
        <translation>{0} 不是类别索引（≥ 0 的整数）</translation>
    </message>
    <message>
        <source>{0} is not a column name</source>
        <translation>{0} 不是列名</translation>
    </message>
    <message>
        <source>{0} is not a feature (known: {1})</source>
        <translation>{0} 不是特征（已知：{1}）</translation>
    </message>
    <message>
        <source>{0} is not allowed: numbers must be finite</source>
        <translation>不允许 {0}：数字必须是有限数</translation>
    </message>
    <message>
        <source>{0} is not an array of numbers</source>
        <translation>{0} 不是数字数组</translation>
    </message>
    <message>
        <source>{0} is not expanded: the walk goes neuron by neuron once every dense layer is open</source>
        <translation>{0} 没有展开：只有每个全连接层都展开后，分步讲解才能逐个神经元进行</translation>
    </message>
    <message>
        <source>{0} is of an unknown kind</source>
        <translation>{0} 的类型未知</translation>
    </message>
    <message>
        <source>{0} is used twice (node and edge ids must be unique)</source>
        <translation>{0} 被使用了两次（节点和边的 id 必须唯一）</translation>
    </message>
    <message>
        <source>{0} lacks {1}{2}: it is not this project&apos;s weights</source>
        <translation>{0} 缺少 {1}{2}：它不是这个项目的权重</translation>
    </message>
    <message>
        <source>{0} must be positive, got {1}</source>
        <translation>{0} 必须是正数，但收到 {1}</translation>
    </message>
    <message>
        <source>{0} needs at least 2 outputs (one per class), but the network has {1}</source>
        <translation>{0} 需要至少 2 个输出（每个类别一个），但网络有 {1}</translation>
    </message>
    <message>
        <source>{0} needs the {1} package, which is not installed: pip install &apos;nnstudio[{2}]&apos;</source>
        <translation>{0} 需要 {1} 包，但它没有安装：pip install &apos;nnstudio[{2}]&apos;</translation>
    </message>
    <message>
        <source>{0} node {1}: {2}</source>
        <translation>{0} 节点 {1}：{2}</translation>
    </message>
    <message>
        <source>{0} nodes cannot be exported to ONNX</source>
        <translation>{0} 节点无法导出到 ONNX</translation>
    </message>
    <message>
        <source>{0} nodes cannot be written to a PyTorch script yet</source>
        <translation>{0} 节点还不能写入 PyTorch 脚本</translation>
    </message>
    <message>
        <source>{0} of the project&apos;s arrays are not referred to</source>
        <translation>项目中有 {0} 个数组没有被引用</translation>
    </message>
    <message>
        <source>{0} receives {1} twice</source>
        <translation>{0} 两次收到 {1}</translation>
    </message>
    <message>
        <source>{0} receives {1} twice, and a neuron can take each input only once</source>
        <translation>{0} 两次收到 {1}，而神经元的每个输入只能接收一次</translation>
    </message>
    <message>
        <source>{0} rows of {1} classes make one-hot targets of {2} GiB; use index targets (data.source.target_encoding &quot;index&quot;)</source>
        <translation>{0} 行、{1} 个类别的 one-hot 目标会占 {2} GiB；请使用索引目标（data.source.target_encoding &quot;index&quot;）</translation>
    </message>
    <message>
        <source>{0} takes inputs from {1} but {2} from {3}: a layer&apos;s units all read the same inputs</source>
        <translation>{0} 从 {1} 接收输入，而 {2} 从 {3} 接收：一个层的所有单元都读取相同的输入</translation>
    </message>
    <message>
        <source>{0} takes only some of these neurons, so they cannot become one layer</source>
        <translation>{0} 只接收了这些神经元中的一部分，所以它们不能组成一个层</translation>
    </message>
    <message>
        <source>{0} targets come from exactly one class column, not {1}</source>
        <translation>{0} 目标来自恰好一个类别列，而不是 {1}</translation>
    </message>
    <message>
        <source>{0} uses {1} and {2} uses {3} (alpha {4}): a layer applies one activation to all its units</source>
        <translation>{0} 使用 {1}，而 {2} 使用 {3}（alpha {4}）：一个层对所有单元使用同一个激活函数</translation>
    </message>
    <message>
        <source>{0} uses {1} and {2} uses {3}: a layer applies one activation to all its units</source>
        <translation>{0} 使用 {1}，而 {2} 使用 {3}：一个层对所有单元使用同一个激活函数</translation>
    </message>
    <message>
        <source>{0} weights must be Wx [features, {1}·units] and Wh [units, {2}·units], got {3} and {4}</source>
        <translation>{0} 的权重必须是 Wx [features, {1}·units] 和 Wh [units, {2}·units]，但收到 {3} 和 {4}</translation>
    </message>
    <message>
        <source>{0} {1} values ({2} bytes)</source>
        <translation>{0} 个 {1} 值（{2} 字节）</translation>
    </message>
    <message>
        <source>{0}&apos;s bias trains and {1}&apos;s does not (or the other way round): a layer trains all its biases or none</source>
        <translation>{0} 的偏置参与训练而 {1} 的不参与（或相反）：一个层要么训练全部偏置，要么都不训练</translation>
    </message>
    <message>
        <source>{0}&apos;s inputs could not be matched to the rows of its weights</source>
        <translation>{0} 的输入无法与它的权重的行对应起来</translation>
    </message>
    <message>
        <source>{0}&apos;s prelu slopes are frozen with its weights, but a neuron&apos;s slope always trains: turn on Train weights first</source>
        <translation>{0} 的 prelu 斜率随权重一起被冻结了，但神经元的斜率总是参与训练：请先打开“训练权重”</translation>
    </message>
    <message>
        <source>{0}: remove it from {1} first</source>
        <translation>{0}：请先把它从 {1} 中移除</translation>
    </message>
    <message>
        <source>{0}: remove its connections first ({1})</source>
        <translation>{0}：请先删除它的连接（{1}）</translation>
    </message>
    <message>
        <source>{0}: the id is already in use</source>
        <translation>{0}：这个 id 已被使用</translation>
    </message>
    <message>
        <source>{0}: there is no node {1}</source>
        <translation>{0}：没有节点 {1}</translation>
    </message>
    <message>
        <source>{0}has a header that promises {1}, more than the {2} GiB nnstudio reads</source>
        <translation>{0}的文件头声明了 {1}，超过了 nnstudio 能读取的 {2} GiB</translation>
    </message>
    <message>
        <source>{0}has bytes left over after the {1} values its header promises</source>
        <translation>{0}在文件头声明的 {1} 个值之后还有多余的字节</translation>
    </message>
    <message>
        <source>{0}is an IDX file of 0 dimensions; images and labels need at least one</source>
        <translation>{0}是 0 维的 IDX 文件；图像和标签至少需要 1 维</translation>
    </message>
    <message>
        <source>{0}is cut short inside its header ({1} dimensions need {2} bytes, {3} are there)</source>
        <translation>{0}在文件头内就不完整了（{1} 维需要 {2} 字节，实际只有 {3} 字节）</translation>
    </message>
    <message>
        <source>{0}is cut short: its header promises {1}, but only {2} bytes follow</source>
        <translation>{0}不完整：文件头声明了 {1}，但后面只有 {2} 字节</translation>
    </message>
    <message>
        <source>{0}is not an IDX file (its first bytes are {1}; an IDX file starts 00 00, a type code 08..0E and the number of dimensions)</source>
        <translation>{0}不是 IDX 文件（它的开头字节是 {1}；IDX 文件以 00 00、类型码 08..0E 和维数开头）</translation>
    </message>
    <message>
        <source>{0}is too short to be an IDX file ({1} bytes)</source>
        <translation>{0}太短，不是 IDX 文件（{1} 字节）</translation>
    </message>
    <message>
        <source>{0} derived feature</source>
        <translation>{0} 个派生特征</translation>
    </message>
    <message>
        <source>{0} derived features</source>
        <translation>{0} 个派生特征</translation>
    </message>
    <message>
        <source>{0} incoming connection</source>
        <translation>{0} 条输入连接</translation>
    </message>
    <message>
        <source>{0} incoming connections</source>
        <translation>{0} 条输入连接</translation>
    </message>
    <message>
        <source>{0} input column</source>
        <translation>{0} 个输入列</translation>
    </message>
    <message>
        <source>{0} input columns</source>
        <translation>{0} 个输入列</translation>
    </message>
    <message>
        <source>{0} output</source>
        <translation>{0} 个输出</translation>
    </message>
    <message>
        <source>{0} outputs</source>
        <translation>{0} 个输出</translation>
    </message>
    <message>
        <source>{0} target column</source>
        <translation>{0} 个目标列</translation>
    </message>
    <message>
        <source>{0} target columns</source>
        <translation>{0} 个目标列</translation>
    </message>
    <message>
        <source>{0} value</source>
        <translation>{0} 个值</translation>
    </message>
    <message>
        <source>{0} values</source>
        <translation>{0} 个值</translation>
    </message>
    <message>
        <source>{0} weight</source>
        <translation>{0} 个权重</translation>
    </message>
    <message>
        <source>{0} weights</source>
        <translation>{0} 个权重</translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <source>Connect the network and give it data to see how it does on each sample (Problems lists what is missing)</source>
        <translation>连接好网络并提供数据，即可看到它在每个样本上的表现（“问题”列出了缺少的内容）</translation>
    </message>
    <message>
        <source>true value</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>on the first {count:,} of {total:,} samples</source>
        <translation>基于 {total:,} 个样本中的前 {count:,} 个</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>All {count:,} right</source>
        <translation>{count:,} 个全对</translation>
    </message>
    <message>
        <source>{wrong:,} of {count:,} wrong</source>
        <translation>{count:,} 个中错 {wrong:,} 个</translation>
    </message>
    <message>
        <source>{verdict} (the first {shown} shown)</source>
        <translation>{verdict}（显示前 {shown} 个）</translation>
    </message>
    <message>
        <source>Truth table</source>
        <translation>真值表</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>&lt;b&gt;Accuracy {accuracy}&lt;/b&gt; ({right:,} of {count:,})</source>
        <translation>&lt;b&gt;准确率 {accuracy}&lt;/b&gt;（{count:,} 个中对 {right:,} 个）</translation>
    </message>
    <message>
        <source>rows: true class, columns: predicted class</source>
        <translation>行：真实类别，列：预测类别</translation>
    </message>
    <message>
        <source>the first {count:,} of {total:,} samples</source>
        <translation>{total:,} 个样本中的前 {count:,} 个</translation>
    </message>
    <message>
        <source>{count:,} samples</source>
        <translation>{count:,} 个样本</translation>
    </message>
    <message>
        <source>dashed: predicted = true</source>
        <translation>虚线：预测值 = 真实值</translation>
    </message>
</context>
<context>
    <name>ExampleCard</name>
    <message>
        <source>Example: {name}</source>
        <translation>例子：{name}</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <source>A memory task for a plain RNN; open Memory: an LSTM remembers beside it, with the same data and settings. Each sequence has 20 steps of two features: a random bit, written −1 or +1, and a marker that points at one of the first five steps, and the target is the marked bit. So the network must store that bit when it sees the marker and carry it past at least 15 more bits. RNN(16, tanh) → Dense(1, sigmoid), trained with binary cross-entropy and Adam for 15 epochs, reads only about two in three validation sequences right, where guessing gets half: every step rewrites its whole state, and the error signal fades on its way back through the steps.</source>
        <translation>给普通 RNN 的记忆任务；可以在旁边打开“记忆：LSTM 能记住”，它使用相同的数据和设置。每个序列有 20 个时间步，每步两个特征：一个随机比特（写作 −1 或 +1），以及一个指向前五步之一的标记；目标就是被标记的那个比特。因此网络必须在看到标记时存下这个比特，并把它带过后面至少 15 个比特。RNN(16, tanh) → Dense(1, sigmoid)，用二元交叉熵和 Adam 训练 15 轮，只能答对约三分之二的验证序列，而瞎猜也能答对一半：每一步都会改写它的整个状态，误差信号在沿时间步往回传的路上逐渐消失。</translation>
    </message>
    <message>
        <source>A perceptron learns AND</source>
        <translation>感知机学习 AND</translation>
    </message>
    <message>
        <source>A single perceptron cannot compute XNOR (no straight line separates 00 and 11 from 01 and 10), but two layers can. The hidden neuron `and` is the AND perceptron W1 = (-3, 2, 2), `or` is the OR perceptron W2 = (-1, 2, 2), and the output applies Wz = (1, 3, -3) to (1, and, or): bias 1, weight 3 from AND and -3 from OR. Check the truth table 00→1, 01→0, 10→0, 11→1 by hand: for 01 only OR fires, so z = 1 - 3 &lt; 0. The decision region is the band between two lines, which one hidden layer makes possible.</source>
        <translation>单个感知机无法计算 XNOR（没有一条直线能把 00、11 与 01、10 分开），但两层可以。隐藏神经元 `and` 是 AND 感知机 W1 = (-3, 2, 2)，`or` 是 OR 感知机 W2 = (-1, 2, 2)，输出对 (1, and, or) 应用 Wz = (1, 3, -3)：偏置 1，来自 AND 的权重 3，来自 OR 的权重 -3。请手算验证真值表 00→1, 01→0, 10→0, 11→1：对 01 只有 OR 激活，所以 z = 1 - 3 &lt; 0。决策区域是两条直线之间的带状区域，一个隐藏层就能做到。</translation>
    </message>
    <message>
        <source>Activations compared: ReLU</source>
        <translation>激活函数比较：ReLU</translation>
    </message>
    <message>
        <source>Activations compared: sigmoid</source>
        <translation>激活函数比较：sigmoid</translation>
    </message>
    <message>
        <source>Activations compared: tanh</source>
        <translation>激活函数比较：tanh</translation>
    </message>
    <message>
        <source>Backprop worked example</source>
        <translation>反向传播算例</translation>
    </message>
    <message>
        <source>Decision regions with 1 hidden layer, on a disc of one class inside a ring of the other. One hidden layer of 8 tanh units combines several lines into one convex region, enough to enclose the disc. Watch the decision boundary panel as it trains.</source>
        <translation>1 个隐藏层的决策区域，数据是一个类别的圆盘被另一个类别的圆环包围。一个含 8 个 tanh 单元的隐藏层把几条直线组合成一个凸区域，足以围住圆盘。训练时请观察决策边界面板。</translation>
    </message>
    <message>
        <source>Decision regions with 1 hidden layer, on two interleaved spiral arms. One hidden layer of 8 tanh units bends the boundary but cannot follow both arms: it stops below 90% accuracy. Watch the decision boundary panel as it trains.</source>
        <translation>1 个隐藏层的决策区域，数据是两条交错的螺旋臂。一个含 8 个 tanh 单元的隐藏层能把边界弯曲，但跟不上两条臂：准确率停在 90% 以下。训练时请观察决策边界面板。</translation>
    </message>
    <message>
        <source>Decision regions with 2 hidden layers, on a disc of one class inside a ring of the other. Two hidden layers of 8 tanh units enclose the disc too, and more tightly. Watch the decision boundary panel as it trains.</source>
        <translation>2 个隐藏层的决策区域，数据是一个类别的圆盘被另一个类别的圆环包围。两个各含 8 个 tanh 单元的隐藏层同样能围住圆盘，而且围得更紧。训练时请观察决策边界面板。</translation>
    </message>
    <message>
        <source>Decision regions with 2 hidden layers, on two interleaved spiral arms. A second hidden layer of 8 tanh units combines the first layer&apos;s regions into any shape and follows both arms to 100% accuracy. Watch the decision boundary panel as it trains.</source>
        <translation>2 个隐藏层的决策区域，数据是两条交错的螺旋臂。第二个含 8 个 tanh 单元的隐藏层把第一层的区域组合成任意形状，能跟上两条臂，准确率达到 100%。训练时请观察决策边界面板。</translation>
    </message>
    <message>
        <source>Decision regions with no hidden layer, on a disc of one class inside a ring of the other. With no hidden layer the network is logistic regression: its boundary is one straight line, and no line separates a disc from the ring around it, so it stays near 50% accuracy. Watch the decision boundary panel as it trains.</source>
        <translation>没有隐藏层的决策区域，数据是一个类别的圆盘被另一个类别的圆环包围。没有隐藏层时网络就是逻辑回归：它的边界是一条直线，而没有直线能把圆盘和围着它的圆环分开，所以准确率停在 50% 左右。训练时请观察决策边界面板。</translation>
    </message>
    <message>
        <source>Decision regions with no hidden layer, on two interleaved spiral arms. With no hidden layer the boundary is one straight line, and the two arms wind around each other: it stays near chance. Watch the decision boundary panel as it trains.</source>
        <translation>没有隐藏层的决策区域，数据是两条交错的螺旋臂。没有隐藏层时边界是一条直线，而两条臂相互缠绕：准确率停在瞎猜的水平。训练时请观察决策边界面板。</translation>
    </message>
    <message>
        <source>Decision regions: circle, 1 hidden layer</source>
        <translation>决策区域：圆形，1 个隐藏层</translation>
    </message>
    <message>
        <source>Decision regions: circle, 2 hidden layers</source>
        <translation>决策区域：圆形，2 个隐藏层</translation>
    </message>
    <message>
        <source>Decision regions: circle, no hidden layer</source>
        <translation>决策区域：圆形，没有隐藏层</translation>
    </message>
    <message>
        <source>Decision regions: spiral, 1 hidden layer</source>
        <translation>决策区域：螺旋，1 个隐藏层</translation>
    </message>
    <message>
        <source>Decision regions: spiral, 2 hidden layers</source>
        <translation>决策区域：螺旋，2 个隐藏层</translation>
    </message>
    <message>
        <source>Decision regions: spiral, no hidden layer</source>
        <translation>决策区域：螺旋，没有隐藏层</translation>
    </message>
    <message>
        <source>Fisher&apos;s iris flowers, read from iris.csv next to this file: a plain CSV with a header row, four measurements in cm and the species as text. The csv source names its input columns and its target column; target_encoding index turns the species names into classes 0, 1, 2 (in sorted order) for sparse categorical cross-entropy. The rows are sorted by species, so split_seed holds out a random 20% (the last 20% would all be virginica). Dense(8, tanh) → Dense(3, softmax) gets about 98% right in 100 epochs: setosa stands apart, versicolor and virginica overlap a little. Try only the two sepal columns and watch accuracy drop. Data: Fisher (1936), as copied in scikit-learn 1.9.1 (BSD-3-Clause).</source>
        <translation>Fisher 的鸢尾花数据，从本文件旁边的 iris.csv 读取：一个带表头行的普通 CSV，含四个以厘米为单位的测量值和文字形式的品种。csv 数据来源指定了它的输入列和目标列；target_encoding index 把品种名变成类别 0、1、2（按排序顺序），用于稀疏类别交叉熵。各行按品种排序，所以 split_seed 随机留出 20%（否则最后 20% 会全是 virginica）。Dense(8, tanh) → Dense(3, softmax) 训练 100 轮后约 98% 正确：setosa 与其他品种分得很开，versicolor 和 virginica 有少许重叠。试试只用两个花萼列，看准确率下降。数据：Fisher (1936)，取自 scikit-learn 1.9.1 (BSD-3-Clause)。</translation>
    </message>
    <message>
        <source>Handwritten digits: a small CNN (LeNet-style)</source>
        <translation>手写数字：一个小型 CNN（LeNet 风格）</translation>
    </message>
    <message>
        <source>Handwritten digits: a small MLP</source>
        <translation>手写数字：一个小型 MLP</translation>
    </message>
    <message>
        <source>Handwritten digits: the framework MLP</source>
        <translation>手写数字：框架教程中的 MLP</translation>
    </message>
    <message>
        <source>Iris flowers from a CSV file</source>
        <translation>来自 CSV 文件的鸢尾花</translation>
    </message>
    <message>
        <source>Learning-rate schedules: constant</source>
        <translation>学习率调度：恒定</translation>
    </message>
    <message>
        <source>Learning-rate schedules: cosine decay</source>
        <translation>学习率调度：余弦衰减</translation>
    </message>
    <message>
        <source>Learning-rate schedules: step decay</source>
        <translation>学习率调度：阶梯衰减</translation>
    </message>
    <message>
        <source>Memory: a plain RNN forgets</source>
        <translation>记忆：普通 RNN 会遗忘</translation>
    </message>
    <message>
        <source>Memory: an LSTM remembers</source>
        <translation>记忆：LSTM 能记住</translation>
    </message>
    <message>
        <source>More layers or neurons give more capacity, and capacity can overfit: this 2 → 64 → 64 → 1 network has over 4,000 weights for 20 training points. The 40 moons points are very noisy and half of them are held out for validation. Training loss keeps falling towards 0, while validation loss bottoms out around epoch 50 and then climbs to over four times its minimum: the network memorises the noise. Watch the two loss curves side by side, and the decision regions wrapping around single points. Try 4 units per layer, or L2 regularisation of 0.01.</source>
        <translation>更多的层或神经元带来更大的容量，而容量可能导致过拟合：这个 2 → 64 → 64 → 1 网络有 4,000 多个权重，却只有 20 个训练点。40 个 moons 数据点噪声很大，其中一半留作验证。训练损失一直降向 0，而验证损失在第 50 轮左右降到最低，然后升到最低值的四倍以上：网络记住了噪声。请并排观察两条损失曲线，以及绕着单个数据点打转的决策区域。试试每层 4 个单元，或 0.01 的 L2 正则化。</translation>
    </message>
    <message>
        <source>One network, 2 → 16 → 16 → 2 with tanh, on two spiral arms, trained by Adam (lr 0.05) in mini-batches of 30 for 200 epochs, with three learning-rate schedules; this one is constant. The learning rate stays 0.05 throughout: late in training every mini-batch still moves the weights as far as at the start, so the loss keeps jumping up and down. Compare the last epochs of the three loss curves.</source>
        <translation>同一个网络（2 → 16 → 16 → 2，tanh）在两条螺旋臂上用 Adam（lr 0.05）以 30 个样本的小批量训练 200 轮，配三种学习率调度；这一个是恒定学习率。学习率始终为 0.05：训练后期每个小批量仍然让权重移动得和开始时一样远，所以损失一直上下跳动。请比较三条损失曲线的最后几轮。</translation>
    </message>
    <message>
        <source>One network, 2 → 16 → 16 → 2 with tanh, on two spiral arms, trained by Adam (lr 0.05) in mini-batches of 30 for 200 epochs, with three learning-rate schedules; this one is cosine decay. Cosine decay lowers the learning rate along half a cosine, lr · (1 + cos(π·e / 200)) / 2, from 0.05 at the start to almost 0 in the last epoch, and the loss settles. Compare the last epochs of the three loss curves.</source>
        <translation>同一个网络（2 → 16 → 16 → 2，tanh）在两条螺旋臂上用 Adam（lr 0.05）以 30 个样本的小批量训练 200 轮，配三种学习率调度；这一个是余弦衰减。余弦衰减沿半个余弦降低学习率，lr · (1 + cos(π·e / 200)) / 2，从开始的 0.05 降到最后一轮的几乎为 0，损失随之平稳。请比较三条损失曲线的最后几轮。</translation>
    </message>
    <message>
        <source>One network, 2 → 16 → 16 → 2 with tanh, on two spiral arms, trained by Adam (lr 0.05) in mini-batches of 30 for 200 epochs, with three learning-rate schedules; this one is step decay. Step decay halves the learning rate every 50 epochs, lr · 0.5^⌊e / 50⌋: 0.05, 0.025, 0.0125 and 0.00625 for the last 50 epochs, and the loss settles. Compare the last epochs of the three loss curves.</source>
        <translation>同一个网络（2 → 16 → 16 → 2，tanh）在两条螺旋臂上用 Adam（lr 0.05）以 30 个样本的小批量训练 200 轮，配三种学习率调度；这一个是阶梯衰减。阶梯衰减每 50 轮把学习率减半，lr · 0.5^⌊e / 50⌋：0.05、0.025、0.0125，最后 50 轮为 0.00625，损失随之平稳。请比较三条损失曲线的最后几轮。</translation>
    </message>
    <message>
        <source>One network, 2 → 16 → 16 → 2 with tanh, on two spiral arms, trained for 300 full-batch epochs by three optimisers; this one is Adam. Adam keeps a running mean of each weight&apos;s gradient (momentum) and of its square, and divides one by the square root of the other: every weight moves about lr = 0.01 per step however small its gradient. Within 300 epochs it follows both arms. Open the other two and compare the loss curves.</source>
        <translation>同一个网络（2 → 16 → 16 → 2，tanh）在两条螺旋臂上以全批训练 300 轮，使用三种优化器；这一个是 Adam。Adam 为每个权重的梯度（动量）及其平方各保留一个滑动平均，并用前者除以后者的平方根：无论梯度多小，每个权重每步都移动约 lr = 0.01。300 轮之内它就能跟上两条臂。请打开另外两个例子，比较损失曲线。</translation>
    </message>
    <message>
        <source>One network, 2 → 16 → 16 → 2 with tanh, on two spiral arms, trained for 300 full-batch epochs by three optimisers; this one is SGD with momentum. SGD with momentum 0.9 keeps a velocity v ← 0.9·v + ∂L/∂w and moves by lr·v: steps in a steady direction add up to ten times the plain step, while steps that change sign cancel out. Within 300 epochs it follows both arms, where plain SGD at the same learning rate does not. Open the other two and compare the loss curves.</source>
        <translation>同一个网络（2 → 16 → 16 → 2，tanh）在两条螺旋臂上以全批训练 300 轮，使用三种优化器；这一个是带动量的 SGD。动量为 0.9 的 SGD 保留一个速度 v ← 0.9·v + ∂L/∂w，并按 lr·v 移动：方向稳定的步子累加到普通步长的十倍，而符号来回变化的步子相互抵消。300 轮之内它就能跟上两条臂，而相同学习率的普通 SGD 做不到。请打开另外两个例子，比较损失曲线。</translation>
    </message>
    <message>
        <source>One network, 2 → 16 → 16 → 2 with tanh, on two spiral arms, trained for 300 full-batch epochs by three optimisers; this one is plain SGD. Plain SGD moves every weight by lr · gradient, here 0.5 · ∂L/∂w: on the flat stretches of the loss the gradient is small, and so is the step. After 300 epochs the loss is still above 0.6. Open the other two and compare the loss curves.</source>
        <translation>同一个网络（2 → 16 → 16 → 2，tanh）在两条螺旋臂上以全批训练 300 轮，使用三种优化器；这一个是普通 SGD。普通 SGD 把每个权重移动 lr · 梯度，这里是 0.5 · ∂L/∂w：在损失平坦的地方梯度很小，步子也很小。300 轮后损失仍高于 0.6。请打开另外两个例子，比较损失曲线。</translation>
    </message>
    <message>
        <source>One network, three hidden layers of 8 tanh units, trained by plain SGD (learning rate 0.5) for 200 epochs on the circle data, with four weight initialisations; this one is Xavier. Xavier (Glorot) initialisation draws each layer&apos;s weights uniformly from ±√(6 / (fan_in + fan_out)), which keeps the signal&apos;s size from layer to layer. The network reaches 100 % accuracy. Open the other three and compare.</source>
        <translation>同一个网络（三个各含 8 个 tanh 单元的隐藏层）在圆形数据上用普通 SGD（学习率 0.5）训练 200 轮，使用四种权重初始化；这一个是 Xavier。Xavier（Glorot）初始化从 ±√(6 / (fan_in + fan_out)) 范围内均匀抽取每层的权重，使信号的大小在层与层之间保持不变。网络的准确率达到 100 %。请打开另外三个例子进行比较。</translation>
    </message>
    <message>
        <source>One network, three hidden layers of 8 tanh units, trained by plain SGD (learning rate 0.5) for 200 epochs on the circle data, with four weight initialisations; this one is all zeros. Every weight starts at 0, so every hidden unit computes tanh(0) = 0 and receives the same gradient, 0: the units stay identical and nothing learns. The loss stays at ln 2 = 0.693. Open the other three and compare.</source>
        <translation>同一个网络（三个各含 8 个 tanh 单元的隐藏层）在圆形数据上用普通 SGD（学习率 0.5）训练 200 轮，使用四种权重初始化；这一个是全为零。每个权重都从 0 开始，所以每个隐藏单元都计算 tanh(0) = 0，并得到相同的梯度 0：各单元始终一模一样，什么也学不到。损失停在 ln 2 = 0.693。请打开另外三个例子进行比较。</translation>
    </message>
    <message>
        <source>One network, three hidden layers of 8 tanh units, trained by plain SGD (learning rate 0.5) for 200 epochs on the circle data, with four weight initialisations; this one is too large. Every weight starts from a normal distribution with standard deviation 5: the tanh units saturate at ±1, where their derivative is almost 0, and learning crawls. The loss stays above 0.4. Open the other three and compare.</source>
        <translation>同一个网络（三个各含 8 个 tanh 单元的隐藏层）在圆形数据上用普通 SGD（学习率 0.5）训练 200 轮，使用四种权重初始化；这一个是太大。每个权重都从标准差为 5 的正态分布开始：tanh 单元饱和在 ±1，那里的导数几乎为 0，学习进展极慢。损失一直高于 0.4。请打开另外三个例子进行比较。</translation>
    </message>
    <message>
        <source>One network, three hidden layers of 8 tanh units, trained by plain SGD (learning rate 0.5) for 200 epochs on the circle data, with four weight initialisations; this one is too small. Every weight starts from a normal distribution with standard deviation 0.01: each layer makes its input many times smaller, so the signal, and on the way back the gradient, vanish. The loss stays at 0.693. Open the other three and compare.</source>
        <translation>同一个网络（三个各含 8 个 tanh 单元的隐藏层）在圆形数据上用普通 SGD（学习率 0.5）训练 200 轮，使用四种权重初始化；这一个是太小。每个权重都从标准差为 0.01 的正态分布开始：每一层都把输入缩小很多倍，于是信号（以及反向传播时的梯度）消失了。损失停在 0.693。请打开另外三个例子进行比较。</translation>
    </message>
    <message>
        <source>One network, three hidden layers of 8 units with the ReLU activation, trained by plain SGD (learning rate 0.5) for 200 epochs on the circle data. ReLU passes the gradient unchanged wherever a unit is active (derivative 1), so the error signal reaches the first layer at full strength and the loss falls fastest of the three. Open the other two examples of this lesson and compare their loss curves and decision regions.</source>
        <translation>同一个网络（三个各含 8 个单元的隐藏层，激活函数为 ReLU）在圆形数据上用普通 SGD（学习率 0.5）训练 200 轮。只要单元处于激活状态，ReLU 就原样传递梯度（导数为 1），所以误差信号能以全部强度到达第一层，损失在三者中下降得最快。请打开本课的另外两个例子，比较它们的损失曲线和决策区域。</translation>
    </message>
    <message>
        <source>One network, three hidden layers of 8 units with the sigmoid activation, trained by plain SGD (learning rate 0.5) for 200 epochs on the circle data. The sigmoid&apos;s derivative is at most 0.25, so the error signal shrinks at every layer on its way back and the first layers hardly learn: the loss stays near 0.69 and the boundary never forms. Open the other two examples of this lesson and compare their loss curves and decision regions.</source>
        <translation>同一个网络（三个各含 8 个单元的隐藏层，激活函数为 sigmoid）在圆形数据上用普通 SGD（学习率 0.5）训练 200 轮。sigmoid 的导数最大只有 0.25，所以误差信号在反向传播时每经过一层就缩小一次，前面几层几乎学不到东西：损失停在 0.69 附近，边界始终形成不了。请打开本课的另外两个例子，比较它们的损失曲线和决策区域。</translation>
    </message>
    <message>
        <source>One network, three hidden layers of 8 units with the tanh activation, trained by plain SGD (learning rate 0.5) for 200 epochs on the circle data. Tanh is zero-centred and its derivative reaches 1, so the error signal survives the way back through three layers and the loss falls to near zero. Open the other two examples of this lesson and compare their loss curves and decision regions.</source>
        <translation>同一个网络（三个各含 8 个单元的隐藏层，激活函数为 tanh）在圆形数据上用普通 SGD（学习率 0.5）训练 200 轮。tanh 以零为中心，导数最大可达 1，所以误差信号能穿过三层传回去，损失降到接近零。请打开本课的另外两个例子，比较它们的损失曲线和决策区域。</translation>
    </message>
    <message>
        <source>One step neuron with hand-set weights W = (bias, w1, w2) = (-3, 2, 2) computes AND: the weighted sum 2·x1 + 2·x2 - 3 reaches 0 only when both inputs are 1. Run `nnstudio eval --json` on this file (or open the evaluation panel) to see the truth table 00→0, 01→0, 10→0, 11→1, and the decision boundary: the line 2·x1 + 2·x2 = 3. The weights are frozen, so training leaves them alone. Try setting the bias to -1 and the neuron becomes OR.</source>
        <translation>一个手工设定权重 W = (bias, w1, w2) = (-3, 2, 2) 的 step 神经元计算 AND：只有两个输入都为 1 时，加权和 2·x1 + 2·x2 - 3 才能达到 0。对这个文件运行 `nnstudio eval --json`（或打开评估面板）即可看到真值表 00→0, 01→0, 10→0, 11→1，以及决策边界：直线 2·x1 + 2·x2 = 3。权重已冻结，训练不会改动它们。试试把偏置设为 -1，神经元就变成了 OR。</translation>
    </message>
    <message>
        <source>Optimisers compared: Adam</source>
        <translation>优化器比较：Adam</translation>
    </message>
    <message>
        <source>Optimisers compared: SGD with momentum</source>
        <translation>优化器比较：带动量的 SGD</translation>
    </message>
    <message>
        <source>Optimisers compared: plain SGD</source>
        <translation>优化器比较：普通 SGD</translation>
    </message>
    <message>
        <source>Overfitting fixed: L2 regularisation</source>
        <translation>解决过拟合：L2 正则化</translation>
    </message>
    <message>
        <source>Overfitting fixed: dropout</source>
        <translation>解决过拟合：dropout</translation>
    </message>
    <message>
        <source>Overfitting: a big network, few points</source>
        <translation>过拟合：大网络，少数据点</translation>
    </message>
    <message>
        <source>Perceptron: AND</source>
        <translation>感知机：AND</translation>
    </message>
    <message>
        <source>Perceptron: OR</source>
        <translation>感知机：OR</translation>
    </message>
    <message>
        <source>Real data: 1,797 handwritten digits (UCI), each an 8×8 image of 64 pixel counts from 0 to 16. The 64 pixels feed Dense(32, relu) → Dense(10, softmax), trained with sparse categorical cross-entropy and Adam in mini-batches of 32; inputs are standardised, and a random 20% of the digits is held out for validation. After 30 epochs it reads about 98% of the unseen validation digits correctly. Compare the training and validation curves, then try 8 hidden units, normalize none, or the dataset&apos;s noise parameter to blur the pixels.</source>
        <translation>真实数据：1,797 个手写数字（UCI），每个是 8×8 的图像，64 个像素值在 0 到 16 之间。64 个像素输入 Dense(32, relu) → Dense(10, softmax)，用稀疏类别交叉熵和 Adam 以 32 个样本的小批量训练；输入经过标准化，随机留出 20% 的数字作验证。训练 30 轮后，它能正确识别约 98% 的未见过的验证数字。请比较训练曲线和验证曲线，然后试试 8 个隐藏单元、normalize 设为 none，或用数据集的 noise 参数让像素变模糊。</translation>
    </message>
    <message>
        <source>Rosenblatt&apos;s rule w ← w + lr·(t - y)·x, one sample at a time, starting from all-zero weights. Watch the weights and the boundary line jump after each mistake and stop moving once every sample is right, within a few epochs. Compare the weights it finds with the hand-set (-3, 2, 2): any line that separates 11 from the rest will do. Try the OR targets (0, 1, 1, 1), or XOR (0, 1, 1, 0), which it can never learn.</source>
        <translation>Rosenblatt 规则 w ← w + lr·(t - y)·x，一次一个样本，从全零权重开始。观察权重和边界线在每次出错后跳动，并在几轮之内所有样本都正确后停下来。把它找到的权重与手工设定的 (-3, 2, 2) 比较：任何能把 11 与其余分开的直线都可以。试试 OR 的目标 (0, 1, 1, 1)，或它永远学不会的 XOR (0, 1, 1, 0)。</translation>
    </message>
    <message>
        <source>Sequence forecasting with an LSTM. Each sample is a window of 20 noisy values of a sine wave with a period of 20 steps, fed as 20 time steps of one feature; the target is the wave&apos;s next value, without the noise. LSTM(16) reads the window step by step and a linear Dense(1) on its last hidden state predicts the next value, trained with mse and Adam in mini-batches of 32. Always predicting the mean would score a loss of about 0.5; after 20 epochs the validation loss is below 0.001. Watch the gates in the Activations panel, or try a GRU, fewer steps or more noise.</source>
        <translation>用 LSTM 预测序列。每个样本是周期为 20 步的正弦波上 20 个带噪声的值组成的窗口，作为 20 个时间步、每步一个特征输入；目标是波形的下一个值（不含噪声）。LSTM(16) 逐步读取窗口，其最后的隐藏状态上接一个线性 Dense(1) 来预测下一个值，用 mse 和 Adam 以 32 个样本的小批量训练。总是预测平均值的损失约为 0.5；训练 20 轮后验证损失低于 0.001。请在激活值面板中观察各个门，或试试 GRU、更少的时间步或更大的噪声。</translation>
    </message>
    <message>
        <source>Sine wave: forecasting with an LSTM</source>
        <translation>正弦波：用 LSTM 预测</translation>
    </message>
    <message>
        <source>Softmax regression generalises logistic regression to K classes: one dense layer 2 → 3 whose softmax turns three scores into probabilities, trained with categorical cross-entropy on one-hot targets. 30 points in three clusters; each class gets a linear score, so the boundaries are straight lines meeting at a point. Look at the decision regions as it trains. Try moving a point into another cluster, or add a hidden layer and see the boundaries bend.</source>
        <translation>Softmax 回归把逻辑回归推广到 K 个类别：一个 2 → 3 的全连接层，用 softmax 把三个分数变成概率，在 one-hot 目标上用类别交叉熵训练。30 个点分成三簇；每个类别得到一个线性分数，所以边界是交于一点的几条直线。训练时请观察决策区域。试试把一个点移到另一簇，或加一个隐藏层，看边界变弯。</translation>
    </message>
    <message>
        <source>Softmax regression: 3 classes</source>
        <translation>Softmax 回归：3 个类别</translation>
    </message>
    <message>
        <source>Spiral with derived features</source>
        <translation>使用派生特征的螺旋</translation>
    </message>
    <message>
        <source>Step against sigmoid</source>
        <translation>step 与 sigmoid 对比</translation>
    </message>
    <message>
        <source>TensorFlow Playground&apos;s spiral: two interleaved arms of noisy points, hard for a small network that sees only x1 and x2. Here the data section derives seven inputs from the two coordinates: x1, x2, x1^2, x2^2, x1*x2, sin(x1) and sin(x2). With these curved features one tanh layer of 8 units can bend its boundary around the arms and reaches about 99% accuracy in 150 epochs. Set features back to x1 and x2 alone (the input then takes 2 columns) and the same network stalls near 70%. Watch the decision regions as it trains.</source>
        <translation>TensorFlow Playground 的螺旋：两条交错的带噪声数据点臂，对只看 x1 和 x2 的小网络来说很难。这里数据部分从两个坐标派生出七个输入：x1、x2、x1^2、x2^2、x1*x2、sin(x1) 和 sin(x2)。有了这些弯曲的特征，一个含 8 个单元的 tanh 层就能把边界绕着两臂弯曲，150 轮内准确率达到约 99%。把特征改回只有 x1 和 x2（输入随之变为 2 列），同样的网络会停在 70% 左右。训练时请观察决策区域。</translation>
    </message>
    <message>
        <source>The classic 2-2-2 walkthrough: inputs 0.05 and 0.10, targets 0.01 and 0.99, sigmoid everywhere, E = Σ ½(target - output)², learning rate 0.5, biases frozen. Run `nnstudio explain` on this file to see every number: the first outputs 0.75136507 and 0.77292847, E = 0.298371109, each δ, each ∂E/∂w and the new weights (w5 becomes 0.35891648). After 10,000 updates E is about 0.0000351. Try a learning rate of 5 or 0.05 and compare the loss curves.</source>
        <translation>经典的 2-2-2 分步讲解：输入 0.05 和 0.10，目标 0.01 和 0.99，全部使用 sigmoid，E = Σ ½(target - output)²，学习率 0.5，偏置冻结。对这个文件运行 `nnstudio explain` 可以看到每个数字：第一次的输出 0.75136507 和 0.77292847，E = 0.298371109，每个 δ、每个 ∂E/∂w 以及新的权重（w5 变为 0.35891648）。更新 10,000 次后 E 约为 0.0000351。试试学习率 5 或 0.05，比较损失曲线。</translation>
    </message>
    <message>
        <source>The memory task of Memory: a plain RNN forgets, with an LSTM in the RNN&apos;s place and the same data and settings. Each sequence has 20 steps of a random bit (−1 or +1) and a marker that points at one of the first five steps; the target is the marked bit. The LSTM&apos;s input gate can open at the marker and its forget gate keep the cell state unchanged afterwards, so LSTM(16) → Dense(1, sigmoid) reads every validation sequence right within 15 epochs. Look at the gates i and f over time in the Activations panel.</source>
        <translation>“记忆：普通 RNN 会遗忘”中的记忆任务，把 RNN 换成 LSTM，数据和设置不变。每个序列有 20 个时间步，每步是一个随机比特（−1 或 +1）和一个指向前五步之一的标记；目标是被标记的比特。LSTM 的输入门可以在标记处打开，遗忘门之后保持细胞状态不变，所以 LSTM(16) → Dense(1, sigmoid) 在 15 轮内就能答对所有验证序列。请在激活值面板中观察门 i 和 f 随时间的变化。</translation>
    </message>
    <message>
        <source>The overfitting moons network and data (2 → 64 → 64 → 1, 20 noisy training points, 20 held out), with L2 regularisation of 0.03: training adds 0.03·Σw² to the loss, so every step also pulls each weight towards zero. Large weights are what let the boundary wrap around single noisy points, and now they cost. Training loss no longer falls towards 0, and validation loss stops turning up: after 300 epochs it is about a third of the unregularised network&apos;s. Compare the two loss curves and decision regions with Overfitting: a big network, few points.</source>
        <translation>过拟合 moons 例子的网络和数据（2 → 64 → 64 → 1，20 个带噪声的训练点，留出 20 个），加上 0.03 的 L2 正则化：训练时在损失上加 0.03·Σw²，所以每一步也会把每个权重往零拉。正是大的权重让边界能绕着单个噪声点打转，而现在它们有代价了。训练损失不再降向 0，验证损失也不再回升：300 轮后它约为未正则化网络的三分之一。请把两条损失曲线和决策区域与“过拟合：大网络，少数据点”比较。</translation>
    </message>
    <message>
        <source>The overfitting moons network and data with a dropout layer (rate 0.5) after each hidden layer. While training, each epoch switches off a random half of the hidden units and doubles the rest, so no unit can rely on a few others to memorise a point; evaluation uses every unit. Validation loss reaches a lower minimum than without dropout, three times later, and ends well below the unregularised network&apos;s. Compare its loss curves with Overfitting: a big network, few points.</source>
        <translation>过拟合 moons 例子的网络和数据，在每个隐藏层之后加一个 dropout 层（rate 0.5）。训练时每轮随机关掉一半隐藏单元，并把其余的加倍，这样没有单元能依赖其他少数几个单元来记住某个点；评估时使用所有单元。验证损失的最低点比没有 dropout 时更低，出现得晚三倍，最终也远低于未正则化的网络。请把它的损失曲线与“过拟合：大网络，少数据点”比较。</translation>
    </message>
    <message>
        <source>The same 1,797 handwritten 8×8 digits (UCI) as the digits MLP example, with the same data settings and split (standardised, a random 20% held out for validation, split seed 0), so open that one beside it to compare. Here the pixels stay an image [1, 8, 8]: Conv2D(16 filters 3×3, same padding, relu) → MaxPool 2×2 → Flatten → Dense(64, relu) → Dense(10, softmax), trained with sparse categorical cross-entropy and Adam (lr 0.003) in mini-batches of 32. Each filter is one 3×3 pattern detector slid over every position, so a stroke is recognised wherever it is; pooling keeps the strongest response of each 2×2 patch. After 20 epochs it reads about 99% of the unseen validation digits and its validation loss is well below the MLP&apos;s. Watch the feature maps, open the convolution view, then try valid padding, avgpool2d (LeNet&apos;s subsampling was an average) or a second conv2d.</source>
        <translation>与手写数字 MLP 例子相同的 1,797 个 8×8 手写数字（UCI），数据设置和划分也相同（标准化，随机留出 20% 作验证，split seed 0），所以可以把那个例子并排打开比较。这里像素保持为图像 [1, 8, 8]：Conv2D(16 个 3×3 滤波器，same 填充，relu) → MaxPool 2×2 → Flatten → Dense(64, relu) → Dense(10, softmax)，用稀疏类别交叉熵和 Adam（lr 0.003）以 32 个样本的小批量训练。每个滤波器是一个在每个位置上滑动的 3×3 图案检测器，所以笔画无论在哪里都能被识别；池化保留每个 2×2 区块中最强的响应。训练 20 轮后，它能识别约 99% 的未见过的验证数字，验证损失远低于 MLP。请观察特征图，打开卷积视图，然后试试 valid 填充、avgpool2d（LeNet 的下采样是取平均）或第二个 conv2d。</translation>
    </message>
    <message>
        <source>The same XOR problem with layers instead of single neurons: Dense(8, tanh) → Dense(1, sigmoid), binary cross-entropy, Adam, full batch. Compare its loss curve with the 5-neuron example: Adam and cross-entropy get there in a few hundred epochs. Open the weight heatmap to see the 2×8 and 8×1 matrices. Try relu in the hidden layer, or only 2 hidden units.</source>
        <translation>同样的 XOR 问题，用层代替单个神经元：Dense(8, tanh) → Dense(1, sigmoid)，二元交叉熵，Adam，全批训练。把它的损失曲线与 5 个神经元的例子比较：Adam 加交叉熵几百轮就能达到目标。打开权重热图可以看到 2×8 和 8×1 的矩阵。试试在隐藏层用 relu，或只用 2 个隐藏单元。</translation>
    </message>
    <message>
        <source>The same step neuron as the AND example with W = (bias, w1, w2) = (-1, 2, 2): now one input at 1 is enough to lift 2·x1 + 2·x2 - 1 to 0 or more, so it computes OR (00→0, 01→1, 10→1, 11→1). Only the bias moved: the boundary line slides towards the origin without turning. Try a bias of -5: no input reaches it, and the neuron always says 0.</source>
        <translation>与 AND 例子相同的 step 神经元，W = (bias, w1, w2) = (-1, 2, 2)：现在只要一个输入为 1，就足以把 2·x1 + 2·x2 - 1 提升到 0 或以上，所以它计算 OR（00→0, 01→1, 10→1, 11→1）。只有偏置变了：边界线向原点平移，方向不变。试试偏置 -5：没有输入能达到，神经元总是输出 0。</translation>
    </message>
    <message>
        <source>The tutorial&apos;s framework example on the built-in digits: Dense(128, relu) → Dense(64, relu) → Dense(10, softmax), Adam (lr 0.001), sparse categorical cross-entropy, 10 epochs in mini-batches of 32, with a random 20% of the digits held out for validation. The tutorial&apos;s MNIST images have 784 pixels; these 1,797 UCI digits have 8×8 = 64, standardised. After 10 epochs it reads about 98% of the unseen validation digits. Use View ▸ Expand Layer to draw a dense layer as its neurons.</source>
        <translation>教程中的框架例子，使用内置的数字数据：Dense(128, relu) → Dense(64, relu) → Dense(10, softmax)，Adam（lr 0.001），稀疏类别交叉熵，以 32 个样本的小批量训练 10 轮，随机留出 20% 的数字作验证。教程中的 MNIST 图像有 784 个像素；这 1,797 个 UCI 数字有 8×8 = 64 个像素，经过标准化。训练 10 轮后，它能识别约 98% 的未见过的验证数字。用“视图 ▸ 展开层”可以把全连接层画成一个个神经元。</translation>
    </message>
    <message>
        <source>Two neurons learn AND side by side with gradient descent (SGD, mean squared error), both starting from zero weights: one uses the step activation, the other the sigmoid. The step&apos;s derivative is zero wherever it is defined, so no gradient reaches its weights and they never move. The sigmoid&apos;s output changes a little for every little change of a weight, so the gradient steers it to AND. Watch w1 and w2 stay at 0 while w3 and w4 grow.</source>
        <translation>两个神经元并排用梯度下降（SGD，均方误差）学习 AND，都从零权重开始：一个使用 step 激活函数，另一个使用 sigmoid。step 在有定义的地方导数都是零，所以没有梯度能到达它的权重，它们永远不动。权重每有一点小变化，sigmoid 的输出就会跟着变一点，所以梯度能把它引向 AND。请观察 w1 和 w2 停在 0，而 w3 和 w4 不断增长。</translation>
    </message>
    <message>
        <source>Weight initialisation: Xavier</source>
        <translation>权重初始化：Xavier</translation>
    </message>
    <message>
        <source>Weight initialisation: all zeros</source>
        <translation>权重初始化：全为零</translation>
    </message>
    <message>
        <source>Weight initialisation: too large</source>
        <translation>权重初始化：太大</translation>
    </message>
    <message>
        <source>Weight initialisation: too small</source>
        <translation>权重初始化：太小</translation>
    </message>
    <message>
        <source>XNOR from AND and OR</source>
        <translation>用 AND 和 OR 组成 XNOR</translation>
    </message>
    <message>
        <source>XOR needs a hidden layer: here 5 sigmoid neurons, trained one random sample per step (batch size 1, shuffled), 2,500 epochs of 4 samples = 10,000 steps. The weights start random from the seed. Watch the loss sit on a plateau before it drops, and the decision boundary bend into a band. Try another seed, fewer hidden neurons, or a smaller learning rate and see how often and how fast it still succeeds.</source>
        <translation>XOR 需要一个隐藏层：这里是 5 个 sigmoid 神经元，每步用一个随机样本训练（批大小 1，打乱顺序），2,500 轮、每轮 4 个样本 = 10,000 步。权重根据随机种子随机初始化。请观察损失先在平台期停留、然后下降，以及决策边界弯成一条带。试试换一个随机种子、减少隐藏神经元，或用更小的学习率，看它还能多频繁、多快地成功。</translation>
    </message>
    <message>
        <source>XOR with 5 hidden neurons</source>
        <translation>5 个隐藏神经元的 XOR</translation>
    </message>
    <message>
        <source>XOR with dense layers</source>
        <translation>用全连接层实现 XOR</translation>
    </message>
</context>
<context>
    <name>ExamplesDialog</name>
    <message>
        <source>Examples</source>
        <translation>例子</translation>
    </message>
    <message>
        <source>More examples</source>
        <translation>更多例子</translation>
    </message>
    <message>
        <source>No examples were found.</source>
        <translation>没有找到例子。</translation>
    </message>
</context>
<context>
    <name>ExpandActions</name>
    <message>
        <source>Draw the selected dense layer (or input) as its neurons and weights; the network stays the same</source>
        <translation>把选中的全连接层（或输入）画成它的神经元和权重；网络本身不变</translation>
    </message>
    <message>
        <source>Draw the selected expanded layer as one block again</source>
        <translation>把选中的已展开层重新画成一个方块</translation>
    </message>
    <message>
        <source>Draw every expanded layer as one block again</source>
        <translation>把所有已展开的层重新画成一个方块</translation>
    </message>
    <message>
        <source>select a dense layer or an input to expand it</source>
        <translation>选中一个全连接层或输入才能展开它</translation>
    </message>
    <message>
        <source>select an expanded layer, or one of its neurons or weights, to collapse it</source>
        <translation>选中一个已展开的层，或它的某个神经元或权重，才能折叠它</translation>
    </message>
    <message>
        <source>no layer is expanded</source>
        <translation>没有已展开的层</translation>
    </message>
    <message>
        <source>E&amp;xpand Layer</source>
        <translation>展开层(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Collapse Layer</source>
        <translation>折叠层(&amp;C)</translation>
    </message>
    <message>
        <source>Collapse &amp;All Layers</source>
        <translation>折叠所有层(&amp;A)</translation>
    </message>
    <message>
        <source>Cannot expand: {reason}</source>
        <translation>无法展开：{reason}</translation>
    </message>
    <message>
        <source>{layer} is drawn as its {count:,} units: select a neuron or a weight to see it in the inspector (View ▸ Collapse Layer closes it again)</source>
        <translation>{layer} 已画成 {count:,} 个单元：选中一个神经元或权重即可在属性面板中查看（视图 ▸ 折叠层 可再收起）</translation>
    </message>
    <message>
        <source>{count} layers are drawn as their units</source>
        <translation>{count} 个层已画成各自的单元</translation>
    </message>
    <message>
        <source>Collapse Layer</source>
        <translation>折叠层</translation>
    </message>
    <message>
        <source>Expand Layer</source>
        <translation>展开层</translation>
    </message>
</context>
<context>
    <name>ExpandedLayers</name>
    <message>
        <source>{layer} pixel {number}: {value}</source>
        <translation>{layer} 第 {number} 个像素：{value}</translation>
    </message>
    <message>
        <source>{layer} pixel {number}</source>
        <translation>{layer} 第 {number} 个像素</translation>
    </message>
    <message>
        <source>{layer} unit {number}: {value}</source>
        <translation>{layer} 第 {number} 个单元：{value}</translation>
    </message>
    <message>
        <source>{layer} unit {number}</source>
        <translation>{layer} 第 {number} 个单元</translation>
    </message>
    <message>
        <source>W[{row}, {unit}] of {layer}{value}: {source}{layer} unit {number}</source>
        <translation>{layer} 的 W[{row}, {unit}]{value}：{source}{layer} 第 {number} 个单元</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <source>(The new values are one plain gradient step; {optimizer} scales its steps differently.)</source>
        <translation>（新值是一次普通的梯度下降步；{optimizer} 会以不同的方式缩放步长。）</translation>
    </message>
    <message>
        <source>(The step shown is for this one sample; a batch of several averages their gradients.)</source>
        <translation>（这里显示的是只用这一个样本的一步；包含多个样本的批会对它们的梯度取平均。）</translation>
    </message>
    <message>
        <source>1. Forward pass, layer by layer (‖·‖ is the root of the sum of squares)</source>
        <translation>1. 逐层前向传播（‖·‖ 表示平方和的平方根）</translation>
    </message>
    <message>
        <source>1. Forward pass: net = Σ w·x + b, out = f(net)</source>
        <translation>1. 前向传播：net = Σ w·x + b，out = f(net)</translation>
    </message>
    <message>
        <source>2. Backward pass: the gradient of each parameter and one plain step lr·∂E/∂p</source>
        <translation>2. 反向传播：每个参数的梯度，以及普通梯度下降一步的更新量 lr·∂E/∂p</translation>
    </message>
    <message>
        <source>2. Error</source>
        <translation>2. 误差</translation>
    </message>
    <message>
        <source>3. Backward pass: δ = ∂E/∂net = ∂E/∂out · f&apos;(net)</source>
        <translation>3. 反向传播：δ = ∂E/∂net = ∂E/∂out · f&apos;(net)</translation>
    </message>
    <message>
        <source>3. Output and error</source>
        <translation>3. 输出与误差</translation>
    </message>
    <message>
        <source>4. Weights: ∂E/∂w = δ(target)·out(source); new w = w - lr·∂E/∂w</source>
        <translation>4. 权重：∂E/∂w = δ(终点)·out(起点)；新 w = w - lr·∂E/∂w</translation>
    </message>
    <message>
        <source>5. Biases: ∂E/∂b = δ; new b = b - lr·∂E/∂b</source>
        <translation>5. 偏置：∂E/∂b = δ；新 b = b - lr·∂E/∂b</translation>
    </message>
    <message>
        <source>E = {loss} = {value} + penalty {penalty}</source>
        <translation>E = {loss} = {value} + 惩罚项 {penalty}</translation>
    </message>
    <message>
        <source>Neurons: net input, output and δ = ∂E/∂net</source>
        <translation>神经元：净输入、输出和 δ = ∂E/∂net</translation>
    </message>
    <message>
        <source>edge</source>
        <translation>边</translation>
    </message>
    <message>
        <source>from → to</source>
        <translation>起点 → 终点</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>in</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>inputs: {values}</source>
        <translation>输入：{values}</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>loss {loss}, optimizer {optimizer}, learning rate {rate}</source>
        <translation>损失 {loss}，优化器 {optimizer}，学习率 {rate}</translation>
    </message>
    <message>
        <source>neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>new b</source>
        <translation>新 b</translation>
    </message>
    <message>
        <source>new w</source>
        <translation>新 w</translation>
    </message>
    <message>
        <source>node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>out</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>output {values}</source>
        <translation>输出 {values}</translation>
    </message>
    <message>
        <source>param</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>plus the l1/l2 penalty {penalty}: E = {total}</source>
        <translation>加上 l1/l2 惩罚项 {penalty}：E = {total}</translation>
    </message>
    <message>
        <source>project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>target {values}</source>
        <translation>目标 {values}</translation>
    </message>
    <message>
        <source>target: class {number}</source>
        <translation>目标：类别 {number}</translation>
    </message>
    <message>
        <source>targets: {values}</source>
        <translation>目标：{values}</translation>
    </message>
    <message>
        <source>the perceptron rule ignores E: its error signal is out - target, passed straight through f</source>
        <translation>感知机规则不使用 E：它的误差信号是 out - target，直接穿过 f 传回</translation>
    </message>
    <message>
        <source>{name}: sample {number} of {total}</source>
        <translation>{name}：第 {number} 个样本（共 {total} 个）</translation>
    </message>
    <message>
        <source>{value} (frozen)</source>
        <translation>{value}（已冻结）</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>Weights as .&amp;npz…</source>
        <translation>权重导出为 .npz(&amp;N)…</translation>
    </message>
    <message>
        <source>Export weights as .npz</source>
        <translation>将权重导出为 .npz</translation>
    </message>
    <message>
        <source>NumPy archives (*.npz)</source>
        <translation>NumPy 归档文件 (*.npz)</translation>
    </message>
    <message>
        <source>Weights as &amp;JSON…</source>
        <translation>权重导出为 JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>Export weights as JSON</source>
        <translation>将权重导出为 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>&amp;ONNX model…</source>
        <translation>ONNX 模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Export an ONNX model</source>
        <translation>导出 ONNX 模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>&amp;PyTorch script…</source>
        <translation>PyTorch 脚本(&amp;P)…</translation>
    </message>
    <message>
        <source>Export a PyTorch script</source>
        <translation>导出 PyTorch 脚本</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>PNG pictures (*.png);;SVG pictures (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Canvas picture (PNG/SVG)…</source>
        <translation>画布图片 (PNG/SVG)(&amp;C)…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>An export is still being written.</source>
        <translation>上一次导出仍在写入。</translation>
    </message>
    <message>
        <source>The export failed unexpectedly; see the terminal for details.</source>
        <translation>导出意外失败；详情请看终端输出。</translation>
    </message>
    <message>
        <source>Exported {files}</source>
        <translation>已导出 {files}</translation>
    </message>
    <message>
        <source>Export the canvas as a picture</source>
        <translation>将画布导出为图片</translation>
    </message>
    <message>
        <source>The canvas picture cannot be written: {error}</source>
        <translation>无法写入画布图片：{error}</translation>
    </message>
    <message>
        <source>This export is not available in this version of nnstudio.</source>
        <translation>此版本的 nnstudio 不提供这种导出。</translation>
    </message>
    <message>
        <source>A package this export needs is missing: {name}.</source>
        <translation>缺少这种导出所需的软件包：{name}。</translation>
    </message>
    <message>
        <source>The project cannot be exported: {error}</source>
        <translation>无法导出项目：{error}</translation>
    </message>
    <message>
        <source>{path} cannot be written: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>FaultDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>nnstudio ran into an error it did not expect. It keeps running, and your project is still open with all its changes: nothing has been lost. To be safe, you can save a copy of the project now, then carry on or save and restart nnstudio.</source>
        <translation>nnstudio 遇到了一个意外错误。程序仍在运行，你的项目也仍然打开，所有修改都还在：没有丢失任何内容。为安全起见，你可以现在保存一份项目副本，然后继续工作，或者保存后重新启动 nnstudio。</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详细信息</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Save a copy of the project</source>
        <translation>保存项目副本</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Put the details on the clipboard, to paste them into a bug report</source>
        <translation>把详细信息复制到剪贴板，以便粘贴到错误报告中</translation>
    </message>
    <message>
        <source>Write the project as it is now to a new file beside it; the project&apos;s own file is left as it is</source>
        <translation>把项目的当前状态写入旁边的一个新文件；项目原来的文件保持不变</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>隐藏详细信息</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>The copy could not be saved: {error}</source>
        <translation>无法保存副本：{error}</translation>
    </message>
    <message>
        <source>A copy of the project was saved to {path}</source>
        <translation>项目副本已保存到 {path}</translation>
    </message>
    <message>
        <source>{count} more error happened since. The details are in the log.</source>
        <translation>此后又发生了 {count} 个错误。详细信息见日志。</translation>
    </message>
    <message>
        <source>{count} more errors happened since. The details are in the log.</source>
        <translation>此后又发生了 {count} 个错误。详细信息见日志。</translation>
    </message>
</context>
<context>
    <name>FaultReport</name>
    <message>
        <source>{path} cannot be written: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>there is no project window</source>
        <translation>没有项目窗口</translation>
    </message>
</context>
<context>
    <name>FeaturesBox</name>
    <message>
        <source>Derived features</source>
        <translation>派生特征</translation>
    </message>
    <message>
        <source>As in TensorFlow Playground: inputs computed from two raw columns x1 and x2</source>
        <translation>与 TensorFlow Playground 相同：由两个原始列 x1 和 x2 计算出的输入</translation>
    </message>
    <message>
        <source>Feed the network {feature}, computed from the raw columns</source>
        <translation>把由原始列计算出的 {feature} 输入网络</translation>
    </message>
    <message>
        <source>Derived features need exactly 2 raw input columns; the data has {count}.</source>
        <translation>派生特征需要恰好 2 个原始输入列；该数据有 {count} 个。</translation>
    </message>
    <message>
        <source>The network takes {count} input: {features}.</source>
        <translation>网络接收 {count} 个输入：{features}。</translation>
    </message>
    <message>
        <source>The network takes {count} inputs: {features}.</source>
        <translation>网络接收 {count} 个输入：{features}。</translation>
    </message>
    <message>
        <source>None ticked: the network takes the raw input columns.</source>
        <translation>未勾选任何特征：网络接收原始输入列。</translation>
    </message>
    <message>
        <source>Change derived features</source>
        <translation>更改派生特征</translation>
    </message>
</context>
<context>
    <name>FileManager</name>
    <message>
        <source>nnstudio projects (*.json);;All files (*)</source>
        <translation>nnstudio 项目 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>nnstudio projects and ONNX models (*.json *.onnx);;nnstudio projects (*.json);;ONNX models (*.onnx);;All files (*)</source>
        <translation>nnstudio 项目和 ONNX 模型 (*.json *.onnx);;nnstudio 项目 (*.json);;ONNX 模型 (*.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{name} (example)</source>
        <translation>{name}（例子）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Discard your changes to {name} and reload it from disk?</source>
        <translation>放弃对 {name} 的更改并从磁盘重新载入？</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Cannot import ONNX model</source>
        <translation>无法导入 ONNX 模型</translation>
    </message>
    <message>
        <source>Imported {name}: save it to keep it as a project</source>
        <translation>已导入 {name}：保存后即成为项目</translation>
    </message>
    <message>
        <source>Cannot open example</source>
        <translation>无法打开例子</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>{path} no longer exists. It has been removed from the recent files.</source>
        <translation>{path} 已不存在，已从最近打开的文件中移除。</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>The example&apos;s data cannot be copied beside {path}: {error}</source>
        <translation>无法把例子的数据复制到 {path} 旁边：{error}</translation>
    </message>
    <message>
        <source>The project cannot be saved: {error}</source>
        <translation>无法保存项目：{error}</translation>
    </message>
    <message>
        <source>Saved {path}; the example&apos;s data was copied beside it: {files}</source>
        <translation>已保存 {path}；例子的数据已复制到它旁边：{files}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Cannot revert</source>
        <translation>无法还原</translation>
    </message>
    <message>
        <source>{path} cannot be written: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>FloatSpin</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>GradientColouring</name>
    <message>
        <source>Colour Edges by &amp;Gradient</source>
        <translation>按梯度给边着色(&amp;G)</translation>
    </message>
    <message>
        <source>While training, colour and size the weighted edges by ∂L/∂w of the latest batch instead of by their weights: where learning happens</source>
        <translation>训练时按最近一批的 ∂L/∂w（而不是权重本身）给带权重的边着色并设定粗细：看到学习发生在哪里</translation>
    </message>
    <message>
        <source>Edges show ∂L/∂w of the latest batch: &lt;span style=&apos;color:#3b76e1&apos;&gt;&lt;b&gt;blue &amp;gt; 0&lt;/b&gt;&lt;/span&gt; (a step lowers w), &lt;span style=&apos;color:#ee7d3b&apos;&gt;&lt;b&gt;orange &amp;lt; 0&lt;/b&gt;&lt;/span&gt; (raises it); width ∝ |∂L/∂w| ÷ the largest</source>
        <translation>边显示最近一批的 ∂L/∂w：&lt;span style=&apos;color:#3b76e1&apos;&gt;&lt;b&gt;蓝色 &amp;gt; 0&lt;/b&gt;&lt;/span&gt;（一步更新使 w 变小），&lt;span style=&apos;color:#ee7d3b&apos;&gt;&lt;b&gt;橙色 &amp;lt; 0&lt;/b&gt;&lt;/span&gt;（使 w 变大）；粗细 ∝ |∂L/∂w| ÷ 最大值</translation>
    </message>
    <message>
        <source>View ▸ Colour Edges by Gradient: unchecked, edges show the weights</source>
        <translation>视图 ▸ 按梯度给边着色：取消勾选后，边显示权重</translation>
    </message>
</context>
<context>
    <name>GradientHeatmaps</name>
    <message>
        <source>The layer whose δ and ∂E/∂W are drawn</source>
        <translation>画出其 δ 和 ∂E/∂W 的层</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Top: δ = ∂E/∂z of each unit for this sample. Below: ∂E/∂W, a row per input and a column per unit (W&apos;s layout in the Weights panel). Orange &lt; 0, white 0, blue &gt; 0.</source>
        <translation>上：这个样本中每个单元的 δ = ∂E/∂z。下：∂E/∂W，每个输入一行、每个单元一列（与权重面板中 W 的排列相同）。橙色 &lt; 0，白色 0，蓝色 &gt; 0。</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>This layer has no bias (or runs along a sequence): δ is not drawn.</source>
        <translation>这一层没有偏置（或沿序列计算）：不画 δ。</translation>
    </message>
</context>
<context>
    <name>IdxPage</name>
    <message>
        <source>unsigned byte</source>
        <translation>无符号字节</translation>
    </message>
    <message>
        <source>signed byte</source>
        <translation>有符号字节</translation>
    </message>
    <message>
        <source>16-bit integer</source>
        <translation>16 位整数</translation>
    </message>
    <message>
        <source>32-bit integer</source>
        <translation>32 位整数</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>图像：</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose an IDX file</source>
        <translation>选择 IDX 文件</translation>
    </message>
    <message>
        <source>IDX files (*-ubyte *.idx *-ubyte.gz);;All files (*)</source>
        <translation>IDX 文件 (*-ubyte *.idx *-ubyte.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the file.</source>
        <translation>请选择文件。</translation>
    </message>
    <message>
        <source>{count} images of {shape} ({type})</source>
        <translation>{count} 张 {shape} 的图像（{type}）</translation>
    </message>
    <message>
        <source>{shape} labels ({type})</source>
        <translation>{shape} 个标签（{type}）</translation>
    </message>
    <message>
        <source>The images file: {problem}</source>
        <translation>图像文件：{problem}</translation>
    </message>
    <message>
        <source>The labels file: {problem}</source>
        <translation>标签文件：{problem}</translation>
    </message>
    <message>
        <source>The images file holds a list of single values, not images: choose the idx3 file.</source>
        <translation>图像文件只包含一列单个数值，而不是图像：请选择 idx3 文件。</translation>
    </message>
    <message>
        <source>The labels file holds an array of shape {shape}, not one label per image.</source>
        <translation>标签文件包含形状为 {shape} 的数组，而不是每张图像一个标签。</translation>
    </message>
    <message>
        <source>There are {images} images but {labels} labels.</source>
        <translation>共有 {images} 张图像，但有 {labels} 个标签。</translation>
    </message>
</context>
<context>
    <name>ImportArrayPages</name>
    <message>
        <source>a single value</source>
        <translation>单个数值</translation>
    </message>
    <message>
        <source>The array &quot;{name}&quot; holds Python objects (dtype object). nnstudio reads .npz files without unpickling, so it cannot use this array.</source>
        <translation>数组“{name}”包含 Python 对象（dtype object）。nnstudio 读取 .npz 文件时不做反序列化（unpickling），因此无法使用这个数组。</translation>
    </message>
    <message>
        <source>The array &quot;{name}&quot; holds {dtype} values, not real numbers.</source>
        <translation>数组“{name}”包含 {dtype} 类型的值，不是实数。</translation>
    </message>
    <message>
        <source>is not a readable .npz file ({error})</source>
        <translation>不是可读取的 .npz 文件（{error}）</translation>
    </message>
    <message>
        <source>holds no arrays</source>
        <translation>不包含任何数组</translation>
    </message>
    <message>
        <source>is not an IDX file (it does not start with an IDX magic number)</source>
        <translation>不是 IDX 文件（开头不是 IDX 魔数）</translation>
    </message>
    <message>
        <source>is cut short inside its header</source>
        <translation>在文件头内就被截断了</translation>
    </message>
    <message>
        <source>cannot be read ({error})</source>
        <translation>无法读取（{error}）</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Data files (*.csv *.tsv *.txt *.npz *-ubyte *.idx *-ubyte.gz);;CSV files (*.csv *.tsv *.txt);;NumPy archives (*.npz);;IDX files (*-ubyte *.idx *-ubyte.gz);;All files (*)</source>
        <translation>数据文件 (*.csv *.tsv *.txt *.npz *-ubyte *.idx *-ubyte.gz);;CSV 文件 (*.csv *.tsv *.txt);;NumPy 归档 (*.npz);;IDX 文件 (*-ubyte *.idx *-ubyte.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>不归一化</translation>
    </message>
    <message>
        <source>Standard (mean 0, deviation 1)</source>
        <translation>标准化（均值 0，标准差 1）</translation>
    </message>
    <message>
        <source>Min–max (0 to 1)</source>
        <translation>最小–最大（0 到 1）</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>NumPy archive</source>
        <translation>NumPy 归档</translation>
    </message>
    <message>
        <source>IDX files (MNIST format)</source>
        <translation>IDX 文件（MNIST 格式）</translation>
    </message>
    <message>
        <source>Import data — {name}</source>
        <translation>导入数据 — {name}</translation>
    </message>
    <message>
        <source>How input columns are scaled; the statistics come from the training rows</source>
        <translation>输入列如何缩放；统计量来自训练行</translation>
    </message>
    <message>
        <source>The fraction of samples, the last ones in the file, held out for validation</source>
        <translation>留作验证的样本比例（取文件中最后的那些样本）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Normalisation:</source>
        <translation>归一化：</translation>
    </message>
    <message>
        <source>Validation split:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <source>&lt;b&gt;{kind}&lt;/b&gt;: {path}</source>
        <translation>&lt;b&gt;{kind}&lt;/b&gt;：{path}</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>正在加载 {name}…</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>Imported {name}</source>
        <translation>已导入 {name}</translation>
    </message>
    <message>
        <source>Imported {name}: {inputs} inputs, {outputs} classes</source>
        <translation>已导入 {name}：{inputs} 个输入，{outputs} 个类别</translation>
    </message>
    <message>
        <source>Imported {name}: {inputs} inputs, {outputs} outputs</source>
        <translation>已导入 {name}：{inputs} 个输入，{outputs} 个输出</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>导入数据</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Select a node or a connection on the canvas to edit it here.

The Project, Data and Training tabs hold the settings of the whole project.</source>
        <translation>在画布上选择一个节点或连接，即可在这里编辑它。

“项目”“数据”“训练”选项卡包含整个项目的设置。</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选中项</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>1 node</source>
        <translation>1 个节点</translation>
    </message>
    <message>
        <source>{count} nodes</source>
        <translation>{count} 个节点</translation>
    </message>
    <message>
        <source>1 connection</source>
        <translation>1 个连接</translation>
    </message>
    <message>
        <source>{count} connections</source>
        <translation>{count} 个连接</translation>
    </message>
    <message>
        <source>{nodes} and {connections} selected</source>
        <translation>已选中 {nodes}和 {connections}</translation>
    </message>
    <message>
        <source>{items} selected</source>
        <translation>已选中 {items}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{what}&lt;/b&gt;&lt;br/&gt;&lt;br/&gt;Select a single node or connection to edit it.</source>
        <translation>&lt;b&gt;{what}&lt;/b&gt;&lt;br/&gt;&lt;br/&gt;选择单个节点或连接即可编辑它。</translation>
    </message>
</context>
<context>
    <name>InspectorParts</name>
    <message>
        <source>input {row}</source>
        <translation>输入 {row}</translation>
    </message>
    <message>
        <source>{name} pixel ({row}, {column})</source>
        <translation>{name} 的像素 ({row}, {column})</translation>
    </message>
</context>
<context>
    <name>InspectorText</name>
    <message>
        <source>unknown: {reason}</source>
        <translation>未知：{reason}</translation>
    </message>
</context>
<context>
    <name>KindDetails</name>
    <message>
        <source>{0} unit</source>
        <translation>{0} 个单元</translation>
    </message>
    <message>
        <source>{0} units</source>
        <translation>{0} 个单元</translation>
    </message>
    <message>
        <source>seq</source>
        <translation>全序列</translation>
    </message>
    <message>
        <source>last</source>
        <translation>末步</translation>
    </message>
    <message>
        <source>rate {0}</source>
        <translation>丢弃率 {0}</translation>
    </message>
    <message>
        <source>{0} filter {1}</source>
        <translation>{0} 个滤波器 {1}</translation>
    </message>
    <message>
        <source>{0} filters {1}</source>
        <translation>{0} 个滤波器 {1}</translation>
    </message>
    <message>
        <source>{0} filter {1} same</source>
        <translation>{0} 个滤波器 {1} same 填充</translation>
    </message>
    <message>
        <source>{0} filters {1} same</source>
        <translation>{0} 个滤波器 {1} same 填充</translation>
    </message>
    <message>
        <source>{0} filter {1} stride {2}</source>
        <translation>{0} 个滤波器 {1} 步长 {2}</translation>
    </message>
    <message>
        <source>{0} filters {1} stride {2}</source>
        <translation>{0} 个滤波器 {1} 步长 {2}</translation>
    </message>
    <message>
        <source>{0} filter {1} stride {2} same</source>
        <translation>{0} 个滤波器 {1} 步长 {2} same 填充</translation>
    </message>
    <message>
        <source>{0} filters {1} stride {2} same</source>
        <translation>{0} 个滤波器 {1} 步长 {2} same 填充</translation>
    </message>
    <message>
        <source>max {0}</source>
        <translation>最大 {0}</translation>
    </message>
    <message>
        <source>avg {0}</source>
        <translation>平均 {0}</translation>
    </message>
    <message>
        <source>max {0} stride {1}</source>
        <translation>最大 {0} 步长 {1}</translation>
    </message>
    <message>
        <source>avg {0} stride {1}</source>
        <translation>平均 {0} 步长 {1}</translation>
    </message>
    <message>
        <source>Reshapes any input into one vector</source>
        <translation>把任意输入展平成一个向量</translation>
    </message>
</context>
<context>
    <name>KindIcons</name>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Column of {count} neurons</source>
        <translation>{count} 个神经元的一列</translation>
    </message>
    <message>
        <source>Adds {count} neurons stacked one above the other: a layer you can see unit by unit. Each is y = f(Σ wᵢxᵢ + b); connect a column to another with Fully connect.</source>
        <translation>添加 {count} 个上下排列的神经元：一个能逐个单元看清的层。每个神经元计算 y = f(Σ wᵢxᵢ + b)；用“全连接”把一列连到另一列。</translation>
    </message>
    <message>
        <source>&lt;i&gt;Settings (defaults)&lt;/i&gt;&lt;br/&gt;{rows}</source>
        <translation>&lt;i&gt;设置（默认值）&lt;/i&gt;&lt;br/&gt;{rows}</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>1,797 handwritten digits, 8×8 pixels of 0..16 (UCI)</source>
        <translation>1,797 个手写数字，8×8 像素，取值 0..16（UCI）</translation>
    </message>
    <message>
        <source>A 2-D convolution over [channels, height, width] images: each filter, a kernel [in_channels, kh, kw], slides over the input and gives one output channel; y = f(W ⊛ x + b).</source>
        <translation>对 [channels, height, width] 图像做二维卷积：每个滤波器（一个卷积核 [in_channels, kh, kw]）在输入上滑动，给出一个输出通道；y = f(W ⊛ x + b)。</translation>
    </message>
    <message>
        <source>A fully connected layer: y = f(x·W + b), W of shape [in, units].</source>
        <translation>全连接层：y = f(x·W + b)，W 的形状为 [in, units]。</translation>
    </message>
    <message>
        <source>A gated recurrent unit layer over a [time, features] sequence: a reset gate r and an update gate z decide how much of the hidden state h to keep at each step (PyTorch&apos;s formula); outputs the last h, or every h_t with return_sequences.</source>
        <translation>在 [time, features] 序列上运行的门控循环单元层：重置门 r 和更新门 z 决定每个时间步保留多少隐藏状态 h（PyTorch 的公式）；输出最后的 h，开启 return_sequences 时输出每个 h_t。</translation>
    </message>
    <message>
        <source>A long short-term memory layer over a [time, features] sequence: input, forget and output gates decide what the cell state c keeps, so it can remember over many steps; outputs the last h, or every h_t with return_sequences.</source>
        <translation>在 [time, features] 序列上运行的长短期记忆层：输入门、遗忘门和输出门决定细胞状态 c 保留什么，因此它能跨越很多时间步记住信息；输出最后的 h，开启 return_sequences 时输出每个 h_t。</translation>
    </message>
    <message>
        <source>A plain recurrent layer over a [time, features] sequence: h_t = act(x_t·Wx + h_{t−1}·Wh + b), from h_0 = 0; outputs the last h, or every h_t with return_sequences.</source>
        <translation>在 [time, features] 序列上运行的普通循环层：h_t = act(x_t·Wx + h_{t−1}·Wh + b)，从 h_0 = 0 开始；输出最后的 h，开启 return_sequences 时输出每个 h_t。</translation>
    </message>
    <message>
        <source>AND truth table</source>
        <translation>AND 真值表</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha 参数</translation>
    </message>
    <message>
        <source>Applies a function element by element (softmax: over the last axis).</source>
        <translation>对每个元素应用一个函数（softmax：沿最后一个轴）。</translation>
    </message>
    <message>
        <source>Arms</source>
        <translation>臂数</translation>
    </message>
    <message>
        <source>Average pooling over [channels, height, width] images: each output is the mean of its pool_size window, channel by channel; rows and columns past the last whole window are left out.</source>
        <translation>对 [channels, height, width] 图像做平均池化：每个输出是其 pool_size 窗口的平均值，逐通道计算；最后一个完整窗口之后的行和列被舍去。</translation>
    </message>
    <message>
        <source>AvgPool2D</source>
        <translation>AvgPool2D 平均池化</translation>
    </message>
    <message>
        <source>Bit parity</source>
        <translation>比特奇偶</translation>
    </message>
    <message>
        <source>Bit sum</source>
        <translation>比特求和</translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation>团簇</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Conv2D</source>
        <translation>Conv2D 卷积层</translation>
    </message>
    <message>
        <source>Dense layer</source>
        <translation>Dense 全连接层</translation>
    </message>
    <message>
        <source>Drop rate</source>
        <translation>丢弃率</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout 随机失活</translation>
    </message>
    <message>
        <source>Feeds one group of dataset columns into the network. Shape [n] takes n columns; [channels, height, width] takes images; [time, features] sequences.</source>
        <translation>把数据集的一组列送入网络。形状 [n] 读取 n 列；[channels, height, width] 读取图像；[time, features] 读取序列。</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>滤波器数</translation>
    </message>
    <message>
        <source>First bit</source>
        <translation>第一个比特</translation>
    </message>
    <message>
        <source>Flatten</source>
        <translation>Flatten 展平</translation>
    </message>
    <message>
        <source>Function applied at every step</source>
        <translation>每个时间步应用的函数</translation>
    </message>
    <message>
        <source>Function applied to each weighted sum (elementwise)</source>
        <translation>对每个加权和应用的函数（逐元素）</translation>
    </message>
    <message>
        <source>Function applied to the weighted sum</source>
        <translation>对加权和应用的函数</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU 门控循环单元</translation>
    </message>
    <message>
        <source>Gaussian bump</source>
        <translation>高斯凸包</translation>
    </message>
    <message>
        <source>Gaussian clouds on a circle, one class each</source>
        <translation>排在一个圆上的高斯团簇，每团一个类别</translation>
    </message>
    <message>
        <source>Handwritten digits 8×8</source>
        <translation>8×8 手写数字</translation>
    </message>
    <message>
        <source>How W starts when params.W is absent</source>
        <translation>没有 params.W 时 W 的初始化方式</translation>
    </message>
    <message>
        <source>How W starts when params.W is absent (fan-in channels·kh·kw, fan-out filters·kh·kw)</source>
        <translation>没有 params.W 时 W 的初始化方式（fan-in 为 channels·kh·kw，fan-out 为 filters·kh·kw）</translation>
    </message>
    <message>
        <source>How edge weights without a value start</source>
        <translation>没有值的边权重的初始化方式</translation>
    </message>
    <message>
        <source>Init scale</source>
        <translation>初始化尺度</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Input 输入</translation>
    </message>
    <message>
        <source>Kernel height and width: 3 or [3, 5]</source>
        <translation>卷积核的高和宽：3 或 [3, 5]</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>卷积核大小</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM 长短期记忆</translation>
    </message>
    <message>
        <source>Marked bit</source>
        <translation>被标记的比特</translation>
    </message>
    <message>
        <source>Max pooling over [channels, height, width] images: each output is the largest value of its pool_size window, channel by channel; rows and columns past the last whole window are left out.</source>
        <translation>对 [channels, height, width] 图像做最大池化：每个输出是其 pool_size 窗口中的最大值，逐通道计算；最后一个完整窗口之后的行和列被舍去。</translation>
    </message>
    <message>
        <source>MaxPool2D</source>
        <translation>MaxPool2D 最大池化</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>NAND truth table</source>
        <translation>NAND 真值表</translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation>Neuron 神经元</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Number of filters: the output&apos;s channels</source>
        <translation>滤波器个数：即输出的通道数</translation>
    </message>
    <message>
        <source>Number of units</source>
        <translation>单元个数</translation>
    </message>
    <message>
        <source>OR truth table</source>
        <translation>OR 真值表</translation>
    </message>
    <message>
        <source>One unit: y = f(Σ wᵢxᵢ + b). Its incoming weights live on the edges and its bias in params.b.</source>
        <translation>一个单元：y = f(Σ wᵢxᵢ + b)。它的输入权重在边上，偏置在 params.b 中。</translation>
    </message>
    <message>
        <source>Output the hidden state of every time step ([time, units]) instead of the last one ([units])</source>
        <translation>输出每个时间步的隐藏状态（[time, units]），而不只是最后一个（[units]）</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>周期数</translation>
    </message>
    <message>
        <source>Plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>池化窗口大小</translation>
    </message>
    <message>
        <source>Probability of dropping a value</source>
        <translation>丢弃一个值的概率</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>Reshapes any input into one vector.</source>
        <translation>把任意输入展平成一个向量。</translation>
    </message>
    <message>
        <source>Return sequences</source>
        <translation>返回序列</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Shape of one sample</source>
        <translation>一个样本的形状</translation>
    </message>
    <message>
        <source>Simple RNN</source>
        <translation>简单 RNN</translation>
    </message>
    <message>
        <source>Sine</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>Sine: next value</source>
        <translation>正弦：下一个值</translation>
    </message>
    <message>
        <source>Size of the hidden state h</source>
        <translation>隐藏状态 h 的大小</translation>
    </message>
    <message>
        <source>Slope for leaky_relu (0 means 0.01), scale for elu (0 means 1)</source>
        <translation>leaky_relu 的斜率（0 表示 0.01），elu 的尺度（0 表示 1）</translation>
    </message>
    <message>
        <source>Slope for leaky_relu (0 means 0.01), scale for elu (0 means 1), starting slope for prelu (0 means 0.25)</source>
        <translation>leaky_relu 的斜率（0 表示 0.01），elu 的尺度（0 表示 1），prelu 的初始斜率（0 表示 0.25）</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>离散度</translation>
    </message>
    <message>
        <source>Starting bias</source>
        <translation>初始偏置</translation>
    </message>
    <message>
        <source>Starting bias when params.b is absent</source>
        <translation>没有 params.b 时的初始偏置</translation>
    </message>
    <message>
        <source>Step between windows, rows and columns: 1 or [2, 1]</source>
        <translation>窗口之间的步长（行和列）：1 或 [2, 1]</translation>
    </message>
    <message>
        <source>Step between windows: empty for the pool size (windows side by side)</source>
        <translation>窗口之间的步长：留空则等于池化窗口大小（窗口紧挨着排列）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>Target encoding</source>
        <translation>目标编码</translation>
    </message>
    <message>
        <source>The value for the constant initialiser, the bound ±scale for uniform, the standard deviation for normal</source>
        <translation>constant 初始化的值、uniform 的范围 ±scale、normal 的标准差</translation>
    </message>
    <message>
        <source>Train bias</source>
        <translation>训练偏置</translation>
    </message>
    <message>
        <source>Train weights</source>
        <translation>训练权重</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>圈数</translation>
    </message>
    <message>
        <source>Two Gaussians</source>
        <translation>两个高斯团</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <source>Use a bias</source>
        <translation>使用偏置</translation>
    </message>
    <message>
        <source>Whether each filter adds a bias b</source>
        <translation>每个滤波器是否加上偏置 b</translation>
    </message>
    <message>
        <source>Whether the layer adds a bias b</source>
        <translation>该层是否加上偏置 b</translation>
    </message>
    <message>
        <source>Whether training updates W</source>
        <translation>训练时是否更新 W</translation>
    </message>
    <message>
        <source>Whether training updates W (and alpha)</source>
        <translation>训练时是否更新 W（以及 alpha）</translation>
    </message>
    <message>
        <source>Whether training updates b</source>
        <translation>训练时是否更新 b</translation>
    </message>
    <message>
        <source>Whether training updates the bias</source>
        <translation>训练时是否更新偏置</translation>
    </message>
    <message>
        <source>While training, zeroes each value with probability `rate` and scales the rest by 1/(1−rate); passes values through unchanged otherwise.</source>
        <translation>训练时以概率 `rate` 把每个值置零，并把其余的值乘以 1/(1−rate)；其他时候原样传递。</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Window height and width: 2 or [2, 3]</source>
        <translation>窗口的高和宽：2 或 [2, 3]</translation>
    </message>
    <message>
        <source>XNOR truth table</source>
        <translation>XNOR 真值表</translation>
    </message>
    <message>
        <source>XOR quadrants</source>
        <translation>XOR 象限</translation>
    </message>
    <message>
        <source>XOR truth table</source>
        <translation>XOR 真值表</translation>
    </message>
    <message>
        <source>a Gaussian bump of height 1 over [-6, 6]²</source>
        <translation>[-6, 6]² 上高度为 1 的高斯凸包</translation>
    </message>
    <message>
        <source>a disc of class 1 inside a ring of class 0</source>
        <translation>类别 1 的圆盘，外面是类别 0 的圆环</translation>
    </message>
    <message>
        <source>bits in each sequence</source>
        <translation>每个序列中的比特数</translation>
    </message>
    <message>
        <source>class 1 where x1 and x2 have different signs (TensorFlow Playground&apos;s exclusive or)</source>
        <translation>x1 和 x2 符号不同处为类别 1（TensorFlow Playground 的异或）</translation>
    </message>
    <message>
        <source>count the 1s in a random bit sequence</source>
        <translation>数出随机比特序列中 1 的个数</translation>
    </message>
    <message>
        <source>how many periods of the sine x spans</source>
        <translation>x 覆盖正弦的多少个周期</translation>
    </message>
    <message>
        <source>how many samples to generate</source>
        <translation>要生成多少个样本</translation>
    </message>
    <message>
        <source>how many times the four rows are repeated</source>
        <translation>四行数据重复多少次</translation>
    </message>
    <message>
        <source>index: int64 class indices (sparse_categorical_crossentropy); onehot: one-hot rows</source>
        <translation>index：int64 类别索引（sparse_categorical_crossentropy）；onehot：one-hot 行</translation>
    </message>
    <message>
        <source>interleaved spiral arms, one class per arm</source>
        <translation>交错的螺旋臂，每条臂一个类别</translation>
    </message>
    <message>
        <source>is the number of 1s odd? (many-input XOR)</source>
        <translation>1 的个数是奇数吗？（多输入 XOR）</translation>
    </message>
    <message>
        <source>mean of (t − y)² over samples and outputs</source>
        <translation>(t − y)² 在样本和输出上的平均值</translation>
    </message>
    <message>
        <source>number of arms, one class each</source>
        <translation>臂的条数，每条一个类别</translation>
    </message>
    <message>
        <source>number of clouds, one class each</source>
        <translation>团簇个数，每团一个类别</translation>
    </message>
    <message>
        <source>predict the next value of a noisy sine from the last few</source>
        <translation>根据最近几个值预测带噪声正弦的下一个值</translation>
    </message>
    <message>
        <source>random seed: the same seed gives the same samples</source>
        <translation>随机种子：相同的种子给出相同的样本</translation>
    </message>
    <message>
        <source>standard deviation of Gaussian noise added to the bits</source>
        <translation>加到比特上的高斯噪声的标准差</translation>
    </message>
    <message>
        <source>standard deviation of Gaussian noise added to the inputs</source>
        <translation>加到输入上的高斯噪声的标准差</translation>
    </message>
    <message>
        <source>standard deviation of Gaussian noise added to the pixels</source>
        <translation>加到像素上的高斯噪声的标准差</translation>
    </message>
    <message>
        <source>standard deviation of Gaussian noise added to the points</source>
        <translation>加到数据点上的高斯噪声的标准差</translation>
    </message>
    <message>
        <source>standard deviation of Gaussian noise added to the target</source>
        <translation>加到目标上的高斯噪声的标准差</translation>
    </message>
    <message>
        <source>standard deviation of Gaussian noise added to the window&apos;s values</source>
        <translation>加到窗口中各值上的高斯噪声的标准差</translation>
    </message>
    <message>
        <source>standard deviation of each cloud</source>
        <translation>每个团簇的标准差</translation>
    </message>
    <message>
        <source>standard deviation of the bump</source>
        <translation>凸包的标准差</translation>
    </message>
    <message>
        <source>steps in each sequence</source>
        <translation>每个序列的时间步数</translation>
    </message>
    <message>
        <source>steps per period of the sine</source>
        <translation>正弦每个周期的步数</translation>
    </message>
    <message>
        <source>truth table of AND: 1 only when both inputs are 1</source>
        <translation>AND 的真值表：只有两个输入都为 1 时才为 1</translation>
    </message>
    <message>
        <source>truth table of NAND: 0 only when both inputs are 1</source>
        <translation>NAND 的真值表：只有两个输入都为 1 时才为 0</translation>
    </message>
    <message>
        <source>truth table of OR: 1 when either input is 1</source>
        <translation>OR 的真值表：任一输入为 1 时为 1</translation>
    </message>
    <message>
        <source>truth table of XNOR: 1 when both inputs are equal (needs a hidden layer)</source>
        <translation>XNOR 的真值表：两个输入相等时为 1（需要隐藏层）</translation>
    </message>
    <message>
        <source>truth table of XOR: 1 when exactly one input is 1 (needs a hidden layer)</source>
        <translation>XOR 的真值表：恰好一个输入为 1 时为 1（需要隐藏层）</translation>
    </message>
    <message>
        <source>turns of each arm</source>
        <translation>每条臂的圈数</translation>
    </message>
    <message>
        <source>two Gaussian clouds, one per class</source>
        <translation>两个高斯团簇，每个类别一个</translation>
    </message>
    <message>
        <source>two interleaved half circles</source>
        <translation>两个交错的半圆</translation>
    </message>
    <message>
        <source>valid: only windows that fit (the output shrinks); same: zero padding so that the output is ceil(input / stride), the extra row or column at the bottom/right</source>
        <translation>valid：只用放得下的窗口（输出变小）；same：补零，使输出为 ceil(input / stride)，多出的行或列补在底部/右侧</translation>
    </message>
    <message>
        <source>values in each window</source>
        <translation>每个窗口中的值个数</translation>
    </message>
    <message>
        <source>what was the first bit? (remembering over many steps)</source>
        <translation>第一个比特是什么？（跨越很多步的记忆）</translation>
    </message>
    <message>
        <source>which bit did the marker point at, many steps ago? (gated memory)</source>
        <translation>很多步之前标记指向的是哪个比特？（门控记忆）</translation>
    </message>
    <message>
        <source>y = (x1 + x2) / 12 over [-6, 6]²</source>
        <translation>[-6, 6]² 上的 y = (x1 + x2) / 12</translation>
    </message>
    <message>
        <source>y = +1 if z ≥ 0 else −1</source>
        <translation>z ≥ 0 时 y = +1，否则 y = −1</translation>
    </message>
    <message>
        <source>y = 1 if z ≥ 0 else 0</source>
        <translation>z ≥ 0 时 y = 1，否则 y = 0</translation>
    </message>
    <message>
        <source>y = e^z / Σ e^z over the last axis</source>
        <translation>y = e^z / Σ e^z（沿最后一个轴求和）</translation>
    </message>
    <message>
        <source>y = sin(x), one input</source>
        <translation>y = sin(x)，一个输入</translation>
    </message>
    <message>
        <source>y = z if z &gt; 0 else alpha·(e^z − 1)</source>
        <translation>z &gt; 0 时 y = z，否则 y = alpha·(e^z − 1)</translation>
    </message>
    <message>
        <source>y = z if z ≥ 0 else alpha·z</source>
        <translation>z ≥ 0 时 y = z，否则 y = alpha·z</translation>
    </message>
    <message>
        <source>y = z if z ≥ 0 else alpha·z, alpha learned</source>
        <translation>z ≥ 0 时 y = z，否则 y = alpha·z；alpha 由训练学习</translation>
    </message>
    <message>
        <source>½·Σ (t − y)² over outputs, averaged over samples</source>
        <translation>对各输出求 ½·Σ (t − y)²，再对样本取平均</translation>
    </message>
    <message>
        <source>−log y[class], averaged over samples (integer targets)</source>
        <translation>−log y[class]，对样本取平均（整数目标）</translation>
    </message>
    <message>
        <source>−mean of t·log y + (1 − t)·log(1 − y)</source>
        <translation>−(t·log y + (1 − t)·log(1 − y)) 的平均值</translation>
    </message>
    <message>
        <source>−Σ t·log y over classes, averaged over samples (one-hot targets)</source>
        <translation>对各类别求 −Σ t·log y，再对样本取平均（one-hot 目标）</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>The new language is used when nnstudio starts again.</source>
        <translation>新的语言将在下次启动 nnstudio 时生效。</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>Lesson {number} · {title}</source>
        <translation>第 {number} 课 · {title}</translation>
    </message>
    <message>
        <source>What to watch</source>
        <translation>看什么</translation>
    </message>
    <message>
        <source>Things to try</source>
        <translation>试一试</translation>
    </message>
    <message>
        <source>Examples of this lesson</source>
        <translation>本课的例子</translation>
    </message>
    <message>
        <source>To compare runs: after training, choose Compare ▸ Keep for comparison in the Loss panel, then open the next example and train it. The kept loss curve stays drawn, dashed, beside it.</source>
        <translation>比较几次训练：训练后在损失面板中选择“比较 ▸ 保留以便比较…”，然后打开下一个例子并训练。保留的损失曲线会以虚线留在旁边。</translation>
    </message>
</context>
<context>
    <name>LessonDock</name>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
</context>
<context>
    <name>LiveCanvas</name>
    <message>
        <source>x = ({inputs}) → target {target}</source>
        <translation>x = ({inputs}) → 目标 {target}</translation>
    </message>
</context>
<context>
    <name>LiveViews</name>
    <message>
        <source>Pause or stop training to edit the network</source>
        <translation>暂停或停止训练后才能编辑网络</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
</context>
<context>
    <name>Loading</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Loading data</source>
        <translation>正在载入数据</translation>
    </message>
</context>
<context>
    <name>LoadingBar</name>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop loading the data file</source>
        <translation>停止加载数据文件</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Load the data file again</source>
        <translation>再次加载数据文件</translation>
    </message>
    <message>
        <source>Loading cancelled —</source>
        <translation>已取消加载 —</translation>
    </message>
    <message>
        <source>Loading {name}… {percent} %</source>
        <translation>正在加载 {name}… {percent} %</translation>
    </message>
</context>
<context>
    <name>LossComparison</name>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Keep this loss curve, open another project or example and train it: the kept curves stay drawn, dashed, for comparison</source>
        <translation>保留这条损失曲线，再打开另一个项目或例子并训练：保留的曲线以虚线留在图中，便于比较</translation>
    </message>
    <message>
        <source>Kept run</source>
        <translation>保留的训练</translation>
    </message>
    <message>
        <source>{label} (validation)</source>
        <translation>{label}（验证）</translation>
    </message>
    <message>
        <source>Keep for comparison</source>
        <translation>保留以便比较</translation>
    </message>
    <message>
        <source>Name of the kept loss curve:</source>
        <translation>保留的损失曲线的名称：</translation>
    </message>
    <message>
        <source>Keep for comparison…</source>
        <translation>保留以便比较…</translation>
    </message>
    <message>
        <source>Keep the loss curve shown now, drawn dashed after another project is opened</source>
        <translation>保留当前显示的损失曲线，打开其他项目后以虚线显示</translation>
    </message>
    <message>
        <source>Remove “{label}”</source>
        <translation>移除“{label}”</translation>
    </message>
    <message>
        <source>Clear comparison</source>
        <translation>清除比较</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis (ticked by itself when the loss spans many powers of ten, as an exploding loss does)</source>
        <translation>用对数坐标轴显示损失（当损失跨越多个数量级时会自动勾选，例如损失爆炸时）</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Follow the whole run (or double-click the plot)</source>
        <translation>跟随整个训练过程（或双击图表）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>No training yet: press Train (F5)</source>
        <translation>还没有训练：按“训练”（F5）</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>per batch</source>
        <translation>每批</translation>
    </message>
    <message>
        <source>epoch {epoch:,} / {total:,}</source>
        <translation>第 {epoch:,} / {total:,} 轮</translation>
    </message>
    <message>
        <source>epoch {epoch:,}</source>
        <translation>第 {epoch:,} 轮</translation>
    </message>
    <message>
        <source>loss {value}</source>
        <translation>损失 {value}</translation>
    </message>
    <message>
        <source>val {value}</source>
        <translation>验证 {value}</translation>
    </message>
    <message>
        <source>acc {value}</source>
        <translation>准确率 {value}</translation>
    </message>
    <message>
        <source>val acc {value}</source>
        <translation>验证准确率 {value}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>(as opened)</source>
        <translation>（打开时的状态）</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>组件库</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <source>Backprop</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Drag nodes from the palette onto the canvas, or double-click one to add it.</source>
        <translation>从组件库把节点拖到画布上，或双击一个节点来添加它。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to {name}?</source>
        <translation>保存对 {name} 的更改吗？</translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation>如果不保存，你的更改将会丢失。</translation>
    </message>
</context>
<context>
    <name>NetworkPicture</name>
    <message>
        <source>nnstudio network</source>
        <translation>nnstudio 网络</translation>
    </message>
</context>
<context>
    <name>NodeForm</name>
    <message>
        <source>The name shown on the canvas, in plots and in messages</source>
        <translation>在画布、图表和消息中显示的名称</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Network output</source>
        <translation>网络输出</translation>
    </message>
    <message>
        <source>List this node in the project&apos;s outputs: the dataset&apos;s target columns are compared with the outputs, in order</source>
        <translation>将这个节点列入项目的输出：数据集的目标列按顺序与各输出比较</translation>
    </message>
    <message>
        <source>The shape this node receives → the shape it outputs (one sample)</source>
        <translation>这个节点接收的形状 → 它输出的形状（单个样本）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>In → out</source>
        <translation>输入 → 输出</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Forget the stored values: training starts them afresh from the initializer</source>
        <translation>清除保存的数值：训练时由初始化方法重新生成</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>none yet: random at start</source>
        <translation>暂无：开始时随机生成</translation>
    </message>
    <message>
        <source>Drawn by {init} from the training seed when training starts</source>
        <translation>训练开始时由 {init} 根据训练种子抽取</translation>
    </message>
    <message>
        <source>Reset {name} parameters</source>
        <translation>重置 {name} 的参数</translation>
    </message>
</context>
<context>
    <name>NpzPage</name>
    <message>
        <source>Array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>{dtype} — refused</source>
        <translation>{dtype} — 不可用</translation>
    </message>
    <message>
        <source>Inputs array:</source>
        <translation>输入数组：</translation>
    </message>
    <message>
        <source>Targets array:</source>
        <translation>目标数组：</translation>
    </message>
    <message>
        <source>The arrays in {name}:</source>
        <translation>{name} 中的数组：</translation>
    </message>
    <message>
        <source>The array &quot;{name}&quot; is a single value; it needs one row per sample.</source>
        <translation>数组“{name}”只是单个数值；它需要每个样本一行。</translation>
    </message>
    <message>
        <source>Choose different arrays for the inputs and the targets.</source>
        <translation>请为输入和目标选择不同的数组。</translation>
    </message>
    <message>
        <source>The array &quot;{inputs}&quot; has {inputs_count} samples but &quot;{targets}&quot; has {targets_count}.</source>
        <translation>数组“{inputs}”有 {inputs_count} 个样本，但“{targets}”有 {targets_count} 个。</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Type to show only the matching kinds; Enter adds the first match</source>
        <translation>输入文字只显示匹配的组件；按 Enter 添加第一个匹配项</translation>
    </message>
    <message>
        <source>Drag onto the canvas, or double-click to add.</source>
        <translation>拖到画布上，或双击添加。</translation>
    </message>
    <message>
        <source>How many neurons the “Column of neurons” entry adds</source>
        <translation>“一列神经元”条目添加的神经元个数</translation>
    </message>
    <message>
        <source>Neurons per column</source>
        <translation>每列神经元数</translation>
    </message>
    <message>
        <source>Column of {count} neurons</source>
        <translation>一列 {count} 个神经元</translation>
    </message>
</context>
<context>
    <name>PartForm</name>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>The bias b[unit] added to this unit&apos;s weighted sum</source>
        <translation>加到这个单元加权和上的偏置 b[unit]</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>Its values cannot be worked out yet: {reason}</source>
        <translation>暂时无法算出它的数值：{reason}</translation>
    </message>
    <message>
        <source>Not stored yet: these are the values training will start from, drawn from the seed. Editing one stores the whole array.</source>
        <translation>尚未保存：这些是训练的起始值，由种子随机生成。编辑其中一个会保存整个数组。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pixel ({row}, {column}) of {name} (input)&lt;/b&gt;</source>
        <translation>&lt;b&gt;{name}（输入）的像素 ({row}, {column})&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Value {number} of {name} (input)&lt;/b&gt;</source>
        <translation>&lt;b&gt;{name}（输入）的第 {number} 个值&lt;/b&gt;</translation>
    </message>
    <message>
        <source>One number of each sample: the neurons it connects to weight it.</source>
        <translation>每个样本中的一个数：与它相连的神经元对它加权。</translation>
    </message>
    <message>
        <source>&lt;b&gt;W[{row}, {column}] of {name}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{name} 的 W[{row}, {column}]&lt;/b&gt;</translation>
    </message>
    <message>
        <source>From {source} to unit {unit}</source>
        <translation>从 {source} 到单元 {unit}</translation>
    </message>
    <message>
        <source>This weight&apos;s value: editing it is one undo step</source>
        <translation>这个权重的值：每次编辑是一个撤销步骤</translation>
    </message>
    <message>
        <source>Frozen: training does not change this layer&apos;s weights (its Train weights setting is off).</source>
        <translation>已冻结：训练不会改变这一层的权重（它的“训练权重”设置已关闭）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Unit {unit} of {layer}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{layer} 的单元 {unit}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This layer has no bias (its Use a bias setting is off)</source>
        <translation>这一层没有偏置（它的“使用偏置”设置已关闭）</translation>
    </message>
    <message>
        <source>Frozen bias: training does not change this layer&apos;s biases.</source>
        <translation>偏置已冻结：训练不会改变这一层的偏置。</translation>
    </message>
    <message>
        <source>Frozen: training does not change this layer&apos;s weights.</source>
        <translation>已冻结：训练不会改变这一层的权重。</translation>
    </message>
    <message>
        <source>Largest |weight|: {value}</source>
        <translation>最大 |权重|：{value}</translation>
    </message>
    <message>
        <source>Its {count:,} incoming weights, as the {height}×{width} image they look at</source>
        <translation>它的 {count:,} 个输入权重，排成它们所看的 {height}×{width} 图像</translation>
    </message>
    <message>
        <source>Its {count:,} incoming weights</source>
        <translation>它的 {count:,} 个输入权重</translation>
    </message>
    <message>
        <source>Cannot change it: {reason}</source>
        <translation>无法更改：{reason}</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG pictures (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>{path} cannot be written</source>
        <translation>无法写入 {path}</translation>
    </message>
    <message>
        <source>The panel shows no numbers to export yet.</source>
        <translation>面板还没有可导出的数据。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Picture as PNG…</source>
        <translation>图片（PNG）…</translation>
    </message>
    <message>
        <source>Picture as SVG…</source>
        <translation>图片（SVG）…</translation>
    </message>
    <message>
        <source>Data as CSV…</source>
        <translation>数据（CSV）…</translation>
    </message>
    <message>
        <source>Export {name} as {format}</source>
        <translation>将{name}导出为 {format}</translation>
    </message>
    <message>
        <source>The {name} panel cannot be exported: {reason}</source>
        <translation>无法导出{name}面板：{reason}</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the {name} plot as a picture (PNG, SVG) or its numbers as CSV</source>
        <translation>把{name}图保存为图片（PNG、SVG），或把其中的数据保存为 CSV</translation>
    </message>
</context>
<context>
    <name>PointsView</name>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>The network is ready: add samples in the Data tab to train it.</source>
        <translation>网络已就绪：请在数据选项卡中添加样本，然后训练。</translation>
    </message>
    <message>
        <source>The network is ready to train.</source>
        <translation>网络已就绪，可以训练。</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message>
        <source>Training: {what}
{advice}</source>
        <translation>训练：{what}
{advice}</translation>
    </message>
    <message>
        <source>Warning about the last run — click to show the training settings</source>
        <translation>关于上次训练的警告——点击显示训练设置</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 个错误</translation>
    </message>
    <message>
        <source>{count} errors</source>
        <translation>{count} 个错误</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 个警告</translation>
    </message>
    <message>
        <source>{count} warnings</source>
        <translation>{count} 个警告</translation>
    </message>
    <message>
        <source>{errors} and {warnings}: errors stop training.</source>
        <translation>{errors}和 {warnings}：有错误时不能训练。</translation>
    </message>
    <message>
        <source>{errors}: errors stop training.</source>
        <translation>{errors}：有错误时不能训练。</translation>
    </message>
    <message>
        <source>{warnings}: training can still run.</source>
        <translation>{warnings}：仍然可以训练。</translation>
    </message>
    <message>
        <source>Error — click to show the node</source>
        <translation>错误——点击显示该节点</translation>
    </message>
    <message>
        <source>Warning — click to show the node</source>
        <translation>警告——点击显示该节点</translation>
    </message>
    <message>
        <source>Error — click to show the connection</source>
        <translation>错误——点击显示该连接</translation>
    </message>
    <message>
        <source>Warning — click to show the connection</source>
        <translation>警告——点击显示该连接</translation>
    </message>
    <message>
        <source>Error — click to show the setting</source>
        <translation>错误——点击显示该设置</translation>
    </message>
    <message>
        <source>Warning — click to show the setting</source>
        <translation>警告——点击显示该设置</translation>
    </message>
</context>
<context>
    <name>ProcessWorker</name>
    <message>
        <source>The project cannot be trained: a weight or a setting is not a finite number (NaN or infinity). Reset weights starts afresh.</source>
        <translation>无法训练此项目：某个权重或设置不是有限的数（NaN 或无穷大）。“重置权重”可以从头开始。</translation>
    </message>
    <message>
        <source>The training process could not be started: {error}. NNSTUDIO_TRAINING=thread trains inside the window instead.</source>
        <translation>无法启动训练进程：{error}。设置 NNSTUDIO_TRAINING=thread 可改为在窗口内训练。</translation>
    </message>
    <message>
        <source>The training process ended unexpectedly (exit code {code}).</source>
        <translation>训练进程意外结束（退出码 {code}）。</translation>
    </message>
</context>
<context>
    <name>ProjectTab</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>What this network shows, and what to try with it</source>
        <translation>这个网络展示什么，可以用它尝试什么</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Inputs → outputs</source>
        <translation>输入 → 输出</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>{nodes}, {connections}</source>
        <translation>{nodes}，{connections}</translation>
    </message>
    <message>
        <source>1 node</source>
        <translation>1 个节点</translation>
    </message>
    <message>
        <source>{count} nodes</source>
        <translation>{count} 个节点</translation>
    </message>
    <message>
        <source>1 connection</source>
        <translation>1 个连接</translation>
    </message>
    <message>
        <source>{count} connections</source>
        <translation>{count} 个连接</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>尚未保存</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>nnstudio closed without saving these projects. Their last autosaves can be opened again.

Recover opens the selected project with your changes, not yet saved. Discard deletes its autosave for good. Later keeps them all and asks again at the next start.</source>
        <translation>nnstudio 关闭时没有保存这些项目。可以重新打开它们最后的自动保存。

“恢复”会打开所选项目，包含你的修改，但尚未保存。“丢弃”会永久删除它的自动保存。“稍后”会保留全部自动保存，并在下次启动时再次询问。</translation>
    </message>
    <message>
        <source>nnstudio closed without saving this project. Its last autosave can be opened again.

Recover opens it with your changes, not yet saved. Discard deletes the autosave for good. Later keeps it and asks again at the next start.</source>
        <translation>nnstudio 关闭时没有保存这个项目。可以重新打开它最后的自动保存。

“恢复”会打开它，包含你的修改，但尚未保存。“丢弃”会永久删除该自动保存。“稍后”会保留它，并在下次启动时再次询问。</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Original file</source>
        <translation>原文件</translation>
    </message>
    <message>
        <source>Autosaved</source>
        <translation>自动保存时间</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Open the selected project with its unsaved changes</source>
        <translation>打开所选项目及其未保存的修改</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Delete the selected autosave for good</source>
        <translation>永久删除所选的自动保存</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Keep the autosaves and ask again at the next start</source>
        <translation>保留自动保存，下次启动时再次询问</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>未知时间</translation>
    </message>
    <message>
        <source>never saved</source>
        <translation>从未保存</translation>
    </message>
</context>
<context>
    <name>SampleBar</name>
    <message>
        <source>Previous sample ( [ )</source>
        <translation>上一个样本（ [ ）</translation>
    </message>
    <message>
        <source>Next sample ( ] )</source>
        <translation>下一个样本（ ] ）</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>映射图</translation>
    </message>
    <message>
        <source>Show each neuron&apos;s output over the input plane, and the feature maps of conv and pool blocks for this sample</source>
        <translation>显示每个神经元在输入平面上的输出，以及该样本在卷积块和池化块中的特征图</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sample&lt;/b&gt;</source>
        <translation>&lt;b&gt;样本&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{number:,} / {count:,} of {total:,}</source>
        <translation>{number:,} / {count:,}（共 {total:,}）</translation>
    </message>
    <message>
        <source>Node outputs are computed for the first {count:,} of the {total:,} samples.</source>
        <translation>只为 {total:,} 个样本中的前 {count:,} 个计算节点输出。</translation>
    </message>
</context>
<context>
    <name>SamplesModel</name>
    <message>
        <source>set</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
</context>
<context>
    <name>SequenceView</name>
    <message>
        <source>time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>sample {index}</source>
        <translation>样本 {index}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Connect two nodes</source>
        <translation>连接两个节点</translation>
    </message>
    <message>
        <source>Drag from an output port to a node</source>
        <translation>从输出端口拖到一个节点</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Middle button drag, or Space + drag</source>
        <translation>按住中键拖动，或 Space + 拖动</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>Select several</source>
        <translation>多选</translation>
    </message>
    <message>
        <source>Rubber band, or Ctrl + click</source>
        <translation>框选，或 Ctrl + 单击</translation>
    </message>
    <message>
        <source>Insert a node</source>
        <translation>插入节点</translation>
    </message>
    <message>
        <source>Drag from the palette, or double-click it</source>
        <translation>从组件库拖出，或双击它</translation>
    </message>
    <message>
        <source>Next / previous sample shown on the canvas</source>
        <translation>画布上显示的下一个 / 上一个样本</translation>
    </message>
    <message>
        <source>Backprop panel: next / previous step</source>
        <translation>反向传播面板：下一步 / 上一步</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SourceForm</name>
    <message>
        <source>Inline table</source>
        <translation>内嵌表格</translation>
    </message>
    <message>
        <source>Built-in dataset</source>
        <translation>内置数据集</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Where the samples come from: typed into a table, generated by nnstudio, or read from a CSV, NumPy or IDX file</source>
        <translation>样本的来源：在表格中输入、由 nnstudio 生成，或从 CSV、NumPy 或 IDX 文件读取</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Choose a CSV, NumPy .npz or IDX file and how its columns feed the network</source>
        <translation>选择 CSV、NumPy .npz 或 IDX 文件，以及其各列如何输入网络</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Pick a dataset: the network&apos;s input and output are fitted to it.</source>
        <translation>请选择一个数据集：网络的输入和输出会随之调整。</translation>
    </message>
    <message>
        <source>{description}.</source>
        <translation>{description}。</translation>
    </message>
    <message>
        <source>{count} class</source>
        <translation>{count} 个类别</translation>
    </message>
    <message>
        <source>{count} classes</source>
        <translation>{count} 个类别</translation>
    </message>
    <message>
        <source>1 output (class 0 or 1)</source>
        <translation>1 个输出（类别 0 或 1）</translation>
    </message>
    <message>
        <source> {inputs} → {outputs}.</source>
        <translation>{inputs} → {outputs}。</translation>
    </message>
    <message>
        <source> Note: {notes}.</source>
        <translation>注意：{notes}。</translation>
    </message>
    <message>
        <source>Use an inline table</source>
        <translation>使用内嵌表格</translation>
    </message>
    <message>
        <source>Use built-in dataset {dataset}</source>
        <translation>使用内置数据集 {dataset}</translation>
    </message>
    <message>
        <source>Change {dataset} {parameter}</source>
        <translation>更改 {dataset} 的 {parameter}</translation>
    </message>
</context>
<context>
    <name>SpeedControl</name>
    <message>
        <source>Training speed, in steps a second. Auto: a small network that would finish in a few seconds trains at 100–200 steps a second, so you can watch it learn; a bigger one at full speed. A change applies at once, even while training.</source>
        <translation>训练速度，单位为每秒步数。自动：几秒内就能训练完的小网络以每秒 100–200 步训练，便于观察它如何学习；较大的网络全速训练。修改立即生效，训练过程中也是如此。</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{pace:,.0f} step/s</source>
        <translation>{pace:,.0f} 步/秒</translation>
    </message>
    <message>
        <source>{pace:,.0f} steps/s</source>
        <translation>{pace:,.0f} 步/秒</translation>
    </message>
    <message>
        <source>Training speed</source>
        <translation>训练速度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Full speed: train as fast as the engine can (click again for the speed before)</source>
        <translation>全速：以引擎的最快速度训练（再次点击恢复之前的速度）</translation>
    </message>
</context>
<context>
    <name>SplitSeedRow</name>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Hold out randomly chosen samples for validation instead of the last ones; the same seed picks the same samples</source>
        <translation>随机选出样本留作验证，而不是取最后的样本；相同的种子选出相同的样本</translation>
    </message>
    <message>
        <source>The seed of the random validation split</source>
        <translation>随机划分验证集所用的种子</translation>
    </message>
    <message>
        <source>Shuffle the validation split</source>
        <translation>随机划分验证集</translation>
    </message>
    <message>
        <source>Hold out the last samples</source>
        <translation>留出最后的样本</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Draw a neural network, train it, and watch it learn. Start from an example or from an empty canvas.</source>
        <translation>画出一个神经网络，训练它，看着它学习。从一个例子或一张空白画布开始。</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Files you open or save appear here.</source>
        <translation>你打开或保存的文件会显示在这里。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近的文件</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>例子</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Show the pass layer by layer</source>
        <translation>逐层显示传播过程</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Heatmaps of δ and ∂E/∂W</source>
        <translation>δ 与 ∂E/∂W 的热图</translation>
    </message>
    <message>
        <source>Each dense layer&apos;s δ = ∂E/∂z and gradient matrix ∂E/∂W for this sample, as heatmaps</source>
        <translation>这个样本中每个全连接层的 δ = ∂E/∂z 和梯度矩阵 ∂E/∂W，以热图显示</translation>
    </message>
</context>
<context>
    <name>Tooltips</name>
    <message>
        <source>Drag to another node to connect</source>
        <translation>拖动到另一个节点以建立连接</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>The weights are already at their initial values.</source>
        <translation>权重已经是初始值。</translation>
    </message>
    <message>
        <source>Weights re-initialised from the seed; Undo brings the trained ones back.</source>
        <translation>已按随机种子重新初始化权重；“撤销”可恢复训练后的权重。</translation>
    </message>
    <message>
        <source>Store the input normaliser</source>
        <translation>保存输入归一化参数</translation>
    </message>
</context>
<context>
    <name>TrainingHealth</name>
    <message>
        <source>The loss became too large to compute, so training stopped and kept the weights from before the step that broke it.</source>
        <translation>损失变得太大，无法计算，因此训练已停止，并保留了出问题那一步之前的权重。</translation>
    </message>
    <message>
        <source>The loss exploded instead of shrinking (from {0} at the start to {1} lately): each step overshoots, so the learning rate is too high.</source>
        <translation>损失没有下降，反而爆炸了（从开始时的 {0} 到最近的 {1}）：每一步都迈得太远，说明学习率太高。</translation>
    </message>
    <message>
        <source>The loss is growing instead of shrinking (from {0} at the start to {1} lately): each step overshoots, so the learning rate is too high.</source>
        <translation>损失没有下降，反而在增长（从开始时的 {0} 到最近的 {1}）：每一步都迈得太远，说明学习率太高。</translation>
    </message>
    <message>
        <source>The network gives the same answer ({0}) for every sample: its units are stuck, so it has stopped learning.</source>
        <translation>网络对每个样本都给出相同的答案（{0}）：它的单元卡住了，因此已停止学习。</translation>
    </message>
    <message>
        <source>The loss ({0}) is stuck at the level of guessing: always giving the same answer scores {1}.</source>
        <translation>损失（{0}）停在了瞎猜的水平：总是给出同一个答案的损失是 {1}。</translation>
    </message>
    <message>
        <source>The network has not learned from its inputs.</source>
        <translation>网络没有从输入中学到东西。</translation>
    </message>
    <message>
        <source>Lower the Learning rate in the Training tab (it is {0}; try {1}).</source>
        <translation>请在训练选项卡中降低学习率（当前为 {0}；试试 {1}）。</translation>
    </message>
    <message>
        <source>Lower the Learning rate in the Training tab (it is {0}; try {1}), or switch the Optimizer to Adam (Learning rate 0.01).</source>
        <translation>请在训练选项卡中降低学习率（当前为 {0}；试试 {1}），或把优化器换成 Adam（学习率 0.01）。</translation>
    </message>
    <message>
        <source>Lower the Learning rate in the Training tab (it is {0}; try {1}), then press Reset weights and train again.</source>
        <translation>请在训练选项卡中降低学习率（当前为 {0}；试试 {1}），然后点击“重置权重”并重新训练。</translation>
    </message>
    <message>
        <source>Lower the Learning rate in the Training tab (it is {0}; try {1}), or switch the Optimizer to Adam (Learning rate 0.01), then press Reset weights and train again.</source>
        <translation>请在训练选项卡中降低学习率（当前为 {0}；试试 {1}），或把优化器换成 Adam（学习率 0.01），然后点击“重置权重”并重新训练。</translation>
    </message>
    <message>
        <source>Turn on Clip gradients (global norm) in the Training tab, for example at 1.0, to cap each step.</source>
        <translation>请在训练选项卡中打开“梯度裁剪（全局范数）”，例如设为 1.0，以限制每一步的大小。</translation>
    </message>
    <message>
        <source>Lower Clip gradients (global norm) in the Training tab (it is {0}; try {1}).</source>
        <translation>请在训练选项卡中调低“梯度裁剪（全局范数）”（当前为 {0}；试试 {1}）。</translation>
    </message>
    <message>
        <source>Set Normalize inputs in the Data tab to standard: large inputs make large steps.</source>
        <translation>请在数据选项卡中把“输入归一化”设为 standard：输入值大，步子就大。</translation>
    </message>
    <message>
        <source>Then press Reset weights and train again.</source>
        <translation>然后点击“重置权重”并重新训练。</translation>
    </message>
    <message>
        <source>Press Reset weights and train again; if it sticks again, switch the Optimizer to Adam.</source>
        <translation>请点击“重置权重”并重新训练；如果又卡住，请把优化器换成 Adam。</translation>
    </message>
    <message>
        <source>Train for more Epochs (Training tab), or switch the Optimizer to Adam (Learning rate 0.01), which leaves such plateaus sooner.</source>
        <translation>请增加训练轮数（训练选项卡），或把优化器换成 Adam（学习率 0.01），它能更快走出这种平台期。</translation>
    </message>
    <message>
        <source>Train for more Epochs (Training tab), or raise the Learning rate a little.</source>
        <translation>请增加训练轮数（训练选项卡），或把学习率调高一点。</translation>
    </message>
    <message>
        <source>Stopped: loss too big to compute (see Problems)</source>
        <translation>已停止：损失太大无法计算（见“问题”）</translation>
    </message>
    <message>
        <source>Loss exploded: lower the Learning rate (Problems)</source>
        <translation>损失爆炸：请降低学习率（见“问题”）</translation>
    </message>
    <message>
        <source>Loss is growing: lower the Learning rate (Problems)</source>
        <translation>损失在增长：请降低学习率（见“问题”）</translation>
    </message>
    <message>
        <source>Output stuck at {0}: lower the Learning rate</source>
        <translation>输出卡在 {0}：请降低学习率</translation>
    </message>
    <message>
        <source>Output stuck at {0}: press Reset weights</source>
        <translation>输出卡在 {0}：请点击“重置权重”</translation>
    </message>
    <message>
        <source>Outputs stuck: lower the Learning rate</source>
        <translation>输出卡住了：请降低学习率</translation>
    </message>
    <message>
        <source>Outputs stuck: press Reset weights</source>
        <translation>输出卡住了：请点击“重置权重”</translation>
    </message>
    <message>
        <source>Loss stuck at guessing ({0}): see Problems</source>
        <translation>损失停在瞎猜水平（{0}）：见“问题”</translation>
    </message>
    <message>
        <source>infinite</source>
        <translation>无穷大</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>非数值</translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Epoch {epoch:,}</source>
        <translation>第 {epoch:,} 轮</translation>
    </message>
    <message>
        <source>Epoch {epoch:,} / {total:,}</source>
        <translation>第 {epoch:,} / {total:,} 轮</translation>
    </message>
    <message>
        <source>loss {value}</source>
        <translation>损失 {value}</translation>
    </message>
    <message>
        <source>val {value}</source>
        <translation>验证损失 {value}</translation>
    </message>
    <message>
        <source>acc {value}</source>
        <translation>准确率 {value}</translation>
    </message>
    <message>
        <source>val acc {value}</source>
        <translation>验证准确率 {value}</translation>
    </message>
    <message>
        <source>{speed:,.0f} steps/s</source>
        <translation>{speed:,.0f} 步/秒</translation>
    </message>
    <message>
        <source>Time left at the current speed</source>
        <translation>按当前速度估计的剩余时间</translation>
    </message>
    <message>
        <source>ETA {time}</source>
        <translation>剩余 {time}</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>Stochastic gradient descent: w −= lr·gradient, optionally with momentum</source>
        <translation>随机梯度下降：w −= lr·梯度，可选用动量</translation>
    </message>
    <message>
        <source>Divides each step by a running average of recent gradient magnitudes</source>
        <translation>每一步除以近期梯度大小的滑动平均</translation>
    </message>
    <message>
        <source>Momentum plus per-weight step sizes from running gradient averages</source>
        <translation>动量，加上由梯度滑动平均得出的逐权重步长</translation>
    </message>
    <message>
        <source>Adam with weight decay applied to the weights directly</source>
        <translation>直接对权重施加权重衰减的 Adam</translation>
    </message>
    <message>
        <source>Rosenblatt&apos;s rule w += lr·(t − y)·x, for output units with step or sign</source>
        <translation>Rosenblatt 规则 w += lr·(t − y)·x，用于激活函数为 step 或 sign 的输出单元</translation>
    </message>
    <message>
        <source>The same learning rate every epoch</source>
        <translation>每轮使用相同的学习率</translation>
    </message>
    <message>
        <source>Multiply the rate by γ every N epochs</source>
        <translation>每 N 轮将学习率乘以 γ</translation>
    </message>
    <message>
        <source>Multiply the rate by γ every epoch</source>
        <translation>每轮将学习率乘以 γ</translation>
    </message>
    <message>
        <source>Lower the rate along a cosine curve down to the minimum rate</source>
        <translation>沿余弦曲线把学习率降到最小学习率</translation>
    </message>
    <message>
        <source>How far each update moves the weights against the gradient</source>
        <translation>每次更新沿梯度反方向移动权重的幅度</translation>
    </message>
    <message>
        <source>Share of the previous update carried into the next (0: plain gradient descent)</source>
        <translation>上一次更新带入下一次的比例（0：普通梯度下降）</translation>
    </message>
    <message>
        <source>Scales down the new gradient&apos;s share of the momentum</source>
        <translation>缩小新梯度在动量中所占的份额</translation>
    </message>
    <message>
        <source>Nesterov&apos;s look-ahead momentum (needs momentum &gt; 0 and dampening 0)</source>
        <translation>Nesterov 前瞻动量（需要动量 &gt; 0 且阻尼为 0）</translation>
    </message>
    <message>
        <source>torch-style weight decay (AdamW: decoupled, applied to the weights)</source>
        <translation>torch 风格的权重衰减（AdamW：解耦，直接作用于权重）</translation>
    </message>
    <message>
        <source>Smoothing constant of the running average of squared gradients</source>
        <translation>梯度平方滑动平均的平滑常数</translation>
    </message>
    <message>
        <source>Added to the denominator so that it is never zero</source>
        <translation>加到分母上，使分母永不为零</translation>
    </message>
    <message>
        <source>Normalise by the estimated variance of the gradient</source>
        <translation>用梯度的估计方差进行归一化</translation>
    </message>
    <message>
        <source>Decay rate of the running average of gradients</source>
        <translation>梯度滑动平均的衰减率</translation>
    </message>
    <message>
        <source>Decay rate of the running average of squared gradients</source>
        <translation>梯度平方滑动平均的衰减率</translation>
    </message>
    <message>
        <source>Use the largest running average of squared gradients so far</source>
        <translation>使用迄今为止最大的梯度平方滑动平均</translation>
    </message>
    <message>
        <source>Lower the rate every this many epochs</source>
        <translation>每隔这么多轮降低一次学习率</translation>
    </message>
    <message>
        <source>The factor that multiplies the learning rate</source>
        <translation>与学习率相乘的因子</translation>
    </message>
    <message>
        <source>Epochs from the full rate to the minimum; 0 means the whole run</source>
        <translation>从完整学习率降到最小值所用的轮数；0 表示整个训练过程</translation>
    </message>
    <message>
        <source>The lowest rate the cosine reaches</source>
        <translation>余弦曲线达到的最低学习率</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>What training minimises</source>
        <translation>训练要最小化的量</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批</translation>
    </message>
    <message>
        <source>Shuffle samples every epoch</source>
        <translation>每轮打乱样本顺序</translation>
    </message>
    <message>
        <source>Double precision: exact, the default</source>
        <translation>双精度：精确，默认</translation>
    </message>
    <message>
        <source>Single precision: faster, about 7 digits</source>
        <translation>单精度：更快，约 7 位有效数字</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>How many passes over the training samples one run makes</source>
        <translation>一次训练遍历训练样本的次数</translation>
    </message>
    <message>
        <source>Samples per update; 0 means all of them (full batch)</source>
        <translation>每次更新使用的样本数；0 表示全部样本（全批）</translation>
    </message>
    <message>
        <source>Starts the random numbers: the same seed gives the same run, every time</source>
        <translation>随机数的起点：相同的种子每次都得到相同的训练过程</translation>
    </message>
    <message>
        <source>Adds l1·Σ|w| over the weights (not biases) to the loss</source>
        <translation>把对权重（不含偏置）求的 l1·Σ|w| 加到损失上</translation>
    </message>
    <message>
        <source>Adds l2·Σw² over the weights (not biases) to the loss</source>
        <translation>把对权重（不含偏置）求的 l2·Σw² 加到损失上</translation>
    </message>
    <message>
        <source>The number type training computes in</source>
        <translation>训练计算所用的数值类型</translation>
    </message>
    <message>
        <source>Before every update, scale the gradients down so that their global L2 norm is at most this (torch.nn.utils.clip_grad_norm_); off clips nothing</source>
        <translation>每次更新前按比例缩小梯度，使其全局 L2 范数不超过这个值（torch.nn.utils.clip_grad_norm_）；“关闭”则不裁剪</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>L1 penalty</source>
        <translation>L1 惩罚</translation>
    </message>
    <message>
        <source>L2 penalty</source>
        <translation>L2 惩罚</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Clip gradients (global norm)</source>
        <translation>梯度裁剪（全局范数）</translation>
    </message>
</context>
<context>
    <name>TrainingWriteback</name>
    <message>
        <source>Train epochs {first:,}–{last:,}</source>
        <translation>训练第 {first:,}–{last:,} 轮</translation>
    </message>
    <message>
        <source>Train epoch {epoch:,}</source>
        <translation>训练第 {epoch:,} 轮</translation>
    </message>
    <message>
        <source>Train {steps:,} step of epoch {epoch:,}</source>
        <translation>训练第 {epoch:,} 轮的 {steps:,} 步</translation>
    </message>
    <message>
        <source>Train {steps:,} steps of epoch {epoch:,}</source>
        <translation>训练第 {epoch:,} 轮的 {steps:,} 步</translation>
    </message>
    <message>
        <source>Training diverged: {problem}. Try a smaller learning rate.</source>
        <translation>训练发散：{problem}。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>Training finished: {epochs:,} epochs.</source>
        <translation>训练完成：共 {epochs:,} 轮。</translation>
    </message>
    <message>
        <source>Training finished: {epochs:,} epochs, loss {loss:.4g}.</source>
        <translation>训练完成：共 {epochs:,} 轮，损失 {loss:.4g}。</translation>
    </message>
    <message>
        <source>Training stopped at epoch {epochs:,}.</source>
        <translation>训练在第 {epochs:,} 轮停止。</translation>
    </message>
    <message>
        <source>Training stopped at epoch {epochs:,}, loss {loss:.4g}.</source>
        <translation>训练在第 {epochs:,} 轮停止，损失 {loss:.4g}。</translation>
    </message>
    <message>
        <source>Paused at epoch {epoch:,} (step {step:,}). F5 continues.</source>
        <translation>已在第 {epoch:,} 轮暂停（第 {step:,} 步）。按 F5 继续。</translation>
    </message>
    <message>
        <source>The network was changed during training: the weights it trained since the last pause were not written back.</source>
        <translation>训练期间网络已被修改：自上次暂停以来训练出的权重没有写回。</translation>
    </message>
    <message>
        <source>The training process could not be started: {error}</source>
        <translation>无法启动训练进程：{error}</translation>
    </message>
</context>
<context>
    <name>WalkControls</name>
    <message>
        <source>Back to the first walkthrough step</source>
        <translation>回到第一步</translation>
    </message>
    <message>
        <source>To the last walkthrough step</source>
        <translation>到最后一步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Reset: back to the first step (%1)</source>
        <translation>重置：回到第一步（%1）</translation>
    </message>
    <message>
        <source>To end</source>
        <translation>到最后</translation>
    </message>
    <message>
        <source>To end: the last step (%1)</source>
        <translation>到最后：最后一步（%1）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the table of steps as text: tab-separated rows with a header row (Ctrl+C in the table)</source>
        <translation>把步骤表复制为文字：以制表符分隔的行，带表头（在表中按 Ctrl+C）</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
</context>
<context>
    <name>Walkthrough</name>
    <message>
        <source>Forward: {node}</source>
        <translation>前向：{node}</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>Backward: δ{node}</source>
        <translation>反向：δ{node}</translation>
    </message>
    <message>
        <source>Weight {edge} ({source} → {target})</source>
        <translation>权重 {edge}（{source} → {target}）</translation>
    </message>
    <message>
        <source>Bias of {node}</source>
        <translation>{node} 的偏置</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>∂E/∂z{k}({head}) (through softmax)</source>
        <translation>∂E/∂z{k}({head})（经过 softmax）</translation>
    </message>
    <message>
        <source>∂E/∂z{k}({head}) (softmax and loss together)</source>
        <translation>∂E/∂z{k}({head})（softmax 与损失合并计算）</translation>
    </message>
    <message>
        <source>E = {error} + penalty {penalty} = {total}</source>
        <translation>E = {error} + 惩罚项 {penalty} = {total}</translation>
    </message>
    <message>
        <source>E = {error}  (the perceptron rule uses out - target instead)</source>
        <translation>E = {error}（感知机规则改用 out - target）</translation>
    </message>
    <message>
        <source>E = {error} + penalty {penalty} = {total}  (the perceptron rule uses out - target instead)</source>
        <translation>E = {error} + 惩罚项 {penalty} = {total}（感知机规则改用 out - target）</translation>
    </message>
    <message>
        <source>{update}  (frozen: not trained)</source>
        <translation>{update}（已冻结：不训练）</translation>
    </message>
    <message>
        <source>Forward pass</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>Backward pass</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Weight updates</source>
        <translation>权重更新</translation>
    </message>
    <message>
        <source>Bias updates</source>
        <translation>偏置更新</translation>
    </message>
    <message>
        <source>{update} (frozen)</source>
        <translation>{update}（已冻结）</translation>
    </message>
    <message>
        <source>{inputs} → class {label}</source>
        <translation>{inputs} → 类别 {label}</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>代入数值</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>WeightCommands</name>
    <message>
        <source>Change {id} W[{row}, {column}]</source>
        <translation>更改 {id} 的 W[{row}, {column}]</translation>
    </message>
    <message>
        <source>Change {id} b[{unit}]</source>
        <translation>更改 {id} 的 b[{unit}]</translation>
    </message>
</context>
<context>
    <name>WeightMatrices</name>
    <message>
        <source>neurons {names}</source>
        <translation>神经元 {names}</translation>
    </message>
    <message>
        <source>{layer} filters</source>
        <translation>{layer} 的滤波器</translation>
    </message>
    <message>
        <source>{layer} {matrix} · f (forget gate)</source>
        <translation>{layer} {matrix} · f（遗忘门）</translation>
    </message>
    <message>
        <source>{layer} {matrix} · g (candidate)</source>
        <translation>{layer} {matrix} · g（候选值）</translation>
    </message>
    <message>
        <source>{layer} {matrix} · i (input gate)</source>
        <translation>{layer} {matrix} · i（输入门）</translation>
    </message>
    <message>
        <source>{layer} {matrix} · n (candidate)</source>
        <translation>{layer} {matrix} · n（候选值）</translation>
    </message>
    <message>
        <source>{layer} {matrix} · o (output gate)</source>
        <translation>{layer} {matrix} · o（输出门）</translation>
    </message>
    <message>
        <source>{layer} {matrix} · r (reset gate)</source>
        <translation>{layer} {matrix} · r（重置门）</translation>
    </message>
    <message>
        <source>{layer} {matrix} · z (update gate)</source>
        <translation>{layer} {matrix} · z（更新门）</translation>
    </message>
</context>
<context>
    <name>WeightsBox</name>
    <message>
        <source>Incoming weights and bias</source>
        <translation>输入权重和偏置</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Connection {id}</source>
        <translation>连接 {id}</translation>
    </message>
    <message>
        <source>The weight of this connection; auto: drawn at random when training starts</source>
        <translation>这个连接的权重；自动：训练开始时随机抽取</translation>
    </message>
    <message>
        <source>Whether training updates this weight</source>
        <translation>训练是否更新这个权重</translation>
    </message>
    <message>
        <source>Bias b</source>
        <translation>偏置 b</translation>
    </message>
    <message>
        <source>The bias b added to the weighted sum (params.b)</source>
        <translation>加到加权和上的偏置 b (params.b)</translation>
    </message>
    <message>
        <source>Whether training updates the bias</source>
        <translation>训练是否更新偏置</translation>
    </message>
    <message>
        <source>auto: drawn at random by {init} from the training seed when training starts.</source>
        <translation>自动：训练开始时由 {init} 根据训练种子随机抽取。</translation>
    </message>
    <message>
        <source>No incoming connections yet.</source>
        <translation>还没有输入连接。</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>Hover a cell to see its weight</source>
        <translation>将鼠标悬停在单元格上查看其权重</translation>
    </message>
    <message>
        <source>No weight matrices yet: train, or step once</source>
        <translation>还没有权重矩阵：请训练，或单步执行一次</translation>
    </message>
    <message>
        <source>The weight matrix to show: rows are sources, columns targets</source>
        <translation>要显示的权重矩阵：行是来源，列是目标</translation>
    </message>
    <message>
        <source>As images</source>
        <translation>显示为图像</translation>
    </message>
    <message>
        <source>Each filter&apos;s or unit&apos;s incoming weights as a picture of its input: what it looks at</source>
        <translation>把每个滤波器或单元的输入权重显示为其输入的图像：它在关注什么</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>all weights</source>
        <translation>全部权重</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>无连接</translation>
    </message>
    <message>
        <source>filters / units</source>
        <translation>滤波器 / 单元</translation>
    </message>
    <message>
        <source>units</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>input channels</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>from (index)</source>
        <translation>从（索引）</translation>
    </message>
    <message>
        <source>to (index)</source>
        <translation>到（索引）</translation>
    </message>
    <message>
        <source>from {name}</source>
        <translation>从 {name}</translation>
    </message>
    <message>
        <source>to {name}</source>
        <translation>到 {name}</translation>
    </message>
    <message>
        <source>all weights ({count})</source>
        <translation>全部权重（{count}）</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>撤销上一次编辑</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo the edit just undone</source>
        <translation>重做刚撤销的编辑</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty project</source>
        <translation>开始一个空项目</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>打开项目文件</translation>
    </message>
    <message>
        <source>&amp;Examples…</source>
        <translation>例子(&amp;E)…</translation>
    </message>
    <message>
        <source>Open one of the example projects</source>
        <translation>打开一个例子项目</translation>
    </message>
    <message>
        <source>&amp;Import Data…</source>
        <translation>导入数据(&amp;I)…</translation>
    </message>
    <message>
        <source>Read a CSV, NumPy .npz or IDX file into the project&apos;s data</source>
        <translation>把 CSV、NumPy .npz 或 IDX 文件读入项目的数据</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>用新名字保存项目</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <source>Discard unsaved changes and reload the file from disk</source>
        <translation>放弃未保存的更改，从磁盘重新载入文件</translation>
    </message>
    <message>
        <source>A&amp;utosave every…</source>
        <translation>自动保存间隔(&amp;U)…</translation>
    </message>
    <message>
        <source>How often unsaved changes are autosaved for recovery after a crash</source>
        <translation>未保存的更改每隔多久自动保存一次，以便崩溃后恢复</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit nnstudio</source>
        <translation>退出 nnstudio</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>Cut the selected nodes</source>
        <translation>剪切选中的节点</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected nodes</source>
        <translation>复制选中的节点</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Paste nodes with fresh ids</source>
        <translation>粘贴节点（使用新的 id）</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>创建副本(&amp;D)</translation>
    </message>
    <message>
        <source>Copy and paste the selection in one step</source>
        <translation>一步完成复制并粘贴选中的内容</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <source>Delete the selected nodes and connections</source>
        <translation>删除选中的节点和连接</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Select every node</source>
        <translation>选中所有节点</translation>
    </message>
    <message>
        <source>&amp;Fully connect</source>
        <translation>全连接(&amp;F)</translation>
    </message>
    <message>
        <source>Connect every node of the left selected column to every other selected node</source>
        <translation>把选中的最左一列的每个节点连接到其他每个选中的节点</translation>
    </message>
    <message>
        <source>Convert to &amp;Neurons</source>
        <translation>转换为神经元(&amp;N)</translation>
    </message>
    <message>
        <source>Turn the selected dense layer into neurons and weighted connections</source>
        <translation>把选中的全连接层变成神经元和带权重的连接</translation>
    </message>
    <message>
        <source>&amp;Group into Layer</source>
        <translation>组合成层(&amp;G)</translation>
    </message>
    <message>
        <source>Turn the selected neurons (one activation, the same inputs) into one dense layer</source>
        <translation>把选中的神经元（同一激活函数、相同输入）合成一个全连接层</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole network</source>
        <translation>显示整个网络</translation>
    </message>
    <message>
        <source>&amp;Arrange</source>
        <translation>自动排列(&amp;A)</translation>
    </message>
    <message>
        <source>Lay the network out left to right by depth</source>
        <translation>按深度从左到右排列网络</translation>
    </message>
    <message>
        <source>&amp;Start page</source>
        <translation>开始页(&amp;S)</translation>
    </message>
    <message>
        <source>Show the start page: examples and recent files</source>
        <translation>显示开始页：例子和最近打开的文件</translation>
    </message>
    <message>
        <source>&amp;Train / Continue</source>
        <translation>训练 / 继续(&amp;T)</translation>
    </message>
    <message>
        <source>Train the network, or continue a paused run</source>
        <translation>训练网络，或继续已暂停的训练</translation>
    </message>
    <message>
        <source>Train &amp;until stopped</source>
        <translation>一直训练直到停止(&amp;U)</translation>
    </message>
    <message>
        <source>Keep training past the number of epochs, until you pause or stop</source>
        <translation>超过训练轮数也继续训练，直到你暂停或停止</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause training; the weights so far go into the project</source>
        <translation>暂停训练；目前的权重写入项目</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>End the run; the trained weights stay in the project</source>
        <translation>结束这次训练；训练好的权重保留在项目中</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>Train one batch, then pause</source>
        <translation>训练一批，然后暂停</translation>
    </message>
    <message>
        <source>Step &amp;epoch</source>
        <translation>单步一轮(&amp;E)</translation>
    </message>
    <message>
        <source>Train to the end of the epoch, then pause</source>
        <translation>训练到本轮结束，然后暂停</translation>
    </message>
    <message>
        <source>&amp;Reset weights</source>
        <translation>重置权重(&amp;R)</translation>
    </message>
    <message>
        <source>Re-initialise every weight from the seed (Undo brings the trained ones back)</source>
        <translation>用随机种子重新初始化所有权重（撤销可找回训练好的权重）</translation>
    </message>
    <message>
        <source>&amp;About nnstudio</source>
        <translation>关于 nnstudio(&amp;A)</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>版本和许可证</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Every keyboard shortcut</source>
        <translation>所有键盘快捷键</translation>
    </message>
    <message>
        <source>Project &amp;file format</source>
        <translation>项目文件格式(&amp;F)</translation>
    </message>
    <message>
        <source>Where the file format is documented</source>
        <translation>文件格式的说明在哪里</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Project file format</source>
        <translation>项目文件格式</translation>
    </message>
    <message>
        <source>The project file format is described in&lt;br&gt;&lt;code&gt;{path}&lt;/code&gt;</source>
        <translation>项目文件格式的说明见&lt;br&gt;&lt;code&gt;{path}&lt;/code&gt;</translation>
    </message>
    <message>
        <source>The project file format is described in docs/format.md in the nnstudio source; &lt;code&gt;nnstudio validate FILE&lt;/code&gt; checks a file.</source>
        <translation>项目文件格式的说明见 nnstudio 源代码中的 docs/format.md；&lt;code&gt;nnstudio validate FILE&lt;/code&gt; 可检查一个文件。</translation>
    </message>
    <message>
        <source>development</source>
        <translation>开发版</translation>
    </message>
    <message>
        <source>About nnstudio</source>
        <translation>关于 nnstudio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;nnstudio {version}&lt;/h3&gt;&lt;p&gt;Draw neural networks, train them on a NumPy engine and watch them learn.&lt;/p&gt;&lt;p&gt;MIT licence.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;nnstudio {version}&lt;/h3&gt;&lt;p&gt;绘制神经网络，用 NumPy 引擎训练它们，观察它们如何学习。&lt;/p&gt;&lt;p&gt;MIT 许可证。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>WindowBars</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>{count} node</source>
        <translation>{count} 个节点</translation>
    </message>
    <message>
        <source>{count} nodes</source>
        <translation>{count} 个节点</translation>
    </message>
    <message>
        <source>{count} connection</source>
        <translation>{count} 条连接</translation>
    </message>
    <message>
        <source>{count} connections</source>
        <translation>{count} 条连接</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>{where}: {what}</source>
        <translation>{where}：{what}</translation>
    </message>
    <message>
        <source>{subject} › {where}: {what}</source>
        <translation>{subject} › {where}：{what}</translation>
    </message>
    <message>
        <source>{what} — {todo}</source>
        <translation>{what}。{todo}</translation>
    </message>
    <message>
        <source>node {number}</source>
        <translation>节点 {number}</translation>
    </message>
    <message>
        <source>connection {number}</source>
        <translation>连接 {number}</translation>
    </message>
    <message>
        <source>connection {id}</source>
        <translation>连接 {id}</translation>
    </message>
    <message>
        <source>The connection {source} → {target}</source>
        <translation>连接 {source} → {target}</translation>
    </message>
    <message>
        <source>Data tab</source>
        <translation>数据选项卡</translation>
    </message>
    <message>
        <source>Training tab</source>
        <translation>训练选项卡</translation>
    </message>
    <message>
        <source>Project tab</source>
        <translation>项目选项卡</translation>
    </message>
    <message>
        <source>choose the file again with Import file… in the inspector&apos;s Data tab</source>
        <translation>请在属性面板的数据选项卡中用“导入文件…”重新选择该文件</translation>
    </message>
    <message>
        <source>Reset weights in the Train menu fits the scaling afresh</source>
        <translation>训练菜单中的“重置权重”会重新拟合缩放</translation>
    </message>
    <message>
        <source>Reset weights in the Train menu starts them afresh</source>
        <translation>训练菜单中的“重置权重”会重新初始化它们</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>The training history</source>
        <translation>训练历史</translation>
    </message>
    <message>
        <source>Normalize inputs</source>
        <translation>输入归一化</translation>
    </message>
    <message>
        <source>table, row {row}</source>
        <translation>表格，第 {row} 行</translation>
    </message>
    <message>
        <source>the data file&apos;s {setting}</source>
        <translation>数据文件的{setting}</translation>
    </message>
    <message>
        <source>Network output</source>
        <translation>网络输出</translation>
    </message>
    <message>
        <source>select the node that gives the result and tick Network output in the inspector</source>
        <translation>请选中给出结果的节点，并在属性面板中勾选“网络输出”</translation>
    </message>
    <message>
        <source>tick Network output in the inspector</source>
        <translation>请在属性面板中勾选“网络输出”</translation>
    </message>
    <message>
        <source>Input nodes</source>
        <translation>输入节点</translation>
    </message>
    <message>
        <source>drag an Input node from the palette onto the canvas</source>
        <translation>请从组件库把一个 Input 节点拖到画布上</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>the table&apos;s targets</source>
        <translation>表格的目标</translation>
    </message>
    <message>
        <source>the data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Shuffle split</source>
        <translation>随机划分</translation>
    </message>
    <message>
        <source>Derived features</source>
        <translation>派生特征</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>the loss is chosen under Loss › Function in the Training tab</source>
        <translation>损失在训练选项卡的“损失 › 函数”中选择</translation>
    </message>
    <message>
        <source>the optimiser is chosen under Optimizer › Kind in the Training tab</source>
        <translation>优化器在训练选项卡的“优化器 › 类型”中选择</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Shuffle samples every epoch</source>
        <translation>每轮打乱样本顺序</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>L1 and L2 penalty</source>
        <translation>L1 和 L2 惩罚</translation>
    </message>
    <message>
        <source>L1 penalty</source>
        <translation>L1 惩罚</translation>
    </message>
    <message>
        <source>L2 penalty</source>
        <translation>L2 惩罚</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>choose float64 under Precision in the Training tab</source>
        <translation>请在训练选项卡的“精度”中选择 float64</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>The file&apos;s format line</source>
        <translation>文件的格式行</translation>
    </message>
    <message>
        <source>The file&apos;s format version</source>
        <translation>文件的格式版本</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
</context>
<context>
    <name>_KindSettings</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
</context>
</TS>
