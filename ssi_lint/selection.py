"""`--select` / `--ignore`: which rules run, by exact id or id prefix (`OUT`, `OUT00`), in any case (`out001` is OUT001).

The problems of the file itself (LOAD*, SCHEMA*: `core_checks.FILE_PROBLEMS`)
are always reported, like ruff's syntax errors: `select` does not leave them
out, and an `ignore` entry that names nothing else is refused.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from msgspec import Struct
from msgspec.structs import replace

from ssi_lint.core_checks import is_file_problem
from ssi_lint.errors import ConfigError


class Selection(Struct, frozen=True):
    """Selected and ignored id prefixes; an empty `select` means every rule."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def build(
        cls, select: Iterable[str], ignore: Iterable[str], known_ids: Iterable[str], names: Mapping[str, str] | None = None,
        unchecked: Collection[str] = (),
    ) -> Selection:
        """Validate that every entry names at least one known rule.

        `names` says where `select` and `ignore` were given, for the error
        (`.ssi-lint.yaml: select`); the default is the command-line option.
        The entries of the keys in `unchecked` are left to the caller to check
        (command-line ids, against the rules of every configuration of a run).
        """
        known = sorted(set(known_ids))
        names = names or {}
        selection = cls(tuple(entry.upper() for entry in select), tuple(entry.upper() for entry in ignore))
        for key, entries in (("select", selection.select), ("ignore", selection.ignore)):
            if key in unchecked:
                continue
            option = names.get(key, f"--{key}")
            for entry in entries:
                if not any(rule_id.startswith(entry) for rule_id in known):
                    from ssi_lint.rule_ids import suggest

                    close = suggest(entry, known)
                    hint = f"; did you mean {close}?" if close else ""
                    raise ConfigError(f"{option}: unknown rule id or prefix '{entry}'{hint}")
        for entry in selection.ignore:
            refuse_only_file_problems(entry, known, f"{names.get('ignore', '--ignore')}: '{entry}'")
        return selection

    def ignoring(self, ids: Iterable[str]) -> Selection:
        """This selection with more ids or prefixes ignored (unchecked: a file's `per-file-ignores`, which its configuration checks)."""
        more = tuple(entry.upper() for entry in ids if entry.upper() not in self.ignore)
        return replace(self, ignore=(*self.ignore, *more)) if more else self

    def selects(self, rule_id: str) -> bool:
        """Whether the rule runs (and its findings are reported): a problem of the file itself always is."""
        if is_file_problem(rule_id):
            return True
        if self.select and not rule_id.startswith(self.select):
            return False
        return not (self.ignore and rule_id.startswith(self.ignore))


def refuse_only_file_problems(entry: str, known: Iterable[str], where: str) -> None:
    """Raise ConfigError for an entry meant to hide findings (`ignore`, `per-file-ignores`) that names only problems of the
    file itself, which are always reported; `where` names the entry (`--ignore: 'LOAD'`)."""
    matched = [rule_id for rule_id in known if rule_id.startswith(entry)]
    if matched and all(is_file_problem(rule_id) for rule_id in matched):
        raise ConfigError(
            f"{where} names only problems of the file itself ({_span(sorted(matched))}), which are always reported "
            "(the plan could not be read or breaks the format); lower their severity instead (`severity`)"
        )


def _span(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{ids[0]}-{ids[-1]}" if len(ids) > 3 else ", ".join(ids)
