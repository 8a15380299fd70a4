"""The import rules of docs/architecture.md, read from the source (ast): a rule that breaks them fails here."""

from __future__ import annotations

import ast

import pytest

from conftest import ROOT

SRC = ROOT / "src" / "govreport"
FOUNDATIONS = {"models", "errors", "lexicon", "normalize", "tokens", "numbers"}
EXTRACTORS = {"figures", "officials", "meetings", "references"}
FIGURE_PARTS = {"comparisons", "metrics", "figure_periods"}  # belong to the figures extractor
SHARED = {"dates", "titles", "organizations"}


def _imports(path) -> set[str]:
    """The govreport modules a file imports, as dotted names below govreport ("rules.dates", "models")."""
    package = path.relative_to(SRC).parent.parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - node.level + 1])
            if node.module:
                found.add(".".join([*base, *node.module.split(".")]))
            else:
                found |= {".".join([*base, alias.name]) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("govreport."):
            found.add(node.module.removeprefix("govreport."))
    return found


@pytest.mark.parametrize("name", sorted(EXTRACTORS | FIGURE_PARTS | SHARED))
def test_an_extractor_never_imports_another(name: str) -> None:
    imported = {m.split(".")[1] for m in _imports(SRC / "rules" / f"{name}.py") if m.startswith("rules.")}
    allowed = SHARED | (FIGURE_PARTS if name in FIGURE_PARTS | {"figures"} else set())
    if name in SHARED:
        allowed = SHARED  # shared modules stay below every extractor
    assert imported - {name} <= allowed, f"rules/{name}.py imports {sorted(imported - allowed - {name})}"


@pytest.mark.parametrize("name", sorted(FOUNDATIONS))
def test_foundations_import_only_foundations(name: str) -> None:
    top = {m.split(".")[0] for m in _imports(SRC / f"{name}.py")}
    assert top <= FOUNDATIONS, f"{name}.py imports {sorted(top - FOUNDATIONS)}"


def test_readers_never_import_the_rules_or_the_pipeline() -> None:
    for path in (SRC / "readers").glob("*.py"):
        top = {m.split(".")[0] for m in _imports(path)}
        assert not top & {"rules", "pipeline", "api"}, path.name


def test_nothing_imports_the_command_line() -> None:
    for path in SRC.rglob("*.py"):
        if path.name != "cli.py":
            assert "cli" not in {m.split(".")[0] for m in _imports(path)}, path.name
