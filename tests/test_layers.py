"""The import contracts in pyproject.toml (import-linter): the layers import one way only
(ui > cli > export > training > project > data > engine > errors) and only nnstudio.ui imports
Qt. CI fails on a broken contract."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = textwrap.dedent("""
    import sys
    from importlinter.cli import lint_imports
    sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))
""")


def lint(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LINT, str(config)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_the_import_contracts_hold():
    proc = lint(ROOT / "pyproject.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 kept, 0 broken" in proc.stdout


def test_a_layer_importing_upwards_breaks_the_contract(tmp_path):
    """The contracts are live: the same configuration without the command line's one allowed
    import of the app (nnstudio.cli.main → nnstudio.ui.app) reports it broken, twice."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert config.count('ignore_imports = ["nnstudio.cli.main -> nnstudio.ui.app"]') == 2
    strict = tmp_path / "strict.toml"
    strict.write_text(config.replace('ignore_imports = ["nnstudio.cli.main -> nnstudio.ui.app"]', ""),
                      encoding="utf-8")
    proc = lint(strict)
    assert proc.returncode != 0
    assert "0 kept, 2 broken" in proc.stdout and "nnstudio.cli.main -> nnstudio.ui.app" in proc.stdout
