"""The `actorgraph` command: thin verbs over the library.

Exit codes: 0 success, 1 the data does not pass (violations, failed documents),
2 the command could not run (bad option, broken model, unreadable file).
stdout carries data; stderr carries logs and errors.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import dataclasses
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor
from pathlib import Path

from actorgraph.cli_extraction import evaluate_verb as _evaluate
from actorgraph.cli_extraction import extract_verb as _extract
from actorgraph.cli_parser import OUT_MAX_DOCUMENTS, Verb
from actorgraph.cli_parser import build_parser as _build_parser
from actorgraph.errors import ActorgraphError, InputError, QueryError, ValidationFailed

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2  # cli_extraction.py keeps the same codes


def _check(args: argparse.Namespace) -> int:
    from actorgraph.ontology import load_model

    model = load_model(args.ontology)
    print(
        f"model {model.version} in {model.directory}: {len(model.terms)} terms, "
        f"{len(model.shapes)} shape triples, {len(model.context)} context keys, "
        f"{len(set(model.actors.subjects()))} reference actors: ok"
    )
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from actorgraph.rdfio import read_rdf_file
    from actorgraph.validate import validate_graph

    failed = False
    for path in args.files:
        data = read_rdf_file(Path(path), allow_remote_context=args.allow_remote_context)
        report = validate_graph(data, engine=args.engine)
        print(f"{path}: {report.text()}", end="")
        failed = failed or not report.conforms
    return EXIT_FAILED if failed else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from actorgraph.phases import in_words
    from actorgraph.pipeline import BuildOptions, BuildSummary, build_corpus

    options = BuildOptions(
        paths=tuple(args.paths),
        store=args.store,
        out=None if args.no_out else (args.out or Path("graph")),
        out_max_documents=None if args.out else OUT_MAX_DOCUMENTS,
        base=args.base,
        strict=args.strict,
        quiet=args.quiet,
        curation=args.curation,
        extractor=args.extractor,
        allow_empty=args.allow_empty,
        budget=args.time_budget or None,
        jobs=args.jobs,
        cluster=args.cluster,
        cache=not args.full,
    )

    def show(summary: BuildSummary) -> None:
        for line in summary.report_lines:
            print(line, file=sys.stderr)
        print(summary.line(), file=sys.stderr, flush=True)
        if args.timings:
            if summary.resolution:
                print(f"actorgraph: resolution: {summary.resolution}", file=sys.stderr)
            print(f"actorgraph: timings: {in_words(summary.phases)}", file=sys.stderr, flush=True)

    if args.watch:  # until Ctrl-C (exit 130) or the rules change (2); a failed build is reported, and the watch goes on
        from actorgraph.watch import watch

        watch(options, show, lambda error: print(f"actorgraph: error: {error}", file=sys.stderr, flush=True))
        return EXIT_OK
    summary = build_corpus(options)
    show(summary)
    return EXIT_FAILED if summary.issues else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from typing import BinaryIO

    from actorgraph.export import export_store
    from actorgraph.export_stream import STREAMED, stream_export
    from actorgraph.settings import EXPORT_FORMATS, NETWORK_FORMATS

    if args.network and args.format not in NETWORK_FORMATS:
        raise ActorgraphError(f"--network is for --format graphml or gexf, not {args.format}")
    if args.standard and args.format not in EXPORT_FORMATS:
        raise ActorgraphError(f"--standard is for the RDF formats ({', '.join(EXPORT_FORMATS)}), not {args.format}")
    if args.format in STREAMED and not args.standard:  # graph by graph, in bounded memory

        def write(sink: BinaryIO) -> None:
            stream_export(args.store, args.format, sink)

    else:
        data = export_store(args.store, args.format, standard=args.standard, network=args.network or "all")

        def write(sink: BinaryIO) -> None:
            sink.write(data)

    if args.output == "-":
        write(sys.stdout.buffer)
        return EXIT_OK
    target = Path(args.output)
    partial_file = target.with_name(f".{target.name}.partial")
    try:
        with partial_file.open("wb") as sink:
            write(sink)
        partial_file.replace(target)  # whole or not at all: a failed export leaves an older file as it was
    except OSError as error:
        raise InputError(args.output, f"cannot write: {error.strerror or error}") from None
    finally:
        partial_file.unlink(missing_ok=True)
    return EXIT_OK


def _query(args: argparse.Namespace) -> int:
    from actorgraph.errors import QueryError
    from actorgraph.queries import discover, is_federated, load_query, run

    if args.list:
        for name, query in discover().items():
            parameters = " ".join(f"--param {p.name}=<{p.kind}>" for p in query.parameters)
            print(f"{name:<26} {query.title}{'  ' + parameters if parameters else ''}")
        return EXIT_OK
    if not args.query:
        raise QueryError("name a query (or FILE.rq), or use --list")
    values: dict[str, str] = {}
    for item in args.param:
        key, equals, value = item.partition("=")
        if not equals or not key:
            raise QueryError(f"--param takes key=value, got {item!r}")
        values[key] = value
    query = load_query(args.query)
    if not args.allow_service and is_federated(query.text):
        raise QueryError(f"{args.query}: federated query (SERVICE) refused; --allow-service lets it call out")
    if args.endpoint:
        from actorgraph.remote import remote_query

        result = remote_query(query, values, args.endpoint, args.user, args.password)
    else:
        result = run(query, values, args.store, union=True if args.union else None)
    fmt = args.format or ("ttl" if result.form == "graph" else "table")
    sys.stdout.buffer.write(result.render(fmt))
    return EXIT_OK


def _evidence(args: argparse.Namespace) -> int:
    from actorgraph.evidence import evidence

    for number, item in enumerate(evidence(args.fact, args.store)):
        if number:
            print()
        for line in item.lines():
            print(line)
    return EXIT_OK


def _analyze(args: argparse.Namespace) -> int:
    from actorgraph.analysis import networks, summary, write_outputs

    result = networks(args.store, election=args.election, until=args.until)
    written = write_outputs(result, args.out)
    for line in summary(result):
        print(line)
    print(f"wrote {len(written)} files to {args.out}", file=sys.stderr)
    return EXIT_OK


def _push(args: argparse.Namespace) -> int:
    from actorgraph.remote import Server, push
    from actorgraph.remote_bulk import Loader, push_bulk

    if not args.endpoint:
        raise ActorgraphError("push needs --endpoint URL (or ACTORGRAPH_ENDPOINT)")
    server = Server(
        args.endpoint, graph_store=args.graph_store, update=args.update, user=args.user, password=args.password
    )
    progress = None if args.quiet else lambda line: print(line, file=sys.stderr)
    if args.bulk:
        loader = Loader(args.isql, args.load_dir)  # Virtuoso's own login unless --user says otherwise
        if args.user:
            loader = dataclasses.replace(loader, user=args.user, password=args.password or "")
        report = push_bulk(args.store, server, loader, replace=not args.append, progress=progress)
    else:
        report = push(args.store, server, replace=not args.append, progress=progress)
    print(report.line())
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from actorgraph.store import current_generation
    from actorgraph.web.app import ServeOptions, serve
    from actorgraph.web.sparql import Limits

    if current_generation(args.store) is None:
        raise ActorgraphError(f"{args.store}: no built store here: run `actorgraph build` first")
    if args.timeout <= 0:
        raise ActorgraphError(f"--timeout must be positive, got {args.timeout:g}")
    options = ServeOptions(args.store, args.union_default_graph, Limits(seconds=args.timeout), warm=True)
    print(
        f"actorgraph: serving {args.store} at http://{args.host}:{args.port}/ (SPARQL at /sparql); Ctrl-C stops",
        flush=True,
    )
    serve(options, args.host, args.port)
    return EXIT_OK


VERBS: dict[str, Verb] = {
    "check": _check,
    "validate": _validate,
    "extract": _extract,
    "evaluate": _evaluate,
    "build": _build,
    "export": _export,
    "query": _query,
    "evidence": _evidence,
    "analyze": _analyze,
    "push": _push,
    "serve": _serve,
}


def build_parser() -> argparse.ArgumentParser:
    """The `actorgraph` parser, each verb bound to the function above that runs it."""
    return _build_parser(VERBS)


def main(argv: Sequence[str] | None = None) -> int:
    import logging

    logging.basicConfig(level=logging.WARNING, format="actorgraph: warning: %(message)s")  # library warnings, one line
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version (0) or an option error, already printed in one line (2)
        return stop.code if isinstance(stop.code, int) else EXIT_ERROR
    run: Verb | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return run(args)
    except QueryError as error:
        print(f"actorgraph: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except ValidationFailed as error:
        print(f"actorgraph: {error}", file=sys.stderr)
        return EXIT_FAILED
    except ActorgraphError as error:
        print(f"actorgraph: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    # A worker process was killed (out of memory, kill -9): the build stopped. BrokenProcessPool is
    # the one BrokenExecutor a command meets (no thread pool here has an initializer to fail), and
    # naming it would import multiprocessing's modules for every command.
    except BrokenExecutor:
        print(
            "actorgraph: error: a worker process died (out of memory, or killed); "
            "nothing was published and the store is as it was",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away (`| head`): not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("actorgraph: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """The `actorgraph` command: `main`, the exit handlers, and out, without the interpreter's
    teardown, which frees every object one by one (0.1 s of the 1.9 s that adding one document
    to a store of 10,000 takes). A thread still running is waited for as usual."""
    code = main()
    if threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if not stream.closed:  # main closes stderr when the reader of stdout went away (`| head`)
            with contextlib.suppress(BrokenPipeError):
                stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
