"""`nnstudio export --format onnx|torch` and `nnstudio import MODEL.onnx -o PROJECT.json`, in-process
through `main([...])`: exit codes, the one-line messages, and the numbers surviving the trip."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from nnstudio.cli import main
from nnstudio.project.compile import compile_project
from nnstudio.project.io import load_project
from nnstudio.shipped import examples_dir

EXAMPLES = examples_dir()


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def forward(project, x: np.ndarray) -> np.ndarray:
    return compile_project(project).network.forward([x])


@pytest.mark.parametrize("example,shape", [("xor_dense.json", (2,)), ("digits_cnn.json", None),
                                           ("memory_lstm.json", None)])
def test_export_onnx_then_import_gives_the_same_outputs(capsys, tmp_path, example, shape):
    onnx = pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    pytest.importorskip("nnstudio.export.onnx_export")
    source = EXAMPLES / example
    model, back = tmp_path / "model.onnx", tmp_path / "imported.json"
    code, out, err = cli(capsys, "export", str(source), "--format", "onnx", "-o", str(model))
    assert (code, err) == (0, "") and out == f"wrote the ONNX model to {model}\n"
    onnx.checker.check_model(onnx.load(str(model)), full_check=True)
    code, out, err = cli(capsys, "import", str(model), "-o", str(back))
    assert (code, err) == (0, "") and out.startswith(f"wrote {back}: 1 input, ") and out.endswith("1 output\n")
    original, imported = load_project(source), load_project(back)
    assert imported.inputs == original.inputs and imported.outputs == original.outputs
    # The network's own inputs (after the normaliser, which the import keeps as data.normalizer).
    x = np.random.default_rng(5).normal(size=(6, *compile_project(original).input_shapes[0]))
    np.testing.assert_allclose(forward(imported, x), forward(original, x), rtol=1e-5, atol=1e-5)
    assert (imported.data.normalizer is not None) == (original.data.normalize != "none")
    # The ONNX file holds no data: the imported project checks out but for its empty table.
    code, out, err = cli(capsys, "validate", str(back))
    assert code == 2 and err == "error: data.source.inputs: the table has no rows yet; add one row per sample\n"


def test_import_refuses_an_unsupported_operator_and_writes_nothing(capsys, tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper
    graph = helper.make_graph([helper.make_node("Selu", ["x"], ["y"], name="selu_1")], "g",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 3])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 3])])
    model = tmp_path / "selu.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(model))
    code, out, err = cli(capsys, "import", str(model), "-o", str(tmp_path / "p.json"))
    assert code == 2 and out == ""
    assert err == ("error: the ONNX model uses operator 'Selu' (node 'selu_1'), which nnstudio cannot draw\n")
    assert not (tmp_path / "p.json").exists()


def test_import_errors_are_one_line_with_exit_code_2(capsys, tmp_path):
    pytest.importorskip("onnx")
    code, _, err = cli(capsys, "import", str(tmp_path / "none.onnx"), "-o", str(tmp_path / "p.json"))
    assert code == 2 and err == f"error: {tmp_path / 'none.onnx'}: no such file\n"
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"\xff\xfe not protobuf")
    code, _, err = cli(capsys, "import", str(junk), "-o", str(tmp_path / "p.json"))
    assert code == 2 and "not a readable ONNX model" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "import", str(junk), "-o", str(tmp_path / "no" / "p.json"))
    assert code == 2 and "does not exist" in err
    code, _, err = cli(capsys, "import", str(junk))
    assert code == 2 and "-o/--output" in err and err.count("\n") == 1


def test_a_missing_extra_is_named_with_its_pip_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)          # import onnx now raises ImportError
    code, out, err = cli(capsys, "import", str(tmp_path / "m.onnx"), "-o", str(tmp_path / "p.json"))
    assert code == 2 and out == ""
    assert "pip install 'nnstudio[onnx]'" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "export", str(EXAMPLES / "xor_dense.json"), "--format", "onnx",
                       "-o", str(tmp_path / "m.onnx"))
    if code != 0:           # once onnx_export exists, it too needs the extra
        assert code == 2 and "pip install 'nnstudio[onnx]'" in err


def test_export_torch_writes_the_script_and_what_it_loads(capsys, tmp_path):
    pytest.importorskip("nnstudio.export.torch_script")
    target = tmp_path / "model.py"
    code, out, err = cli(capsys, "export", str(EXAMPLES / "xor_dense.json"), "--format", "torch", "-o", str(target))
    assert (code, err) == (0, "") and out.startswith("wrote ") and str(target) in out
    assert target.exists() and len(list(tmp_path.iterdir())) >= 2


def test_usage_lists_import_and_the_four_export_formats(capsys):
    code, out, _ = cli(capsys, "-h")
    assert code == 0 and "import" in out
    code, out, _ = cli(capsys, "export", "-h")
    assert code == 0 and "npz" in out and "onnx" in out and "torch" in out
    code, out, _ = cli(capsys, "import", "-h")
    assert code == 0 and "MODEL" in out and "-o PROJECT" in out
