"""`--select` / `--ignore`: which rules run, by exact id or id prefix (`OUT`, `OUT00`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from msgspec import Struct

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
        return selection

    def selects(self, rule_id: str) -> bool:
        """Whether the rule runs."""
        if self.select and not rule_id.startswith(self.select):
            return False
        return not (self.ignore and rule_id.startswith(self.ignore))
