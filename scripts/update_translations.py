"""Update the interface's translation catalogues: regenerate nnstudio/ui/domain_texts.py (the
catalogue entries for the Qt-free layers' words the window shows: kinds, examples, error templates;
nnstudio/ui/domain_catalogue.py), then extract every tr() / translate() string under nnstudio/ui
into resources/i18n/nnstudio_<language>.ts (existing translations are kept; new strings come in
unfinished), then build the .qm files the package ships.

    python scripts/update_translations.py

Translate the unfinished entries (Qt Linguist: `pyside6-linguist`, or any editor), then run it
again to build the .qm. tests/ui/test_i18n.py fails while an entry is unfinished or a .qm is older
than its .ts.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "nnstudio" / "ui"
sys.path.insert(0, str(ROOT))

from nnstudio.ui import domain_catalogue  # noqa: E402
from nnstudio.ui.i18n import CATALOGUES, LANGUAGES  # noqa: E402


def sources() -> list[str]:
    """Every Python module of the interface, relative to the repository (stable .ts locations)."""
    return sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))


def main() -> int:
    if domain_catalogue.write():
        print(f"regenerated {domain_catalogue.TARGET.relative_to(ROOT)}")
    for language in LANGUAGES:
        ts = CATALOGUES / f"nnstudio_{language}.ts"
        subprocess.run(["pyside6-lupdate", "-no-obsolete", "-locations", "none", *sources(),
                        "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        # Built beside and moved into place: a running nnstudio maps the .qm it loaded into memory,
        # and rewriting that file in place would garble its lookups.
        built = ts.with_suffix(".qm.new")
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(built)], cwd=ROOT, check=True)
        os.replace(built, ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
