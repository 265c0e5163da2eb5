"""Office titles as patterns: the titles the lexicon knows, their plurals, the regex that reads a
title with its status, owner, demonym and "of" phrase, and the label a title gets as written."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.dictionary import default_dictionary
from actorgraph.extract.lexicon_patterns import alternation, cue
from actorgraph.extract.pattern_cache import compiled
from actorgraph.lexicon import lexicon
from actorgraph.normalize import find_date, find_year_range


@cache
def titles() -> tuple[str, ...]:
    found = set(lexicon()["office_titles"]) | set(lexicon()["member_roles"])
    found -= set(lexicon()["titles_not_offices"])
    # "vice-speaker", "deputy-chairman": a hyphen may join a title's first word to the rest
    found |= {t.replace(" ", "-", 1) for t in found if t.split()[0] in ("vice", "deputy", "co")}
    return tuple(sorted(found, key=len, reverse=True))


@cache
def plural_titles() -> dict[str, str]:
    """'prime ministers' -> 'prime minister', 'presidents' -> 'president'."""
    plurals: dict[str, str] = {}
    for title in lexicon()["office_titles"]:
        words = title.split()
        last = words[-1]
        plural = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
        if last.endswith(("man", "woman")):
            plural = last[:-3] + "men"
        plurals[" ".join([*words[:-1], plural])] = title
    return plurals


@cache
def title_pattern(of_phrase: bool = False, optional_of: bool = False) -> str:
    status = alternation(lexicon()["status_former"] + lexicon()["status_current"])
    modifiers = alternation([m for m in lexicon()["office_modifiers"] if m != "the"])
    demonym_words = "|".join(re.escape(d) for d in sorted(default_dictionary().demonyms, key=len, reverse=True))
    # "emergency situation minister", "security service chief": a portfolio before a head title
    portfolio = (
        r"(?:\b(?!(?:"
        + "|".join(re.escape(w) for w in lexicon()["not_portfolio_words"])
        + "|"
        + demonym_words
        + r")\b)[a-z]+\s+){1,2}"
        + cue("portfolio_heads").pattern
    )
    # "ex-Prime Minister": a title may follow a hyphenated "ex-"
    title = r"(?P<title_start>)(?P<title>" + alternation(titles(), not_after=r"\w") + "|" + portfolio + ")"
    pattern = (
        r"(?<!\S)(?P<status>" + status + r"|ex-|then-)?\s*"
        r"(?:(?P<owner>[a-z][\w.-]*(?:\s+[a-z][\w-]*)?)'s\s+)?"
        r"(?:(?P=status)\s+)?"
        r"(?:(?P<demonym>" + demonym_words + r")\s+)?"
        r"(?:(?:" + status + r"|" + modifiers + r")\s+)*" + title
    )
    if of_phrase:
        of = r"\s+(?:of|at)\s+(?P<of>(?:[^,.;()\"]|\.(?=\w))+?)(?=\s*(?:[,.;()\"]|\band\b|\bsince\b|\bin\s+\d|\bfrom\s+\d|$))"
        pattern += f"(?:{of})" + ("?" if optional_of else "")
    return pattern


def written_title(title: str, canonical: str) -> str:
    """A title as the text words it, title-cased: 'interior minister' -> 'Interior Minister',
    'mp' -> 'MP'; status words ('de facto', 'acting') are the office's status, not its name."""
    words = re.sub(cue("status_qualifiers").pattern + r"\s*", "", title).split()
    if not words:
        return canonical
    if len(words) == 1 and words[0] in lexicon()["title_abbreviations"]:
        return str(lexicon()["title_abbreviations"][words[0]])
    return title_case(" ".join(words))


def portfolio_title(title: str) -> str | None:
    """'emergency situation minister' -> 'Minister of Emergency Situation'; 'security service chief'
    -> 'Chief of Security Service'."""
    words = title.split()
    if len(words) >= 2 and cue("portfolio_heads").fullmatch(words[-1]):
        portfolio = " ".join(words[:-1])
        if portfolio in lexicon()["not_portfolios"]:
            return None
        return f"{words[-1].capitalize()} of {title_case(portfolio)}"
    return None


def strip_owner(text: str) -> str:
    """'of South Ossetia's presidential administration' -> 'of the presidential administration'."""
    text = re.sub(r"(?:^|(?<=\s))(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['’]s\s+", "the ", text)
    text = re.sub(cue("status_qualifiers").pattern + r"\s+", "", text)
    return " ".join(text.split())


def title_case(text: str) -> str:
    small = {"of", "the", "and", "for", "in", "at", "on", "a", "an", "to"}
    words = text.split()
    if not words:
        return ""
    cased = " ".join(w if (i > 0 and w.lower() in small) else (w[:1].upper() + w[1:]) for i, w in enumerate(words))
    return cased.replace("The ", "the ", 1)


def office_dates(text: str, position: int, ceiling: int, moment: str | None = None) -> dict[str, str]:
    """Dates of an office in the clause naming it (not '..., which he has led since 2012'); with a
    `moment` ("start": "sworn in as president on 24 May 2022", "end": "resigned as X in 2020") a
    lone date in the clause is that moment."""
    clause_end = re.search(r",(?!\s*\d{4}\b)|;", text[position:ceiling])
    tail = text[position : position + clause_end.start()] if clause_end else text[position:ceiling]
    found: dict[str, str] = {}
    since = re.search(r"\bsince\s+(.{0,30})", tail)
    if since:
        date = find_date(since.group(1))
        if date:
            found["start"] = date[0]
            found["since"] = date[0]
    years = find_year_range(tail)
    if years and "start" not in found:
        found["start"], found["end"] = years[0], years[1]
    until = re.search(r"\b(?:until|till)\s+(.{0,30})", tail)
    if until and "end" not in found:
        date = find_date(until.group(1))
        if date:
            found["end"] = date[0]
    if moment and moment not in found:
        date = find_date(tail)
        if date:
            found[moment] = date[0]
    return found


@cache
def title_regex(before: str, after: str, of_phrase: bool = False, optional_of: bool = False) -> re.Pattern[str]:
    """title_pattern() between `before` and `after`, compiled once: rules ask for it around every name."""
    return compiled(before + title_pattern(of_phrase, optional_of) + after)
