"""The NumPy training engine. Imports neither Qt nor nnstudio.project."""
