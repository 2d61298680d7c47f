"""Build the plugin manager and call hooks so that a failing plugin is named, never hidden.

Built-in plugins are registered first; third-party plugins come from the
entry-point group `ssi_lint` (sorted by name, each loaded on its own) and from
`--plugin MODULE`. Any failure (import, unknown hook, a hook that raises or
returns a value of the wrong type, two plugins claiming the same name) is a
PluginError that names the plugin. "Raises" includes `sys.exit()`: see
`errors.plugin_failure`, which every call of plugin code goes through.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from typing import Any

import pluggy
from msgspec import Struct
from msgspec.structs import replace

from ssi_lint import hookspecs
from ssi_lint.errors import PluginError, SsiLintError, plugin_failure
from ssi_lint.model import CelFunction

AUTOLOAD_ENV = "SSI_LINT_DISABLE_PLUGIN_AUTOLOAD"
BUILTIN_PLUGINS = ("ssi_lint.builtin",)


class PluginSettings(Struct, frozen=True):
    """Which plugins to load: extra modules, blocked names, required entry points, and autoloading.

    `modules` are imported by name (the `--plugin` option: only the command
    line or the library may ask for that). `enabled` names entry-point plugins
    that must be installed, loaded even when autoloading is off (what a
    configuration file may ask for, with `disabled`).
    """

    modules: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    autoload: bool | None = None
    enabled: tuple[str, ...] = ()
    enabled_by: str = ""
    """Where `enabled` was read (the configuration file's path), to start the error for a plugin not installed."""

    def autoload_enabled(self) -> bool:
        """Autoload unless turned off here or by SSI_LINT_DISABLE_PLUGIN_AUTOLOAD."""
        if self.autoload is not None:
            return self.autoload
        return os.environ.get(AUTOLOAD_ENV, "") in ("", "0")


class PluginHost:
    """A plugin manager plus the knowledge of who provided what."""

    def __init__(self, manager: pluggy.PluginManager, origins: dict[str, str]) -> None:
        self.manager = manager
        self.origins = origins
        self.owners: dict[str, dict[str, str]] = {}
        """For each kind merged by `unique`: item name -> the plugin that provides it."""

    def describe(self, plugin_name: str) -> str:
        """`plugin 'x' (distribution 1.0)` for error messages."""
        origin = self.origins.get(plugin_name)
        return f"plugin '{plugin_name}'" + (f" ({origin})" if origin else "")

    def results(self, hook_name: str, /, expect: type | None = None, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call a hook on every plugin, yielding `(plugin name, result)`, first-called first.

        A result that is not None must be an instance of `expect` (when given), else the plugin is named.
        """
        hook = getattr(self.manager.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):
            try:
                result = impl.function(**{name: kwargs[name] for name in impl.argnames})
            except SsiLintError:
                raise  # a plugin's own one-line error (a bad option, an unreadable source)
            except BaseException as exc:  # noqa: BLE001 - plugins are third-party code; sys.exit() included
                raise PluginError(f"{self.describe(impl.plugin_name)} failed in hook {hook_name}: {plugin_failure(exc)}") from exc
            if result is not None:
                if expect is not None and not isinstance(result, expect):
                    raise PluginError(
                        f"{self.describe(impl.plugin_name)} returned an unusable value from hook {hook_name}: "
                        f"expected a {expect.__name__} or None, got {type(result).__name__}"
                    )
                yield impl.plugin_name, result

    def first_result(self, hook_name: str, /, expect: type | None = None, **kwargs: Any) -> Any:
        """The first non-None result of a `firstresult` hook (an instance of `expect`, when given), or None."""
        return next((result for _, result in self.results(hook_name, expect, **kwargs)), None)

    def unique(self, hook_name: str, kind: str, key: Any = None) -> dict[str, Any]:
        """Merge named contributions of a hook, failing when two plugins use the same name."""
        merged: dict[str, Any] = {}
        owners: dict[str, str] = {}
        for plugin_name, contribution in self.results(hook_name):
            try:
                items = list(contribution.items() if isinstance(contribution, dict) else ((key(item), item) for item in contribution))
            except BaseException as exc:  # noqa: BLE001 - a wrong-typed contribution is the plugin's error
                raise PluginError(
                    f"{self.describe(plugin_name)} returned an unusable value from hook {hook_name}: {plugin_failure(exc)}"
                ) from None
            for name, item in items:
                if name in owners:
                    raise PluginError(
                        f"{kind} '{name}' is provided by both {self.describe(owners[name])} and {self.describe(plugin_name)}"
                    )
                owners[name] = plugin_name
                merged[name] = item
        self.owners[kind] = owners
        return merged


def guarded_function(function: CelFunction, owner: str) -> CelFunction:
    """The CEL function with each overload's implementation guarded: a failure (`sys.exit()` included) becomes a CEL
    error naming the function and `owner` (`plugin 'x' (dist 1.0)`), as a failing fact's names the fact and the plugin.

    CEL turns whatever an implementation raises into an error value, so the rule whose condition called it fails
    with that message (on a plan that breaks the schema, the rule is left out, as for a failing fact)."""
    where = f"CEL function `{function.name}` (from {owner}) failed"
    return replace(function, overloads=tuple(replace(overload, impl=_guarded_impl(overload.impl, where)) for overload in function.overloads))


def _guarded_impl(impl: Callable[..., Any], where: str) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        try:
            return impl(*args)
        except BaseException as exc:  # noqa: BLE001 - plugins are third-party code; sys.exit() included
            raise PluginError(f"{where}: {plugin_failure(exc)}") from None

    return call


def build_plugin_host(settings: PluginSettings | None = None) -> PluginHost:
    """A new plugin manager with the built-ins, entry points and named modules registered."""
    settings = settings or PluginSettings()
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    origins: dict[str, str] = {}
    for name in settings.disabled:
        manager.set_blocked(name)
    for module_name in BUILTIN_PLUGINS:
        manager.register(importlib.import_module(module_name), name=module_name)
        origins[module_name] = "built-in"
    _load_entry_points(manager, origins, None if settings.autoload_enabled() else set(settings.enabled))
    for module_name in settings.modules:
        _register_module(manager, module_name, origins)
    missing = [name for name in settings.enabled if not manager.is_blocked(name) and not manager.has_plugin(name)]
    if missing:
        where = f"{settings.enabled_by}: plugins: " if settings.enabled_by else ""
        raise PluginError(
            f"{where}the configuration enables plugin '{missing[0]}', but no installed distribution provides it "
            f"(an entry point in the group '{hookspecs.PROJECT}'); a module is imported by name only with --plugin"
        )
    _check_hooks(manager, origins)
    return PluginHost(manager, origins)


def plugin_names(host: PluginHost, modules: tuple[str, ...] = ()) -> set[str]:
    """The names a plugin can be disabled by: every installed entry point (loaded or not), every plugin loaded, and
    the `--plugin` modules; the built-ins (which cannot be disabled) left out."""
    from ssi_lint.entry_points import entry_points

    names = {entry.name for entry in entry_points(hookspecs.PROJECT)} | set(host.origins) | set(modules)
    return names - set(BUILTIN_PLUGINS)


def _load_entry_points(manager: pluggy.PluginManager, origins: dict[str, str], only: set[str] | None) -> None:
    """Register the `ssi_lint` entry points (all of them, or `only` these names)."""
    if only is not None and not only:
        return
    from ssi_lint.entry_points import entry_points

    for entry in entry_points(hookspecs.PROJECT):
        if manager.is_blocked(entry.name) or manager.has_plugin(entry.name) or (only is not None and entry.name not in only):
            continue
        origin = entry.origin
        try:
            plugin = entry.load()
            manager.register(plugin, name=entry.name)
        except BaseException as exc:  # noqa: BLE001 - a broken plugin must be named, not hide others; sys.exit() included
            raise PluginError(f"plugin '{entry.name}' ({origin}) failed to load: {plugin_failure(exc)}") from exc
        origins[entry.name] = origin


def _register_module(manager: pluggy.PluginManager, module_name: str, origins: dict[str, str]) -> None:
    if manager.is_blocked(module_name) or manager.has_plugin(module_name):
        return
    try:
        module = importlib.import_module(module_name)
        if manager.is_registered(module):  # already loaded through its entry point
            return
        manager.register(module, name=module_name)
    except BaseException as exc:  # noqa: BLE001 - sys.exit() at import included
        raise PluginError(f"plugin '{module_name}' (--plugin) failed to load: {plugin_failure(exc)}") from exc
    origins[module_name] = "--plugin"


def _check_hooks(manager: pluggy.PluginManager, origins: dict[str, str]) -> None:
    """Fail on a hook implementation whose name matches no specification (a typo)."""
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        name = exc.plugin and manager.get_name(exc.plugin)
        where = f"plugin '{name}' ({origins.get(name or '', '?')})" if name else "a plugin"
        raise PluginError(f"{where} has an invalid hook: {exc}") from exc

