"""The extraction verbs of the `actorgraph` command: extract (with --explain) and evaluate."""

from __future__ import annotations

import argparse
import sys

from actorgraph.records import Issue

EXIT_OK, EXIT_FAILED = 0, 1


def extract_verb(args: argparse.Namespace) -> int:
    """`actorgraph extract`: mentions and facts of documents, or with --explain why the rules said them."""
    import json

    from actorgraph.documents import read
    from actorgraph.extract import extract_document, extraction_as_dict, get_extractor

    if args.explain or args.sentence:
        return _explain(args)
    extractor = get_extractor(args.extractor)
    failed = 0
    for item in read(args.paths):
        extraction = item if isinstance(item, Issue) else extract_document(extractor, item)
        if isinstance(extraction, Issue):
            print(f"actorgraph: {extraction.line()}", file=sys.stderr)
            failed += 1
            continue
        view = extraction_as_dict(extraction)
        if args.format == "jsonl":
            print(json.dumps(view, ensure_ascii=False, sort_keys=True))
        else:
            print(f"== {view['document']}")
            for claim in view["claims"]:  # type: ignore[attr-defined]
                roles = ", ".join(f"{k}={_short(v)}" for k, v in claim["roles"].items())
                print(f"  {claim['kind']:<12} {roles}  [{claim['rule']}]")
    return EXIT_FAILED if failed else EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    import json

    from actorgraph.documents import read
    from actorgraph.extract.explain import explain, explanation_dict, explanation_text
    from actorgraph.extract.mentions import MentionFinder
    from actorgraph.records import Document

    finder = MentionFinder()
    items = [Document(id="sentence", text=args.sentence, source="--sentence")] if args.sentence else read(args.paths)
    failed = 0
    for item in items:
        if isinstance(item, Issue):
            print(f"actorgraph: {item.line()}", file=sys.stderr)
            failed += 1
            continue
        explained = explain(item, finder)
        if args.format == "jsonl":
            print(json.dumps(explanation_dict(item.id, explained), ensure_ascii=False, sort_keys=True))
        else:
            print(explanation_text(item.id, explained), end="")
    return EXIT_FAILED if failed else EXIT_OK


def _short(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or " ".join(str(v) for v in value.values()))
    return str(value)


def evaluate_verb(args: argparse.Namespace) -> int:
    """`actorgraph evaluate`: extraction scored against a gold file."""
    import json

    from actorgraph.evaluate import run

    report = run(args.gold, args.docs, args.extractor)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(report.text(), end="")
    return EXIT_OK
