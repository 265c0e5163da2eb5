"""Apache Jena's SHACL validator, run from Debian's libapache-jena-java, as a second opinion.

Debian ships Jena as jars without the `shacl` script, so tests/jena/ShaclBatch.java (run
as a single source file) validates many data files in one JVM: one start-up, not one per
case. Debian's jena-core keeps the messages of its bundled Xerces under the original
package name while the classes were moved, so Xerces fails at start-up; the messages are
copied to where the classes look for them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

JARS = Path("/usr/share/java")
RUNNER = Path(__file__).resolve().parent / "jena" / "ShaclBatch.java"
_JENA = [
    "jena-arq",
    "jena-base",
    "jena-core",
    "jena-iri",
    "jena-shacl",
    "jena-shex",
]
_DEPENDENCIES = [
    "commons-lang3",
    "commons-io",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-cli",
    "slf4j-api",
    "slf4j-nop",
    "jsonld-java",
    "jackson-core",
    "jackson-databind",
    "jackson-annotations",
    "gson",
    "dexx.collection",
    "thrift",
    "protobuf",
    "httpclient",
    "httpcore",
    "titanium-json-ld",
    "jakarta.json-api",
    "guava",
]
# (data file, focus node, path, constraint component, severity)
Row = tuple[str, str, str, str, str]


def jena_missing() -> str | None:
    """Why Jena cannot run here, or None."""
    if shutil.which("java") is None:
        return "no java on PATH (Debian: default-jre-headless)"
    missing = [name for name in _JENA + _DEPENDENCIES if not (JARS / f"{name}.jar").is_file()]
    if missing:
        return f"Jena jars missing from {JARS}: {', '.join(missing)} (Debian: libapache-jena-java)"
    return None


def require_jena() -> None:
    """Skip without Jena, except on CI (CI=true), where a missing Jena must fail."""
    reason = jena_missing()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"Apache Jena is required on CI: {reason}")
    pytest.skip(f"Apache Jena not installed: {reason}")


def _messages_dir(workdir: Path) -> Path:
    target = workdir / "jena-xerces-messages"
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                path = target / "xerces" / name[len(prefix) :]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(jar.read(name))
    return target


def run_jena(shapes: Path, data: list[Path], workdir: Path) -> list[Row]:
    """Jena's top-level results for each data file (Turtle), one row each."""
    classpath = [_messages_dir(workdir), *(JARS / f"{name}.jar" for name in _JENA + _DEPENDENCIES)]
    command = ["java", "-cp", os.pathsep.join(map(str, classpath)), str(RUNNER), str(shapes), *map(str, data)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"Jena failed ({done.returncode}): {done.stderr[-2000:]}"
    rows: list[Row] = []
    for line in done.stdout.splitlines():
        fields = line.split("\t")
        assert fields[1] != "ERROR", f"Jena could not validate {fields[0]}: {fields[2:]}"
        file, focus, path, component, severity = fields
        rows.append((file, focus, path.strip("<>"), component, severity))
    return rows
