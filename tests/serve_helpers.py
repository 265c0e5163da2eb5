"""Stores for the serve tests: the example corpus built once, and hand-made generations."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from functools import cache
from pathlib import Path

from actorgraph.pipeline import BuildOptions, build_corpus
from actorgraph.store import Generation, Manifest, published_nquads, read_manifest

from .conftest import ROOT, scratch

BASE = "https://w3id.org/actorgraph/data/"
HOSTILE = "<script>alert(1)</script>"


@cache
def corpus_store() -> Path:
    """The example corpus built into a store (once per test session); tests only read it."""
    root = scratch("actorgraph-serve-")
    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=root / "store", out=None, quiet=True))
    return root / "store"


def publish_generation(root: Path, lines: list[str], texts: dict[str, str] | None = None) -> None:
    """Write N-Quads lines (and documents' texts) as a new published generation of a store, as a build would."""
    root.mkdir(parents=True, exist_ok=True)
    generation = Generation(root)
    generation.quads_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for document, text in (texts or {}).items():
        generation.texts.write(document, text)
    generation.load(generation.quads_file)
    manifest = read_manifest(corpus_store()) or Manifest(base=BASE)
    generation.publish(manifest)


HOSTILE_TEXT = f"{HOSTILE} backs Bibilov & <b>friends</b>."


def hostile_store(target: Path) -> Path:
    """The corpus plus an actor whose name is a script, endorsing in a document whose text holds markup."""
    actors = f"<{BASE}graph/actors>"
    ag, oa, xsd = "https://w3id.org/actorgraph/ns#", "http://www.w3.org/ns/oa#", "http://www.w3.org/2001/XMLSchema#"
    doc, graph = f"<{BASE}document/evil>", f"<{BASE}document/evil>"
    mention, span, fact = (
        f"<{BASE}document/evil/mention/0-25>",
        f"<{BASE}document/evil/span/0-{len(HOSTILE_TEXT)}>",
        f"<{BASE}fact/evil/endorsement-1>",
    )
    number = f"^^<{xsd}nonNegativeInteger>"
    extra = [
        f'<{BASE}actor/evil> <http://www.w3.org/2004/02/skos/core#prefLabel> "{HOSTILE}" {actors} .',
        f"<{BASE}actor/evil> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ag}Person> {actors} .",
        f"{doc} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ag}NewsArticle> {graph} .",
        f'{doc} <http://purl.org/dc/terms/identifier> "evil" {graph} .',
        f'{doc} <http://purl.org/dc/terms/title> "{HOSTILE}" {graph} .',
        f"{mention} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ag}Mention> {graph} .",
        f'{mention} <{oa}start> "0"{number} {graph} .',
        f'{mention} <{oa}end> "{len(HOSTILE)}"{number} {graph} .',
        f'{mention} <{oa}exact> "{HOSTILE}" {graph} .',
        f"{mention} <{ag}refersTo> <{BASE}actor/evil> {graph} .",
        f"{span} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ag}EvidenceSpan> {graph} .",
        f'{span} <{oa}start> "0"{number} {graph} .',
        f'{span} <{oa}end> "{len(HOSTILE_TEXT)}"{number} {graph} .',
        f'{span} <{oa}exact> "{HOSTILE_TEXT}" {graph} .',
        f"{fact} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ag}Endorsement> {graph} .",
        f"{fact} <http://www.w3.org/ns/prov#wasDerivedFrom> {doc} {graph} .",
        f'{fact} <{ag}rule> "{HOSTILE}" {graph} .',
        f"{fact} <{ag}evidence> {span} {graph} .",
        f"{fact} <{ag}endorser> <{BASE}actor/evil> {graph} .",
        f"{fact} <{ag}endorsed> <{BASE}actor/anatoly-bibilov> {graph} .",
    ]
    root = target / "store"
    publish_generation(root, published_nquads(corpus_store()) + extra, {f"{BASE}document/evil": HOSTILE_TEXT})
    return root


def copy_store(target: Path) -> Path:
    root = target / "store"
    shutil.copytree(corpus_store(), root, symlinks=True)
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(store: Path, *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    """`actorgraph serve` in a child process; returns it and its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "actorgraph.cli", "serve", "--store", str(store), "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"actorgraph serve exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("actorgraph serve did not answer within 30 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
