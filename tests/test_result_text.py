"""result_text.py writes what json.dumps and ElementTree write for the same result, byte for byte."""

from __future__ import annotations

import json
from xml.etree import ElementTree

from hypothesis import example, given, settings
from hypothesis import strategies as st

from actorgraph.results import SPARQL_RESULTS_NS, QueryResult, Term

XSD = "http://www.w3.org/2001/XMLSchema#"
# text with what JSON and XML escape, a line break, a tab, non-ASCII, and the empty string
TEXT = st.text(alphabet="aZ 0\"&<>'\\\n\r\t\u00e9\u4e2d\U0001f600\x01", max_size=4)
LITERALS = st.one_of(
    st.builds(lambda v: Term("literal", v), TEXT),
    st.builds(lambda v, lang: Term("literal", v, language=lang), TEXT, st.sampled_from(["en", "ru-latn"])),
    st.builds(lambda n: Term("literal", str(n), XSD + "integer"), st.integers(-(10**20), 10**20)),
    st.builds(lambda v: Term("literal", v, XSD + "decimal"), st.sampled_from(["41.5", "-0.0", "abc", "1e400"])),
    st.builds(lambda v: Term("literal", v, XSD + "date"), st.sampled_from(["2019-08-25", "2019-02-30"])),
    st.builds(lambda v: Term("literal", v, XSD + "boolean"), st.sampled_from(["true", "0"])),
    st.builds(lambda v, d: Term("literal", v, 'http://example.org/"dt"&<x>' + d), TEXT, TEXT),
)
TERMS = st.one_of(
    st.none(),
    st.builds(lambda v: Term("uri", "http://example.org/" + v), TEXT),
    st.builds(lambda v: Term("bnode", "b" + v), st.text(alphabet="0123456789", max_size=3)),
    LITERALS,
)


@st.composite
def results(draw: st.DrawFn) -> QueryResult:
    columns = tuple(draw(st.lists(st.sampled_from(["a", "b_1", "c\u00e9", 'q"&<>']), max_size=4, unique=True)))
    shared = draw(st.lists(TERMS, min_size=1, max_size=5))  # terms repeat down a column, as in a store's results
    cell = st.one_of(TERMS, st.sampled_from(shared))
    rows = draw(st.lists(st.tuples(*(cell for _ in columns)), max_size=5))
    return QueryResult(columns, tuple(rows))


def library_records(result: QueryResult) -> str:
    records = [
        {c: None if t is None else t.json_value() for c, t in zip(result.columns, row, strict=True)}
        for row in result.terms
    ]
    return json.dumps(records, indent=1, ensure_ascii=False) + "\n"


def library_sparql_json(result: QueryResult) -> str:
    bindings = [
        {c: t.sparql_json() for c, t in zip(result.columns, row, strict=True) if t is not None} for row in result.terms
    ]
    document = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def library_sparql_xml(result: QueryResult) -> str:
    ElementTree.register_namespace("", SPARQL_RESULTS_NS)
    ns = "{" + SPARQL_RESULTS_NS + "}"
    root = ElementTree.Element(ns + "sparql")
    head = ElementTree.SubElement(root, ns + "head")
    for column in result.columns:
        ElementTree.SubElement(head, ns + "variable", name=column)
    listed = ElementTree.SubElement(root, ns + "results")
    for row in result.terms:
        element = ElementTree.SubElement(listed, ns + "result")
        for column, term in zip(result.columns, row, strict=True):
            if term is None:
                continue
            binding = ElementTree.SubElement(element, ns + "binding", name=column)
            value = ElementTree.SubElement(binding, ns + term.kind)
            value.text = term.value
            if term.language:
                value.set("xml:lang", term.language)
            elif term.datatype:
                value.set("datatype", term.datatype)
    ElementTree.indent(root, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


@given(results())
@settings(max_examples=300)
@example(QueryResult((), ()))
@example(QueryResult(("a",), ()))
@example(QueryResult(("a",), ((None,),)))
@example(QueryResult(("a",), ((Term("literal", ""),),)))
def test_each_format_is_what_the_library_writes(result):
    assert result.to_json() == library_records(result)
    assert result.to_sparql_json() == library_sparql_json(result)
    assert result.to_sparql_xml() == library_sparql_xml(result)


def test_an_ask_result_is_written_as_before():
    for answer in (True, False):
        result = QueryResult((), boolean=answer)
        assert result.to_json() == json.dumps(answer) + "\n"
        assert json.loads(result.to_sparql_json()) == {"head": {}, "boolean": answer}
        assert ("<boolean>true</boolean>" if answer else "<boolean>false</boolean>") in result.to_sparql_xml()
