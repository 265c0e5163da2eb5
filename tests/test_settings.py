"""settings.py: where the model files are found, and the default base IRI."""

from __future__ import annotations

from actorgraph import settings

from .conftest import ROOT


def test_a_checkout_reads_its_own_model_files(monkeypatch):
    monkeypatch.delenv("ACTORGRAPH_HOME", raising=False)
    assert settings.project_home() == ROOT
    assert settings.ontology_dir() == ROOT / "ontology"
    assert settings.queries_dir() == ROOT / "queries"


def test_actorgraph_home_points_elsewhere(monkeypatch, tmp_path):
    monkeypatch.setenv("ACTORGRAPH_HOME", str(tmp_path))
    assert settings.ontology_dir() == tmp_path / "ontology"
    assert settings.queries_dir() == tmp_path / "queries"
    monkeypatch.setenv("ACTORGRAPH_HOME", "")
    assert settings.project_home() == ROOT, "an empty value is no override"


def test_an_installed_package_reads_its_bundled_copies(monkeypatch, tmp_path):
    monkeypatch.delenv("ACTORGRAPH_HOME", raising=False)
    package = tmp_path / "site-packages" / "actorgraph"
    package.mkdir(parents=True)
    monkeypatch.setattr(settings, "_PACKAGE_DIR", package)
    assert settings.ontology_dir() == package / "data" / "ontology"


def test_base_iri_and_namespace():
    assert settings.DEFAULT_BASE_IRI == "https://w3id.org/actorgraph/data/"
    assert settings.NAMESPACE == "https://w3id.org/actorgraph/ns#"
