"""The composite GitHub Action in action.yml.

Its structure is checked as data (PyYAML), and its behaviour by running the
exact shell scripts of its `run` steps the way the runner does (`bash
--noprofile --norc -eo pipefail`, the step's `env` with the expressions
substituted, GITHUB_OUTPUT and friends), with the ssi-lint of this
environment on PATH in place of the setup-python and install steps.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION_FILE = ROOT / "action.yml"
EXAMPLES = ROOT / "examples"

# Steps the emulation leaves out: they provision Python and ssi-lint, which this environment already has.
PROVISIONING_STEPS = {"python", "install"}
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
INPUT_REFERENCE = re.compile(r"\binputs\.([A-Za-z_][A-Za-z0-9_-]*)|\binputs\[\s*['\"]([^'\"]+)['\"]\s*\]")
STEP_REFERENCE = re.compile(r"\bsteps\.([A-Za-z_][A-Za-z0-9_-]*)\.")

pytestmark = [pytest.mark.skipif(not ACTION_FILE.is_file(), reason="no action.yml (not a source checkout)"), pytest.mark.slow]  # runs the shell steps


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    loaded = yaml.load(ACTION_FILE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    assert isinstance(loaded, dict)
    return loaded


def _steps(action: dict[str, Any]) -> list[dict[str, Any]]:
    return action["runs"]["steps"]


def _expressions(node: Any) -> list[str]:
    """The text of every ${{ }} expression in a parsed YAML tree (keys and values)."""
    if isinstance(node, dict):
        return [expr for key, value in node.items() for part in (key, value) for expr in _expressions(part)]
    if isinstance(node, list):
        return [expr for item in node for expr in _expressions(item)]
    if isinstance(node, str):
        return [match.strip() for match in EXPRESSION.findall(node)]
    return []


# -- structure ----------------------------------------------------------------


def test_is_a_composite_action_with_metadata(action: dict[str, Any]) -> None:
    assert action["runs"]["using"] == "composite"
    assert action["name"] and action["description"]
    assert isinstance(_steps(action), list) and _steps(action)


def test_declares_the_documented_inputs(action: dict[str, Any]) -> None:
    inputs = action["inputs"]
    expected_defaults = {"paths": ".", "fail-on": "", "sarif-file": "ssi-lint.sarif", "version": "", "args": ""}
    for name, default in expected_defaults.items():
        assert name in inputs, name
        assert str(inputs[name].get("default")) == default, name
    for name, spec in inputs.items():
        assert spec.get("description"), f"input {name} has no description"
        # A caller that passes nothing gets a working action.
        assert not spec.get("required") or "default" in spec, name


def test_every_input_used_is_declared_and_every_declared_input_is_used(action: dict[str, Any]) -> None:
    used = {
        a or b for expression in _expressions(action["runs"]) for a, b in INPUT_REFERENCE.findall(expression)
    }
    used |= {a or b for expression in _expressions(action.get("outputs", {})) for a, b in INPUT_REFERENCE.findall(expression)}
    declared = set(action["inputs"])
    assert used <= declared, f"undeclared inputs: {sorted(used - declared)}"
    assert declared <= used, f"inputs never used: {sorted(declared - used)}"


def test_step_ids_are_unique_and_step_references_look_back(action: dict[str, Any]) -> None:
    seen: list[str] = []
    for step in _steps(action):
        for expression in _expressions(step):
            for step_id in STEP_REFERENCE.findall(expression):
                assert step_id in seen, f"step {step.get('id')!r} reads steps.{step_id} before it runs"
        if "id" in step:
            assert step["id"] not in seen, step["id"]
            seen.append(step["id"])
    for name, spec in action["outputs"].items():
        assert spec.get("description"), name
        for expression in _expressions(spec["value"]):
            assert set(STEP_REFERENCE.findall(expression)) <= set(seen), name
    assert "steps.lint.outputs.sarif-file" in action["outputs"]["sarif-file"]["value"]


def test_run_steps_set_a_shell_and_take_inputs_only_through_env(action: dict[str, Any]) -> None:
    for step in _steps(action):
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell") == "bash", step.get("id")
            # Inputs reach the scripts as environment variables, never pasted into the script text,
            # so a path or argument cannot inject shell code.
            assert "${{" not in step["run"], step.get("id")


def test_sets_up_python_311_or_newer_without_changing_the_job(action: dict[str, Any]) -> None:
    setup = next(step for step in _steps(action) if str(step.get("uses", "")).startswith("actions/setup-python@"))
    assert setup["uses"] == "actions/setup-python@v5"
    assert setup["id"] == "python"
    version = action["inputs"]["python-version"]["default"]
    assert tuple(int(part) for part in str(version).split(".")[:2]) >= (3, 11)
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert setup["with"]["update-environment"] is False
    install = next(step for step in _steps(action) if step.get("id") == "install")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert "steps.python.outputs.python-path" in install["env"]["PYTHON"]


def test_lint_runs_once_with_the_documented_options(action: dict[str, Any]) -> None:
    scripts = {step.get("id"): step.get("run", "") for step in _steps(action)}
    assert [step.get("id") for step in _steps(action)][-1] == "lint"
    assert "sarif" not in scripts
    lint = scripts["lint"]
    assert lint.count("ssi-lint check") == 1
    assert "--format github" in lint and '--report "sarif:$SARIF_FILE"' in lint and '"${summary[@]}"' in lint
    assert '--report "markdown:$GITHUB_STEP_SUMMARY"' in lint
    assert '"${fail_on[@]}"' in lint and '--fail-on "$FAIL_ON"' in lint and '[ -n "$FAIL_ON" ]' in lint
    # Unquoted $LINT_PATHS / $LINT_ARGS are split on whitespace; globbing stays off.
    assert lint.lstrip().startswith("set -f")


# -- behaviour ----------------------------------------------------------------


@dataclass
class Run:
    status: int
    outputs: dict[str, str]
    log: str
    ran: list[str] = field(default_factory=list)


def _parse_output_file(path: Path) -> dict[str, str]:
    """GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` blocks."""
    values: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines()) if path.exists() else iter(())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            for item in lines:
                if item == delimiter:
                    break
                block.append(item)
            values[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def _evaluate(text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    def one(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if found := re.fullmatch(r"inputs\.([\w-]+)", expression):
            return inputs[found.group(1)]
        if expression == "github.action_path":
            return str(ROOT)
        if found := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
            return steps.get(found.group(1), {}).get(found.group(2), "")
        raise AssertionError(f"the emulation does not know ${{{{ {expression} }}}}")

    return EXPRESSION.sub(one, text)


def _ssi_lint_dir() -> Path:
    for candidate in (Path(sysconfig.get_path("scripts")), Path(shutil.which("ssi-lint") or ".").parent):
        if (candidate / "ssi-lint").exists() or (candidate / "ssi-lint.exe").exists():
            return candidate
    pytest.skip("ssi-lint is not installed in this environment")


def run_action(action: dict[str, Any], workspace: Path, runner: Path, **given: str) -> Run:
    """Run the action's run steps in `workspace` with these inputs (names with `-` spelled with `_`)."""
    declared = action["inputs"]
    inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    for key, value in given.items():
        name = key.replace("_", "-")
        assert name in declared, name
        inputs[name] = value
    base = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "RUNNER_"))}
    base["PATH"] = os.pathsep.join([str(_ssi_lint_dir()), base.get("PATH", "")])
    runner.mkdir(parents=True, exist_ok=True)
    base.update(
        RUNNER_TEMP=str(runner),
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_PATH=str(runner / "path.txt"),
        GITHUB_ENV=str(runner / "env.txt"),
        GITHUB_STEP_SUMMARY=str(runner / "summary.md"),
    )
    steps: dict[str, dict[str, str]] = {}
    log: list[str] = []
    ran: list[str] = []
    for number, step in enumerate(action["runs"]["steps"]):
        step_id = step.get("id", f"step{number}")
        if step_id in PROVISIONING_STEPS:
            continue
        assert "run" in step and "if" not in step, f"the emulation cannot run step {step_id!r}"
        outputs_file = runner / f"output-{number}.txt"
        env = dict(base, GITHUB_OUTPUT=str(outputs_file))
        env.update({name: _evaluate(str(value), inputs, steps) for name, value in step.get("env", {}).items()})
        script = runner / f"step-{number}.sh"
        script.write_text(step["run"], encoding="utf-8")
        # The runner's command line for `shell: bash`.
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        ran.append(step_id)
        log.append(done.stdout + done.stderr)
        steps[step_id] = _parse_output_file(outputs_file)
        if done.returncode != 0:  # a failing step fails the action; later steps are skipped
            return Run(done.returncode, {}, "".join(log), ran)
    outputs = {name: _evaluate(spec["value"], inputs, steps) for name, spec in action["outputs"].items()}
    return Run(0, outputs, "".join(log), ran)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checkout with the two example plans under plans/."""
    root = tmp_path / "workspace"
    (root / "plans").mkdir(parents=True)
    for name in ("risky.plan.yaml", "healthy.plan.yaml"):
        shutil.copy(EXAMPLES / name, root / "plans" / name)
    return root


def _sarif(path: Path) -> dict[str, Any]:
    assert path.is_file(), f"no SARIF at {path}"
    log = json.loads(path.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    try:
        from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifLog
    except ImportError:  # pragma: no cover - the test extra installs it
        pass
    else:
        SarifLog.model_validate(log, strict=False)
    return log


def _results(log: dict[str, Any]) -> list[dict[str, Any]]:
    return [result for run in log["runs"] for result in run["results"]]


@pytest.mark.parametrize(
    ("plan", "fail_on", "status"),
    [
        ("plans/risky.plan.yaml", "error", 1),
        ("plans/risky.plan.yaml", "warning", 1),
        ("plans/risky.plan.yaml", "never", 0),
        ("plans/healthy.plan.yaml", "error", 0),
        ("plans/healthy.plan.yaml", "info", 0),
    ],
)
def test_status_follows_fail_on_and_sarif_is_always_written(
    action: dict[str, Any], workspace: Path, tmp_path: Path, plan: str, fail_on: str, status: int
) -> None:
    run = run_action(action, workspace, tmp_path / "runner", paths=plan, fail_on=fail_on)
    assert run.status == status, run.log
    assert run.ran == ["lint"]
    log = _sarif(workspace / "ssi-lint.sarif")
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in _results(log)
        for location in result["locations"]
    }
    if "risky" in plan:
        assert uris == {plan}  # relative to the workspace, as code scanning wants
        assert "::error file=plans/risky.plan.yaml,line=" in run.log
    else:
        assert _results(log) == []
        assert "::error" not in run.log and "::warning" not in run.log
    if status == 0:
        assert run.outputs == {"sarif-file": "ssi-lint.sarif"}


def test_defaults_lint_the_whole_workspace(action: dict[str, Any], workspace: Path, tmp_path: Path) -> None:
    run = run_action(action, workspace, tmp_path / "runner")
    assert run.status == 1, run.log
    files = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in _results(_sarif(workspace / "ssi-lint.sarif"))
        for location in result["locations"]
    }
    assert files == {"plans/risky.plan.yaml"}


def test_several_paths_a_nested_sarif_file_and_extra_args(
    action: dict[str, Any], workspace: Path, tmp_path: Path
) -> None:
    (workspace / "more").mkdir()
    shutil.copy(EXAMPLES / "risky.plan.yaml", workspace / "more" / "second.plan.yaml")
    paths = "plans/risky.plan.yaml\nmore/second.plan.yaml  plans/healthy.plan.yaml\n"
    common = {"paths": paths, "sarif_file": "reports/ci/ssi.sarif", "args": "--select PRF"}
    # The PRF rules find only warnings and infos in the risky plan.
    passed = run_action(action, workspace, tmp_path / "runner-1", fail_on="error", **common)
    assert passed.status == 0, passed.log
    assert passed.outputs == {"sarif-file": "reports/ci/ssi.sarif"}
    results = _results(_sarif(workspace / "reports" / "ci" / "ssi.sarif"))
    assert results and {result["ruleId"][:3] for result in results} == {"PRF"}
    assert {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in results
    } == {"plans/risky.plan.yaml", "more/second.plan.yaml"}

    failed = run_action(action, workspace, tmp_path / "runner-2", fail_on="warning", **common)
    assert failed.status == 1, failed.log
    assert "::warning file=more/second.plan.yaml" in failed.log


def test_tool_failure_fails_before_linting(action: dict[str, Any], workspace: Path, tmp_path: Path) -> None:
    run = run_action(action, workspace, tmp_path / "runner", paths="plans/missing.plan.yaml", fail_on="never")
    assert run.status == 2, run.log
    assert run.ran == ["lint"]
    assert "missing.plan.yaml" in run.log
    assert not (workspace / "ssi-lint.sarif").exists()


def test_inputs_are_data_not_shell(action: dict[str, Any], workspace: Path, tmp_path: Path) -> None:
    run = run_action(
        action, workspace, tmp_path / "runner", paths="$(touch pwned) `touch pwned2` plans", args="; touch pwned3"
    )
    assert run.status == 2, run.log
    assert not list(workspace.glob("pwned*"))


def test_paths_are_not_glob_expanded(action: dict[str, Any], workspace: Path, tmp_path: Path) -> None:
    """Folders are searched already; a pattern reaches ssi-lint as written (and names no file)."""
    run = run_action(action, workspace, tmp_path / "runner", paths="plans/*.plan.yaml")
    assert run.status == 2, run.log
    assert run.ran == ["lint"]
    assert "plans/*.plan.yaml" in run.log


@pytest.mark.parametrize(("config", "fail_on", "status"), [
    ("fail-on: never\n", "", 0),
    ("fail-on: never\n", "error", 1),
    ("", "", 1),
    ("fail-on: info\n", "never", 0),
])
def test_fail_on_is_passed_only_when_given(
    action: dict[str, Any], workspace: Path, tmp_path: Path, config: str, fail_on: str, status: int
) -> None:
    (workspace / ".git").mkdir()
    if config:
        (workspace / ".ssi-lint.yaml").write_text(config)
    run = run_action(action, workspace, tmp_path / "runner", paths="plans", fail_on=fail_on)
    assert run.status == status, run.log
    assert _results(_sarif(workspace / "ssi-lint.sarif"))
    if status == 0:
        assert run.outputs == {"sarif-file": "ssi-lint.sarif"}


def test_annotations_and_sarif_come_from_one_lint(action: dict[str, Any], workspace: Path, tmp_path: Path) -> None:
    run = run_action(action, workspace, tmp_path / "runner", paths="plans")
    annotations = [line for line in run.log.splitlines() if line.startswith(("::error", "::warning", "::notice"))]
    assert len(annotations) == len(_results(_sarif(workspace / "ssi-lint.sarif")))


def test_the_step_summary_comes_from_the_same_lint(action: dict[str, Any], workspace: Path, tmp_path: Path) -> None:
    run = run_action(action, workspace, tmp_path / "runner", paths="plans")
    summary = (tmp_path / "runner" / "summary.md").read_text(encoding="utf-8")
    assert "risky.plan.yaml" in summary and "|" in summary
    errors = [line for line in run.log.splitlines() if line.startswith("::error")]
    assert errors and summary.count("error") >= 1
