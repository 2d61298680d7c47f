"""`ssi-lint advise`: what to change in a plan, safe first, then stronger.

The order follows the article: an account that risks a restriction gains
nothing from a higher SSI, so the plan's risk findings (errors, then
warnings) come first. Then the changes that raise the SSI, weak pillars
first and then by estimated gain, until the SSI the plan declares (or, without
one, the estimate) reaches the target. Advice never goes beyond the safe
ranges for the account: changes that raise outreach volume are held back on a
new account or one whose age the plan does not give, a note on every
invitation on an account not stated to be paid (a free one may add 5 a
month), and growing the network comes after every other change (article R1:
adding people is not enough).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from msgspec import Struct

from ssi_lint.errors import InputError
from ssi_lint.model import Document, Finding, Severity, lookup
from ssi_lint.ssi import OPTIMAL, WEAK_PILLAR, Estimate, band, declared, estimate
from ssi_lint.ssi_model import PILLAR_POINTS, PILLARS, Plan

NEW_ACCOUNT_DAYS = 30
"""Under this many days of activity an account has its own, lower limits (DOMAIN.md, C)."""
RISK_CATEGORIES = ("spam-risk", "hygiene", "ads-policy", "plan")
"""Finding categories that are risks to fix before any SSI gain (with every error the plan's file or format has)."""
PILLAR_SECTIONS = {"brand": "profile", "people": "prospecting", "insights": "content", "relationships": "outreach"}
"""The plan section that describes each pillar most."""


class Advice(Struct, frozen=True):
    """One change to the plan and the points it would add to a pillar."""

    pillar: str
    component: str
    gain: float
    text: str

    def __str__(self) -> str:
        """`+3.0 brand: add a banner image related to your work (B1)`."""
        return f"+{self.gain:.1f} {self.pillar}: {self.text}"


def volume_hold(plan: Plan) -> str | None:
    """Why changes that raise outreach volume are held back on this account, or None when they are safe."""
    age = lookup(plan, ("account", "age_days"))
    if isinstance(age, bool) or not isinstance(age, int | float):
        return "the plan does not give account.age_days, so the account is treated as new"
    if age < NEW_ACCOUNT_DAYS:
        return f"the account is {age:g} days old; under {NEW_ACCOUNT_DAYS} days ramp up over at least two weeks first (S7)"
    return None


def notes_hold(plan: Plan) -> str | None:
    """Why a note on every invitation is held back (a free account's quota), or None on a paid account."""
    from ssi_lint.simulation.parameters import load_parameters

    params = load_parameters()
    tier = lookup(plan, ("account", "tier"))
    if tier in params["paid_tiers"]:
        return None
    unstated = "" if tier == "free" else " (account.tier is not stated, so the free quota applies)"
    return f"a free account may add a note to {params['free_note_quota']} invitations in any {params['note_window_days']} days{unstated}"


def holds(plan: Plan) -> dict[str, str]:
    """Why advice with each caution (`volume`, `paid-notes`) is held back on this account; a caution not named is safe."""
    reasons = {"volume": volume_hold(plan), "paid-notes": notes_hold(plan)}
    return {caution: reason for caution, reason in reasons.items() if reason is not None}


def safe_changes(plan: Plan, result: Estimate) -> list[Advice]:
    """Every change that adds points and is safe for the account, best first.

    Changes that grow the network alone come after every other change (R1).
    The order is stable (ties keep the model's order), so the changes of one
    pillar, taken in this order, are that pillar's own ranking.
    """
    held = holds(plan)
    changes = [
        (("not-alone" in score.component.caution), Advice(name, score.component.id, gain, score.component.advice))
        for name, scored in result.pillars.items()
        for score in scored.components
        if (gain := score.gain) > 0 and not held.keys() & score.component.caution
    ]
    ordered = sorted(changes, key=lambda item: (item[0], -item[1].gain))  # stable: ties keep the model's order
    return [advice for _, advice in ordered]


def held_back(plan: Plan, result: Estimate) -> dict[str, list[str]]:
    """The components whose advice is held back for this account, by the reason (empty when none is)."""
    withheld: dict[str, list[str]] = {}
    for caution, reason in holds(plan).items():
        for scored in result.pillars.values():
            for score in scored.components:
                if score.gain > 0 and caution in score.component.caution:
                    withheld.setdefault(reason, []).append(score.component.description.rstrip(".").lower())
    return withheld


def pillar_advice(plan: Plan, limit: int = 3) -> dict[str, str]:
    """Per pillar, its top safe changes as one line: `{brand: "+3.0 write ... (X1); +2.0 ...", ...}`."""
    best: dict[str, list[str]] = {name: [] for name in PILLARS}
    for change in safe_changes(plan, estimate(plan)):
        chosen = best[change.pillar]
        if len(chosen) < limit:
            chosen.append(f"+{change.gain:.1f} {change.text}")  # as str(change), without the pillar the key names
    return {name: "; ".join(chosen) or "none that is safe for this account yet" for name, chosen in best.items()}


def judged_pillars(plan: Plan) -> dict[str, float]:
    """Each pillar as the rules judge it (`facts.ssi`): the declared value, else the estimate of a described pillar."""
    from ssi_lint.facts import ssi

    known = ssi(plan) or {}
    return {name: known[name] for name in PILLARS if name in known}


LOWER_BOUND = "at least, from the pillars it gives"
"""`reference_total`'s source for a total known only from below."""


def reference_total(plan: Plan, result: Estimate) -> tuple[float | None, str]:
    """The SSI advice starts from: the declared total, else the sum of the pillars when each is declared or described,
    else that sum over the pillars it knows when it reaches 50 (a lower bound)."""
    stated = declared(plan) or {}
    if "total" in stated and math.isfinite(stated["total"]):
        from ssi_lint.facts import ssi_judged

        judged = ssi_judged(plan)["total"]
        if judged is not None and judged < stated["total"]:
            return judged, "declared, capped by its pillars"
        return stated["total"], "declared"
    from ssi_lint.facts import ssi, ssi_judged

    known = ssi(plan) or {}
    if "total" in known:
        return known["total"], known["sources"]["total"]
    at_least = ssi_judged(plan)["at_least"]  # without a total: the known pillars' sum, when it reaches 50
    if at_least is not None:
        return at_least, LOWER_BOUND
    return None, "unknown"


def advise(plan: Plan, target: float = OPTIMAL[0]) -> list[Advice]:
    """Safe changes: the best one for each weak pillar, then by gain until the SSI would reach target."""
    result = estimate(plan)
    changes = safe_changes(plan, result)
    weak = [name for name, points in judged_pillars(plan).items() if points < WEAK_PILLAR]
    chosen = [next(change for change in changes if change.pillar == name) for name in weak if any(c.pillar == name for c in changes)]
    start, _ = reference_total(plan, result)
    total = (start if start is not None else result.total) + sum(change.gain for change in chosen)
    for change in changes:
        if total >= target:
            break
        if change not in chosen:
            chosen.append(change)
            total += change.gain
    return chosen


def risks(findings: Iterable[Finding]) -> list[Finding]:
    """The findings to fix before any SSI gain: errors, then warnings, of the risk categories, in file order (by file, then position)."""
    serious = [
        f for f in findings
        if f.severity >= Severity.WARNING and (f.category in RISK_CATEGORIES or f.rule_id.startswith(("LOAD", "SCHEMA")))
    ]
    return sorted(serious, key=lambda f: (-f.severity, f.file, f.line, f.column, f.rule_id))


def breaks_format(findings: Iterable[Finding]) -> bool:
    """Whether the findings include an error that the plan cannot be read or breaks its schema: no advice can rest on it."""
    return any(f.severity >= Severity.ERROR and f.rule_id.startswith(("LOAD", "SCHEMA")) for f in findings)


def advice_report(document: Document, findings: Sequence[Finding], target: float = OPTIMAL[0]) -> str:
    """`ssi-lint advise` as text: the SSI, the risks to fix first, then the safe changes to the target.

    Raises InputError naming the first load problem when the file is not a plan.
    """
    if not isinstance(document.data, Mapping):
        problem = document.problems[0] if document.problems else None
        where = f"{problem.file or document.source}:{problem.position.line}:{problem.position.column}" if problem else document.source
        raise InputError(f"{where}: {problem.message if problem else 'not a plan (a YAML mapping)'}")
    plan: dict[str, Any] = dict(document.data)
    result = estimate(plan)
    start, source = reference_total(plan, result)
    lines = [f"{document.source}: {_headline(plan, result, start, source)}"]
    found = risks(findings)
    if found:
        lines.append("Safety first: fix these risks before raising the SSI:")
        for finding in found:
            lines.append(f"  {finding.file}:{finding.line}:{finding.column}: {finding.rule_id} {finding.severity.label}: {finding.message}")
            if finding.fix:
                lines.append(f"      fix: {finding.fix}")
    if breaks_format(found):
        lines.append("The plan breaks its format: fix the errors above first; the SSI advice needs a valid plan.")
        return _close(lines)
    if start is None and not declared(plan) and not any(pillar.described for pillar in result.pillars.values()):
        sections = ", ".join(f"{PILLAR_SECTIONS[name]} ({name})" for name in PILLARS)
        lines.append(f"The plan describes too little to estimate its SSI. Describe these sections first: {sections}.")
        return _close(lines)
    lines += _changes(plan, result, start, source, target, bool(found))
    return _close(lines)


def _headline(plan: Plan, result: Estimate, start: float | None, source: str) -> str:
    if source == LOWER_BOUND and start is not None:
        return f"SSI {start:g} or more (the sum of the pillars it gives; the others are unknown)"
    if source == "estimated" and start is not None:
        return f"estimated SSI {start:.1f} ({band(start)})"
    if start is not None:
        described = f"; the estimate says {result.total:.1f}" if source.startswith("declared") and result.complete else ""
        return f"SSI {start:g} ({source}, {band(start)}){described}"
    stated = declared(plan) or {}
    undescribed = ", ".join(name for name in result.undescribed if name not in stated)
    declares = "declares no total" if stated else "declares none"
    from ssi_lint.facts import ssi_judged

    at_most = ssi_judged(plan)["at_most"]  # the known pillars and 25 for each other: below 55, it settles a verdict
    bound = f", at most {at_most:g} ({band(at_most)} or lower)" if at_most < OPTIMAL[0] else ""
    return f"SSI unknown{bound}: the plan {declares} and describes too little of {undescribed} to estimate it"


def _changes(plan: Plan, result: Estimate, start: float | None, source: str, target: float, risky: bool) -> list[str]:
    changes = advise(plan, target)
    lines = []
    if start is not None and start >= target and not changes:
        from ssi_lint.facts import listed

        unknown = [name for name in result.undescribed if name not in (declared(plan) or {})]  # neither declared nor described
        if not unknown:
            lines.append(f"The SSI ({start:g}, {source}) already reaches {target:g} and no pillar is weak: no SSI change needed.")
        elif len(unknown) == len(PILLARS):
            lines.append(f"The SSI ({start:g}, {source}) already reaches {target:g}; whether any pillar is weak is unknown: the plan neither declares nor describes one.")
        else:
            lines.append(f"The SSI ({start:g}, {source}) already reaches {target:g}; no pillar the plan lets be judged is weak, "
                         f"and {listed(unknown)} {'is' if len(unknown) == 1 else 'are'} unknown.")
    elif changes:
        if start is not None and start >= target:
            lines.append(f"The SSI ({start:g}, {source}) reaches {target:g}; strengthen the weak pillars:")
        else:
            goal = f"until the SSI ({start:g}, {source}) would reach {target:g}" if start is not None else f"towards {target:g}"
            lines.append(f"{'Then raise' if risky else 'Raise'} the SSI, weak pillars first, {goal}:")
        lines.extend(f"  {change}" for change in changes)
        if start is not None:
            reached = min(start + sum(change.gain for change in changes), 4 * PILLAR_POINTS)
            count = "this change" if len(changes) == 1 else f"these {len(changes)} changes"
            lines.append(f"With {count} the SSI would be about {reached:.1f} ({band(reached)}).")
    if result.undescribed:
        lines.append(f"The plan states too little about {', '.join(result.undescribed)}; what it leaves out counts as missing.")
    for reason, withheld in held_back(plan, result).items():
        lines.append(f"Held back, because {reason}: {', '.join(withheld)}.")
    return lines


def _close(lines: list[str]) -> str:
    lines.append("LinkedIn does not publish its formula: these points are estimates (docs/ssi-model.md).")
    return "\n".join(lines) + "\n"

