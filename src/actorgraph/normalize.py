"""Name folding and transliteration keys, numbers, percentages and partial dates.

Nothing here knows about RDF or documents: plain strings in, plain values out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from actorgraph.lexicon import lexicon

_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-", "‐": "-"}
)


@lru_cache(maxsize=1 << 16)  # tokens repeat; bounded so a large corpus cannot grow it without end
def fold(text: str) -> str:
    """Case-folded, accent-free, with typographic quotes and dashes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def match_key(name: str) -> str:
    """The key under which gold and produced names are compared: folded, no punctuation."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


@cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in lexicon()["rules"])


@cache
def _given_groups() -> dict[str, str]:
    groups: dict[str, str] = {}
    for group in lexicon()["given_name_groups"]:
        for name in group:
            groups[fold(name)] = fold(group[0])
    return groups


@lru_cache(maxsize=1 << 16)  # resolution asks for the same surnames' keys again and again
def translit_key(word: str) -> str:
    """One spelling for the romanisations of a word: Gagloyev and Gagloev give the same key."""
    key = re.sub(r"[^a-z]", "", fold(word))
    for pattern, replacement in _rules():
        key = pattern.sub(replacement, key)
    return key


def given_name_key(word: str) -> str:
    folded = re.sub(r"[^a-z]", "", fold(word))
    return translit_key(_given_groups().get(folded, folded))


@cache
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(sorted(lexicon()["patronymic_endings"], key=len, reverse=True))


def is_patronymic(word: str) -> bool:
    folded = fold(word)
    return len(folded) > 6 and folded.endswith(_patronymic_endings())


@lru_cache(maxsize=1 << 16)  # resolution asks for the same names thousands of times
def name_parts(name: str) -> tuple[str, str]:
    """(given name, surname), reading Russian order: "Muldarov Garri Vitalyevich" is Garri Muldarov."""
    tokens = [t for t in re.split(r"\s+", name.strip()) if t]
    if not tokens:
        return "", ""
    if len(tokens) == 1:
        return "", tokens[0]
    if len(tokens) == 2:  # two names are given name and surname; "-vich" may end a surname (Klintsevich)
        return tokens[0], tokens[1]
    if len(tokens) >= 3 and is_patronymic(tokens[-1]) and not is_patronymic(tokens[1]):
        return tokens[1], tokens[0]  # Surname Given Patronymic
    kept = [t for t in tokens if not is_patronymic(t)] or tokens
    return kept[0], kept[-1]


def display_name(name: str) -> str:
    """Given name and surname in English order, without patronymic."""
    given, surname = name_parts(name)
    return f"{given} {surname}".strip()


def person_key(name: str) -> str:
    given, surname = name_parts(name)
    return f"{given_name_key(given)} {translit_key(surname)}".strip()


@cache
def gendered_endings() -> tuple[tuple[str, str], ...]:
    """(male, female) surname endings: -ov/-ova, -ski/-ska."""
    return tuple((m, f) for m, f in lexicon()["gendered_endings"])


def gendered_counterparts(surname_a: str, surname_b: str) -> bool:
    """True when two surnames differ only by a gendered ending (Pliev and Plieva)."""
    a, b = fold(surname_a), fold(surname_b)
    for male, female in gendered_endings():
        for x, y in ((a, b), (b, a)):
            if x.endswith(male) and y.endswith(female) and x[: -len(male)] == y[: -len(female)]:
                return True
    return False


def is_female_surname(surname: str) -> bool:
    return fold(surname).endswith(tuple(lexicon()["female_surname_endings"]))


# --- numbers ----------------------------------------------------------------------------------

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORD = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a|one) hundred|half)"
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:[.,]\d+)?|{NUMBER_WORD})"
PERCENT = re.compile(rf"(?<![\w.,])(?P<number>{NUMBER})\s?(?:%|percent\b|per\s+cent\b|pct\b|percentage points\b)", re.I)


def parse_number(text: str) -> float | None:
    """25.44, 25,44, 1,234, 'eleven', 'twenty-five', 'a hundred' -> a number."""
    raw = text.strip().lower()
    if not raw:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d+,\d{1,2}", raw):  # decimal comma: 25,44
        return float(raw.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return float(raw)
    if raw == "half":
        return 50.0
    if raw in ("a hundred", "one hundred"):
        return 100.0
    words = re.split(r"[- ]", raw)
    if len(words) == 1 and words[0] in _UNITS:
        return float(_UNITS[words[0]])
    if words[0] in _TENS and (len(words) == 1 or (len(words) == 2 and words[1] in _UNITS and _UNITS[words[1]] < 10)):
        return float(_TENS[words[0]] + (_UNITS[words[1]] if len(words) == 2 else 0))
    return None


def decimal_text(value: float) -> str:
    """A number as the shortest decimal text: 43.51, 82, 4.4."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


# --- dates ------------------------------------------------------------------------------------

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DATE_PATTERNS = (
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+(?P<year>{YEAR})\b"),
    re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{YEAR})\b"),
    re.compile(rf"\b(?P<month>{_MONTH})\s+(?:of\s+)?(?P<year>{YEAR})\b"),
    re.compile(rf"\b(?P<year>{YEAR})-(?P<monthnum>\d{{2}})(?:-(?P<daynum>\d{{2}}))?\b"),
    re.compile(rf"\b(?P<year>{YEAR})\b"),
)
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*{YEAR})")


def find_date(text: str, default_year: int | None = None) -> tuple[str, int, int] | None:
    """The first (most precise at that place) date in `text`: (ISO value, start, end)."""
    best: tuple[str, int, int] | None = None
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            value = _iso(match)
            if value and (best is None or match.start() < best[1]):
                best = (value, match.start(), match.end())
            break
    if best is None and default_year is not None:
        bare = _MONTH_DAY.search(text)
        if bare:
            month = MONTHS[bare.group("month").rstrip(".").lower()]
            best = (f"{default_year:04d}-{month:02d}-{int(bare.group('day')):02d}", bare.start(), bare.end())
    return best


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    month = groups.get("monthnum")
    month_number = int(month) if month else MONTHS.get((groups.get("month") or "").rstrip(".").lower())
    day = groups.get("day") or groups.get("daynum")
    if month_number is None:
        return f"{year:04d}"
    if not 1 <= month_number <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month_number:02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year:04d}-{month_number:02d}-{int(day):02d}"


_YEAR_RANGE = re.compile(
    rf"\b(?:in\s+|from\s+|between\s+)?(?P<a>{YEAR})\s*(?:-|–|to|until|and)\s*(?P<b>{YEAR}|\d{{2}})\b"
)


def find_year_range(text: str) -> tuple[str, str, int, int] | None:
    """'1994-96', 'from 1998 to 2000' -> ('1994', '1996', start, end)."""
    match = _YEAR_RANGE.search(text)
    if match is None:
        return None
    first, second = match.group("a"), match.group("b")
    if len(second) == 2:
        second = first[:2] + second
    if int(second) < int(first):
        return None
    return first, second, match.start(), match.end()
