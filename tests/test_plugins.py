"""The plugin host: every plugin failure is a PluginError that names the plugin (and the hook)."""

from __future__ import annotations

import importlib.metadata
import itertools
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ssi_lint.errors import PluginError
from ssi_lint.plugins import AUTOLOAD_ENV, PluginSettings, build_plugin_host

HEADER = "from ssi_lint.hookspecs import hookimpl\nfrom ssi_lint.model import CelFunction, CelOverload, Document, Fact\n"
FACT = "@hookimpl\ndef ssi_lint_facts():\n    return [Fact('ratio', 'a ratio', lambda plan: 1)]\n"
FUNCTION = ("@hookimpl\ndef ssi_lint_cel_functions():\n"
            "    return [CelFunction('half', (CelOverload('half_int', ('int',), 'int', lambda x: x // 2),))]\n")
_counter = itertools.count()
NO_BUILTIN = ("ssi_lint.builtin",)


@pytest.fixture()
def make_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], str]]:
    """Write a plugin module into tmp_path; return its unique module name."""
    monkeypatch.syspath_prepend(str(tmp_path))
    made: list[str] = []

    def make(body: str) -> str:
        name = f"ssi_test_plugin_{next(_counter)}"
        (tmp_path / f"{name}.py").write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
        made.append(name)
        return name

    yield make
    for name in made:
        sys.modules.pop(name, None)


def host(*modules: str, disabled: tuple[str, ...] = NO_BUILTIN, autoload: bool | None = False):
    return build_plugin_host(PluginSettings(modules=modules, disabled=disabled, autoload=autoload))


def test_misspelled_hook_names_plugin_and_hook(make_plugin) -> None:
    name = make_plugin("@hookimpl\ndef ssi_lint_fact():\n    return []\n")
    with pytest.raises(PluginError, match=rf"^plugin '{name}' \(--plugin\) has an invalid hook: .*'ssi_lint_fact'"):
        host(name)


def test_unimportable_plugin_is_named(make_plugin) -> None:
    name = make_plugin("import not_a_module_zz\n")
    with pytest.raises(PluginError, match=rf"^plugin '{name}' \(--plugin\) failed to load: ModuleNotFoundError"):
        host(name)


@pytest.mark.parametrize(("hook", "kind"), [("ssi_lint_facts", "fact"), ("ssi_lint_cel_functions", "CEL function")])
def test_raising_hook_names_plugin_and_hook(make_plugin, hook: str, kind: str) -> None:
    name = make_plugin(f"@hookimpl\ndef {hook}():\n    raise ValueError('boom')\n")
    plugins = host(name)
    with pytest.raises(PluginError, match=rf"^plugin '{name}' \(--plugin\) failed in hook {hook}: ValueError: boom$"):
        plugins.unique(hook, kind, key=lambda item: item.name)


@pytest.mark.parametrize(("body", "hook", "kind", "item"), [
    (FACT, "ssi_lint_facts", "fact", "ratio"),
    (FUNCTION, "ssi_lint_cel_functions", "CEL function", "half"),
], ids=["fact", "cel-function"])
def test_same_name_from_two_plugins_names_both(make_plugin, body: str, hook: str, kind: str, item: str) -> None:
    first, second = make_plugin(body), make_plugin(body)
    with pytest.raises(PluginError) as info:
        host(first, second).unique(hook, kind, key=lambda value: value.name)
    message = str(info.value)
    assert message.startswith(f"{kind} '{item}' is provided by both plugin ")
    assert f"plugin '{first}' (--plugin)" in message and f"plugin '{second}' (--plugin)" in message


def test_same_format_as_builtin_names_builtin(make_plugin) -> None:
    name = make_plugin("@hookimpl\ndef ssi_lint_formats():\n    return {'text': object}\n")
    with pytest.raises(PluginError, match=r"output format 'text' is provided by both .*'ssi_lint.builtin' \(built-in\)"):
        host(name, disabled=()).unique("ssi_lint_formats", "output format")


def test_distinct_names_merge(make_plugin) -> None:
    first = make_plugin(FACT)
    second = make_plugin(FACT.replace("'ratio'", "'other'"))
    assert sorted(host(first, second).unique("ssi_lint_facts", "fact", key=lambda fact: fact.name)) == ["other", "ratio"]


def test_blocked_plugin_is_not_registered(make_plugin) -> None:
    first, second = make_plugin(FACT), make_plugin(FACT)
    plugins = host(first, second, disabled=(*NO_BUILTIN, second))
    assert plugins.manager.is_blocked(second) and not plugins.manager.has_plugin(second)
    assert list(plugins.unique("ssi_lint_facts", "fact", key=lambda fact: fact.name)) == ["ratio"]


def test_blocked_plugin_is_not_even_imported(make_plugin) -> None:
    name = make_plugin("raise RuntimeError('imported')\n")
    host(name, disabled=(name,))
    assert name not in sys.modules


def test_builtin_plugin_can_be_blocked() -> None:
    assert not host().manager.has_plugin("ssi_lint.builtin")
    assert host(disabled=()).manager.has_plugin("ssi_lint.builtin")


def test_first_loader_that_accepts_wins(make_plugin, tmp_path: Path) -> None:
    name = make_plugin("""
        @hookimpl
        def ssi_lint_load_document(path, display):
            return Document(display, {"from": "plugin"}) if path.suffix == ".json" else None
    """)
    plugins = host(name, disabled=())
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.plan.yaml").write_text("from: yaml\n")
    load = lambda file: plugins.first_result("ssi_lint_load_document", path=tmp_path / file, display=file, options={}).data
    assert (load("a.json"), load("b.plan.yaml")) == ({"from": "plugin"}, {"from": "yaml"})


@pytest.mark.parametrize(("autoload", "env", "enabled"), [
    (None, None, True),
    (None, "", True),
    (None, "0", True),
    (None, "1", False),
    (None, "yes", False),
    (True, "1", True),
    (False, None, False),
], ids=["default", "empty", "zero", "one", "yes", "explicit-on-beats-env", "explicit-off"])
def test_autoload_setting(monkeypatch: pytest.MonkeyPatch, autoload: bool | None, env: str | None, enabled: bool) -> None:
    if env is None:
        monkeypatch.delenv(AUTOLOAD_ENV, raising=False)
    else:
        monkeypatch.setenv(AUTOLOAD_ENV, env)
    assert PluginSettings(autoload=autoload).autoload_enabled() is enabled


@pytest.fixture()
def entry_points(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Replace the installed `ssi_lint` entry points with the given `name=module` pairs."""

    def install(**plugins: str) -> None:
        fake = [importlib.metadata.EntryPoint(name, value, "ssi_lint") for name, value in plugins.items()]
        monkeypatch.setattr(importlib.metadata, "entry_points", lambda group=None: fake if group == "ssi_lint" else [])
        monkeypatch.setattr("ssi_lint.entry_points.installation_key", lambda group, paths: repr(sorted(plugins.items())))  # a new installation

    return install


def test_entry_points_are_loaded(make_plugin, entry_points, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(AUTOLOAD_ENV, raising=False)
    entry_points(third=make_plugin(FACT))
    plugins = host(autoload=None)
    assert plugins.manager.has_plugin("third")
    assert list(plugins.unique("ssi_lint_facts", "fact", key=lambda fact: fact.name)) == ["ratio"]


def test_broken_entry_point_is_named(make_plugin, entry_points, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(AUTOLOAD_ENV, raising=False)
    entry_points(good=make_plugin(FACT), broken="not_a_module_zz")
    with pytest.raises(PluginError, match=r"^plugin 'broken' \(not_a_module_zz\) failed to load: ModuleNotFoundError"):
        host(autoload=None)


def test_env_var_turns_autoload_off(entry_points, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(AUTOLOAD_ENV, "1")
    entry_points(broken="not_a_module_zz")
    assert not host(autoload=None).manager.has_plugin("broken")


def test_blocked_entry_point_is_skipped(entry_points, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(AUTOLOAD_ENV, raising=False)
    entry_points(broken="not_a_module_zz")
    assert not host(autoload=True, disabled=(*NO_BUILTIN, "broken")).manager.has_plugin("broken")


def test_named_module_still_loads_with_autoload_off(make_plugin, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(AUTOLOAD_ENV, "1")
    name = make_plugin(FACT)
    assert host(name, autoload=None).manager.has_plugin(name)
    assert host(name, autoload=None).describe(name) == f"plugin '{name}' (--plugin)"


LOADER = '''
import json
from pathlib import Path

@hookimpl
def ssi_lint_claims_path(path):
    return True if (path / "observed.json").is_file() else None

@hookimpl
def ssi_lint_load_document(path, display, options):
    if not (path / "observed.json").is_file():
        return None
    data = json.loads((path / "observed.json").read_text())
    data["outreach"]["invitations"]["per_week"] = int(options.get("window", "7")) * 10
    return Document(display, data, unknown=frozenset({("profile", "photo")}))

@hookimpl
def ssi_lint_commands():
    import click

    @click.command("hello")
    @click.argument("name")
    def hello(name):
        """Say hello."""
        click.echo(f"hello {name}")

    return {"hello": lambda: hello}
'''


def test_loader_plugin_claims_a_directory_and_gets_loader_options(make_plugin, entry_points, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ssi_lint.cli import main

    entry_points(observed=make_plugin(LOADER))
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "observed.json").write_text('{"version": 1, "outreach": {"invitations": {}}, "profile": {"photo": false}}')
    env = {AUTOLOAD_ENV: "0"}
    result = CliRunner(env=env).invoke(main, ["--select", "OUT003,PRF001", "--window", "30", str(folder)])
    assert "OUT003" in result.output and "300 invitations a week" in result.output
    assert "PRF001" not in result.output  # the loader cannot show a photo: no finding about it
    assert CliRunner(env=env).invoke(main, ["hello", "world"]).output == "hello world\n"


# --- disabling a plugin that is not there ------------------------------------------------------------------------------

def _check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from ssi_lint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "a.plan.yaml").write_text("version: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, [*args, "--select", "OUT001", "a.plan.yaml"], catch_exceptions=False)
    return result.exit_code, result.stderr


def test_disabling_a_plugin_that_is_not_installed_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not an error: a shared configuration may disable an optional plugin this machine lacks; but a typo is named."""
    status, stderr = _check(tmp_path, monkeypatch, "--disable-plugin", "nosuch")
    assert status == 0
    assert re.fullmatch(r"ssi-lint: warning: --disable-plugin nosuch: no installed plugin is named 'nosuch', so it disables "
                        r"nothing \(installed: [^)]*\)\n", stderr), stderr


def test_a_configuration_disabling_a_plugin_that_is_not_installed_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".ssi-lint.yaml").write_text('plugins: ["!nosuchplugin"]\n', encoding="utf-8")
    status, stderr = _check(tmp_path, monkeypatch)
    assert status == 0
    assert stderr.startswith(f"ssi-lint: warning: {tmp_path.as_posix()}/.ssi-lint.yaml: plugins: '!nosuchplugin': no installed plugin")
    assert len(stderr.splitlines()) == 1


def test_disabling_a_plugin_module_that_is_named_is_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_plugin) -> None:
    name = make_plugin(FACT)
    status, stderr = _check(tmp_path, monkeypatch, "--plugin", name, "--disable-plugin", name)
    assert (status, stderr) == (0, "")


def test_a_close_plugin_name_is_suggested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_plugin) -> None:
    name = make_plugin(FACT)
    status, stderr = _check(tmp_path, monkeypatch, "--plugin", name, "--disable-plugin", name[:-1] + "x")
    assert status == 0 and stderr.endswith(f"; did you mean '{name}'?\n")
