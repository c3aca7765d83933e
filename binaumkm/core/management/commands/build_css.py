"""Build core/static/core/bootstrap.min.css: Bootstrap's CSS (from xstatic-bootstrap) trimmed to the
classes this project's templates and code use, with the theme's green darkened to pass WCAG AA
contrast. No Node build: the CSS is parsed with tinycss2 (already installed for WeasyPrint).

Run ``manage.py build_css`` (``make css``) after using a Bootstrap class no template used before;
``core/tests/test_static.py`` fails while the committed file is out of date."""

import re
from pathlib import Path

import tinycss2
import xstatic.pkg.bootstrap
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SOURCE = Path(xstatic.pkg.bootstrap.BASE_DIR) / "css" / "bootstrap.min.css"
TARGET = Path(settings.BASE_DIR) / "binaumkm" / "core" / "static" / "core" / "bootstrap.min.css"
# Where class names can come from: templates, Python that builds HTML or widget classes, our JS.
SCANNED = ("*.html", "*.py", "*.js")
SKIPPED_DIRS = {"tests", "migrations", "locale"}

# Bootstrap's green is 4.5:1 on white but 4.3:1 on its light panels: one step darker everywhere
# (buttons, text, badges, the navbar), and its hover/active shades one step darker still.
COLOURS = {
    "#198754": "#146c43",
    "25,135,84": "20,108,67",
    "#157347": "#115c39",
    "#146c43": "#0f5132",
    "20,108,67": "15,81,50",
}
_COLOUR_RE = re.compile("|".join(re.escape(c) for c in COLOURS))
_NOT_RE = re.compile(r":not\([^)]*\)")
_CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# A class written as a prefix with a template expression after it, e.g. alert-{{ message.tags }}.
_PREFIX_RE = re.compile(r"([a-z][a-z0-9-]*-)\{[{%]")
_TOKEN_RE = re.compile(r"[a-zA-Z][\w-]*")


def used_names(root: Path) -> tuple[set[str], set[str]]:
    """Every word in the project's templates, Python and JS (a superset of the classes used), and
    the class prefixes completed by a template expression."""
    words, prefixes = set(), set()
    for pattern in SCANNED:
        for path in root.rglob(pattern):
            if SKIPPED_DIRS & set(path.relative_to(root).parts):
                continue
            text = path.read_text(encoding="utf-8", errors="ignore")
            words.update(_TOKEN_RE.findall(text))
            prefixes.update(_PREFIX_RE.findall(text))
    return words, prefixes


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas (not those inside :is(...) or :not(...))."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    return [*parts, prelude[start:].strip()]


def _selector_used(selector: str, words: set[str], prefixes: set[str]) -> bool:
    if "data-bs-theme=dark" in selector.replace('"', ""):
        return False  # no dark mode here
    # A class inside :not(...) does not have to be used for the selector to match.
    for name in _CLASS_RE.findall(_NOT_RE.sub("", selector)):
        if name not in words and not any(name.startswith(p) for p in prefixes):
            return False
    return True


def _trim(rules, words, prefixes) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _split_selectors(tinycss2.serialize(rule.prelude))
            used = [s for s in selectors if _selector_used(s, words, prefixes)]
            if used:
                kept.append(",".join(used) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "container"):
            inner = _trim(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                          words, prefixes)  # fmt: skip
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            kept.append(("keyframes", tinycss2.serialize(rule.prelude).strip(), tinycss2.serialize([rule])))
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
            kept.append(tinycss2.serialize([rule]))
    return kept


def build(root: Path | None = None) -> str:
    root = root or Path(settings.BASE_DIR) / "binaumkm"
    words, prefixes = used_names(root)
    source = SOURCE.read_text(encoding="utf-8")
    licence = source[source.index("/*!") : source.index("*/") + 2]
    rules = tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True)
    parts = _trim(rules, words, prefixes)
    css = "".join(p for p in parts if isinstance(p, str))
    # Animations only if a kept rule still names them.
    css += "".join(text for _k, name, text in (p for p in parts if isinstance(p, tuple)) if name in css)
    css = _COLOUR_RE.sub(lambda m: COLOURS[m.group(0)], css)
    header = (
        '@charset "UTF-8";'
        + licence
        + "\n/* Trimmed to the classes Bina UMKM uses, green darkened for contrast: generated by "
        f"`manage.py build_css` from Bootstrap {xstatic.pkg.bootstrap.VERSION}. Do not edit. */\n"
    )
    return header + css + "\n"


class Command(BaseCommand):
    help = "Bangun core/static/core/bootstrap.min.css: CSS Bootstrap yang dipakai saja (tanpa Node)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Gagal bila berkas yang ada sudah usang.")

    def handle(self, *args, check, **options):
        css = build()
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if check:
            if css != current:
                raise CommandError(f"{TARGET} usang: jalankan `make css` (manage.py build_css).")
            return
        TARGET.write_text(css, encoding="utf-8")
        self.stdout.write(f"{TARGET}: {len(css.encode()):,} byte (sumber {SOURCE.stat().st_size:,} byte)")
