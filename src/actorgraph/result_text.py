"""A SELECT result written as typed JSON records and the SPARQL JSON and XML results formats, byte
for byte as `json.dumps(..., indent=1, ensure_ascii=False)` and ElementTree (indented by one
space) write them, but each distinct cell written once.

An indented json.dumps runs json's encoder in Python, and ElementTree makes an element for each
cell: 45,731 rows of `candidacies` took 0.4 s as records, 1.6 s as SPARQL JSON and 2.9 s as SPARQL
XML. A value repeats down a column (names, elections, documents), so its text is made the first
time it is met and joined after. The test suite holds these writers to the library's output on
random results (`tests/test_result_text.py`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from actorgraph.results import Term

Cell = Any  # a Term, or None where unbound (results.Row)
_string = encode_basestring  # a JSON string as json.dumps(ensure_ascii=False) writes it
_encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps with an option makes one a call


def json_records(columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """`json.dumps([{column: term.json_value()}, ...], indent=1, ensure_ascii=False)`."""
    names = [f"  {_string(c)}: " for c in columns]
    cells: dict[Any, str] = {None: "null"}
    value = _made(cells, lambda t: _encode(t.json_value()))
    records = [
        " {\n" + ",\n".join(map(str.__add__, names, map(value, row))) + "\n }" if names else " {}" for row in rows
    ]
    return "[\n" + ",\n".join(records) + "\n]" if records else "[]"


def sparql_json(columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """`json.dumps({"head": {"vars": columns}, "results": {"bindings": [...]}}, indent=1,
    ensure_ascii=False)`, each binding {column: term.sparql_json()} of the bound cells."""
    names = [f"    {_string(c)}: " for c in columns]
    # a term's object sits four levels in, its members five (its values are strings)
    value = _made(
        {},
        lambda t: (
            "{\n" + ",\n".join(f"     {_string(k)}: {_string(v)}" for k, v in t.sparql_json().items()) + "\n    }"
        ),
    )
    bindings = []
    for row in rows:
        bound = [name + value(term) for name, term in zip(names, row, strict=True) if term is not None]
        bindings.append("   {\n" + ",\n".join(bound) + "\n   }" if bound else "   {}")
    variables = "[\n" + ",\n".join(f"   {_string(c)}" for c in columns) + "\n  ]" if columns else "[]"
    listed = "[\n" + ",\n".join(bindings) + "\n  ]" if bindings else "[]"
    return '{\n "head": {\n  "vars": ' + variables + '\n },\n "results": {\n  "bindings": ' + listed + "\n }\n}"


def sparql_xml(namespace: str, columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """What ElementTree writes (`tostring(root, encoding="unicode")`, indented by `indent(root,
    space=" ")`) for <sparql><head><variable name=.../>...</head><results><result><binding
    name=...><uri|bnode|literal ...>value</...></binding>...</result>...</results></sparql>."""
    value = _made({}, _xml_term)
    head = "".join(f'\n  <variable name="{_attribute(c)}" />' for c in columns)
    results = []
    for row in rows:
        bound = [
            f'\n   <binding name="{name}">\n    {value(term)}\n   </binding>'
            for name, term in zip(map(_attribute, columns), row, strict=True)
            if term is not None
        ]
        results.append("\n  <result>" + "".join(bound) + "\n  </result>" if bound else "\n  <result />")
    return (
        f'<sparql xmlns="{_attribute(namespace)}">\n '
        + ("<head>" + head + "\n </head>" if head else "<head />")
        + "\n "
        + ("<results>" + "".join(results) + "\n </results>" if results else "<results />")
        + "\n</sparql>"
    )


def _made(made: dict[Any, str], write: Callable[[Term], str]) -> Callable[[Cell], str]:
    """`write` of a cell, remembered in `made` (terms repeat down a column)."""

    def text(cell: Cell) -> str:
        found = made.get(cell)
        if found is None:
            found = made[cell] = write(cell)
        return found

    return text


def _xml_term(term: Term) -> str:
    attribute = (
        f' xml:lang="{_attribute(term.language)}"'
        if term.language
        else f' datatype="{_attribute(term.datatype)}"'
        if term.datatype
        else ""
    )
    if not term.value:  # ElementTree closes an element without text at once
        return f"<{term.kind}{attribute} />"
    return f"<{term.kind}{attribute}>{_text(term.value)}</{term.kind}>"


def _text(value: str) -> str:
    """ElementTree's escaping of text."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def _attribute(value: str) -> str:
    """ElementTree's escaping of an attribute's value."""
    value = _text(value)
    for plain, escaped in (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if plain in value:
            value = value.replace(plain, escaped)
    return value
