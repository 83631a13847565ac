"""Engine layers. Each is a small class; see base.Layer for the protocol."""
from nnstudio.engine.layers.base import Layer
from nnstudio.engine.layers.conv import Conv2D
from nnstudio.engine.layers.dense import Dense
from nnstudio.engine.layers.elementwise import Activation, Dropout, Flatten
from nnstudio.engine.layers.pooling import AvgPool2D, MaxPool2D
from nnstudio.engine.layers.recurrent import GRU, LSTM, RNN

__all__ = ["Layer", "Dense", "Activation", "Dropout", "Flatten", "Conv2D", "MaxPool2D", "AvgPool2D", "RNN", "LSTM", "GRU"]
