"""The Qt-free layers' words in the window's language (nnstudio/ui/domain_i18n.py): the generated
catalogue entries are up to date, an error raised by the Qt-free code comes out in Chinese with its
values intact, a kind's and an example's texts are translated, and what has no template stays as
it is. The translator here holds a few entries of the zh_CN catalogue, so the test does not depend
on the shipped .qm."""
from __future__ import annotations

import re

import numpy as np
import pytest

from nnstudio.data.builtin import BUILTINS
from nnstudio.errors import DataError, ProjectError
from nnstudio.project import registry
from nnstudio.project.gallery import first_sentence
from nnstudio.project.io import load_project, loads_project
from nnstudio.project.validation import validate
from nnstudio.data.sources import load_source, load_table
from nnstudio.training import health
from nnstudio.ui import domain_catalogue, domain_texts
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.domain_i18n import error_text, example_text, kind_detail, kind_text, message_text
from nnstudio.ui.training.health_words import health_text
from nnstudio.ui.wording import error_text as window_error_text, problem_text

DENSE = "A fully connected layer: y = f(x·W + b), W of shape [in, units]."
XOR_DENSE = ("The same XOR problem with layers instead of single neurons: Dense(8, tanh) → Dense(1, sigmoid), "
             "binary cross-entropy, Adam, full batch. Compare its loss curve with the 5-neuron example: Adam and "
             "cross-entropy get there in a few hundred epochs. Open the weight heatmap to see the 2×8 and 8×1 "
             "matrices. Try relu in the hidden layer, or only 2 hidden units.")
ZH = {
    ("Errors", "{where}: {message}"): "{where}：{message}",
    ("Errors", "value {0} ({1}) is not a number"): "值 {0}（{1}）不是数字",
    ("Errors", "has no incoming connections"): "没有输入连接",
    ("Errors", "must be ≥ {0}"): "必须 ≥ {0}",
    ("Errors", "must be an object, not {0}"): "必须是对象，而不是 {0}",
    ("Errors", "a list"): "列表",
    ("Errors", "the data table has {0}, but the network has {1}"): "数据表有 {0}，但网络有 {1}",
    ("Errors", "{0} target columns"): "{0} 个目标列",
    ("Errors", "{0} output"): "{0} 个输出",
    ("Errors", "must be a list, not {0}"): "必须是列表，而不是 {0}",
    ("Errors", "a string"): "字符串",
    ("Errors", "line {0}, column \"{1}\": {2}"): "第 {0} 行，列 \"{1}\"：{2}",
    ("Errors", "\"{0}\" is not a number"): "\"{0}\" 不是数字",
    ("Kinds", DENSE): "全连接层：y = f(x·W + b)，W 的形状为 [in, units]。",
    ("Examples", "XOR with dense layers"): "用全连接层实现 XOR",
    ("Examples", XOR_DENSE): "同样的 XOR 问题，用层代替单个神经元：Dense(8, tanh) → Dense(1, sigmoid)，二元交叉熵，"
                             "Adam，全批训练。把它的损失曲线与 5 个神经元的例子比较。",
    ("Wording", "{where}: {what}"): "{where}：{what}",
    ("Wording", "Data tab"): "数据选项卡",
    ("Wording", "table, row {row}"): "表格，第 {row} 行",
}


@pytest.fixture
def chinese(install_catalogue):
    return install_catalogue(ZH)


@pytest.fixture
def marked(install_catalogue):
    return install_catalogue({}, ("TrainingHealth", "Errors"))


def test_domain_texts_is_what_the_generator_makes_now():
    """Fails when a kind, an example or an error message changes without regenerating:
    python -m nnstudio.ui.domain_catalogue (or scripts/update_translations.py)."""
    assert domain_catalogue.TARGET.read_text(encoding="utf-8") == domain_catalogue.generate()


def test_the_catalogue_holds_every_kind_text_and_the_common_error_templates():
    for spec in registry.KINDS.values():
        assert spec.description in domain_texts.KINDS
        for field in spec.fields:
            assert field.doc in domain_texts.KINDS
    for dataset in BUILTINS.values():
        assert dataset.title in domain_texts.KINDS and dataset.description in domain_texts.KINDS
        assert all(param.help in domain_texts.KINDS for param in dataset.params)
    for template in ("has no incoming connections", "must be ≥ {0}", "value {0} ({1}) is not a number",
                     'line {0}, column "{1}": {2}', "must be one of {0}", "is missing"):
        assert template in domain_texts.ERRORS


def _bad_cell() -> DataError:
    with pytest.raises(DataError) as info:
        load_table({"kind": "table", "inputs": [[0, 0], [0, "a"]], "targets": [[0], [1]]})
    return info.value


def test_a_data_error_of_the_qt_free_code_comes_out_in_chinese_with_its_values(chinese):
    error = _bad_cell()
    assert str(error) == 'data.source.inputs[1]: value 1 ("a") is not a number'
    assert error_text(error) == 'data.source.inputs[1]：值 1（"a"）不是数字'
    assert error_text(str(error)) == error_text(error)
    # The window's sentence names the control, in Chinese too.
    assert window_error_text(error) == '数据选项卡 › 表格，第 2 行：值 1（"a"）不是数字'


def test_a_csv_error_names_its_file_line_and_column(chinese, tmp_path):
    (tmp_path / "points.csv").write_text("x1,x2,y\n0,1,0\n1,abc,1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_source({"kind": "csv", "path": "points.csv", "input_columns": ["x1", "x2"], "target_columns": ["y"]},
                    str(tmp_path))
    assert str(info.value) == 'points.csv: line 3, column "x2": "abc" is not a number'
    assert error_text(info.value) == 'points.csv：第 3 行，列 "x2"："abc" 不是数字'


def test_a_project_error_and_a_validation_problem_in_chinese(chinese):
    with pytest.raises(ProjectError) as info:
        loads_project('{"format": "nnstudio.project", "version": 1, "nodes": "x"}')
    assert error_text(info.value) == "nodes：必须是列表，而不是 字符串"
    project = load_project(EXAMPLES_DIR / "xor_5_hidden.json")
    project.edges = [e for e in project.edges if e.target != "h1"]
    problem = next(p for p in validate(project) if p.node_id == "h1")
    assert problem.message == "has no incoming connections"
    assert problem_text(problem, project) == "h1：没有输入连接"


def test_a_message_made_of_messages_is_translated_inside_too(chinese):
    assert message_text('line 4, column "x2": "abc" is not a number') == '第 4 行，列 "x2"："abc" 不是数字'
    assert error_text('points.csv: line 4, column "x2": "abc" is not a number') == \
        'points.csv：第 4 行，列 "x2"："abc" 不是数字'


def test_a_setting_named_before_its_message_stays(chinese):
    assert message_text("units must be ≥ 1") == "units 必须 ≥ 1"
    assert error_text("h1: units must be ≥ 1") == "h1：units 必须 ≥ 1"


def test_counted_words_inside_a_message_are_translated_but_not_alone(chinese):
    assert message_text("the data table has 3 target columns, but the network has 1 output") == \
        "数据表有 3 个目标列，但网络有 1 个输出"
    assert message_text("1 output") == "1 output"


def test_unknown_and_untranslated_messages_stay_as_they_are(chinese):
    assert error_text("Training failed: ValueError: boom") == "Training failed: ValueError: boom"
    assert error_text(ValueError("something nobody wrote a template for")) == \
        "something nobody wrote a template for"
    assert error_text(ProjectError("must be at most 3", "training.epochs")) == "training.epochs: must be at most 3"
    assert message_text("") == ""


def test_english_is_unchanged_without_a_catalogue(qapp):
    error = _bad_cell()
    assert error_text(error) == str(error)
    assert kind_text(DENSE) == DENSE and example_text(XOR_DENSE) == XOR_DENSE


def test_kind_and_example_texts(chinese):
    assert kind_text(DENSE).startswith("全连接层")
    assert kind_text("") == ""
    assert example_text("XOR with dense layers") == "用全连接层实现 XOR"
    # The gallery's summary is the first sentence of the translated description.
    assert example_text(first_sentence(XOR_DENSE)) == "同样的 XOR 问题，用层代替单个神经元：Dense(8, tanh) → Dense(1, sigmoid)，二元交…"


def _findings() -> list[health.Finding]:
    grow = [0.5, 0.6, 0.9, 1.4, 2.0, 3.0, 4.0]
    found = [health.not_finite("sgd", 5.0), health.not_finite("adam", 0.01, 1.0, "standard", True),
             health.growing(grow, "sgd", 0.5), health.growing([0.5, 1e9, float("inf")], "adam", 0.1),
             health.stuck(np.full((4, 1), 0.5), "sgd", 0.1), health.stuck(np.full((4, 2), 0.5), "sgd", 9.0),
             health.stuck(np.full((4, 5), 0.5), "adam", 0.01)]
    flat = [0.6931] * 30
    found += [health.at_chance(flat, 0.6931, "sgd", 0.1), health.at_chance(flat, 0.6931, "adam", 0.01),
              health.at_chance(flat, 0.6931, "sgd", 9.0)]
    return [f for f in found if f is not None]


def test_every_training_health_sentence_has_a_template(marked):
    findings = _findings()
    assert len(findings) == 10
    for finding in findings:
        for text in (finding.what, finding.advice, finding.headline):
            said = health_text(text)
            assert said != text and "«" in said, text


def test_health_numbers_and_words_are_kept(install_catalogue):
    install_catalogue({("TrainingHealth", "Output stuck at {0}: press Reset weights"): "输出卡在 {0}：请点击“重置权重”",
                       ("TrainingHealth", "Lower the Learning rate in the Training tab (it is {0}; try {1})."):
                       "请在训练选项卡中降低学习率（当前为 {0}；试试 {1}）。",
                       ("TrainingHealth", "infinite"): "无穷大"})
    assert health_text("Output stuck at 0.500: press Reset weights") == "输出卡在 0.500：请点击“重置权重”"
    assert health_text("Lower the Learning rate in the Training tab (it is infinite; try 0.1).") == \
        "请在训练选项卡中降低学习率（当前为 无穷大；试试 0.1）。"
    assert health_text("Something else entirely.") == "Something else entirely."


def test_every_error_template_of_the_catalogue_matches_its_own_english(marked):
    """Each template, its values filled with plain words, is matched and comes back translated."""
    for template in domain_texts.ERRORS:
        english = re.sub(r"\{\d+\}", "x7", template).replace("{{", "{").replace("}}", "}")
        assert message_text(english) != english, template


def test_every_kind_detail_of_the_canvas_has_a_template(install_catalogue):
    install_catalogue({}, ("KindDetails",))
    activations = {"relu", "tanh", "sigmoid", "linear", "softmax"}
    for spec in registry.KINDS.values():
        if spec.look is None or spec.look.detail is None or spec.category == "input":
            continue
        for config in ({}, {**spec.defaults, "units": 1, "filters": 1}, {**spec.defaults, "stride": [2, 2],
                       "padding": "same", "return_sequences": True, "units": 3, "filters": 4}):
            detail = spec.look.detail(config)
            parts = kind_detail(detail).split(" · ")
            assert all(p.startswith("«") or p in activations for p in parts), (spec.name, detail)


def test_weight_matrix_names_are_translated_around_the_users_labels(install_catalogue):
    """The Weights panel's matrix names (an LSTM's gate blocks, a conv layer's filters, a column of
    neurons) are templates of the catalogue filled with the user's labels."""
    from nnstudio.project.compile import compile_project
    from nnstudio.training import probes
    from nnstudio.ui.domain_i18n import matrix_name
    assert set(probes.MATRIX_TEMPLATES) <= set(domain_texts.MATRICES)
    install_catalogue({("WeightMatrices", "{layer} {matrix} · f (forget gate)"): "{layer} {matrix} · f（遗忘门）",
                       ("WeightMatrices", "{layer} filters"): "{layer} 的滤波器",
                       ("WeightMatrices", "neurons {names}"): "神经元 {names}"})
    said = {}
    for example in ("memory_lstm", "digits_cnn", "xor_5_hidden"):
        project = load_project(EXAMPLES_DIR / f"{example}.json")
        for m in probes.weight_matrices(project, compile_project(project)):
            assert m.name == (m.template.format(**m.parts) if m.template else m.name)    # the English
            said[m.name] = matrix_name(m.template, m.parts, m.name)
    lstm = load_project(EXAMPLES_DIR / "memory_lstm.json")
    layer = next(n.label or n.id for n in lstm.nodes if n.kind == "lstm")
    assert said[f"{layer} Wh · f (forget gate)"] == f"{layer} Wh · f（遗忘门）"
    assert said[f"{layer} Wx · i (input gate)"] == f"{layer} Wx · i (input gate)"      # not in this catalogue
    assert [said[n] for n in said if n.endswith(" filters")] == ["conv1 的滤波器"]
    assert said["neurons h1, h2, h3, h4…"] == "神经元 h1, h2, h3, h4…" and said["first"] == "first"
