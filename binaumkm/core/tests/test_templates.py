"""Rules every page template keeps, read from the template files (so a new template that breaks one
fails here even before a browser test opens it): labelled landmarks and scroll regions, table
headers with scope, an error summary wherever fields are laid out by hand, htmx only where used,
no inline scripts, and the trimmed Bootstrap CSS in step with the templates."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from binaumkm.core.management.commands import build_css

ROOT = Path(__file__).resolve().parents[2]
# PDF templates are rendered by WeasyPrint, never by a browser.
TEMPLATES = sorted(
    p for p in ROOT.glob("*/templates/**/*.html") if "pdf" not in p.name and "/pdf/" not in str(p)
)


def name(path: Path) -> str:
    return str(path).split("/templates/", 1)[1]


def source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def offending(pattern: str, ok=lambda tag: False) -> list[str]:
    return [
        f"{name(p)}: {m[:120]}" for p in TEMPLATES for m in re.findall(pattern, source(p), re.S) if not ok(m)
    ]


def test_templates_are_found():
    assert len(TEMPLATES) > 80 and any(name(p) == "base.html" for p in TEMPLATES)


def test_every_nav_landmark_is_labelled():
    assert not offending(r"<nav\b[^>]*>", ok=lambda tag: "aria-label=" in tag)


def test_every_scroll_region_is_focusable_and_labelled():
    """A keyboard user must be able to scroll a wide table: tabindex=0, role=region and a name."""
    scrollers = r'<div\b[^>]*class="[^"]*\b(?:table-responsive|overflow-auto|overflow-x-auto)\b[^>]*>'
    assert not offending(
        scrollers, ok=lambda t: 'tabindex="0"' in t and 'role="region"' in t and "aria-label" in t
    )


def test_every_table_header_has_a_scope_and_a_name():
    assert not offending(r"<th\b[^>]*>", ok=lambda tag: "scope=" in tag)
    assert not offending(r"<th\b[^>]*></th>")


def test_no_inline_scripts_or_event_handlers():
    """A Content-Security-Policy without 'unsafe-inline' must not break any page: behaviour comes
    from core/app.js through data- attributes."""
    assert not offending(r"<script\b(?![^>]*\bsrc=)[^>]*>")
    assert not offending(r"<style\b[^>]*>")
    assert not offending(r"\son[a-z]+=\"[^\"]*\"")


def test_no_inline_style_attributes():
    """The Content-Security-Policy has style-src 'self' without 'unsafe-inline': a style="..."
    attribute is blocked by the browser (and reported as a violation by the browser tests)."""
    assert not offending(r"\sstyle=[\"']")


def test_fields_laid_out_by_hand_come_with_an_error_summary():
    """includes/form.html shows the summary; a page that includes field.html itself must too."""
    exempt = {"includes/form.html", "includes/field.html"}
    missing = [
        name(p) for p in TEMPLATES
        if "includes/field.html" in source(p) and name(p) not in exempt and "error_summary" not in source(p)
    ]  # fmt: skip
    assert not missing


def _pages_including(partial: str) -> list[Path]:
    found = [p for p in TEMPLATES if f'"{partial}"' in source(p) or f"'{partial}'" in source(p)]
    return [q for p in found for q in ([p] if "{% extends" in source(p) else _pages_including(name(p)))]


def test_htmx_is_loaded_on_every_page_that_uses_it_and_only_there():
    uses = [p for p in TEMPLATES if re.search(r"\bhx-(get|post|put|patch|delete)=", source(p))]
    assert uses
    for template in uses:
        pages = [template] if "{% extends" in source(template) else _pages_including(name(template))
        assert pages, f"{name(template)} is included by no page"
        for page in pages:
            assert '{% include "includes/htmx.html" %}' in source(page), f"{name(page)} uses htmx: load it"
    assert "htmx" not in re.sub(
        r"htmx-config|htmx-indicator|hx-headers", "", source(ROOT / "core/templates/base.html")
    )


def test_trimmed_bootstrap_css_is_current():
    """Using a Bootstrap class that no template used before needs `make css` (manage.py build_css)."""
    call_command("build_css", check=True)


def test_trimmed_css_keeps_every_bootstrap_class_the_templates_use():
    full = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", build_css.SOURCE.read_text()))
    trimmed = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", build_css.TARGET.read_text()))
    # Words inside {{ }} or {% %} are template variables, not class names.
    attrs = [
        re.sub(r"\{[{%].*?[}%]\}", " ", a)
        for p in TEMPLATES
        for a in re.findall(r'class="([^"]*)"', source(p))
    ]
    used = {c for attr in attrs for c in attr.split()}
    missing = sorted(c for c in used if c in full and c not in trimmed)
    assert not missing
    assert len(build_css.TARGET.read_bytes()) < len(build_css.SOURCE.read_bytes()) / 3


@pytest.mark.parametrize("colour", ["#198754", "25,135,84"])
def test_trimmed_css_uses_the_darker_green(colour):
    assert colour not in build_css.TARGET.read_text()
