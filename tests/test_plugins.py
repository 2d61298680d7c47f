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
from ssi_lint.model import Document
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


# --- plugin code that raises SystemExit (or another BaseException) ----------------------------------------------------

RISKY = Path(__file__).resolve().parent.parent / "examples" / "risky.plan.yaml"
"""A plan with errors: a run that ended with status 0 would pass a failing lint."""


def _lint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *args: str) -> tuple[int, str]:
    """Run `ssi-lint` in-process on the risky plan, the report written to out.sarif; the exit status and stderr."""
    from click.testing import CliRunner

    from ssi_lint.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(AUTOLOAD_ENV, "1")
    result = CliRunner().invoke(main, [*args, "--format", "sarif", "-o", "out.sarif", str(RISKY)], catch_exceptions=False)
    return result.exit_code, result.stderr


@pytest.mark.parametrize(("code", "shown"), [("0", "SystemExit: 0"), ("'msg'", "SystemExit: msg"), ("", "SystemExit")])
def test_a_plugin_that_exits_at_import_is_named(make_plugin, code: str, shown: str) -> None:
    name = make_plugin(f"import sys\nsys.exit({code})\n")
    with pytest.raises(PluginError, match=rf"^plugin '{name}' \(--plugin\) failed to load: {shown}$"):
        host(name)


def test_an_entry_point_that_exits_at_import_is_named(make_plugin, entry_points, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(AUTOLOAD_ENV, raising=False)
    name = make_plugin("raise SystemExit(0)\n")
    entry_points(quitter=name)
    with pytest.raises(PluginError, match=rf"^plugin 'quitter' \({name}\) failed to load: SystemExit: 0$"):
        host(autoload=None)


@pytest.mark.parametrize("hook", ["ssi_lint_facts", "ssi_lint_cel_functions"])
def test_a_hook_that_exits_is_named(make_plugin, hook: str) -> None:
    name = make_plugin(f"import sys\n@hookimpl\ndef {hook}():\n    sys.exit(0)\n")
    with pytest.raises(PluginError, match=rf"^plugin '{name}' \(--plugin\) failed in hook {hook}: SystemExit: 0$"):
        host(name).unique(hook, "item", key=lambda item: item.name)


def test_an_interrupt_in_a_hook_is_not_a_plugin_failure(make_plugin) -> None:
    """Ctrl-C in plugin code stops the run as Ctrl-C, not as the plugin's error."""
    name = make_plugin("@hookimpl\ndef ssi_lint_facts():\n    raise KeyboardInterrupt\n")
    with pytest.raises(KeyboardInterrupt):
        host(name).unique("ssi_lint_facts", "fact", key=lambda item: item.name)


def test_a_signal_exit_in_a_hook_is_not_a_plugin_failure(make_plugin) -> None:
    name = make_plugin("from ssi_lint.signals import Terminated\n@hookimpl\ndef ssi_lint_facts():\n    raise Terminated(143)\n")
    from ssi_lint.signals import Terminated

    with pytest.raises(Terminated):
        host(name).unique("ssi_lint_facts", "fact", key=lambda item: item.name)


EXITING = {
    "import": "import sys\nsys.exit(0)\n",
    "hook": "import sys\n@hookimpl\ndef ssi_lint_facts():\n    sys.exit(0)\n",
    "fact": "import sys\n@hookimpl\ndef ssi_lint_facts():\n    return [Fact('quits', 'exits', lambda plan: sys.exit(0))]\n",
    "loader": "import sys\n@hookimpl\ndef ssi_lint_load_document(path, display, options):\n    sys.exit(0)\n",
}


@pytest.mark.parametrize(("where", "words"), [
    ("import", ("failed to load: SystemExit: 0",)),
    ("hook", ("failed in hook ssi_lint_facts: SystemExit: 0",)),
    ("fact", ("fact `quits`", "failed: SystemExit: 0")),
    ("loader", ("failed in hook ssi_lint_load_document: SystemExit: 0",)),
])
def test_plugin_code_that_exits_fails_the_run_naming_the_plugin(
    make_plugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, words: tuple[str, ...]
) -> None:
    name = make_plugin(EXITING[where])
    status, stderr = _lint(monkeypatch, tmp_path, "--plugin", name)
    assert status == 2, stderr
    assert len(stderr.splitlines()) == 1 and f"plugin '{name}' (--plugin)" in stderr, stderr
    assert all(word in stderr for word in words), stderr


def test_a_cel_function_that_exits_fails_the_run_naming_the_function_and_plugin(
    make_plugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "quits.yaml"
    pack.write_text(textwrap.dedent("""\
        rules:
          - id: QUIT001
            name: quits
            title: Calls a function that exits
            pillar: people
            category: hygiene
            severity: info
            source: "test"
            when: "quit.now(1)"
            message: "never"
            fix: "none"
            examples:
              fail: [{version: 1}]
              pass: [{version: 1}]
        """), encoding="utf-8")
    name = make_plugin(f"""
        import sys
        from pathlib import Path

        @hookimpl
        def ssi_lint_cel_functions():
            return [CelFunction('quit.now', (CelOverload('quit_now_int', ('int',), 'bool', lambda x: sys.exit(0)),))]

        @hookimpl
        def ssi_lint_rule_packs():
            return [Path({str(pack)!r})]
    """)
    status, stderr = _lint(monkeypatch, tmp_path, "--plugin", name)
    assert status == 2, stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert f"CEL function `quit.now` (from plugin '{name}' (--plugin)) failed: SystemExit: 0" in stderr, stderr


def test_fact_check_params_that_exits_is_named(make_plugin) -> None:
    from ssi_lint.api import Linter, LintOptions

    name = make_plugin("""
        import sys
        @hookimpl
        def ssi_lint_facts():
            return [Fact('checks', 'checks', lambda plan, params: 1, params_from=('OUT001',), check_params=lambda params: sys.exit(0))]
    """)
    options = LintOptions(params={"OUT001": {"max": 10}}, plugins=PluginSettings(modules=(name,), autoload=False))
    with pytest.raises(PluginError, match=rf"^fact `checks` \(from plugin '{name}' \(--plugin\)\) failed in check_params: SystemExit: 0$"):
        Linter(options)


@pytest.mark.parametrize("method", ["factory", "start", "file", "finish", "wants_ssi"])
def test_an_output_format_that_exits_is_named(make_plugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    calls = {name: "pass" for name in ("factory", "start", "file", "finish", "wants_ssi")}
    calls[method] = "sys.exit(0)"
    name = make_plugin(f"""
        import sys
        class Quits:
            def __init__(self, stream, options): {calls["factory"]}
            @classmethod
            def wants_ssi(cls, options): {calls["wants_ssi"]}
            def start(self): {calls["start"]}
            def file(self, result): {calls["file"]}
            def finish(self, summary): {calls["finish"]}
        @hookimpl
        def ssi_lint_formats():
            return {{'quits': Quits}}
    """)
    status, stderr = _lint(monkeypatch, tmp_path, "--plugin", name, "--report", "quits:quits.txt")
    where = "its factory" if method == "factory" else f"{method}()"
    assert (status, stderr) == (2, f"ssi-lint: error: output format 'quits' failed in {where}: SystemExit: 0\n")
    assert not (tmp_path / "quits.txt").exists()


def test_sys_exit_at_import_fails_the_command_line(tmp_path: Path) -> None:
    """The console script, as run: no silent exit 0, no report, one line on stderr."""
    import os
    import subprocess

    (tmp_path / "exits.py").write_text("import sys\nsys.exit(0)\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), AUTOLOAD_ENV: "1"}
    result = subprocess.run([sys.executable, "-m", "ssi_lint", "--plugin", "exits", "--format", "sarif", "-o", "out.sarif", str(RISKY)],
                            cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (2, "ssi-lint: error: plugin 'exits' (--plugin) failed to load: SystemExit: 0\n")
    assert not (tmp_path / "out.sarif").exists()


# --- hooks' results of the wrong type ------------------------------------------------------------------------------------

def test_a_loader_returning_the_wrong_type_is_named(make_plugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = make_plugin("@hookimpl\ndef ssi_lint_load_document(path, display, options):\n    return {'version': 1}\n")
    with pytest.raises(PluginError, match=rf"^plugin '{name}' \(--plugin\) returned an unusable value from hook "
                                          r"ssi_lint_load_document: expected a Document or None, got dict$"):
        host(name).first_result("ssi_lint_load_document", Document, path=RISKY, display="risky.plan.yaml", options={})
    status, stderr = _lint(monkeypatch, tmp_path, "--plugin", name)
    assert status == 2 and len(stderr.splitlines()) == 1, stderr
    assert f"plugin '{name}' (--plugin) returned an unusable value from hook ssi_lint_load_document" in stderr
    assert "internal error" not in stderr


def test_a_plan_schema_of_the_wrong_type_is_named(make_plugin) -> None:
    from ssi_lint.api import Linter, LintOptions

    name = make_plugin("@hookimpl\ndef ssi_lint_plan_schema():\n    return ['outreach']\n")
    linter = Linter(LintOptions(plugins=PluginSettings(modules=(name,), autoload=False)))
    with pytest.raises(PluginError, match=rf"^plugin '{name}' \(--plugin\) returned an unusable value from hook ssi_lint_plan_schema"):
        linter.plan_schema



# --- a configuration that enables a plugin that is not installed -------------------------------------------------------

@pytest.mark.parametrize(("file", "text"), [
    ("pyproject.toml", '[tool.ssi-lint]\nplugins = ["nonexist_plugin"]\n'),
    (".ssi-lint.yaml", "plugins: [nonexist_plugin]\n"),
])
def test_enabling_a_plugin_that_is_not_installed_names_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str, text: str
) -> None:
    (tmp_path / file).write_text(text, encoding="utf-8")
    status, stderr = _check(tmp_path, monkeypatch)
    assert status == 2
    assert stderr.startswith(f"ssi-lint: error: {tmp_path.as_posix()}/{file}: plugins: the configuration enables plugin 'nonexist_plugin', "
                             "but no installed distribution provides it"), stderr
    assert len(stderr.splitlines()) == 1
