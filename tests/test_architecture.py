"""The import contracts of pyproject.toml (layers, a pure core, no cycles), ruff and mypy."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a checker installed beside this Python, from the project root."""
    tool = Path(sys.executable).with_name(name)
    return subprocess.run([str(tool), *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_import_contracts_hold() -> None:
    result = run_tool("lint-imports", "--config", str(ROOT / "pyproject.toml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout


def test_ruff_clean() -> None:
    for args in (["check", "."], ["format", "--check", "."]):
        result = run_tool("ruff", *args)
        assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    """planner/, db/, screens/, tests/ and benchmarks/ type-check (configured in pyproject.toml)."""
    result = run_tool("mypy", "--config-file", str(ROOT / "pyproject.toml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")
