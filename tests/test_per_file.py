"""Each file's nearest configuration (a folder per client), `--config` for all, and `per-file-ignores`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.cli import main
from ssi_lint.config import Config, load_config
from ssi_lint.per_file import ConfigResolver

PLAN = "version: 1\noutreach:\n  invitations:\n    per_day: 30\n"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two clients with their own warning level for OUT001 (daily invitations), and one with the agency's."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ssi-lint.yaml").write_text("select: [OUT001]\nparams: {OUT001: {levels: {warning: 40}}}\n")
    for client, limit in (("acme", 25), ("globex", 35)):
        (tmp_path / "clients" / client).mkdir(parents=True)
        (tmp_path / "clients" / client / ".ssi-lint.yaml").write_text(
            f"extend: ../../.ssi-lint.yaml\nparams: {{OUT001: {{levels: {{warning: {limit}}}}}}}\n")
        (tmp_path / "clients" / client / "q1.plan.yaml").write_text(PLAN)
    (tmp_path / "clients" / "initech").mkdir()
    (tmp_path / "clients" / "initech" / "q1.plan.yaml").write_text(PLAN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def _files_with_findings(result: Result) -> set[str]:
    return {finding["file"] for finding in json.loads(result.output)["findings"]}


def test_each_client_folder_uses_its_own_thresholds(agency: Path) -> None:
    result = invoke("--format", "json", "clients")
    # 30 a day: above acme's 25, below globex's 35, and below the agency's 40 for initech.
    assert _files_with_findings(result) == {"clients/acme/q1.plan.yaml"}
    assert {rule["rule_id"] for rule in json.loads(result.output)["findings"]} == {"OUT001"}


def test_command_line_options_apply_to_every_folder(agency: Path) -> None:
    result = invoke("--format", "json", "--select", "OUT001,OUT008", "clients")
    assert _files_with_findings(result) == {"clients/acme/q1.plan.yaml"}


def test_config_option_applies_one_file_everywhere(agency: Path) -> None:
    (agency / "strict.yaml").write_text("select: [OUT001]\nparams: {OUT001: {levels: {warning: 10}}}\n")
    result = invoke("--format", "json", "--config", "strict.yaml", "clients")
    assert len(_files_with_findings(result)) == 3


def test_a_bad_client_config_names_its_file(agency: Path) -> None:
    (agency / "clients" / "globex" / ".ssi-lint.yaml").write_text("params: {OUT999: {limit: 1}}\n")
    result = invoke("clients")
    assert result.exit_code == 2 and "clients/globex/.ssi-lint.yaml: params.OUT999: unknown rule id" in result.stderr


def test_per_file_ignores_drop_findings_in_matching_files(agency: Path) -> None:
    (agency / ".ssi-lint.yaml").write_text("select: [OUT001]\nparams: {OUT001: {levels: {warning: 10}}}\nper-file-ignores: {'clients/initech/*': [OUT]}\n")
    (agency / "clients" / "acme" / ".ssi-lint.yaml").unlink()
    (agency / "clients" / "globex" / ".ssi-lint.yaml").unlink()
    result = invoke("--format", "json", "clients")
    assert _files_with_findings(result) == {"clients/acme/q1.plan.yaml", "clients/globex/q1.plan.yaml"}


def test_resolver_caches_and_falls_back(agency: Path) -> None:
    run_config = load_config(agency / ".ssi-lint.yaml")
    resolver = ConfigResolver(run_config)
    acme = resolver.for_file(agency / "clients" / "acme" / "q1.plan.yaml")
    assert acme.params == {"OUT001": {"levels": {"warning": 25}}} and acme is resolver.for_file(agency / "clients" / "acme" / "x.plan.yaml")
    assert resolver.for_file(agency / "clients" / "initech" / "q1.plan.yaml") is run_config
    assert ConfigResolver(Config(), fixed=True).for_file(agency / "clients" / "acme" / "q1.plan.yaml") == Config()


# --- which files a folder's own configuration leaves out, however they are named --------------------------------------

RISKY = "version: 1\noutreach:\n  invitations:\n    per_day: 60\n"


@pytest.fixture
def nested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose client folders carry their own include/exclude (the reviewer's tree)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.ssi-lint]\nselect = ["OUT001"]\nextend-exclude = ["drafts"]\n')
    files = {
        "top.plan.yaml": RISKY,
        "clients/beta/.ssi-lint.yaml": 'select: [OUT001]\nextend-exclude: ["b.plan.yaml"]\n',
        "clients/beta/b.plan.yaml": RISKY,
        "clients/beta/keep.plan.yaml": RISKY,
        "inc/.ssi-lint.yaml": 'include: ["*.yaml"]\nselect: [OUT001]\n',
        "inc/campaign.yaml": RISKY,
        "drafts/.ssi-lint.yaml": "select: [OUT001]\n",  # the root's exclusion of drafts/ still applies
        "drafts/d.plan.yaml": RISKY,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def linted(result: Result, folder: Path, root: Path) -> set[str]:
    """The files a JSON report holds, relative to the repository root."""
    assert result.exit_code in (0, 1), result.output + result.stderr
    return {(folder / entry["path"]).resolve().relative_to(root.resolve()).as_posix() for entry in json.loads(result.stdout)["files"]}


@pytest.mark.parametrize(("cwd", "args"), [
    (".", ["clients/beta/b.plan.yaml", "top.plan.yaml"]),
    (".", ["."]),
    (".", ["clients"]),
    ("clients", ["beta/b.plan.yaml", "beta"]),
    ("clients/beta", ["b.plan.yaml", "keep.plan.yaml"]),
    ("clients/beta", ["."]),
], ids=["file-from-root", "root", "parent-folder", "from-between", "file-inside", "folder-inside"])
def test_a_nested_exclusion_applies_however_the_file_is_named(
    nested: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, args: list[str]
) -> None:
    monkeypatch.chdir(nested / cwd)
    found = linted(invoke("--format", "json", *args), nested / cwd, nested)
    assert "clients/beta/b.plan.yaml" not in found
    assert found  # the other files named are linted


@pytest.mark.parametrize("cwd", [".", "clients", "clients/beta"])
def test_a_piped_plan_named_as_an_excluded_file_is_left_out_from_any_folder(nested: Path, monkeypatch: pytest.MonkeyPatch, cwd: str) -> None:
    monkeypatch.chdir(nested / cwd)
    name = (nested / "clients" / "beta" / "b.plan.yaml").relative_to(nested / cwd).as_posix()
    result = CliRunner().invoke(main, ["-", "--stdin-filename", name, "--format", "json"], input=RISKY, catch_exceptions=False)
    assert json.loads(result.stdout)["files"] == [] and result.exit_code == 0


@pytest.mark.parametrize(("cwd", "args", "shown"), [
    (".", ["inc"], "inc/campaign.yaml"),
    (".", ["."], "inc/campaign.yaml"),
    ("inc", ["."], "campaign.yaml"),
])
def test_a_nested_include_finds_the_same_files_from_any_folder(
    nested: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, args: list[str], shown: str
) -> None:
    monkeypatch.chdir(nested / cwd)
    result = invoke("--format", "json", *args)
    paths = [entry["path"] for entry in json.loads(result.stdout)["files"]]
    assert shown in paths
    assert not any(path.endswith(".ssi-lint.yaml") for path in paths)  # a configuration file is never a plan


@pytest.mark.parametrize(("cwd", "args"), [
    (".", ["."]), (".", ["drafts/d.plan.yaml"]), (".", ["drafts"]), ("drafts", ["."]), ("drafts", ["d.plan.yaml"]),
])
def test_an_enclosing_exclusion_leaves_out_a_folder_with_its_own_configuration(
    nested: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, args: list[str]
) -> None:
    monkeypatch.chdir(nested / cwd)
    assert "drafts/d.plan.yaml" not in linted(invoke("--format", "json", *args), nested / cwd, nested)


def test_the_config_option_keeps_one_configuration_and_its_globs_for_every_folder(nested: Path) -> None:
    found = linted(invoke("--format", "json", "--config", "pyproject.toml", "."), nested, nested)
    assert {"clients/beta/b.plan.yaml", "clients/beta/keep.plan.yaml", "top.plan.yaml"} <= found
    assert "inc/campaign.yaml" not in found and "drafts/d.plan.yaml" not in found


def test_configuration_files_and_rule_packs_are_never_plans(nested: Path) -> None:
    (nested / "inc" / ".ssi-lint.yaml").write_text('extend: base.yaml\nrules: [pack.yaml]\nselect: [OUT001]\n')
    (nested / "inc" / "base.yaml").write_text('include: ["*.yaml", "*.toml"]\n')
    (nested / "inc" / "pack.yaml").write_text("rules: []\n")
    (nested / "inc" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    for args in (["inc"], ["inc/.ssi-lint.yaml", "inc/base.yaml", "inc/pack.yaml", "inc/pyproject.toml", "inc/campaign.yaml"]):
        assert linted(invoke("--format", "json", *args), nested, nested) == {"inc/campaign.yaml"}


def test_respect_gitignore_is_the_folders_own(nested: Path) -> None:
    (nested / ".gitignore").write_text("*.old.plan.yaml\n")
    (nested / "clients" / "beta" / "x.old.plan.yaml").write_text(RISKY)
    (nested / "y.old.plan.yaml").write_text(RISKY)
    assert "clients/beta/x.old.plan.yaml" not in linted(invoke("--format", "json", "."), nested, nested)
    (nested / "clients" / "beta" / ".ssi-lint.yaml").write_text("select: [OUT001]\nrespect-gitignore: false\n")
    found = linted(invoke("--format", "json", "."), nested, nested)
    assert "clients/beta/x.old.plan.yaml" in found and "y.old.plan.yaml" not in found


def test_each_folder_is_looked_into_once_however_many_files_it_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Discovery resolves a configuration per folder, not per file (1,000 plans in one folder cost one look)."""
    import ssi_lint.per_file
    from ssi_lint.discovery import discover

    (tmp_path / ".git").mkdir()
    for folder in ("a", "a/b", "c"):
        (tmp_path / folder).mkdir()
        for number in range(50):
            (tmp_path / folder / f"p{number}.plan.yaml").write_text("version: 1\n")
    (tmp_path / "a" / ".ssi-lint.yaml").write_text("exclude: ['p1*']\n")
    looked: list[Path] = []
    real = ssi_lint.per_file.config_in
    monkeypatch.setattr(ssi_lint.per_file, "config_in", lambda folder: looked.append(folder) or real(folder))
    monkeypatch.chdir(tmp_path)
    resolver = ConfigResolver(Config(), {})
    found = discover(["."], resolver=resolver)
    assert len(found) == 150 - 22  # p1 and p10-p19 left out in a/ and a/b/
    assert sorted(looked) == sorted({tmp_path, tmp_path / "a", tmp_path / "a" / "b", tmp_path / "c"})
    for path, _ in found:
        resolver.for_file(path)
    assert len(looked) == 4


def test_resolver_exclusions_chain_up_to_the_repository_root(nested: Path) -> None:
    resolver = ConfigResolver(Config(), {})
    assert resolver.excludes(nested / "clients" / "beta" / "b.plan.yaml")
    assert not resolver.excludes(nested / "clients" / "beta" / "keep.plan.yaml")
    assert resolver.excludes(nested / "drafts" / "d.plan.yaml") and resolver.excludes(nested / "drafts", directory=True)
    assert not resolver.excludes(nested, directory=True)  # the repository root: nothing above it applies
    assert resolver.checks(nested / "inc" / "campaign.yaml", explicit=False)
    assert not resolver.checks(nested / "inc" / ".ssi-lint.yaml", explicit=True)
    assert ConfigResolver(Config(), fixed=True).checks(nested / "clients" / "beta" / "b.plan.yaml", explicit=True)


# --- command-line rule ids against every configuration of the run --------------------------------------------------------

PACK = """\
rules:
  - id: ZZZ001
    name: weekly-invitations-over-the-client-limit
    title: Weekly invitations over the client's limit
    pillar: relationships
    category: spam-risk
    severity: warning
    source: "the client's policy"
    given: outreach.invitations.per_week
    when: self > params.limit
    params: {limit: 80}
    message: "{self} a week is over {params.limit}"
    fix: "Send fewer."
    examples:
      fail: [{outreach: {invitations: {per_week: 90}}}]
      pass: [{outreach: {invitations: {per_week: 60}}}]
"""


@pytest.fixture
def client_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One client folder whose configuration adds a rule pack (ZZZ001); the root has none."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "client").mkdir()
    (tmp_path / "client" / ".ssi-lint.yaml").write_text("rules: [pack.yaml]\n")
    (tmp_path / "client" / "pack.yaml").write_text(PACK)
    (tmp_path / "client" / "a.plan.yaml").write_text("version: 1\noutreach:\n  invitations:\n    per_week: 90\n")
    (tmp_path / "other.plan.yaml").write_text("version: 1\noutreach:\n  invitations:\n    per_week: 90\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_a_command_line_id_from_one_folders_pack_is_known(client_pack: Path, option: str) -> None:
    result = invoke("--format", "json", option, "zzz001", "client/a.plan.yaml", "other.plan.yaml")
    assert result.exit_code in (0, 1), result.stderr
    rules = {(finding["file"], finding["rule_id"]) for finding in json.loads(result.stdout)["findings"]}
    if option == "--select":
        assert rules == {("client/a.plan.yaml", "ZZZ001")}  # other.plan.yaml's configuration has no ZZZ001: nothing selected there
    else:
        assert not any(rule_id == "ZZZ001" for _, rule_id in rules) and rules


def test_a_command_line_id_no_configuration_knows_is_still_an_error(client_pack: Path) -> None:
    result = invoke("--select", "ZZZ002", "client/a.plan.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == "ssi-lint: error: --select: unknown rule id or prefix 'ZZZ002'; did you mean ZZZ001?"
    assert invoke("--ignore", "ZZZ001", "other.plan.yaml").exit_code == 2  # only the configurations the run uses count


def test_per_file_ignores_never_drop_a_problem_of_the_file_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`LOAD*`/`SCHEMA*` say the file was not (fully) checked: an ignore of their prefix drops the rules' findings only."""
    (tmp_path / ".ssi-lint.yaml").write_text('per-file-ignores:\n  "*.plan.yaml": [SCHEMA, OUT]\n', encoding="utf-8")
    (tmp_path / "a.plan.yaml").write_text("version: 1\nprofile: {photo: maybe}\noutreach:\n  invitations: {per_day: 60}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    output = invoke("--format", "concise", "a.plan.yaml").output
    assert "SCHEMA001" in output
    assert " OUT" not in output


def test_per_file_ignores_leave_a_rule_out_as_ignore_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule left out for a file reports nothing there, so the rule it subsumes speaks again (SIM004 for OUT003),
    in `check`, `simulate` and `advise` alike; standard input named by `--stdin-filename` too."""
    (tmp_path / ".git").mkdir()
    plan = "version: 1\naccount: {tier: free, age_days: 400}\noutreach:\n  invitations: {per_week: 125}\n"
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "a.plan.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "b.plan.yaml").write_text(plan, encoding="utf-8")
    for config in ("ignore: [OUT003]\n", "per-file-ignores: {'acme/**': [OUT003]}\n"):
        (tmp_path / ".ssi-lint.yaml").write_text(config, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        checked = invoke("--format", "concise", "acme/a.plan.yaml").output
        assert "SIM004" in checked and "OUT003" not in checked, config
        simulated = invoke("simulate", "acme/a.plan.yaml").output
        assert "SIM004" in simulated and "OUT003" not in simulated, config
        advised = invoke("advise", "acme/a.plan.yaml").output
        assert "OUT003" not in advised, config
        piped = CliRunner().invoke(main, ["--format", "concise", "--stdin-filename", "acme/a.plan.yaml", "-"], input=plan).output
        assert "SIM004" in piped and "OUT003" not in piped, config
    assert "OUT003" in invoke("--format", "concise", "b.plan.yaml").output  # another file keeps the rule

def test_a_file_linked_to_gets_its_own_per_file_ignores_in_a_folder_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`plans/link.plan.yaml -> good/a.plan.yaml`: CI (`ssi-lint plans`) and pre-commit (the file itself) give the same answer."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ssi-lint.yaml").write_text("select: [OUT001]\nper-file-ignores: {'plans/good/**': [OUT001]}\n")
    (tmp_path / "plans" / "good").mkdir(parents=True)
    (tmp_path / "plans" / "good" / "a.plan.yaml").write_text(PLAN)
    (tmp_path / "plans" / "link.plan.yaml").symlink_to("good/a.plan.yaml")
    monkeypatch.chdir(tmp_path)
    searched, named = invoke("plans"), invoke("plans/good/a.plan.yaml")
    assert (searched.exit_code, searched.output) == (named.exit_code, named.output) == (0, "All checks passed: no problems in 1 file.\n")
