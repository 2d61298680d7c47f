"""The plugin's CEL functions: the placeholders of a message template and its length once filled in.

A template marks the parts filled in per recipient with `{field}` or
`{{field}}` (`Hi {first_name}`). Rules call the functions in their `when`:

- `snav.placeholders(text)`: the field names, in order (`['first_name']`);
- `snav.filled_length(text, field_chars)`: the length of the text once each
  placeholder is replaced by `field_chars` characters.
"""

from __future__ import annotations

import re

from ssi_lint.model import CelFunction, CelOverload

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
"""`{{ field }}` or `{field}`: a letter or underscore, then letters, digits, underscores."""


def placeholders(text: str) -> list[str]:
    """The names of the placeholders in a template, in order of appearance."""
    return [match.group(1) or match.group(2) for match in PLACEHOLDER.finditer(text)]


def filled_length(text: str, field_chars: int) -> int:
    """The length of a template once every placeholder is replaced by `field_chars` characters."""
    kept = len(PLACEHOLDER.sub("", text))
    return kept + len(PLACEHOLDER.findall(text)) * max(field_chars, 0)


FUNCTIONS: tuple[CelFunction, ...] = (
    CelFunction(
        "snav.placeholders",
        (CelOverload("snav_placeholders_string", ("string",), "list", placeholders),),
        "The placeholder names ({field} or {{field}}) of a message template, in order.",
    ),
    CelFunction(
        "snav.filled_length",
        (CelOverload("snav_filled_length_string_int", ("string", "int"), "int", filled_length),),
        "The length of a template once each placeholder is filled with the given number of characters.",
    ),
)
"""Every CEL function of the plugin."""
