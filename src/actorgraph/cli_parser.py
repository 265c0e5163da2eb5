"""The `actorgraph` command line: verbs, options and the types that check option values.

Option errors are one line and exit 2, like every other error of the command.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NoReturn

from actorgraph import __version__

EXIT_ERROR = 2  # cli.py keeps the same code
OUT_MAX_DOCUMENTS = 1000  # `build` writes graph/ unasked up to this corpus size

Verb = Callable[[argparse.Namespace], int]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("corpus")],
        metavar="PATH",
        help="files or directories (default: corpus/)",
    )


def _add_extractor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extractor", default="rules", help="extractor name (default: rules)")


def _add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", type=Path, default=Path(".actorgraph/store"), help="store directory (default: .actorgraph/store)"
    )


def _host_port(text: str) -> str:
    """HOST:PORT, such as Virtuoso's SQL port 127.0.0.1:1111."""
    host, colon, port = text.rpartition(":")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return text


def _seconds(text: str) -> float:
    """A time limit: a number of seconds, not negative."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds, 0 or more: {text!r}")
    return value


def _http_url(text: str) -> str:
    """A server's address: http(s) with a host, as requests needs it (else its traceback)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        ok = False
    if not ok:
        raise argparse.ArgumentTypeError(f"not an http(s) URL with a host: {text!r}")
    return text


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {value}")
    return value


class _OneLineErrors(argparse.ArgumentParser):
    """argparse prints the whole usage before an option error; ours is one line, exit 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser(runs: Mapping[str, Verb]) -> argparse.ArgumentParser:
    """The command line: every verb and option; `runs` maps each verb's name to the function running it."""
    parser = _OneLineErrors(
        prog="actorgraph",
        description="Turn news documents into a knowledge graph of political actors and their relationships.",
    )
    parser.add_argument("--version", action="version", version=f"actorgraph {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    check = verbs.add_parser("check", help="load and check the data model (ontology, shapes, context, actors)")
    check.add_argument("--ontology", type=Path, default=None, help="model directory (default: the project's ontology/)")
    check.set_defaults(run=runs["check"])

    validate = verbs.add_parser(
        "validate",
        help="validate RDF files against the shapes (exit 0 conforms, 1 does not, 2 could not run)",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="Turtle, TriG, N-Quads, N-Triples or JSON-LD file")
    validate.add_argument(
        "--allow-remote-context",
        action="store_true",
        help="let JSON-LD files fetch the contexts they name (default: only the project's own context)",
    )
    validate.add_argument(
        "--engine",
        choices=("compiled", "pyshacl"),
        default="compiled",
        help="compiled: the shapes as SPARQL queries run by Oxigraph (default, what a build uses); "
        "pyshacl: the reference SHACL engine",
    )
    validate.set_defaults(run=runs["validate"])

    extract = verbs.add_parser("extract", help="read documents and print the mentions and facts extracted from them")
    _add_paths(extract)
    _add_extractor(extract)
    extract.add_argument(
        "--format", choices=("text", "jsonl"), default="text", help="text for reading, jsonl for tools"
    )
    extract.add_argument(
        "--explain", action="store_true", help="per sentence, the rules that fired and those that almost did, and why"
    )
    extract.add_argument(
        "--sentence", metavar="TEXT", help="explain this text instead of documents (implies --explain)"
    )
    extract.set_defaults(run=runs["extract"])

    evaluate = verbs.add_parser("evaluate", help="score extraction against a gold annotation file")
    evaluate.add_argument("--gold", type=Path, required=True, help="gold file (format: tests/data/GOLD-FORMAT.md)")
    evaluate.add_argument(
        "--docs",
        type=Path,
        default=None,
        help="directory holding the documents the gold file names (default: beside it)",
    )
    _add_extractor(evaluate)
    evaluate.add_argument("--format", choices=("text", "json"), default="text")
    evaluate.set_defaults(run=runs["evaluate"])

    from actorgraph.results import FORMATS as RESULT_FORMATS
    from actorgraph.settings import DEFAULT_BASE_IRI, EXPORT_FORMATS, NETWORK_FORMATS

    build = verbs.add_parser("build", help="build the validated RDF dataset of a corpus into the store and export it")
    _add_paths(build)
    _add_store(build)
    build.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to write TriG, Turtle, JSON-LD and the validation report (default: graph/, "
        f"for a corpus of up to {OUT_MAX_DOCUMENTS} documents; given, always written)",
    )
    build.add_argument("--no-out", action="store_true", help="update the store only")
    build.add_argument(
        "--base",
        default=DEFAULT_BASE_IRI,
        help=f"base IRI of documents, actors and facts (default: {DEFAULT_BASE_IRI})",
    )
    build.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on any shape violation, before anything is published"
    )
    build.add_argument(
        "--curation",
        type=Path,
        default=None,
        help="curation file (default: curation.yaml beside the corpus, if present)",
    )
    _add_extractor(build)
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument("--timings", action="store_true", help="a last line with the seconds of each phase of the build")
    build.add_argument(
        "--time-budget",
        type=_seconds,
        default=60.0,
        metavar="SECONDS",
        help="extraction time allowed per document before it is reported and skipped (default 60; 0: no limit)",
    )
    build.add_argument(
        "--allow-empty", action="store_true", help="publish even when the paths hold no documents (an empty store)"
    )
    build.add_argument(
        "--jobs",
        type=_positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="extraction processes (default: this machine's cores); the output is the same for any N",
    )
    build.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="extract and build the document graphs on a Dask cluster: a scheduler's address "
        "(tcp://HOST:8786), or 'local' for a cluster of --jobs worker processes on this machine; "
        "the corpus and the store must be at the same path on every worker (README, Scaling out)",
    )
    build.add_argument(
        "--full",
        action="store_true",
        help="extract every document again, even those whose content and extractor are unchanged",
    )
    build.add_argument(
        "--watch",
        action="store_true",
        help="after the build, build again each time a document (or the curation file) changes, until Ctrl-C",
    )
    build.set_defaults(run=runs["build"])

    export = verbs.add_parser("export", help="write the built dataset in a standard format")
    export.add_argument(
        "--format",
        choices=(*EXPORT_FORMATS, *NETWORK_FORMATS, "popolo"),
        default="trig",
        help="trig (default), nq, ttl, nt, jsonld: the dataset; graphml, gexf: the actor networks `analyze` builds; "
        "popolo: Popolo JSON (persons, organizations, memberships, posts)",
    )
    export.add_argument(
        "--standard",
        action="store_true",
        help="add the standard vocabularies' types and properties the ontology maps to (schema.org, ORG, PROV, "
        "Web Annotation) and the ontology itself; the stored data is unchanged",
    )
    export.add_argument(
        "--network",
        choices=("all", "endorsement", "membership", "comention", "recognition"),
        default=None,
        help="graphml/gexf: one network, or all in one graph with a `network` attribute on each edge (default)",
    )
    _add_store(export)
    export.add_argument("-o", "--output", default="-", help="output file, or - for standard output (default)")
    export.set_defaults(run=runs["export"])

    query = verbs.add_parser("query", help="run a named SPARQL query (queries/*.rq) or a .rq file; --list shows them")
    query.add_argument("query", nargs="?", metavar="NAME|FILE.rq", help="query name or file")
    query.add_argument("--list", action="store_true", help="list the named queries with their parameters")
    query.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE", help="a query parameter, bound as an RDF term"
    )
    query.add_argument(
        "--format",
        choices=RESULT_FORMATS,
        default=None,
        help="SELECT: table (default), csv, tsv, json (typed records), sparql-json, sparql-xml; ASK: table, json, "
        "sparql-json, sparql-xml; CONSTRUCT/DESCRIBE: ttl (default), nt, jsonld",
    )
    query.add_argument(
        "--union",
        action="store_true",
        help="the default graph is the union of the named graphs (the default for a .rq file without a header)",
    )
    _add_store(query)
    query.add_argument(
        "--endpoint",
        type=_http_url,
        default=os.environ.get("ACTORGRAPH_ENDPOINT"),
        help="a SPARQL endpoint to query instead of the store (env ACTORGRAPH_ENDPOINT)",
    )
    query.add_argument(
        "--user", default=os.environ.get("ACTORGRAPH_USER"), help="user for the endpoint (env ACTORGRAPH_USER)"
    )
    query.add_argument(
        "--password",
        default=os.environ.get("ACTORGRAPH_PASSWORD"),
        help="password for the endpoint (env ACTORGRAPH_PASSWORD)",
    )
    query.add_argument(
        "--allow-service", action="store_true", help="allow SERVICE (federated queries that call other endpoints)"
    )
    query.set_defaults(run=runs["query"])

    explain = verbs.add_parser(
        "evidence", help="the evidence behind a fact: its sentence with the actors marked, source, rule, confidence"
    )
    explain.add_argument("fact", metavar="FACT", help="the fact's IRI (the `fact` column of the fact queries)")
    _add_store(explain)
    explain.set_defaults(run=runs["evidence"])

    analyze = verbs.add_parser(
        "analyze", help="network views of the graph: metrics, GraphML/GEXF, CSV tables and pictures"
    )
    _add_store(analyze)
    analyze.add_argument(
        "--out", type=Path, default=Path("graph/analysis"), help="output directory (default: graph/analysis)"
    )
    analyze.add_argument(
        "--election",
        default=None,
        help="only this election's endorsements and results (its name, e.g. '2011 South Ossetia presidential election')",
    )
    analyze.add_argument(
        "--until", default=None, help="only documents published up to this date (YYYY, YYYY-MM or YYYY-MM-DD)"
    )
    analyze.set_defaults(run=runs["analyze"])

    env = os.environ.get
    push = verbs.add_parser(
        "push",
        help="load every named graph of the store into a SPARQL server (Graph Store Protocol, else SPARQL Update)",
    )
    push.add_argument(
        "--endpoint",
        type=_http_url,
        default=env("ACTORGRAPH_ENDPOINT"),
        help="SPARQL query endpoint, also used for updates (env ACTORGRAPH_ENDPOINT)",
    )
    push.add_argument(
        "--graph-store",
        type=_http_url,
        default=env("ACTORGRAPH_GRAPH_STORE"),
        help="Graph Store Protocol endpoint (env ACTORGRAPH_GRAPH_STORE); without it, SPARQL Update",
    )
    push.add_argument(
        "--update",
        type=_http_url,
        default=env("ACTORGRAPH_UPDATE"),
        help="SPARQL Update endpoint when it differs from --endpoint (env ACTORGRAPH_UPDATE)",
    )
    push.add_argument(
        "--user", default=env("ACTORGRAPH_USER"), help="user, for Basic or Digest authentication (env ACTORGRAPH_USER)"
    )
    push.add_argument("--password", default=env("ACTORGRAPH_PASSWORD"), help="password (env ACTORGRAPH_PASSWORD)")
    mode = push.add_mutually_exclusive_group()
    mode.add_argument(
        "--replace",
        action="store_true",
        default=True,
        help="replace each graph on the server (default): pushing twice leaves the same data",
    )
    mode.add_argument("--append", action="store_true", help="add to each graph instead of replacing it")
    push.add_argument(
        "--bulk",
        action="store_true",
        help="Virtuoso: hand N-Quads shards to its bulk loader through isql-vt when it reads --load-dir; "
        "else push over the protocols, saying why",
    )
    push.add_argument(
        "--isql",
        type=_host_port,
        default=env("ACTORGRAPH_ISQL"),
        metavar="HOST:PORT",
        help="Virtuoso's SQL port, for --bulk (env ACTORGRAPH_ISQL); the login is --user/--password, else dba/dba",
    )
    push.add_argument(
        "--load-dir",
        type=Path,
        default=env("ACTORGRAPH_LOAD_DIR"),
        metavar="DIR",
        help="a folder the server reads at the same path (in its DirsAllowed), for --bulk (env ACTORGRAPH_LOAD_DIR)",
    )
    _add_store(push)
    push.add_argument("--quiet", action="store_true", help="no line per graph")
    push.set_defaults(run=runs["push"])

    serve = verbs.add_parser("serve", help="a read-only SPARQL endpoint (/sparql) and the web explorer over the store")
    _add_store(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--union-default-graph", action="store_true", help="SPARQL queries see the union of the named graphs by default"
    )
    serve.add_argument("--timeout", type=_seconds, default=10.0, help="seconds one SPARQL query may take (default: 10)")
    serve.set_defaults(run=runs["serve"])
    return parser
