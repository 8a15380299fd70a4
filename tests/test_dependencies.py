"""Every declared runtime dependency earns its place: something in src/ imports it (issue 13 §3)."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

# Distribution names whose import name differs.
IMPORT_NAMES = {"PyYAML": "yaml", "pdfminer.six": "pdfminer", "python-docx": "docx"}


def _project() -> dict[str, list[str]]:
    """The runtime dependency lists of pyproject.toml (read without tomllib, which Python 3.10 lacks)."""
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    lists = {"dependencies": re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M)}
    for extra in ("readers", "batch", "dask"):
        lists[extra] = re.search(rf"^{extra} = \[(.*?)\]\s*$", text, re.S | re.M)
    return {name: re.findall(r'"([^"]+)"', m.group(1)) if m else [] for name, m in lists.items()}


def _imported_modules() -> set[str]:
    names = set()
    for path in (ROOT / "src" / "govreport").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
            elif (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "import_module"
                  and node.args and isinstance(node.args[0], ast.Constant)):
                names.add(str(node.args[0].value).split(".")[0])
    return names


def _declared(requirements: list[str]) -> list[str]:
    names = [re.split(r"[<>=!;~ \[]", r, maxsplit=1)[0].strip() for r in requirements]
    return [n for n in names if not n.startswith("govreport")]


def test_every_runtime_dependency_is_imported() -> None:
    project = _project()
    declared = [name for requirements in project.values() for name in _declared(requirements)]
    assert "pydantic" in declared and "trafilatura" in declared  # the lists were read
    imported = _imported_modules()
    unused = [name for name in declared if IMPORT_NAMES.get(name, name).replace("-", "_").lower() not in imported]
    assert not unused, f"declared but imported nowhere in src/: {unused}"
