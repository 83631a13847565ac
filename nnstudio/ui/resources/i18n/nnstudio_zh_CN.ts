<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <translation>比较几次训练：训练后在损失（Loss）面板中选择 Compare ▸ Keep for comparison（比较 ▸ 保留以便比较），然后打开下一个例子并训练。保留的损失曲线会以虚线留在旁边。</translation>
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
    <name>SummaryPage</name>
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
</TS>
