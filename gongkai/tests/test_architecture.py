"""The structure docs/architecture.md describes, checked: the layer contract, and that state
changes happen only in actions."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "gongkai"

# Modules that parse input and present output: they must hand every change to an action.
SURFACES = ("views*.py", "api*.py", "forms*.py", "urls*.py", "feeds.py", "templatetags/*.py", "api/*.py")
# Calls that write a model (or a whole queryset) ...
WRITES = {"save", "delete", "create", "bulk_create", "get_or_create", "update_or_create", "bulk_update"}
QUERYSET_WRITES = {"update", "delete"}
# ... or the audit trail.
AUDIT_WRITERS = {"record", "record_access", "record_reveal", "record_export"}
# Receivers whose ``save``/``delete`` is not a model's: the session, and documents built in memory
# (openpyxl workbooks, python-docx documents) saved into the response.
NOT_MODELS = {"session", "book", "workbook", "wb", "doc", "document", "docx", "buffer"}


def _receiver_name(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        if isinstance(node, ast.Attribute):
            return node.attr
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _is_queryset(node: ast.expr) -> bool:
    """``X.objects…`` or a chain through ``filter``/``exclude``/``all``."""
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Attribute) and node.attr in {"objects", "filter", "exclude", "all"}:
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def writes_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        if isinstance(func, ast.Name) and func.id in AUDIT_WRITERS:
            found.append(f"{where} {func.id}()")
        elif isinstance(func, ast.Attribute):
            receiver = _receiver_name(func.value)
            if func.attr in AUDIT_WRITERS and receiver in {"log", "audit", "access"}:
                found.append(f"{where} {receiver}.{func.attr}()")
            elif func.attr in QUERYSET_WRITES and _is_queryset(func.value):
                found.append(f"{where} queryset.{func.attr}()")
            elif func.attr in WRITES and receiver not in NOT_MODELS and receiver != "messages":
                if func.attr == "create" and not _is_queryset(func.value):
                    continue  # e.g. a form's or a helper's own create()
                found.append(f"{where} {receiver}.{func.attr}()")
    return found


# Modules other than actions that may write, and why. Everything else hands its changes to an
# action (``<app>/actions.py`` or the ``<app>/actions/`` package), which checks permission, runs in
# one transaction and writes the audit event.
MAY_WRITE = {
    "models.py": "a model's own save() and its manager",
    "admin.py": "Django's admin, for system administrators (it records its own changes)",
    "demo_steps.py": "the demo's synthetic data",
    "benchdata.py": "the benchmarks' synthetic data",
    "factories.py": "the tests' personas",
    "seed.py": "reference data seeded by migrations",
    "columns.py": "the column tree and topics seeded for a district (migrations, new districts)",
    "audit/log.py": "the audit trail itself",
    "audit/signals.py": "sign-ins and failed sign-ins, recorded as Django reports them",
    "lib/counters.py": "serial numbers, counted inside the calling action's transaction",
    "catalog/search.py": "the search index, brought up to date after an action commits",
    "workcal/signals.py": "the calendar's revision counter, bumped with any edit of its days",
    "background/": "the job runner's own bookkeeping of runs",
    "management/": "commands that seed, import or repair data in bulk",
    "demo/": "the demo's synthetic district",
    "bench/": "the benchmarks' throwaway sites",
}

# Modules still to be moved into their app's actions (issue #11): this list only ever shrinks. A
# write anywhere else fails at once; a module listed here that no longer writes fails too, so the
# list stays true.
NOT_YET_MOVED: set[str] = set()


def may_write(path: Path) -> bool:
    relative = path.relative_to(PACKAGE).as_posix()
    if path.name == "actions.py" or "/actions/" in f"/{relative}" or "/migrations/" in f"/{relative}":
        return True
    return any(relative.endswith(rule) or f"/{rule}" in f"/{relative}" for rule in MAY_WRITE)


def surface_modules() -> list[Path]:
    paths = {p for pattern in SURFACES for p in PACKAGE.glob(f"*/{pattern}")}
    return sorted(p for p in paths if "tests" not in p.parts and "migrations" not in p.parts)


def _pending(path: Path) -> bool:
    return path.relative_to(PACKAGE).as_posix() in NOT_YET_MOVED


def test_no_view_api_form_or_template_tag_writes_a_model_or_an_audit_event():
    found = [write for path in surface_modules() if not _pending(path) for write in writes_in(path)]
    assert not found, "move these into the app's actions:\n" + "\n".join(found)


def test_every_other_write_is_in_an_action_or_a_module_named_for_its_reason():
    modules = sorted(p for p in PACKAGE.glob("**/*.py") if "tests" not in p.parts and not may_write(p))
    found = [write for path in modules if not _pending(path) for write in writes_in(path)]
    assert not found, "move these into the app's actions:\n" + "\n".join(found)


def test_the_modules_not_yet_moved_still_write():
    done = sorted(name for name in NOT_YET_MOVED if not writes_in(PACKAGE / name))
    assert not done, f"no longer writing: take them off NOT_YET_MOVED: {done}"


def test_the_write_check_finds_what_it_looks_for(tmp_path):
    sample = PACKAGE / "tests" / "_sample_views.py"
    sample.write_text(
        "def v(request, item, Item):\n"
        "    item.save()\n"
        "    Item.objects.filter(pk=1).update(x=1)\n"
        "    Item.objects.create(x=1)\n"
        "    record('x.y', actor=None)\n"
        "    request.session.save()\n"
        "    book.save(buffer)\n",
        encoding="utf-8",
    )
    try:
        found = writes_in(sample)
    finally:
        sample.unlink()
    assert [f.split(" ", 1)[1] for f in found] == [
        "item.save()",
        "queryset.update()",
        "objects.create()",
        "record()",
    ]


def test_the_layer_contract_holds():
    """import-linter checks the layers of pyproject.toml ([tool.importlinter])."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        pytest.fail("lint-imports is missing: install the dev dependencies (make install-dev)")
    done = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_every_app_is_named_in_the_architecture_document():
    import re

    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## The apps", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^- `(\w+)/`", section, flags=re.M))
    # Django apps, and the packages that are not apps (lib, api, bench)
    existing = {p.parent.name for p in PACKAGE.glob("*/__init__.py")} - {"tests"}
    assert named == existing, f"not named: {sorted(existing - named)}; no such app: {sorted(named - existing)}"
