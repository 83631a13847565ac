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
