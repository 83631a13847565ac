"""ONNX files written by PyTorch's own exporter (torch.onnx.export, the TorchScript exporter)
import and match onnxruntime to 1e-5: its Gemm with transB, Conv with explicit pads, Flatten and
x.view(x.size(0), -1) (a reshape target computed from Shape), and batch-first recurrent layers
with their zero start state computed from the batch size (Shape → … → ConstantOfShape)."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
torch = pytest.importorskip("torch")
nn = torch.nn

from nnstudio.export.onnx_import import import_onnx  # noqa: E402
from nnstudio.project.compile import compile_project  # noqa: E402


@pytest.fixture(autouse=True)
def float32_models():
    """torch's exporter writes a model in torch's default dtype, which the parity tests' `torch`
    fixture (tests/conftest.py) sets to float64 for the rest of the session; onnxruntime has no
    float64 Conv, Elu or recurrent kernels, so these models are built in float32 whatever ran before."""
    before = torch.get_default_dtype()
    torch.set_default_dtype(torch.float32)
    yield
    torch.set_default_dtype(before)


class CNN(nn.Module):
    def __init__(self, view: bool):
        super().__init__()
        self.view = view
        self.conv = nn.Conv2d(2, 4, 3, padding=1)
        self.pool = nn.AvgPool2d(2)
        self.fc = nn.Linear(4 * 4 * 4, 3)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv(x)))
        x = x.view(x.size(0), -1) if self.view else torch.flatten(x, 1)
        return torch.softmax(self.fc(x), dim=-1)


class Recurrent(nn.Module):
    def __init__(self, cls, last_by: str):
        super().__init__()
        self.rec = cls(3, 5, batch_first=True)
        self.fc = nn.Linear(5, 2)
        self.last_by = last_by

    def forward(self, x):
        out, state = self.rec(x)
        if self.last_by == "h_n":
            h = state[0] if isinstance(state, tuple) else state
            return self.fc(h[-1])
        return self.fc(out[:, -1, :])


MODELS = {
    "mlp": (lambda: nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Dropout(0.2), nn.Linear(8, 3), nn.Sigmoid()),
            (5, 4), ["input", "dense", "dense"]),
    "mlp_leaky": (lambda: nn.Sequential(nn.Linear(4, 6), nn.LeakyReLU(0.1), nn.Linear(6, 2), nn.ELU()),
                  (5, 4), ["input", "dense", "dense"]),
    "cnn_flatten": (lambda: CNN(False), (3, 2, 8, 8), ["input", "conv2d", "avgpool2d", "flatten", "dense"]),
    "cnn_view": (lambda: CNN(True), (3, 2, 8, 8), ["input", "conv2d", "avgpool2d", "flatten", "dense"]),
    "lstm_out_last": (lambda: Recurrent(nn.LSTM, "out"), (2, 6, 3), ["input", "lstm", "dense"]),
    "lstm_h_n": (lambda: Recurrent(nn.LSTM, "h_n"), (2, 6, 3), ["input", "lstm", "dense"]),
    "gru_out_last": (lambda: Recurrent(nn.GRU, "out"), (2, 6, 3), ["input", "gru", "dense"]),
    "rnn_h_n": (lambda: Recurrent(nn.RNN, "h_n"), (2, 6, 3), ["input", "rnn", "dense"]),
}


@pytest.mark.parametrize("name", list(MODELS))
def test_pytorch_exports_import_and_match(tmp_path, name):
    make, shape, kinds = MODELS[name]
    torch.manual_seed(0)
    model = make().eval()
    x = torch.randn(*shape)
    path = tmp_path / f"{name}.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (x,), str(path), input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "N"}}, opset_version=17, dynamo=False)
    project = import_onnx(path)
    assert [n.kind for n in project.nodes] == kinds and project.outputs == ["y"]
    want = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"x": x.numpy()})[0]
    got = compile_project(project).network.forward([x.numpy().astype(np.float64)])
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-5)
    with torch.no_grad():
        np.testing.assert_allclose(got, model(x).numpy(), rtol=0, atol=1e-5)


class BatchNormCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 3, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(3)
        self.fc = nn.Linear(3 * 6 * 6, 4)
        self.bn1 = nn.BatchNorm1d(4)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        return self.bn1(self.fc(x.view(x.size(0), -1)))


@pytest.mark.parametrize("dynamic", [True, False])
def test_batch_norm_folds_into_the_layer_before_it(tmp_path, dynamic):
    """Inference-time BatchNormalization after a conv and a linear layer is folded into their weights
    (PyTorch's exporter may fold it itself; either way the numbers match). Without dynamic axes the
    batch size is written out in the reshape target."""
    torch.manual_seed(1)
    model = BatchNormCNN()
    with torch.no_grad():           # running statistics that are not 0 and 1
        for bn in (model.bn, model.bn1):
            bn.running_mean.uniform_(-1, 1)
            bn.running_var.uniform_(0.5, 2)
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.5, 0.5)
    model.eval()
    x = torch.randn(3, 1, 6, 6)
    path = tmp_path / "bn.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (x,), str(path), input_names=["x"], output_names=["y"], opset_version=17,
                          dynamic_axes={"x": {0: "N"}} if dynamic else None, dynamo=False,
                          do_constant_folding=False, training=torch.onnx.TrainingMode.EVAL)
    project = import_onnx(path)
    assert [n.kind for n in project.nodes] == ["input", "conv2d", "flatten", "dense"]
    want = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"x": x.numpy()})[0]
    got = compile_project(project).network.forward([x.numpy().astype(np.float64)])
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-5)
