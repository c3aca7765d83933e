"""Sector (KBLI section) from the free words of a "Jenis Usaha" column (pure: no database).

A KBLI letter ("C", "C - Industri Pengolahan") or a 5-digit KBLI code is read directly. Free words
("Kuliner", "Makanan ringan", "Bengkel") get a suggestion from the keyword table that staff
maintain (``SectorKeyword``; defaults in ``data/sector_keywords.csv``): the longest keyword found
in the value wins. Staff confirm one decision per distinct value, applied to every row with it.
"""

import csv
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from binaumkm.core.spreadsheet import cell_text
from binaumkm.core.validators import KBLI_SECTIONS

DEFAULT_KEYWORDS_FILE = Path(__file__).parents[1] / "data" / "sector_keywords.csv"
SECTIONS = tuple(KBLI_SECTIONS)
MAX_WORDS = 4  # longest keyword phrase looked for


def normalise_value(text) -> str:
    """'  Makanan Ringan / Snack ' -> 'makanan ringan snack'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", cell_text(text).casefold()).split())


def read_default_keywords(path=DEFAULT_KEYWORDS_FILE) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {normalise_value(r["kata_kunci"]): r["sektor"].strip().upper() for r in csv.DictReader(handle)}


_LETTER = re.compile(r"(?:kategori|sektor|kbli)?\s*([a-u])(?:\s*[-–.:)]\s*.*)?", re.IGNORECASE)


def direct_section(value) -> str | None:
    """The section written in the cell itself: a letter A–U or a 5-digit KBLI code; else None."""
    text = cell_text(value)
    if match := _LETTER.fullmatch(text):
        return match.group(1).upper()
    digits = re.sub(r"[\s.]", "", text)
    if len(digits) == 5 and digits.isdigit():
        division = int(digits[:2])
        return next((s for s, divisions in KBLI_SECTIONS.items() if division in divisions), None)
    return None


@dataclass(frozen=True)
class Suggestion:
    section: str
    keyword: str
    confidence: str  # "tinggi" (the whole value is a keyword), "sedang" (contains one), "rendah"


def suggest_section(value, keywords: dict[str, str]) -> Suggestion | None:
    norm = normalise_value(value)
    if not norm:
        return None
    if norm in keywords:
        return Suggestion(keywords[norm], norm, "tinggi")
    words = norm.split()
    hits = []  # (words in keyword, -position, keyword): the longest, then the first, wins
    for n in range(min(MAX_WORDS, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            if phrase in keywords:
                hits.append((n, -i, phrase))
    if hits:
        best = max(hits)
        rivals = {keywords[h[2]] for h in hits if h[0] == best[0]}
        return Suggestion(keywords[best[2]], best[2], "sedang" if len(rivals) == 1 else "rendah")
    single = [k for k in keywords if " " not in k and len(k) >= 5]
    for word in words:
        if len(word) >= 5 and (close := difflib.get_close_matches(word, single, n=1, cutoff=0.85)):
            return Suggestion(keywords[close[0]], close[0], "rendah")
    return None


def distinct_values(values) -> list[tuple[str, str, int]]:
    """(normalised key, the value as first written, how many rows) of the non-empty values, most
    frequent first: one decision per key serves every row that spells it that way."""
    counts: Counter = Counter()
    first: dict[str, str] = {}
    for value in values:
        key = normalise_value(value)
        if key:
            counts[key] += 1
            first.setdefault(key, " ".join(cell_text(value).split()))
    return [(key, first[key], n) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
