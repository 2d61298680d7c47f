"""Configuration: discovery, validation errors, origins, command-line merge, rendering, globs."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_lint.config import (
    COMMAND_LINE,
    DEFAULT,
    Config,
    check_rule_ids,
    find_config,
    load_config,
    merge,
)
from ssi_lint.cli import main
from ssi_lint.config_report import render_config, render_config_json
from ssi_lint.errors import ConfigError
from ssi_lint.model import Rule, Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root (holding `.git`) inside an outer directory that has its own config."""
    write(tmp_path / ".ssi-lint.yaml", "select: [OUTER]\n")
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "plans" / "team" / "deep").mkdir(parents=True)
    return root


# --- discovery -------------------------------------------------------------------------------


def test_nearest_config_from_a_nested_directory(repo: Path) -> None:
    write(repo / ".ssi-lint.yaml", "select: [OUT]\n")
    nested = write(repo / "plans" / "team" / ".ssi-lint.yaml", "select: [PRO]\n")
    assert find_config(repo / "plans" / "team" / "deep") == nested
    assert find_config(repo / "plans") == repo / ".ssi-lint.yaml"


def test_discovery_stops_at_the_repository_root(repo: Path) -> None:
    assert find_config(repo / "plans" / "team" / "deep") is None


def test_git_file_marks_a_root_too(tmp_path: Path) -> None:
    write(tmp_path / ".ssi-lint.yaml", "select: [OUT]\n")
    write(tmp_path / "sub" / ".git", "gitdir: ../.git/worktrees/sub\n")
    assert find_config(tmp_path / "sub") is None


def test_config_at_the_root_itself_is_found(repo: Path) -> None:
    config = write(repo / "pyproject.toml", "[tool.ssi-lint]\nselect = ['OUT']\n")
    assert find_config(repo / "plans" / "team" / "deep") == config


def test_start_may_be_a_file(repo: Path) -> None:
    config = write(repo / ".ssi-lint.yaml", "{}\n")
    plan = write(repo / "plans" / "a.plan.yaml", "version: 1\n")
    assert find_config(plan) == config


def test_yaml_wins_over_pyproject_in_the_same_directory(repo: Path) -> None:
    write(repo / "pyproject.toml", "[tool.ssi-lint]\nselect = ['OUT']\n")
    yaml_config = write(repo / ".ssi-lint.yaml", "select: [PRO]\n")
    assert find_config(repo) == yaml_config


def test_pyproject_without_table_does_not_count(repo: Path) -> None:
    write(repo / "pyproject.toml", "[project]\nname = 'x'\n[tool.ruff]\nline-length = 100\n")
    nested = write(repo / "plans" / "pyproject.toml", "[tool.black]\nline-length = 100\n")
    assert nested.exists()
    assert find_config(repo / "plans" / "team") is None
    config = write(repo / "pyproject.toml", "[project]\nname = 'x'\n[tool.ssi-lint]\nfail-on = 'warning'\n")
    assert find_config(repo / "plans" / "team") == config


def test_pyproject_naming_ssi_lint_outside_the_table_does_not_count(repo: Path) -> None:
    write(repo / "pyproject.toml", "[project]\nname = 'ssi-lint-plans'\n")
    assert find_config(repo) is None


def test_broken_pyproject_mentioning_ssi_lint_is_an_error(repo: Path) -> None:
    write(repo / "pyproject.toml", "[tool.ssi-lint\nselect = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: invalid TOML: .*line 1"):
        find_config(repo)


def test_explicit_path_is_loaded_without_discovery(tmp_path: Path) -> None:
    explicit = write(tmp_path / "ci" / "lint.yaml", "fail-on: warning\n")
    config = load_config(explicit)
    assert config.fail_on == "warning"
    assert config.path == explicit
    assert config.origin["fail-on"] == explicit.as_posix()


def test_explicit_standalone_toml_uses_the_top_level(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "ssi-lint.toml", "select = ['OUT']\n"))
    assert config.select == ("OUT",)


def test_explicit_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: no \[tool\.ssi-lint\] table"):
        load_config(path)


def test_missing_explicit_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "nope.yaml")
    assert "nope.yaml: cannot read configuration" in str(info.value)
    assert "\n" not in str(info.value)


# --- loading and values ----------------------------------------------------------------------

FULL_YAML = """\
select: [OUT, PRO001]
ignore: [OUT003]
fail-on: warning
severity: {OUT001: error}
params:
  OUT001: {limit: 80}
rules: [lint/extra.yaml]
plugins: [my_plugin.sub]
include: ["plans/**/*.yaml"]
exclude: [drafts]
extend: base.yaml
extend-exclude: [old]
respect-gitignore: false
per-file-ignores: {"legacy/*.yaml": [prf, OUT001]}
"""

FULL_TOML = """\
[tool.ssi-lint]
select = ["OUT", "PRO001"]
ignore = ["OUT003"]
fail-on = "warning"
severity = { OUT001 = "error" }
rules = ["lint/extra.yaml"]
plugins = ["my_plugin.sub"]
include = ["plans/**/*.yaml"]
exclude = ["drafts"]
extend = "base.yaml"
extend-exclude = ["old"]
respect-gitignore = false
per-file-ignores = { "legacy/*.yaml" = ["prf", "OUT001"] }

[tool.ssi-lint.params.OUT001]
limit = 80
"""


@pytest.mark.parametrize(("name", "text"), [(".ssi-lint.yaml", FULL_YAML), ("pyproject.toml", FULL_TOML)])
def test_every_key_is_read(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path / "project" / name, text)
    write(tmp_path / "project" / "base.yaml", "# nothing inherited\n")
    config = load_config(path)
    assert config.extend == tmp_path / "project" / "base.yaml"
    assert config.extend_exclude == ("old",) and config.excluded == ("drafts", "old")
    assert config.respect_gitignore is False
    assert config.per_file_ignores == {"legacy/*.yaml": ("PRF", "OUT001")}
    assert config.select == ("OUT", "PRO001")
    assert config.ignore == ("OUT003",)
    assert config.fail_on == "warning"
    assert config.severity == {"OUT001": "error"}
    assert config.params == {"OUT001": {"limit": 80}}
    assert config.rules == (tmp_path / "project" / "lint" / "extra.yaml",)
    assert config.plugins == ("my_plugin.sub",)
    assert config.include == ("plans/**/*.yaml",)
    assert config.exclude == ("drafts",)
    assert config.root == tmp_path / "project"
    assert set(config.origin.values()) == {path.as_posix()}


def test_absent_keys_keep_defaults_and_say_so(tmp_path: Path) -> None:
    path = write(tmp_path / ".ssi-lint.yaml", "select: [OUT]\n")
    config = load_config(path)
    assert config.origin["select"] == path.as_posix()
    assert config.origin["fail-on"] == DEFAULT
    assert config.fail_on == "error"
    assert config.include == ("*.plan.yaml", "*.plan.yml")


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_empty_yaml_is_all_defaults(tmp_path: Path, text: str) -> None:
    config = load_config(write(tmp_path / ".ssi-lint.yaml", text))
    assert config.select == ()
    assert set(config.origin.values()) == {DEFAULT}


# --- validation errors: one line, with the file, the key and a suggestion --------------------

YAML_ERRORS = [
    ("unknown-key", "select: [OUT]\nselct: [PRO]\n", "2:1", "unknown key `selct`: did you mean `select`?"),
    ("unknown-key-snake", "fail_on: warning\n", "1:1", "unknown key `fail_on`: did you mean `fail-on`?"),
    ("unknown-far", "colour: red\n", "1:1", "unknown key `colour` (known keys: exclude, extend, extend-exclude, fail-on,"),
    ("wrong-type-list", "select: OUT\n", "1:1", "`select` must be a list"),
    ("bad-enum", "fail-on: warn\n", "1:1", "`fail-on` must be one of: error, warning, info, never"),
    ("severity-enum", "severity:\n  OUT001: fatal\n", "2:3", "`severity.OUT001` must be one of: error, warning, info"),
    ("params-not-mapping", "params:\n  OUT001: 80\n", "2:3", "`params.OUT001` must be a mapping of fields"),
    ("rules-item-type", "rules: [1]\n", "1:9", "`rules[0]` must be a text"),
    ("select-not-an-id", "select: [OUT-1]\n", "1:10", "`select[0]` does not have the expected form"),
    ("first-by-position", "fail-on: nope\nselct: []\n", "1:1", "`fail-on` must be one of"),
    ("top-level-list", "- select\n", "1:1", "the configuration must be a mapping of settings"),
    ("syntax", "select: [OUT\n", "2:1", "invalid YAML"),
    ("duplicate", "select: [OUT]\nselect: [PRO]\n", "2:1", "duplicate key 'select'"),
    ("duplicate-rule-id-in-severity", "severity:\n  OUT001: error\n  out001: info\n", "3:3",
     "severity.out001: duplicate key 'out001' (first at line 2 as 'OUT001': rule ids are read in any case)"),
    ("duplicate-rule-id-in-params", "params: {out003: {limit: 50}, OUT003: {limit: 60}}\n", "1:31",
     "params.OUT003: duplicate key 'OUT003' (first at line 1 as 'out003': rule ids are read in any case)"),
]


@pytest.mark.parametrize(("text", "where", "message"), [case[1:] for case in YAML_ERRORS], ids=[c[0] for c in YAML_ERRORS])
def test_yaml_errors_are_one_located_line(tmp_path: Path, text: str, where: str, message: str) -> None:
    path = write(tmp_path / ".ssi-lint.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    line = str(info.value)
    assert "\n" not in line
    assert line.startswith(f"{path.as_posix()}:{where}: ")
    assert message in line


TOML_ERRORS = [
    ("unknown-key", "selct = ['OUT']\n", "tool.ssi-lint.selct: unknown key `selct`: did you mean `select`?"),
    ("bad-enum", "fail-on = 'warn'\n", "tool.ssi-lint.fail-on: `fail-on` must be one of: error, warning, info, never"),
    ("wrong-type", "select = 'OUT'\n", "tool.ssi-lint.select: `select` must be a list"),
    ("nested", "[tool.ssi-lint.severity]\nOUT001 = 'fatal'\n", "tool.ssi-lint.severity.OUT001: `severity.OUT001` must be one of"),
    ("include-type", "include = [1]\n", "tool.ssi-lint.include[0]: `include[0]` must be a text"),
    ("duplicate-rule-id-in-severity", "severity = {OUT001 = 'error', out001 = 'info'}\n",
     "tool.ssi-lint.severity.out001: duplicate key 'out001' (first as 'OUT001': rule ids are read in any case)"),
    ("duplicate-rule-id-in-params", "[tool.ssi-lint.params.out003]\nlimit = 50\n[tool.ssi-lint.params.OUT003]\nlimit = 60\n",
     "tool.ssi-lint.params.OUT003: duplicate key 'OUT003' (first as 'out003': rule ids are read in any case)"),
]


@pytest.mark.parametrize(("body", "message"), [case[1:] for case in TOML_ERRORS], ids=[c[0] for c in TOML_ERRORS])
def test_toml_errors_name_the_key_path(tmp_path: Path, body: str, message: str) -> None:
    header = "" if body.startswith("[") else "[tool.ssi-lint]\n"
    path = write(tmp_path / "pyproject.toml", header + body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    line = str(info.value)
    assert "\n" not in line
    assert line.startswith(f"{path.as_posix()}: ")
    assert message in line


def test_invalid_toml_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.ssi-lint]\nselect = [\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path.as_posix()}: invalid TOML: ")
    assert "\n" not in str(info.value)


def test_toml_dates_become_text_like_yaml_timestamps(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.ssi-lint.params.OUT001]\nsince = 2024-01-01\n")
    assert load_config(path).params == {"OUT001": {"since": "2024-01-01"}}


def test_tool_table_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool]\nssi-lint = 3\n")
    with pytest.raises(ConfigError, match="tool.ssi-lint must be a table"):
        load_config(path)


# --- rule ids in severity / params -----------------------------------------------------------

RULES = [
    Rule("OUT001", "weekly", "t", "relationships", "spam-risk", Severity.WARNING, "m", "self > 1", params={"limit": 100}),
    Rule("PRO001", "photo", "t", "brand", "profile", Severity.WARNING, "m", "true"),
    Rule("CNT003", "share", "t", "insights", "profile", Severity.WARNING, "m", "self > params.max_share", params={"max_share": 0.5}),
    Rule("ADS001", "budget", "t", "brand", "ads-policy", Severity.ERROR, "m", "true",
         params={"default_currency": "USD", "min_daily_budget": {"USD": 10, "GBP": 8}, "words": ["casino"], "mixed": [1, "a"]}),
    Rule("ADS016", "listed", "t", "brand", "ads-policy", Severity.ERROR, "m", "facts.category_listed[self.category].exists(w, w in params.words)",
         params={"words": ["crypto"], "unless": [], "fields": ["job_titles"]}),
]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("severity: {OUT01: error}", "severity.OUT01: unknown rule id `OUT01`: did you mean `OUT001`?"),
        ("params: {out01: {limit: 3}}", "params.OUT01: unknown rule id `OUT01`: did you mean `OUT001`?"),
        ("params: {OUT001: {limt: 3}}", "params.OUT001: unknown parameter `limt`: did you mean `limit`?"),
        ("params: {PRO001: {x: 3}}", "params.PRO001: unknown parameter `x` (PRO001 takes: none)"),
        ("params: {OUT001: {limit: -5}}", "params.OUT001: parameter `limit` must be 0 or more (default 100), not -5"),
        ("params: {CNT003: {max_share: 50}}", "params.CNT003: parameter `max_share` is a share from 0 to 1 (default 0.5), not 50"),
        ("params: {OUT001: {limit: 99999999999999999999}}",
         "params.OUT001: parameter `limit` is too large a number to judge by (at most 9,223,372,036,854,775,807), not 99999999999999999999"),
        (f"params: {{OUT001: {{limit: {'9' * 40}}}}}",
         "params.OUT001: parameter `limit` is too large a number to judge by (at most 9,223,372,036,854,775,807), not 999999999999... (40 digits)"),
        ("params: {ADS001: {default_currency: null}}", "params.ADS001: parameter `default_currency` must be a text (default 'USD'), not null"),
        ("params: {ADS001: {min_daily_budget: {EUR: ten}}}",
         "params.ADS001: parameter `min_daily_budget.EUR` must be a number (default 10), not 'ten'"),
        ("params: {ADS001: {min_daily_budget: {EUR: -1}}}", "params.ADS001: parameter `min_daily_budget.EUR` must be 0 or more (default 10), not -1"),
        ("params: {ADS001: {words: [casino, 3]}}", "params.ADS001: parameter `words[1]` must be a text (default 'casino'), not 3"),
        ("params: {ADS016: {unless: [visa lottery, 3]}}", "params.ADS016: parameter `unless[1]` must be a text (a word or phrase), not 3"),
        ("params: {ADS016: {unless: [null]}}", "params.ADS016: parameter `unless[0]` must be a text (a word or phrase), not null"),
    ],
)
def test_unknown_rule_ids_and_params(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / ".ssi-lint.yaml", text + "\n")
    with pytest.raises(ConfigError) as info:
        check_rule_ids(load_config(path), RULES)
    assert str(info.value) == f"{path.as_posix()}: {message}"


def test_params_of_the_kinds_their_defaults_hold_pass(tmp_path: Path) -> None:
    text = "params: {ADS001: {min_daily_budget: {EUR: 10.5}, words: [poker, slots], mixed: [x, 2]}, "  # mixed: nothing to hold them to
    text += "ADS016: {unless: [Visa Lottery]}}\n"
    check_rule_ids(load_config(write(tmp_path / ".ssi-lint.yaml", text)), RULES)


def test_known_rule_ids_pass(tmp_path: Path) -> None:
    path = write(tmp_path / ".ssi-lint.yaml", "severity: {OUT001: error}\nparams: {OUT001: {limit: 3}}\n")
    check_rule_ids(load_config(path), RULES)


def test_rule_ids_are_read_in_any_case(tmp_path: Path) -> None:
    """As on the command line (`--select out001`) and in suppressions: every rule id of a configuration is upper-cased."""
    text = "select: [out, Pro001]\nignore: [out001]\nseverity: {cnt003: info}\nparams: {Out001: {limit: 3}}\n"
    text += "per-file-ignores: {'*.plan.yaml': [pro]}\n"
    config = load_config(write(tmp_path / ".ssi-lint.yaml", text))
    check_rule_ids(config, RULES)
    assert (config.select, config.ignore) == (("OUT", "PRO001"), ("OUT001",))
    assert (dict(config.severity), dict(config.params)) == ({"CNT003": "info"}, {"OUT001": {"limit": 3}})
    assert config.per_file_ignores == {"*.plan.yaml": ("PRO",)}


@pytest.mark.parametrize(("name", "text"), [
    (".ssi-lint.yaml", "severity: {OUT001: error, out001: info}\n"),
    ("pyproject.toml", "[tool.ssi-lint]\nparams = {out003 = {limit = 50}, OUT003 = {limit = 60}}\n"),
])
def test_a_rule_id_written_twice_in_two_cases_is_refused_not_the_later_taken(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path / name, text)
    result = CliRunner().invoke(main, ["config", "--config", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"ssi-lint: error: {path.as_posix()}") and "duplicate key" in line and "rule ids are read in any case" in line


def test_a_rule_id_an_extended_configuration_writes_in_another_case_is_overridden_not_refused(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", "severity: {OUT001: error}\nparams: {out003: {limit: 50}}\n")
    config = load_config(write(tmp_path / ".ssi-lint.yaml", "extend: base.yaml\nseverity: {out001: info}\nparams: {OUT003: {limit: 60}}\n"))
    assert (dict(config.severity), dict(config.params)) == ({"OUT001": "info"}, {"OUT003": {"limit": 60}})


# --- merge with the command line -------------------------------------------------------------


@pytest.fixture
def file_config(tmp_path: Path) -> Config:
    write(tmp_path / "base.yaml", "")
    return load_config(write(tmp_path / ".ssi-lint.yaml", FULL_YAML))


def test_command_line_replaces_selection_and_threshold(file_config: Config) -> None:
    merged = merge(file_config, {"select": ("PRO",), "fail_on": "never"})
    assert merged.select == ("PRO",)
    assert merged.fail_on == "never"
    assert merged.origin["select"] == merged.origin["fail-on"] == COMMAND_LINE
    assert merged.ignore == ("OUT003",)
    assert merged.origin["ignore"] == file_config.path.as_posix()  # type: ignore[union-attr]


def test_not_given_values_change_nothing(file_config: Config) -> None:
    assert merge(file_config, {"select": (), "ignore": None, "rules": [], "severity": {}}) == file_config


def test_extra_packs_and_plugins_are_appended(file_config: Config) -> None:
    merged = merge(file_config, {"rules": (Path("more.yaml"),), "plugins": ("my_plugin.sub", "other")})
    assert merged.rules == (*file_config.rules, Path("more.yaml"))
    assert merged.plugins == ("my_plugin.sub", "other")
    assert merged.origin["rules"] == f"{file_config.path.as_posix()} + command line"  # type: ignore[union-attr]


def test_severity_and_params_merge_per_rule(file_config: Config) -> None:
    merged = merge(file_config, {"severity": {"OUT002": "info"}, "params": {"OUT001": {"window": 7}}})
    assert merged.severity == {"OUT001": "error", "OUT002": "info"}
    assert merged.params == {"OUT001": {"limit": 80, "window": 7}}


def test_merge_on_defaults_says_command_line(tmp_path: Path) -> None:
    merged = merge(Config(), {"rules": ["x.yaml"], "fail-on": "info"})
    assert merged.rules == (Path("x.yaml"),)
    assert merged.origin["rules"] == COMMAND_LINE
    assert merged.origin["select"] == DEFAULT


def test_merge_rejects_unknown_keys_and_bad_threshold() -> None:
    with pytest.raises(ValueError, match="unknown configuration key 'colour'"):
        merge(Config(), {"colour": "red"})
    with pytest.raises(ConfigError, match="--fail-on must be one of"):
        merge(Config(), {"fail-on": "fatal"})


def test_merge_does_not_modify_the_original(file_config: Config) -> None:
    before = dict(file_config.origin)
    merge(file_config, {"select": ("PRO",)})
    assert file_config.origin == before


# --- rendering -------------------------------------------------------------------------------


def test_render_names_every_origin_and_is_toml(file_config: Config) -> None:
    merged = merge(file_config, {"fail-on": "never"})
    text = render_config(merged)
    lines = text.splitlines()
    assert lines[0] == f"# ssi-lint configuration file: {file_config.path.as_posix()}"  # type: ignore[union-attr]
    by_key = {line.split(" = ")[0]: line for line in lines[1:]}
    assert by_key["select"].endswith(f"# {file_config.path.as_posix()}")  # type: ignore[union-attr]
    assert by_key["fail-on"].endswith("# command line")
    assert by_key["fail-on"].startswith('fail-on = "never"')
    assert by_key["params"].startswith("params = { OUT001 = { limit = 80 } }")
    parsed = tomllib.loads(text)
    assert parsed["select"] == ["OUT", "PRO001"]
    assert parsed["params"] == {"OUT001": {"limit": 80}}


def test_render_defaults(tmp_path: Path) -> None:
    text = render_config(Config())
    assert "extend" not in tomllib.loads(text)
    assert "none found; defaults apply" in text.splitlines()[0]
    assert all(line.endswith("# default") for line in text.splitlines()[1:])
    assert tomllib.loads(text)["include"] == ["*.plan.yaml", "*.plan.yml"]


def test_render_json(file_config: Config) -> None:
    payload = json.loads(render_config_json(merge(file_config, {"ignore": ("X",)})))
    assert payload["file"] == file_config.path.as_posix()  # type: ignore[union-attr]
    assert payload["settings"]["rules"] == [path.as_posix() for path in file_config.rules]
    assert payload["origin"]["ignore"] == COMMAND_LINE
    assert payload["origin"]["exclude"] == file_config.path.as_posix()  # type: ignore[union-attr]


# --- include / exclude -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("include", "exclude", "relative", "explicit", "checked"),
    [
        (("*.plan.yaml",), (), "a.plan.yaml", False, True),
        (("*.plan.yaml",), (), "deep/er/a.plan.yaml", False, True),
        (("*.plan.yaml",), (), "notes.yaml", False, False),
        (("*.plan.yaml",), (), "notes.yaml", True, True),
        (("plans/**/*.yaml",), (), "plans/a.yaml", False, True),
        (("plans/**/*.yaml",), (), "plans/x/y/a.yaml", False, True),
        (("plans/**/*.yaml",), (), "other/plans/a.yaml", False, False),
        (("plans/*.yaml",), (), "plans/x/a.yaml", False, False),
        (("*.plan.yaml",), ("drafts",), "drafts/a.plan.yaml", False, False),
        (("*.plan.yaml",), ("drafts",), "x/drafts/y/a.plan.yaml", True, False),
        (("*.plan.yaml",), ("archive/**",), "archive/2023/a.plan.yaml", False, False),
        (("*.plan.yaml",), ("archive/**",), "x/archive/a.plan.yaml", False, True),
        (("*.plan.yaml",), ("/archive",), "archive/a.plan.yaml", False, False),
        (("*.plan.yaml",), ("*.draft.plan.yaml",), "x/b.draft.plan.yaml", False, False),
        (("[ab].plan.yaml",), (), "b.plan.yaml", False, True),
        (("[!ab].plan.yaml",), (), "b.plan.yaml", False, False),
        (("?.plan.yaml",), (), "c.plan.yaml", False, True),
    ],
)
def test_checks_file(tmp_path: Path, include: tuple[str, ...], exclude: tuple[str, ...], relative: str, explicit: bool, checked: bool) -> None:
    config = Config(include=include, exclude=exclude, root=tmp_path)
    assert config.checks_file(tmp_path / relative, explicit=explicit) is checked


def test_anchored_patterns_do_not_match_outside_the_root(tmp_path: Path) -> None:
    config = Config(include=("plans/*.yaml",), exclude=("*.draft.yaml",), root=tmp_path / "project")
    assert not config.checks_file(tmp_path / "plans" / "a.yaml")
    assert not config.checks_file(tmp_path / "x.draft.yaml", explicit=True)
    assert config.checks_file(tmp_path / "x.yaml", explicit=True)


def test_globs_are_relative_to_the_config_directory(tmp_path: Path) -> None:
    path = write(tmp_path / "project" / ".ssi-lint.yaml", "include: ['plans/*.yaml']\nexclude: ['plans/old.yaml']\n")
    config = load_config(path)
    assert config.checks_file(tmp_path / "project" / "plans" / "new.yaml")
    assert not config.checks_file(tmp_path / "project" / "plans" / "old.yaml")


# --- extend, extend-exclude, per-file-ignores, bad globs ------------------------------------


def test_extend_inherits_and_the_file_wins(tmp_path: Path) -> None:
    shared = write(tmp_path / "shared" / "ssi-lint.yaml",
                   "select: [OUT]\nfail-on: warning\nrules: [packs/agency.yaml]\nseverity: {OUT001: error}\n"
                   "params: {OUT001: {limit: 50}}\nexclude: [drafts]\nextend-exclude: [old]\n")
    path = write(tmp_path / "client" / ".ssi-lint.yaml",
                 "extend: ../shared/ssi-lint.yaml\nfail-on: error\nrules: [mine.yaml]\nseverity: {OUT002: info}\n"
                 "params: {OUT001: {limit: 60}}\nextend-exclude: [tmp]\n")
    config = load_config(path)
    assert config.select == ("OUT",) and config.origin["select"] == shared.as_posix()
    assert config.fail_on == "error" and config.origin["fail-on"] == path.as_posix()
    assert config.rules == (shared.parent / "packs" / "agency.yaml", path.parent / "mine.yaml")
    assert config.severity == {"OUT001": "error", "OUT002": "info"}
    assert config.params == {"OUT001": {"limit": 60}}
    assert config.excluded == ("drafts", "old", "tmp")
    assert config.origin["rules"] == f"{shared.as_posix()} + {path.as_posix()}"
    assert config.root == path.parent


def test_extend_can_name_a_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.ssi-lint]\nignore = ['PRF']\n")
    config = load_config(write(tmp_path / "sub" / ".ssi-lint.yaml", "extend: ../pyproject.toml\n"))
    assert config.ignore == ("PRF",)


@pytest.mark.parametrize(("files", "message"), [
    ({"a.yaml": "extend: b.yaml\n", "b.yaml": "extend: a.yaml\n"}, "b.yaml:1:1: extend: a cycle: a.yaml -> b.yaml -> a.yaml"),
    ({"a.yaml": "extend: a.yaml\n"}, "a.yaml:1:1: extend: a cycle"),
    ({"a.yaml": "select: [OUT]\nextend: missing.yaml\n"}, "a.yaml:2:1: extend: no configuration file 'missing.yaml'"),
    ({"a.yaml": "extend: b.yaml\n", "b.yaml": "selct: []\n"}, "b.yaml:1:1: unknown key `selct`"),
], ids=["cycle", "self", "missing", "bad-base"])
def test_extend_errors_name_the_file_and_key(tmp_path: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        write(tmp_path / name, text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "a.yaml")
    assert message in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(("text", "where"), [
    ("exclude: [ok, '[z-a].yaml']\n", ".ssi-lint.yaml:1:15: exclude[1]: bad glob '[z-a].yaml'"),
    ("include: ['[b-a]']\n", ".ssi-lint.yaml:1:11: include[0]: bad glob '[b-a]'"),
    ("extend-exclude: ['x[9-0]']\n", "extend-exclude[0]: bad glob"),
    ("per-file-ignores: {'[z-a]': [OUT]}\n", ".ssi-lint.yaml:1:20: per-file-ignores.[z-a]: bad glob"),
], ids=["exclude", "include", "extend-exclude", "per-file-ignores"])
def test_a_bad_character_class_is_a_config_error_naming_the_file_and_key(tmp_path: Path, text: str, where: str) -> None:
    path = write(tmp_path / ".ssi-lint.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(tmp_path.as_posix()) and where in str(info.value)


def test_a_bad_glob_in_pyproject_names_the_key_path(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.ssi-lint]\nexclude = ['[z-a]']\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: tool\.ssi-lint\.exclude\[0\]: bad glob '\[z-a\]'"):
        load_config(path)


def test_per_file_ignores_match_relative_to_the_config(tmp_path: Path) -> None:
    config = Config(per_file_ignores={"legacy/*.yaml": ("PRF",), "*.draft.plan.yaml": ("OUT", "HYG")}, root=tmp_path)
    assert config.ignored_rules(tmp_path / "legacy" / "a.yaml") == ("PRF",)
    assert config.ignored_rules(tmp_path / "x" / "b.draft.plan.yaml") == ("OUT", "HYG")
    assert config.ignored_rules(tmp_path / "other" / "legacy" / "a.yaml") == ()


def test_per_file_ignores_name_known_rules(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / ".ssi-lint.yaml", "per-file-ignores: {'*.yaml': [OUX]}\n"))
    with pytest.raises(ConfigError, match=r"\.ssi-lint\.yaml: per-file-ignores\.\*\.yaml: unknown rule id or prefix `OUX`"):
        check_rule_ids(config, RULES)


def test_a_missing_rule_pack_names_where_it_was_given(tmp_path: Path) -> None:
    from ssi_lint.config import check_rule_packs_exist

    write(tmp_path / "ok.yaml", "rules: []\n")
    path = write(tmp_path / ".ssi-lint.yaml", "rules: [ok.yaml, missing.yaml]\n")
    config = load_config(path)
    with pytest.raises(ConfigError, match=rf"^{path.as_posix()}: rules: no rule pack file .*/missing\.yaml$"):
        check_rule_packs_exist(config)
    with pytest.raises(ConfigError, match=r"^--rules: no rule pack file nope\.yaml$"):
        check_rule_packs_exist(merge(Config(), {"rules": ["nope.yaml"]}))
    check_rule_packs_exist(merge(Config(), {"rules": [str(tmp_path / "ok.yaml")]}))


@pytest.mark.parametrize("text", [
    "[tool.ssi-lint]\nselect = ['OUT']\n",
    "[tool.'ssi-lint']\nselect = ['OUT']\n",
    '[ tool . "ssi-lint" ]\nselect = ["OUT"]\n',
    "[tool.ssi-lint.params.OUT001]\nlimit = 50\n",
    "[tool]\nssi-lint = {select = ['OUT']}\n",
    "[tool]\n'ssi-lint'.select = ['OUT']\n",
    "tool.ssi-lint.select = ['OUT']\n",
])
def test_every_toml_spelling_of_the_table_counts(repo: Path, text: str) -> None:
    config = write(repo / "pyproject.toml", text + "[project]\nname = 'x'\ndependencies = ['ssi-lint>=0.1']\n")
    assert find_config(repo / "plans") == config


def test_a_pyproject_naming_ssi_lint_only_as_a_dependency_is_not_parsed(repo: Path) -> None:
    write(repo / "pyproject.toml", "[project]\nname = 'plans'\ndependencies = ['ssi-lint>=0.1', 'ssi-lint-sales-navigator']\n[broken\n")
    assert find_config(repo / "plans") is None  # not ssi-lint's file: its TOML error is not ssi-lint's to report


def test_a_level_beyond_64_bits_is_one_error_naming_the_file_and_key(tmp_path: Path) -> None:
    """Not a rule error on every plan (CEL's integers are 64-bit): the configuration's own error, exit status 2."""
    write(tmp_path / ".ssi-lint.yaml", "params: {HYG001: {levels: {error: 99999999999999999999999}}}\n")
    write(tmp_path / "a.plan.yaml", "version: 1\noutreach: {pending: {sent: 10}}\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "a.plan.yaml")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "params.HYG001.levels.error: is too large a number to judge by" in result.output


def test_the_config_command_refuses_what_check_refuses(tmp_path: Path) -> None:
    """`ssi-lint config` prints a configuration only once it passes check's checks: a param out of range is its one error."""
    bad = write(tmp_path / "bad.yaml", "params: {OUT003: {limit: -5}}\n")
    result = CliRunner().invoke(main, ["config", "--config", str(bad)])
    assert result.exit_code == 2 and "params.OUT003: parameter `limit` must be 0 or more" in result.output
    good = write(tmp_path / "good.yaml", "params: {OUT003: {limit: 5}}\n")
    assert CliRunner().invoke(main, ["config", "--config", str(good)]).exit_code == 0
