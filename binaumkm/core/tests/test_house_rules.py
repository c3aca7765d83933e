"""The house rules of docs/architecture.md, checked on the source: one access policy (no role-name
checks), writes in services (no audit entries or ORM queries in views), every audit event tested."""

import re
from importlib import import_module
from pathlib import Path

from django.conf import settings

PACKAGE = Path(__file__).resolve().parents[2]
APPS = [a.rsplit(".", 1)[1] for a in settings.INSTALLED_APPS if a.startswith("binaumkm.")]


def sources(*, tests: bool = False):
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts:
            continue
        if ("tests" in parts) != tests:
            continue
        yield path, path.read_text(encoding="utf-8")


def offenders(pattern: str, *, where=lambda path: True) -> list[str]:
    regex = re.compile(pattern)
    return [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path, text in sources()
        if where(path)
        for n, line in enumerate(text.splitlines(), 1)
        if regex.search(line)
    ]


def is_view(path: Path) -> bool:
    return path.name.startswith("views") or "views" in path.parts


def test_no_role_name_checks_outside_the_policy():
    assert offenders(r"\b(ensure_agency|is_agency|has_role|is_admin|agency_required|role_required)\b") == []
    assert offenders(r"groups__name|groups\.filter\(name|\.is_superuser\b") == []


def test_views_write_no_audit_entries_and_run_no_queries():
    assert offenders(r"audit\.record", where=is_view) == []
    assert (
        offenders(
            r"\.objects\.|from django\.db\.models import|get_object_or_404\(\w+\.objects", where=is_view
        )
        == []
    )


def test_every_audit_event_is_asserted_by_a_test():
    missing = []
    for app in APPS:
        try:
            events = import_module(f"binaumkm.{app}.events").Event
        except ModuleNotFoundError:
            continue
        app_tests = "\n".join(
            text for path, text in sources(tests=True) if path.relative_to(PACKAGE).parts[0] == app
        )
        every_test = "\n".join(text for _path, text in sources(tests=True))
        for member in events:
            if f"Event.{member.name}" not in app_tests and f'"{member.value}"' not in every_test:
                missing.append(member.value)
    assert missing == [], "write a test that asserts each of these audit events"
