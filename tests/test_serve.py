"""The explorer's routes over HTTP: every page, search by any spelling, evidence, escaping, safety."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from actorgraph.web.app import ServeOptions, create_app

from .serve_helpers import HOSTILE, corpus_store, hostile_store

DOCUMENT = "/document/2011-11-28-dfwatch-south-ossetia-waits-for-runoff-results"
ELECTION = "/election/south-ossetia/president/2011"


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


def test_actor_page_shows_names_facts_and_evidence(client):
    response = client.get("/actor/anatoly-bibilov")
    assert response.status_code == 200
    page = response.text
    assert "Anatoly Bibilov" in page and "Anatoli Babilov" in page  # aliases
    assert "ref/person/anatoly-bibilov" in page  # reference link
    for heading in ("Offices", "Candidacies", "Endorsements", "Mentioned together with"):
        assert f">{heading}</h2>" in page
    # evidence: the sentence, the actor's mention emphasised, the document, the rule and confidence
    assert '<a class="mention key" href="/actor/anatoly-bibilov">Anatoli Bibilov</a>' in page
    assert f'href="{DOCUMENT}#span-849"' in page
    assert "rule <code>candidacy.vote-share</code> · confidence 0.85" in page
    assert "According to the Russian newspaper Kommersant" in page  # attribution
    assert "current" in page  # office status


def test_document_page_highlights_mentions_and_lists_facts(client):
    page = client.get(DOCUMENT).text
    assert 'id="span-849"' in page
    assert '<a class="mention" href="/actor/alla-dzhioyeva">Dzhioyeva</a>' in page
    assert ">Facts</h2>" in page and 'href="#span-849"' in page
    assert "South Ossetia waits for results of de facto presidential runoff" in page


def test_election_page_has_rounds_chart_data_and_endorsements(client):
    page = client.get(ELECTION).text
    assert "Round 1" in page and "Round 2" in page
    assert 'id="chart-round-1"' in page
    assert '"name": "Anatoly Bibilov", "share": 25.44' in page
    assert "/static/vendor/chart-4.4.7.umd.js" in page
    assert ">Endorsements</h2>" in page and "Unity" in page


def test_network_filters_by_election_and_date(client):
    everything = client.get("/network").text
    assert '"nodes": [' in everything and "/static/vendor/vis-network-9.1.9.min.js" in everything
    chosen = client.get(
        "/network", params={"election": "https://w3id.org/actorgraph/data/election/abkhazia/president/2005"}
    ).text
    assert "Raul Khajimba" in chosen and "Unity" not in chosen
    early = client.get("/network", params={"until": "2011-12-31"}).text
    assert "2011-11-28" not in early or "South Ossetia waits" in early
    assert "No endorsements match." in client.get("/network", params={"until": "1990-01-01"}).text


def test_recognition_timeline(client):
    page = client.get("/recognitions").text
    assert "<h2>South Ossetia</h2>" in page
    assert "Nicaragua" in page and "recognizes" in page


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


def test_named_query_errors_are_shown_not_raised(client):
    response = client.get("/queries/election-results", params={"run": "1"})
    assert response.status_code == 400 and "needs --param election_name" in response.text
    assert client.get("/queries/no-such-query").status_code == 404


def test_sparql_address_in_a_browser_shows_a_form(client):
    page = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200 and '<textarea name="query"' in page.text
    assert client.get("/sparql").status_code == 400  # a protocol client without a query


@pytest.mark.parametrize("path", ["/actor/nobody", "/document/none", "/election/none", "/actor/a%3Eb%20c", "/nowhere"])
def test_unknown_things_are_404(client, path):
    assert client.get(path).status_code == 404


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
        for path in ("/search?q=script", "/actor/evil", "/network"):
            page = hostile.get(path).text
            assert HOSTILE not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.get("/actor/evil").text
        found = hostile.get("/search", params={"q": "<script>"}).text
        assert "&lt;script&gt;" in found and "<script>alert" not in found


def test_new_generation_is_seen_without_restart(tmp_path):
    from actorgraph.store import published_nquads

    from .serve_helpers import publish_generation

    root = tmp_path / "store"
    publish_generation(root, published_nquads(corpus_store()))
    with TestClient(create_app(ServeOptions(root))) as live:
        assert live.get("/actor/evil").status_code == 404
        hostile_store(tmp_path)  # publishes generation 2 into the same folder
        assert live.get("/actor/evil").status_code == 200


def test_missing_store_is_a_clear_503(tmp_path):
    with TestClient(create_app(ServeOptions(Path(tmp_path / "none")))) as empty:
        response = empty.get("/")
        assert response.status_code == 503 and "run `actorgraph build` first" in response.text
        assert empty.get("/sparql", params={"query": "ASK {}"}).status_code == 503


def test_links_are_explorer_pages_or_web_addresses():
    from actorgraph.web.app import page_of

    base = "https://w3id.org/actorgraph/data/"
    assert page_of(base + "actor/x", base) == "/actor/x"
    assert page_of("https://example.org/y", base) == "https://example.org/y"
    assert page_of("javascript:alert(1)", base) == "#"
    assert page_of("data:text/html,<script>", base) == "#"


def test_json_in_pages_cannot_close_its_script_element():
    from actorgraph.web.app import _json_script

    text = str(_json_script({"label": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    import json

    assert json.loads(text)["label"].startswith("</script>")
