"""The GitHub Actions workflow that publishes the book, read as YAML."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"


def _load() -> dict:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def _steps(job: dict) -> list[dict]:
    return job["steps"]


def test_runs_on_pushes_to_main():
    on = _load()["on"]
    assert on["push"]["branches"] == ["main"]


def test_permissions_are_least_privilege():
    data = _load()
    assert data["permissions"] == {"contents": "read"}
    assert "permissions" not in data["jobs"]["build"]
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert data["concurrency"]["cancel-in-progress"] is False


def test_every_action_is_pinned_to_a_full_commit():
    for job in _load()["jobs"].values():
        for step in _steps(job):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    # and each pin says which release it is, for the person who updates it
    for line in WORKFLOW.read_text(encoding="utf-8").splitlines():
        if "uses:" in line:
            assert re.search(r"# v\d+\.\d+\.\d+$", line), line


def test_build_keeps_the_execution_cache_and_builds_html_and_pdf():
    build = _load()["jobs"]["build"]
    steps = _steps(build)
    caches = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
    assert len(caches) == 1
    assert caches[0]["with"]["path"] == "_build/.jupyter_cache"
    assert "restore-keys" in caches[0]["with"]
    runs = " && ".join(s.get("run", "") for s in steps)
    assert "tools/system_deps.py pdf" in runs
    assert re.search(r"\bmake book pdf\b", runs)
    assert re.search(r"\bmake test\b", runs)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    assert f"python-{setup['with']['python-version']}" == runtime
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"


def test_deploy_publishes_the_built_artifact_to_pages():
    deploy = _load()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = _steps(deploy)
    assert step["uses"].startswith("actions/deploy-pages@")


def test_makefile_has_the_commands_the_workflow_runs():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("book", "pdf", "test"):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
