"""CI templates in forge/: the gate runs from the target branch and reads the contribution as data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / "forge" / "github" / "workflows" / "contribution.yml"
GITLAB = ROOT / "forge" / "gitlab" / ".gitlab-ci.yml"
RUNS_CONTRIBUTION_CODE = re.compile(r"\b(make|npm|npx|pip|pytest)\b|\.venv/bin/python -m generator (check|build)")


def load(path: Path) -> dict[Any, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_github_gate_checks_out_the_base_and_fetches_the_head_as_data() -> None:
    workflow = load(GITHUB)
    assert list(workflow[True]) == ["pull_request_target"]  # PyYAML reads the key `on` as True
    assert workflow["permissions"] == {}
    assert "secrets." not in str(workflow) and "cache" not in str(workflow)  # comments aside
    steps = workflow["jobs"]["controle"]["steps"]
    assert workflow["jobs"]["controle"]["permissions"] == {"contents": "read"}
    checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout")]
    assert len(checkouts) == 1
    assert checkouts[0]["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert checkouts[0]["with"]["persist-credentials"] is False
    runs = [s["run"] for s in steps if "run" in s]
    verdict = next(i for i, r in enumerate(runs) if "generator review" in r)
    assert '--tete "$TETE"' in runs[verdict]
    assert any(r.startswith("git fetch") and "refs/pull/" in r for r in runs[:verdict])
    assert all("checkout" not in r for r in runs)  # the head is never checked out in this job
    for step in steps:  # expressions only through env:, never pasted into a shell script
        assert "${{" not in step.get("run", "")


def test_github_build_needs_a_content_only_verdict() -> None:
    job = load(GITHUB)["jobs"]["construction"]
    assert job["needs"] == "controle"
    assert job["if"] == "needs.controle.outputs.contenu_seul == 'true'"
    assert job["permissions"] == {"contents": "read"}
    checkout = job["steps"][0]
    assert checkout["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    assert checkout["with"]["persist-credentials"] is False


def test_gitlab_gate_switches_to_the_target_branch_before_running_anything() -> None:
    ci = load(GITLAB)
    assert ci["variables"]["GIT_STRATEGY"] == "clone"
    job = ci["controle"]
    assert "before_script" not in job and "<<" not in job
    script: list[str] = job["script"]
    switch = next(i for i, line in enumerate(script) if line.startswith("git checkout"))
    assert 'origin/${CIBLE}' in script[switch]
    assert not any(RUNS_CONTRIBUTION_CODE.search(line) for line in script[:switch])
    review = next(line for line in script if "generator review" in line)
    assert '--tete "$CI_COMMIT_SHA"' in review
    assert job["artifacts"]["reports"]["dotenv"] == "verdict.env"


def test_gitlab_build_needs_a_content_only_verdict() -> None:
    ci = load(GITLAB)
    job = ci["construction"]
    assert job["needs"] == ["controle"]
    assert "before_script" not in job
    assert job["script"][0].startswith('if [ "$CONTENU_SEUL" != "true" ]')
    assert "CI_MERGE_REQUEST_SOURCE_PROJECT_ID == $CI_PROJECT_ID" in ci["construction-branche"]["rules"][0]["if"]
