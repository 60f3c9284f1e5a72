"""The layout the README's "What is where" describes: dependencies run one way, and modules
stay short."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each package may import its own modules and those of packages ranked below it:
# demo, staffauth, subscriptions and transfer -> comments -> blog -> align (the page
# cache, health check, settings).
RANKS = {
    "align": 0,
    "blog": 1,
    "comments": 2,
    "demo": 3,
    "staffauth": 3,
    "subscriptions": 3,
    "transfer": 3,
}
MAX_LINES = 400


def modules(package):
    return sorted(path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts)


def imported(path):
    """The top-level names of what `path` imports, wherever in the module it does."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_no_package_imports_upward():
    upward = [
        f"{path.relative_to(ROOT)} imports {name}"
        for package, rank in RANKS.items()
        for path in modules(package)
        for name in imported(path)
        if name in RANKS and name != package and RANKS[name] >= rank
    ]

    assert upward == []


def test_no_module_outside_migrations_and_tests_is_over_400_lines():
    skipped = {".venv", "node_modules", "migrations", "tests", ".git"}
    long = [
        f"{path.relative_to(ROOT)}: {lines} lines"
        for path in sorted(ROOT.rglob("*.py"))
        if not skipped & set(path.relative_to(ROOT).parts)
        and (lines := len(path.read_text().splitlines())) > MAX_LINES
    ]

    assert long == []
