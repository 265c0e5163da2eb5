"""The explorer's routes over HTTP: every page, search by any spelling, evidence, escaping, safety."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from actorgraph.web.app import ServeOptions, create_app

from .serve_helpers import HOSTILE, corpus_store, hostile_store

DOCUMENT = "/document/2011-11-28-dfwatch-south-ossetia-waits-for-runoff-results"
ELECTION = "/election/south-ossetia/president/2011"
BASE = "https://w3id.org/actorgraph/data/"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(ServeOptions(corpus_store()))) as test_client:
        yield test_client


def test_home_shows_counts_elections_and_search(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert re.search(r"<b>3</b> documents", page)
    assert re.search(r"<b>\d+</b> facts", page)
    assert f'href="{ELECTION}"' in page and "2011 South Ossetia presidential election" in page
    assert 'name="q"' in page
    assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("spelling", ["Babilov", "anatoli bibilov", "ANATOLY", "Bíbílov", "bibilov"])
def test_search_by_any_spelling_case_and_accents(client, spelling):
    page = client.get("/search", params={"q": spelling}).text
    assert 'href="/actor/anatoly-bibilov"' in page


def test_search_without_match_and_overlong_query(client):
    assert "No actor has a name containing" in client.get("/search", params={"q": "zzzz"}).text
    long = client.get("/search", params={"q": "x" * 5000})
    assert long.status_code == 200
    assert "x" * 200 in long.text and "x" * 201 not in long.text  # the search text is cut, not echoed whole


def test_a_served_store_is_warmed_when_the_server_starts(monkeypatch):
    import threading

    from actorgraph.web import data, kept, network

    warmed, done, real = [], threading.Event(), kept.warm

    def warm(snapshot, href):
        real(snapshot, href)
        warmed.append(dict(snapshot.memo))
        done.set()

    monkeypatch.setattr(kept, "warm", warm)
    with TestClient(create_app(ServeOptions(corpus_store(), warm=True))) as warming:
        assert done.wait(10), "warmed before any request"
        assert {"_actors", "_counts", "_elections", "_document_dates"} <= set(warmed[0])
        assert {"recognition tallies", "network edges"} <= set(warmed[0])
        with monkeypatch.context() as patched:
            patched.setattr(data, "_counts_read", lambda *_: pytest.fail("read again"))
            patched.setattr(data, "every_stance", lambda *_: pytest.fail("read again"))
            patched.setattr(network, "select", lambda *_: pytest.fail("read again"))
            assert re.search(r"<b>3</b> documents", warming.get("/").text)
            assert warming.get("/recognitions").status_code == 200
            assert warming.get("/network").status_code == 200
    with TestClient(create_app(ServeOptions(corpus_store()))) as plain:  # not asked: not warmed
        assert re.search(r"<b>3</b> documents", plain.get("/").text)
        time.sleep(0.2)
    assert len(warmed) == 1


def test_the_network_s_edges_are_read_once_for_a_generation(monkeypatch):
    from actorgraph.web import network

    with TestClient(create_app(ServeOptions(corpus_store()))) as fresh:
        every = fresh.get("/network").text
        monkeypatch.setattr(network, "select", lambda *_, **__: pytest.fail("the edges are read again"))
        assert fresh.get("/network").text == every
        chosen = fresh.get("/network", params={"election": ELECTION.replace("/election/", BASE + "election/")}).text
    assert chosen != every and re.search(r"\b[1-9]\d* endorsements among", chosen)


def test_a_network_past_the_edges_a_page_carries_is_filtered_by_the_server(client, monkeypatch):
    from actorgraph.web import app

    def count(page: str) -> int:
        found = re.search(r"(\d+) endorsements among", page)
        assert found is not None
        return int(found.group(1))

    def graph(page: str) -> dict[str, object]:
        found = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', page)
        assert found is not None
        return dict(json.loads(found.group(1)))

    election = {"election": ELECTION.replace("/election/", BASE + "election/")}
    every, one = client.get("/network").text, client.get("/network", params=election).text
    assert "complete" not in graph(every) and len(graph(every)["edges"]) == count(every) > count(one) > 0  # type: ignore[arg-type]
    monkeypatch.setattr(app, "DRAWN_EDGES", count(one))
    every, one = client.get("/network").text, client.get("/network", params=election).text
    assert graph(every) == {"nodes": [], "edges": [], "complete": False} and "Too many to draw" in every
    assert every.count("<tr><td><a") == count(one) < count(every)  # the table lists the first few
    assert graph(one)["complete"] is False and len(graph(one)["edges"]) == count(one)  # type: ignore[arg-type]
    assert "Too many to draw" not in one and one.count("<tr><td><a") == count(one)


def test_documents_are_listed_the_newest_first_a_page_at_a_time(client, monkeypatch):
    from actorgraph.web import app

    every = re.findall(r'<li>(\S*) <a href="(/document/[^"]+)"', client.get("/").text)
    assert len(every) == 3 and [d for d, _ in every] == sorted((d for d, _ in every), reverse=True)
    assert "The newest 3 of 3." in client.get("/").text
    monkeypatch.setattr(app, "PAGE_DOCUMENTS", 2)
    home = client.get("/").text
    assert re.findall(r'<li>\S* <a href="(/document/[^"]+)"', home) == [href for _, href in every[:2]]
    assert 'The newest 2 of 3: <a href="/documents?page=1">' in home
    pages = [client.get("/documents", params={"page": n}).text for n in ("1", "2", "3", "x")]
    listed = [re.findall(r'<li>\S* <a href="(/document/[^"]+)"', page) for page in pages]
    assert listed[0] + listed[1] == [href for _, href in every]
    assert listed[2] == listed[1] and listed[3] == listed[0]  # past the end: the last; not a number: the first
    assert "1–2 of 3" in pages[0] and 'rel="next" href="?page=2"' in pages[0] and 'rel="prev"' not in pages[0]
    assert "3–3 of 3" in pages[1] and 'rel="prev" href="?page=1"' in pages[1] and "page 2 of 2" in pages[1]


def test_an_actor_s_facts_come_a_page_at_a_time(client, monkeypatch):
    from actorgraph.web import app

    monkeypatch.setattr(app, "PAGE_FACTS", 2)
    page = client.get("/actor/anatoly-bibilov").text
    counted = re.search(r">Candidacies <small>\((\d+)\)</small>", page)
    assert counted is not None and int(counted.group(1)) > 2
    total = int(counted.group(1))
    assert f"the next 2 of {total} candidacies" in page and 'href="?kind=Candidacy&amp;page=2"' in page
    first = client.get("/actor/anatoly-bibilov", params={"kind": "Candidacy", "page": "1"}).text
    second = client.get("/actor/anatoly-bibilov", params={"kind": "Candidacy", "page": "2"}).text
    assert first.count('<article class="fact"') == second.count('<article class="fact"') == 2
    assert set(re.findall(r'<article class="fact" id="([^"]+)"', first)).isdisjoint(
        re.findall(r'<article class="fact" id="([^"]+)"', second)
    )
    assert f"3–4 of {total}" in second and 'rel="prev" href="?kind=Candidacy&amp;page=1"' in second
    assert ">Offices <small>" not in second and "Mentioned together with" not in second
    last = -(-total // 2)
    for asked in (str(last), "999"):  # past the end: the last page
        assert (
            f"page {last} of {last}"
            in client.get("/actor/anatoly-bibilov", params={"kind": "Candidacy", "page": asked}).text
        )
    for asked in ("x²", "²", "0", "99999999999"):  # not a page number (as a query's table reads them): the first
        assert "page 1 of" in client.get("/actor/anatoly-bibilov", params={"kind": "Candidacy", "page": asked}).text
    assert client.get("/actor/anatoly-bibilov", params={"kind": "Nothing"}).status_code == 404


def test_actor_page_shows_names_facts_and_evidence(client):
    response = client.get("/actor/anatoly-bibilov")
    assert response.status_code == 200
    page = response.text
    assert "Anatoly Bibilov" in page and "Anatoli Babilov" in page  # aliases
    assert "ref/person/anatoly-bibilov" in page  # reference link
    for heading in ("Offices", "Candidacies", "Endorsements"):
        assert f">{heading} <small>(" in page
    assert ">Mentioned together with</h2>" in page
    # evidence: the sentence, the actor's mention emphasised, the document, the rule and confidence
    assert '<a class="mention key" href="/actor/anatoly-bibilov">Anatoli Bibilov</a>' in page
    assert f'<a class="doc" href="{DOCUMENT}#span-849-989">' in page  # to the span in the whole text
    assert f'<a class="sentence" href="{DOCUMENT}#span-849-989"' in page
    assert "rule <code>candidacy.vote-share</code> · confidence 0.85" in page
    assert "According to the Russian newspaper Kommersant" in page  # attribution
    assert "current" in page  # office status


def test_document_page_shows_the_whole_text_with_mentions_and_fact_spans(client):
    page = client.get(DOCUMENT).text
    text = page[page.index('<div class="fulltext"') : page.index("</div>", page.index('<div class="fulltext"'))]
    # the whole article, not only the sentences that carry evidence
    assert "Eleven candidates participated in the first round." in text
    assert '<a class="mention" href="/actor/alla-dzhioyeva">Dzhioyeva</a>' in text
    # the fact's span: marked, anchored, and holding the mentions inside it
    span = re.search(r'<mark class="evidence span-849-989" id="span-849-989" title="Candidacy">(.*?)</mark>', text)
    assert span is not None and "25.44%" in span.group(1)
    assert '<a class="mention" href="/actor/anatoly-bibilov">Anatoli Bibilov</a>' in span.group(1)
    assert text.count("<mark") == text.count("</mark>") and text.count("<a ") == text.count("</a>")
    # the facts beside, each pointing at its spans
    assert ">Facts</h2>" in page and 'class="to-span" href="#span-849-989"' in page
    assert "South Ossetia waits for results of de facto presidential runoff" in page


def test_document_page_without_a_kept_text_shows_the_evidence_sentences(tmp_path):
    from actorgraph.store import published_nquads

    from .serve_helpers import publish_generation

    root = tmp_path / "store"
    publish_generation(root, published_nquads(corpus_store()))  # a generation without texts
    with TestClient(create_app(ServeOptions(root))) as bare:
        page = bare.get(DOCUMENT).text
        assert 'id="fulltext"' not in page and "does not keep the document's text" in page
        assert '<p id="span-849-989" class="span evidence">' in page


def test_document_page_ignores_a_text_its_offsets_do_not_index(tmp_path):
    from actorgraph.store import current_generation
    from actorgraph.texts import FOLDER, read_map

    from .serve_helpers import copy_store

    root = copy_store(tmp_path)
    generation = current_generation(root)
    assert generation is not None
    path = root / FOLDER / (read_map(generation)["https://w3id.org/actorgraph/data" + DOCUMENT] + ".txt")
    path.write_text("x" + path.read_text(encoding="utf-8"), encoding="utf-8")  # every offset one off
    with TestClient(create_app(ServeOptions(root))) as shifted:
        page = shifted.get(DOCUMENT).text
        assert 'id="fulltext"' not in page and 'id="span-849-989"' in page


def test_election_page_has_rounds_chart_data_and_endorsements(client):
    page = client.get(ELECTION).text
    assert "Round 1" in page and "Round 2" in page
    assert 'id="chart-round-1"' in page
    assert '"name": "Anatoly Bibilov", "share": 25.44' in page
    assert "/static/vendor/chart-4.4.7.umd.js" in page
    assert ">Endorsements</h2>" in page and "Unity" in page


def table_of(page: str) -> str:
    return page[page.index('<table id="network-table">') : page.index("</table>")]


def test_network_filters_by_election_and_date(client):
    everything = client.get("/network").text
    assert '"nodes": [' in everything and "/static/vendor/vis-network-9.1.9.min.js" in everything
    assert "Unity" in table_of(everything) and "Raul Khajimba" in table_of(everything)
    chosen = client.get(
        "/network", params={"election": "https://w3id.org/actorgraph/data/election/abkhazia/president/2005"}
    ).text
    assert "Raul Khajimba" in table_of(chosen) and "Unity" not in table_of(chosen)
    assert '"election": "https://w3id.org/actorgraph/data/election/south-ossetia/president/2011"' in chosen, (
        "the script gets every edge, to widen the filter without a reload"
    )
    early = table_of(client.get("/network", params={"until": "2011-12-31"}).text)
    assert "2011-11-28" in early and "2012-04-09" not in early and "2022-04-11" not in early
    late = table_of(client.get("/network", params={"from": "2012-01-01"}).text)
    assert "2011-11-28" not in late and "2012-04-09" in late
    assert "No endorsements match." in client.get("/network", params={"until": "1990-01-01"}).text
    count = client.get("/network", params={"until": "1990-01-01"}).text
    assert "0 endorsements among 0 actors" in count


@pytest.mark.parametrize(
    ("date", "since", "until", "expected"),
    [
        ("2011-11-28", "", "", True),
        ("", "", "", True),
        ("", "2011-01-01", "", False),  # an undated report passes only an open range
        ("2011-11-28", "2011-11-28", "2011-11-28", True),
        ("2011-11-28", "2011-11-29", "", False),
        ("2011-11-28", "", "2011-11-27", False),
        ("2011-11", "2011-11-15", "", True),  # a month overlaps the range at its own precision
        ("2011", "", "2010-12-31", False),
        ("2012", "2011-06-01", "2012-02-01", True),
    ],
)
def test_date_filter_rule(date, since, until, expected):
    from actorgraph.web.views import within

    assert within(date, since, until) is expected


def test_recognition_index_links_each_polity_timeline(client):
    page = client.get("/recognitions").text
    assert '<a href="/recognitions/south-ossetia">South Ossetia</a>' in page
    assert '<a href="/recognitions/abkhazia">Abkhazia</a>' in page
    assert 'href="/recognitions/south-ossetia"' in client.get("/actor/south-ossetia").text
    assert "/recognitions/" not in client.get("/actor/anatoly-bibilov").text


def test_the_recognition_index_counts_what_each_polity_s_timeline_shows(client):
    rows = re.findall(
        r'<tr><td><a href="(/recognitions/[^"]+)">[^<]*</a></td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>',
        client.get("/recognitions").text,
    )
    assert len(rows) >= 2
    for link, recognizing, withdrawn, refusing, reports in rows:
        page = client.get(link).text
        latest = page[page.index('<table class="latest">') : page.index("</table>")]
        stances = re.findall(r'<span class="stance ([a-z-]+)">', latest)
        assert [stances.count(s) for s in ("recognizes", "withdrew", "does-not-recognize")] == [
            int(recognizing),
            int(withdrawn),
            int(refusing),
        ], link
        assert len(stances) == int(recognizing) + int(withdrawn) + int(refusing)
        assert len(re.findall(r'<li class="entry', page)) == int(reports) > 0, link  # one page: the examples are few


def test_a_polity_s_timeline_comes_a_page_at_a_time(client, monkeypatch):
    from actorgraph.web import app

    def entries(page: str) -> list[str]:
        timeline = page[page.index('<ol class="timeline">') : page.index("</ol>")]
        return re.findall(r"<li class=.*?</li>", timeline, re.S)

    def latest(page: str) -> str:
        return page[page.index('<table class="latest">') : page.index("</table>")]

    whole = client.get("/recognitions/south-ossetia").text
    every = entries(whole)
    assert len(every) >= 10 and 'class="pager"' not in whole
    monkeypatch.setattr(app, "PAGE_FACTS", 4)
    pages = -(-len(every) // 4)
    shown = [client.get("/recognitions/south-ossetia", params={"page": str(n)}).text for n in range(1, pages + 1)]
    assert [entry for page in shown for entry in entries(page)] == every  # each entry once, in order, evidence too
    assert all(latest(page) == latest(whole) for page in shown)  # each state's latest, with its evidence, on each
    assert f"1–4 of {len(every)} reported stances" in shown[0] and 'rel="next" href="?page=2"' in shown[0]
    assert 'rel="prev" href="?page=1"' in shown[1] and f"page {pages} of {pages}" in shown[-1]
    for number, page in enumerate(shown[:-1], start=1):
        assert f'rel="next" href="?page={number + 1}"' in page, number
    assert 'rel="next"' not in shown[-1]
    for entry in every:  # each with its evidence: the sentence, linked to its place in its document
        assert re.search(r'<a class="sentence" href="/document/[^"#]+#span-\d+-\d+"', entry), entry
    for row in re.findall(r"<tr><td>.*?</tr>", latest(whole)):  # and each state's latest stance
        assert re.search(r'<a href="/document/[^"#]+#span-\d+-\d+">[^<]+</a>', row), row
    for asked, expected in (("999", shown[-1]), ("x", shown[0]), ("0", shown[0])):
        assert entries(client.get("/recognitions/south-ossetia", params={"page": asked}).text) == entries(expected)


def test_recognition_timeline_of_a_polity_is_dated_with_evidence(client):
    response = client.get("/recognitions/south-ossetia")
    assert response.status_code == 200
    page = response.text
    assert '<h1>Recognition of <a href="/actor/south-ossetia">South Ossetia</a></h1>' in page
    timeline = page[page.index('<ol class="timeline">') :]
    dates = re.findall(r'<time class="when[^"]*" datetime="([^"]+)">', timeline)
    assert dates[0] == "2008" and dates == sorted(dates), "in date order, the stance's own date first"
    assert '<time class="when" datetime="2008">2008</time>' in timeline  # Russia: a date the text gives
    assert '<time class="when reported" datetime="2012-04-09">' in timeline  # else the report's date
    assert '<a href="/actor/nicaragua">Nicaragua</a> <span class="stance recognizes">recognizes</span>' in timeline
    assert '<span class="stance does-not-recognize">does-not-recognize</span>' in timeline
    assert re.search(r'href="/document/2012-04-09-[^"#]+#span-\d+-\d+"', timeline), "evidence links to its span"
    latest = page[page.index('<table class="latest">') : page.index("</table>")]
    assert latest.count("<tr>") == 1 + 8  # header and one row per state
    assert client.get("/recognitions/anatoly-bibilov").status_code == 404


def test_named_query_runner_table_and_downloads(client):
    assert "election-results" in client.get("/queries").text
    form = client.get("/queries/election-results")
    assert form.status_code == 200 and 'name="election_name"' in form.text
    params = {"election_name": "2011 South Ossetia presidential election", "run": "1"}
    table = client.get("/queries/election-results", params=params).text
    assert "<td>Anatoly Bibilov</td>" in table and "download" in table
    csv_response = client.get("/queries/election-results", params={**params, "format": "csv"})
    assert csv_response.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv_response.text.startswith("round,person_name,vote_share")
    assert "attachment" in csv_response.headers["content-disposition"]
    json_response = client.get("/queries/election-results", params={**params, "format": "json"})
    assert json_response.json()[0]["round"] == 1  # typed results: numbers are JSON numbers


def test_a_long_table_is_shown_a_page_at_a_time(client, monkeypatch):
    """45,731 rows of candidacies made a 15 MB page in 3 s; the downloads keep every row."""
    from actorgraph.web import app

    monkeypatch.setattr(app, "PAGE_ROWS", 4)
    every = client.get("/queries/candidacies", params={"run": "1", "format": "csv"}).text.splitlines()[1:]
    assert len(every) == 15

    def shown(page: str) -> tuple[list[str], str]:
        text = client.get("/queries/candidacies", params={"run": "1", "page": page}).text
        body = text[text.index("<tbody>") : text.index("</tbody>")]
        return re.findall(r"<tr><td>([^<]*)</td>", body), text

    names = [line.split(",")[0] for line in every]
    first, text = shown("1")
    assert first == names[:4] and "15 rows, 1-4 shown" in text and "page 1 of 4" in text
    assert 'rel="next" href="?run=1&amp;page=2"' in text and 'rel="prev"' not in text
    second, text = shown("2")
    assert second == names[4:8] and "5-8 shown" in text and 'rel="prev" href="?run=1&amp;page=1"' in text
    last, text = shown("9")  # past the end: the last page
    assert last == names[12:] and "13-15 shown" in text and 'rel="next"' not in text
    for odd in ("0", "-1", "x", "\u0661", "99999999999"):
        assert shown(odd)[0] == names[:4], odd


def test_a_named_query_s_pages_and_downloads_do_not_run_it_again(monkeypatch):
    from actorgraph.web import app

    with TestClient(create_app(ServeOptions(corpus_store()))) as fresh:
        first = fresh.get("/queries/candidacies", params={"run": "1"}).text
        monkeypatch.setattr(app, "run", lambda *_: pytest.fail("the query ran again"))
        assert fresh.get("/queries/candidacies", params={"run": "1", "page": "1"}).text == first
        assert fresh.get("/queries/candidacies", params={"run": "1", "format": "csv"}).status_code == 200
        monkeypatch.undo()
        tables = {
            name: fresh.get("/queries/election-results", params={"election_name": name, "run": "1"}).text
            for name in ("2011 South Ossetia presidential election", "2005 Abkhazia presidential election")
        }
    assert "Bibilov" in tables["2011 South Ossetia presidential election"]  # each its own parameters' rows
    assert "Bibilov" not in tables["2005 Abkhazia presidential election"]


def test_named_query_errors_are_shown_not_raised(client):
    response = client.get("/queries/election-results", params={"run": "1"})
    assert response.status_code == 400 and "needs --param election_name" in response.text
    assert client.get("/queries/no-such-query").status_code == 404


def test_sparql_address_in_a_browser_shows_a_form(client):
    page = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200 and '<textarea name="query"' in page.text
    assert client.get("/sparql").status_code == 400  # a protocol client without a query


@pytest.mark.parametrize(
    "path",
    ["/actor/nobody", "/document/none", "/election/none", "/actor/a%3Eb%20c", "/recognitions/nobody", "/nowhere"],
)
def test_unknown_things_are_404(client, path):
    assert client.get(path).status_code == 404


def test_an_unknown_kind_of_fact_is_404_and_shown_escaped(client):
    response = client.get("/actor/anatoly-bibilov", params={"kind": "<script>alert(1)</script>"})
    assert response.status_code == 404 and "<script>alert" not in response.text
    assert "no &lt;script&gt;alert(1)&lt;/script&gt; facts name Anatoly Bibilov" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static//etc/passwd",
    ],
)
def test_nothing_outside_the_static_folder_is_reachable(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text


def test_static_and_vendored_files_are_served_with_licences(client):
    assert client.get("/static/style.css").status_code == 200
    script = client.get("/static/vendor/chart-4.4.7.umd.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert client.get("/static/vendor/chart-4.4.7.LICENSE.md").status_code == 200


def test_hostile_names_render_as_text(tmp_path):
    with TestClient(create_app(ServeOptions(hostile_store(tmp_path)))) as hostile:
        for path in ("/search?q=script", "/actor/evil", "/network", "/document/evil"):
            page = hostile.get(path).text
            assert HOSTILE not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.get("/actor/evil").text
        found = hostile.get("/search", params={"q": "<script>"}).text
        assert "&lt;script&gt;" in found and "<script>alert" not in found
        document = hostile.get("/document/evil").text
        assert (
            '<mark class="evidence span-0-57" id="span-0-57" title="Endorsement">'
            '<a class="mention" href="/actor/evil">&lt;script&gt;alert(1)&lt;/script&gt;</a>'
            " backs Bibilov &amp; &lt;b&gt;friends&lt;/b&gt;.</mark>"
        ) in document
        assert "<b>friends" not in document
        network = hostile.get("/network").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;</a>" in network  # the table row


def test_new_generation_is_seen_without_restart(tmp_path):
    from actorgraph.store import published_nquads

    from .serve_helpers import publish_generation

    root = tmp_path / "store"
    publish_generation(root, published_nquads(corpus_store()))
    with TestClient(create_app(ServeOptions(root))) as live:
        assert live.get("/actor/evil").status_code == 404
        hostile_store(tmp_path)  # publishes generation 2 into the same folder
        assert live.get("/actor/evil").status_code == 200
        assert 'id="fulltext"' in live.get("/document/evil").text  # and its texts


def test_missing_store_is_a_clear_503(tmp_path):
    with TestClient(create_app(ServeOptions(Path(tmp_path / "none")))) as empty:
        response = empty.get("/")
        assert response.status_code == 503 and "run `actorgraph build` first" in response.text
        assert empty.get("/sparql", params={"query": "ASK {}"}).status_code == 503


def test_links_are_explorer_pages_or_web_addresses():
    from actorgraph.web.filters import page_of

    base = "https://w3id.org/actorgraph/data/"
    assert page_of(base + "actor/x", base) == "/actor/x"
    assert page_of("https://example.org/y", base) == "https://example.org/y"
    assert page_of("javascript:alert(1)", base) == "#"
    assert page_of("data:text/html,<script>", base) == "#"


def test_json_in_pages_cannot_close_its_script_element():
    from actorgraph.web.filters import json_script

    text = str(json_script({"label": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    import json

    assert json.loads(text)["label"].startswith("</script>")


@pytest.mark.parametrize(
    ("asked", "total", "expected"),
    [
        ("", 250, (1, 3, 0)),
        ("2", 250, (2, 3, 100)),
        ("3", 250, (3, 3, 200)),
        ("9", 250, (3, 3, 200)),  # past the end: the last
        ("0", 250, (1, 3, 0)),  # not a page number: the first
        ("²", 250, (1, 3, 0)),
        ("99999999999", 250, (1, 3, 0)),
        ("2", 0, (1, 1, 0)),  # nothing: one empty page
    ],
)
def test_a_page_asked_for_is_a_page_there_is(asked, total, expected):
    from actorgraph.web.filters import page_at

    assert page_at(asked, total, 100) == expected
