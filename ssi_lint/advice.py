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

Advice never asks for more than the rules allow either: a band or target that
a rule limits is capped by that rule's param, with the run's configuration
applied (`cap` in ssi_model.yaml). And with the run's linter, each change is
tried on the plan before it is shown (`PlanCheck`): one that would make the
same checks report more (a new rule at a new place, or a higher level) is
adjusted, holding a field it would move (`keep`), or joined with a change that
mends what it breaks, or else left out, and advise says why.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import replace

from ssi_lint.errors import InputError
from ssi_lint.facts import BUILTIN_FACTS, account_age, listed, network_size, ssi, ssi_judged
from ssi_lint.model import Document, Finding, PlanPath, Severity, format_path, is_mapping, lookup, mapping_type, says_only_unstated
from ssi_lint.simulation.fact import simulation
from ssi_lint.simulation.inputs import reachable_network
from ssi_lint.simulation.parameters import load_parameters
from ssi_lint.ssi import ComponentScore, Estimate, band, declared, estimate, weak_levels
from ssi_lint.ssi_model import PILLAR_POINTS, PILLARS, Advised, Component, Keep, Plan, load_model, render_advice, rule_limit, ssi_levels

if TYPE_CHECKING:
    from ssi_lint.api import Linter

RuleParams = Mapping[str, Mapping[str, Any]]

RISK_CATEGORIES = ("spam-risk", "hygiene", "ads-policy", "plan")
"""Finding categories that are risks to fix before any SSI gain (with every error the plan's file or format has)."""
PILLAR_SECTIONS = {"brand": "profile", "people": "prospecting", "insights": "content", "relationships": "outreach"}
"""The plan section that describes each pillar most."""
MOVED_BY_ADVICE = ("SSI",)
"""Rules judging the SSI figure itself (every SSI rule, SSI001-SSI011): advice is meant to move it, so their findings on a changed plan are not counted."""
class Advice(Struct, frozen=True):
    """One change to the plan and the points it would add to a pillar."""

    pillar: str
    component: str
    gain: float
    """The points, to two decimals, as every gain advice works out (`ComponentScore.gain`, `Component.gain_at`, `capped_gain`)."""
    text: str
    why: str = ""
    """Why the change was adjusted (`alone it would add OUT003 error`), empty when it was not."""
    joined: tuple[str, ...] = ()
    """The components of the changes joined to this one (`PlanCheck`), which are not advised again."""
    unstated: tuple[str, ...] = ()
    """The plan paths of the change's input the plan does not state: the account may already do it (unknown is not 0)."""

    @property
    def said(self) -> str:
        """The change's text, and the fields to state when its input is unknown: one text for advise's list and check's
        top actions (`PillarAdvice`)."""
        state = f" (if the account already does, state {' and '.join(f'`{path}`' for path in self.unstated)})" if self.unstated else ""
        return f"{self.text}{state}"

    def __str__(self) -> str:
        """`+3.0 brand: add a banner image related to your work (B1)`, and the fields to state when the input is unknown."""
        return f"+{self.gain:.1f} {self.pillar}: {self.said}"


def volume_hold(plan: Plan, rule_params: RuleParams | None = None) -> str | None:
    """Why changes that raise outreach volume are held back on this account, or None when they are safe.

    The account is new as OUT006 judges it (`facts.account_age`, its `new_account_days`, configuration applied
    with `rule_params`): an unstated age counts as new, an account used 0 days a week as dormant.
    """
    age, new_days = new_account(plan, rule_params)
    if age["days"] >= new_days:
        return None
    return f"{age['said'][0].lower()}{age['said'][1:]}; under {new_days:g} days of activity ramp up over at least two weeks first (S7)"


def new_account(plan: Plan, rule_params: RuleParams | None = None) -> tuple[dict[str, Any], float]:
    """The account's days of activity as OUT006 judges them (`facts.account_age`) and its `new_account_days` (the run's)."""
    return account_age(plan), load_parameters().applying(rule_params)["new_account_days"]


def notes_hold(plan: Plan, rule_params: RuleParams | None = None) -> str | None:
    """Why a note on every invitation is held back (a free account's quota), or None on a paid account
    (the run's params with `rule_params`)."""
    params = load_parameters().applying(rule_params)
    tier = lookup(plan, ("account", "tier"))
    if tier in params["paid_tiers"]:
        return None
    unstated = "" if tier == "free" else " (account.tier is not stated, so the free quota applies)"
    return f"a free account may add a note to {params['free_note_quota']} invitations in any {params['note_window_days']} days{unstated}"


def network_hold(plan: Plan, rule_params: RuleParams | None = None) -> str | None:
    """Why changes that raise the invitations accepted (caution `network-cap`) are held back, or None when they are safe.

    They are when, at their advised targets, the plan's own volume takes the projected network (`facts.simulation`,
    the run's params with `rule_params`) to a level of OUT010 that the plan as it stands does not reach: SIM002
    would report it; and when the network is already at one (OUT010 reports it), where more accepted invitations
    only take the last places. A network the plan and its export do not give is not projected, and nothing is held.
    """
    params = load_parameters().applying(rule_params)
    size = network_size(plan)
    reached = [(threshold, level) for level, threshold in params["connection_levels"].items() if size and size["count"] >= threshold]
    if reached:
        threshold, level = max(reached)
        cap = int(params["connection_cap"])
        where = (f"at LinkedIn's cap of {cap:,}: no invitation can be accepted" if size["count"] >= cap
                 else f"near LinkedIn's cap of {cap:,}: more accepted invitations only take the last places")
        return f"the network already has {size['count']:,} connections, at or above {threshold:,} (OUT010 {level}), {where}"
    advising = load_model().advising(rule_params)
    capped = [component for component in load_model().components if NETWORK_CAP in component.caution]
    targets = {component.paths[0]: _raised(lookup(plan, component.paths[0]), advising[component.id].target) for component in capped}
    changed = _applied(dict(plan), targets)
    most = reachable_network(changed, int(params["weeks"]), params)
    if most is None or all(most < level for level in params["connection_levels"].values()):
        return None  # no level is within reach, whatever is accepted: nothing to project
    projected = simulation(changed, rule_params)
    after = _connections_top(projected)
    if projected is None or after is None:
        return None
    before = _connections_top(simulation(plan, rule_params))
    if before is not None and before[1]["threshold"] >= after[1]["threshold"]:
        return None
    level, top = after
    advised = listed([component.description.rstrip(".").lower() for component in capped])
    return (f"at the advised {advised}, the plan's invitations would take the network to {top['value']:,} connections in week "
            f"{top['week']}, at or above {top['threshold']:,}, near LinkedIn's cap of {projected['connections']['cap']:,} (SIM002 {level})")


NETWORK_CAP = "network-cap"
"""The caution of a change that grows the network or the invitations accepted: held back when the network would near
LinkedIn's cap (`network_hold`)."""
SHARE = "share"
"""The caution of a change whose field a rule limits to a share of the plan's own (reposts): held back when they allow none (`share_hold`)."""


def share_hold(plan: Plan, rule_params: RuleParams | None = None) -> str | None:
    """Why changes whose field a rule limits to a share of the plan's own fields (caution `share`, reposts: CNT003) are held
    back, or None when they are safe: advice would raise the field to the advised band's low, and the plan's own fields
    (an unstated one counted as 0, as the rule counts it) allow less (`Component.share_most`, the run's params with
    `rule_params`). Advice that lowers the field (bulk reposts) only lowers its share, and is not held back.
    """
    advising = load_model().advising(rule_params)
    for component in load_model().components:
        share, low = component.share, advising[component.id].low
        if share is None or SHARE not in component.caution or low is None:
            continue
        most, now = component.share_most(plan, rule_params), component.measure(plan)
        if most is not None and most < low and not (isinstance(now, float) and now >= low):
            rule = share.cap.partition(".")[0]
            return share.why.format(cap=rule_limit(share.cap, rule_params, upper=True), of=_own(plan, share.of, rule), rule=rule)
    return None


def _own(plan: Plan, paths: Sequence[tuple[str, ...]], rule: str) -> str:
    """`1 a week`: the plan's own fields a share is of, added up, and those it does not state (counted as 0, as the rule counts them)."""
    amounts = {".".join(path): lookup(plan, path) for path in paths}
    stated = {path: amount for path, amount in amounts.items() if isinstance(amount, int | float) and not isinstance(amount, bool)}
    unstated = [path for path in amounts if path not in stated]
    total = f"{sum(stated.values()):g} a week"
    if not unstated:
        return total
    one = len(unstated) == 1
    return f"{total} ({listed(unstated)} {'is' if one else 'are'} not stated: counted as 0, as {rule} counts {'it' if one else 'them'})"


def advised_for(plan: Plan, component: Component, rule_params: RuleParams | None = None, advising: Mapping[str, Advised] | None = None) -> Advised:
    """A component's advice on a plan: the run's band or target (`advising`: `SsiModel.advising` of `rule_params`, when
    the caller has it at hand), within its share of the plan's own fields."""
    run = load_model().advising(rule_params) if advising is None else advising
    return component.within_share(run[component.id], plan, rule_params)


def _raised(value: Any, target: float | None) -> Any:
    """Where advice towards a target leaves a field: at the target, or where it is when it is already above it."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) and target is not None and value > target else target


def _connections_top(projected: Mapping[str, Any] | None) -> tuple[str, Mapping[str, Any]] | None:
    """The highest of OUT010's levels a projection (`facts.simulation`) takes the network to, with its event; None when none."""
    connections = (projected or {}).get("connections", {})
    return next(((level, connections[level]) for level in ("error", "warning", "info") if level in connections), None)


HOLDS = {"volume": volume_hold, "paid-notes": notes_hold, NETWORK_CAP: network_hold, SHARE: share_hold}
"""Per caution, why advice with it is held back on an account (None when it is safe there)."""


def holds(plan: Plan, rule_params: RuleParams | None = None, cautions: Iterable[str] = HOLDS) -> dict[str, str]:
    """Why advice with each of the `cautions` (`volume`, `paid-notes`, `network-cap`) is held back on this account;
    a caution not named is safe. Only the cautions asked about are worked out (`network-cap` projects the plan)."""
    return Holds(plan, rule_params).of(cautions)


class Holds:
    """Why advice with each caution is held back on one plan (`HOLDS`, with the run's `rule_params`), each caution
    worked out when first asked about (`network-cap` projects the plan) and kept for the plan's other questions."""

    def __init__(self, plan: Plan, rule_params: RuleParams | None = None) -> None:
        self._plan, self._rule_params = plan, rule_params
        self._reasons: dict[str, str | None] = {}

    def reason(self, caution: str) -> str | None:
        """Why advice with the caution is held back, or None when it is safe (as a caution not in HOLDS always is)."""
        if caution not in self._reasons:
            hold = HOLDS.get(caution)
            self._reasons[caution] = None if hold is None else hold(self._plan, self._rule_params)
        return self._reasons[caution]

    def of(self, cautions: Iterable[str]) -> dict[str, str]:
        """Why advice with each of the `cautions` is held back, in HOLDS' order; those that are safe are left out."""
        reasons = {caution: self.reason(caution) for caution in HOLDS if caution in cautions}
        return {caution: reason for caution, reason in reasons.items() if reason is not None}

    def hold_back(self, change: Advice) -> bool:
        """Whether a caution of the change's component holds it back (its cautions asked about in HOLDS' order, until one does)."""
        cautions = _cautions(change)
        return any(self.reason(caution) is not None for caution in HOLDS if caution in cautions)


def pillar_room(plan: Plan, result: Estimate) -> dict[str, float]:
    """What each pillar can still gain before its 25 points: 25 minus the pillar advice starts from, the declared value
    where the plan declares one (as the rules judge it), else what the estimate's stated inputs earn (its lower figure,
    which the changes' gains are counted from)."""
    stated = declared(plan) or {}
    return {
        name: max(0.0, PILLAR_POINTS - (stated[name] if name in stated else result.pillars[name].points))
        for name in PILLARS
    }


def _gaining(
    plan: Plan, result: Estimate, rule_params: RuleParams | None, pillars: Iterable[str], room: Mapping[str, float],
) -> list[tuple[ComponentScore, Advised, float]]:
    """The components of the `pillars` with room left (`room`: `pillar_room`'s) whose advice adds points, with the advice
    (capped by `rule_params`, `advised_for`) and its gain (not yet capped by the room). A component the plan earns in
    full is passed over: advice adds at most the points it has left (`advised_gain`)."""
    advising = load_model().advising(rule_params)
    return [
        (score, advised, gain)
        for name in pillars if room[name] > 0
        for score in result.pillars[name].components
        if score.earned < score.component.points
        and (gain := advised_gain(plan, score, advised := advised_for(plan, score.component, rule_params, advising))) > 0
    ]


def _weighed(
    plan: Plan, result: Estimate, rule_params: RuleParams | None, pillars: Iterable[str], room: Mapping[str, float],
    holding: Holds | None = None,
) -> tuple[list[tuple[ComponentScore, Advised, float]], dict[str, str]]:
    """The gaining changes of the `pillars` (`_gaining`, with the `room` left) and why the cautions they carry are held
    back (`holding`'s, else worked out here: `holds`)."""
    gaining = _gaining(plan, result, rule_params, pillars, room)
    holding = holding or Holds(plan, rule_params)
    return gaining, holding.of({caution for score, _, _ in gaining for caution in score.component.caution})


def _candidates(
    plan: Plan, result: Estimate, rule_params: RuleParams | None, pillars: Iterable[str] = PILLARS, holding: Holds | None = None,
) -> tuple[list[Advice], dict[str, str]]:
    """Every change (to the `pillars` given) that adds points, in the model's order, with its full gain; and why the
    cautions some of them carry are held back (`holding`'s, else worked out here: `holds`)."""
    gaining, held = _weighed(plan, result, rule_params, pillars, pillar_room(plan, result), holding)
    return _worded(plan, gaining, rule_params), held


def _worded(plan: Plan, gaining: Sequence[tuple[ComponentScore, Advised, float]], rule_params: RuleParams | None) -> list[Advice]:
    """The changes of gaining components (`_gaining`), in their order, with their full gains (on a dormant account,
    with what the advice to use it again must add: `dormant_note`)."""
    dormant = dormant_note(plan, rule_params) if gaining else {}
    return [
        Advice(score.component.pillar, score.component.id, gain, advised.text + dormant.get(score.component.id, ""), unstated=score.unstated)
        for score, advised, gain in gaining
    ]


def _cautions(change: Advice) -> frozenset[str]:
    """The cautions of a change's component (`Component.caution`)."""
    return load_model().by_id[change.component].caution


def capped_gain(change: Advice, room: Mapping[str, float]) -> float:
    """A change's gain, at most what its pillar can still gain (`room`), to two decimals (as the gain already is)."""
    left = room[change.pillar]
    return round(left, 2) if left < change.gain else change.gain


def best_change(changes: Sequence[Advice], room: Mapping[str, float]) -> Advice | None:
    """The change to take next, its gain capped at what its pillar can still gain (`room`); None when none adds.

    Those that grow the network alone come after every other change (R1), then the largest capped gain first; ties keep
    the order given (the model's)."""
    capped = [(_rank(change, gain, index), change, gain) for index, change in enumerate(changes) if (gain := capped_gain(change, room)) > 0]
    if not capped:
        return None
    _, change, gain = min(capped, key=itemgetter(0))
    return change if gain == change.gain else replace(change, gain=gain)


def _rank(change: Advice, gain: float, index: int) -> tuple[bool, float, int]:
    """A change's place (`best_change`, `ranked`): those that grow the network alone last (R1), then the largest
    gain first, then the order given (the model's)."""
    return NOT_ALONE in _cautions(change), -gain, index


def ranked(
    changes: Sequence[Advice], room: Mapping[str, float], limit: int | None = None, held: Callable[[Advice], bool] | None = None,
) -> list[Advice]:
    """The changes best first (`best_change`), each gain capped at what its pillar can still gain after the changes before
    it (`room`: per pillar, what it can gain now); those that would gain nothing are left out. With a `limit`, only
    the first so many: the changes after them do not move them. With `held`, those it holds back are left out too,
    as if they were not given: each is asked about only when it comes next, so what holds a change back is worked
    out only for the changes that come that far (`safe_changes`).

    A taken change only shrinks the room, so a queued change's capped gain only falls: the best queued one whose
    gain still holds is the best of all, and one whose gain fell is queued again at its new place (one heap, not a
    scan of every change for each one taken).
    """
    room = dict(room)
    queue = [(_rank(change, change.gain, index), change) for index, change in enumerate(changes)]
    heapq.heapify(queue)
    order: list[Advice] = []
    taken: set[str] = set()
    while queue and (limit is None or len(order) < limit):
        (alone, queued, index), change = heapq.heappop(queue)
        gain = capped_gain(change, room)
        if gain <= 0 or change.component in taken:
            continue
        if -gain != queued:
            heapq.heappush(queue, ((alone, -gain, index), change))
            continue
        if held is not None and held(change):
            continue
        taken.add(change.component)
        room[change.pillar] -= gain
        order.append(change if gain == change.gain else replace(change, gain=gain))
    return order


def safe_changes(
    plan: Plan, result: Estimate, rule_params: RuleParams | None = None, pillars: Iterable[str] = PILLARS, limit: int | None = None,
    holding: Holds | None = None,
) -> list[Advice]:
    """Every change (to the `pillars` given) that adds points and is safe for the account (`holding`: what is known of
    the plan's holds, else worked out here), best first (`ranked`; with a `limit`, the first so many).

    Changes that grow the network alone come after every other change (R1).
    Ties keep the model's order, so the changes of one pillar, taken in this
    order, are that pillar's own ranking. A band or target a rule limits asks
    for no more than the rule's param allows (`rule_params`: the run's,
    configuration applied; None: the defaults), and its gain is what the plan
    earns there, at most what the pillar can still gain (`pillar_room`).
    """
    room = pillar_room(plan, result)
    changes = _worded(plan, _gaining(plan, result, rule_params, pillars, room), rule_params)
    return ranked(changes, room, limit, (holding or Holds(plan, rule_params)).hold_back)


NOT_ALONE = "not-alone"
"""The caution of a change advised only after every other one (growing the network: R1)."""


ACCOUNT_USE = "active_days"
"""The component that asks for the account to be used more days a week (`account.active_days_per_week`)."""


def dormant_note(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, str]:
    """On a dormant account (used 0 days a week), what the advice to use it again must add: it stays a new account.

    Using it every day ends the dormancy the plan states, but not the lack of recent activity that OUT006 judges;
    the plan then states its days of activity as `account.age_days`. Empty on any other account.
    """
    age, new_days = new_account(plan, rule_params)
    if age["basis"] != "idle":
        return {}
    return {ACCOUNT_USE: f"; the account stays new until it has {new_days:g} days of activity again: set account.age_days to those days (0 now)"}


def advised_gain(plan: Plan, score: ComponentScore, advised: Advised) -> float:
    """The points a component's advice adds: full ones, unless a rule's cap keeps it below the model's band or target
    (no value earns a component more than its points, so never more than it has left: `ComponentScore.gain`)."""
    component = score.component
    if component.earn == "linear" and advised.target is not None and advised.target != component.target:
        return component.gain_at(advised.target, score.earned)
    if component.earn == "band" and (advised.low, advised.high) != (component.low, component.high):
        return component.gain_at(band_value(advised, component.measure(plan)), score.earned)
    return score.gain


def band_value(advised: Advised, measure: Any) -> float:
    """Where a band's advice moves the field: it stays where it is inside the advised band, else goes to the band's high."""
    assert advised.low is not None and advised.high is not None
    if isinstance(measure, int | float) and advised.low <= measure <= advised.high:
        return float(measure)
    return advised.high


def held_back(
    plan: Plan, result: Estimate, rule_params: RuleParams | None = None, pillars: Iterable[str] = PILLARS, holding: Holds | None = None,
) -> dict[str, list[str]]:
    """The components (of the `pillars` given) whose advice is held back for this account, by the reason (empty when none
    is; `holding`: what is known of the plan's holds, else worked out here)."""
    withheld: dict[str, list[str]] = {}
    gaining, held = _weighed(plan, result, rule_params, pillars, pillar_room(plan, result), holding)
    for caution, reason in held.items():
        for score, _, _ in gaining:
            if caution in score.component.caution:
                withheld.setdefault(reason, []).append(score.component.description.rstrip(".").lower())
    return withheld


@mapping_type  # messages read a pillar's line through it, plan after plan
class PillarAdvice(Mapping[str, str]):
    """Per pillar, its top safe changes as one line: `{brand: "+3.0 write ... (X1); +2.0 ...", ...}` (bands and
    targets capped by the rules' params, `rule_params`: the run's; None: the defaults).

    A pillar's line is worked out when it is first read: a message names one or two weak pillars, not four.
    The changes of one pillar, in `safe_changes`' order, are that pillar's own ranking, so a line is the
    same whether it is worked out alone or with the others.
    """

    def __init__(self, plan: Plan, limit: int = 3, rule_params: RuleParams | None = None) -> None:
        self._plan, self._limit, self._rule_params = plan, limit, rule_params
        self._lines: dict[str, str] = {}
        self._holding = Holds(plan, rule_params)
        """Why advice is held back on the plan, worked out as the lines ask (the same for every pillar)."""

    def __getitem__(self, name: str) -> str:
        line = self._lines.get(name)
        if line is None:
            if name not in PILLARS:
                raise KeyError(name)
            result = estimate(self._plan, self._rule_params)
            changes = safe_changes(self._plan, result, self._rule_params, (name,), self._limit, self._holding)
            line = "; ".join(f"+{change.gain:.1f} {change.said}" for change in changes)
            if not line:
                withheld = held_back(self._plan, result, self._rule_params, (name,), self._holding)
                held = "; ".join(f"{_is_held(items)}, because {reason}" for reason, items in withheld.items())
                line = f"{NO_SAFE_CHANGE}: {held}" if held else f"none: {NO_CHANGE_KNOWN}"
            self._lines[name] = line
        return line

    def __iter__(self) -> Iterator[str]:
        return iter(PILLARS)

    def __len__(self) -> int:
        return len(PILLARS)


NO_SAFE_CHANGE = "none that is safe for this account yet"
"""A pillar's advice line when no change to it is safe for the account (then each change held back, and why)."""
NO_CHANGE_KNOWN = "the model knows no change to the plan that would add to it"
"""Why a pillar has no advice when no change to it would add points (the plan earns all the model gives it), safe or not."""


def _is_held(items: list[str]) -> str:
    """`share of invitations accepted is held back`: the components whose advice is held back, as a clause."""
    return f"{listed(items)} {'is' if len(items) == 1 else 'are'} held back"


def pillar_advice(plan: Plan, limit: int = 3, rule_params: RuleParams | None = None) -> PillarAdvice:
    """Per pillar, its top safe changes as one line, each worked out when first read (see `PillarAdvice`)."""
    return PillarAdvice(plan, limit, rule_params)


def judged_pillars(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, float]:
    """Each pillar as the rules judge it (`facts.ssi`, with the run's `rule_params`): the declared value, else the estimate
    of a described pillar."""
    known = ssi(plan, rule_params) or {}
    return {name: known[name] for name in PILLARS if name in known}


LOWER_BOUND = "at least, from the least its pillars can be"
"""`reference_total`'s source for a total known only from below."""
COUNTED = "counted"
"""`reference_total`'s source for a declared total the plan doubts: the figure the rules count it as (`facts.ssi_judged.counted`)."""


def reference_total(plan: Plan, result: Estimate, rule_params: RuleParams | None = None) -> tuple[float | None, str]:
    """The SSI advice starts from: the declared total (as the rules count it: capped by its declared pillars, and
    for a total the plan doubts the most the model allows, so that no gain is added to a figure the plan does not
    support), else the sum of the pillars when each is declared or described, else that sum over the pillars it
    knows when it reaches the floor (a lower bound). `rule_params`: the run's, as the rules' facts apply them."""
    stated = declared(plan) or {}
    if "total" in stated and math.isfinite(stated["total"]):
        judged = ssi_judged(plan, rule_params)
        if judged["counted"] is not None and judged["counted"] < judged["total"]:
            return judged["counted"], COUNTED
        if judged["total"] is not None and judged["total"] < stated["total"]:
            return judged["total"], "declared, capped by its pillars"
        return stated["total"], "declared"
    known = ssi(plan, rule_params) or {}
    if "total" in known:
        return known["total"], known["sources"]["total"]
    at_least = ssi_judged(plan, rule_params)["at_least"]  # without a total: the known pillars' sum, when it reaches the floor
    if at_least is not None:
        return at_least, LOWER_BOUND
    return None, "unknown"


def advise(plan: Plan, target: float | None = None, rule_params: RuleParams | None = None, check: PlanCheck | None = None) -> list[Advice]:
    """Safe changes: the best one for each weak pillar, then by gain until the SSI would reach target (None: where the
    optimal band starts, SSI001's warning level with `rule_params`).

    Each gain is capped at what its pillar can still gain after the changes taken before it (`pillar_room`), and
    the changes are ranked on the capped gain (`best_change`). With a `check`, each change is tried on the plan (with
    the changes before it) before it is taken: one that would make the checks report more is adjusted or left out
    (`check.left_out` says why), and the next one is taken in its place; a change held back for the account
    (`holds`) is judged again on the plan with the changes taken so far (reposts once posts are advised).
    """
    target = ssi_levels(rule_params).optimal if target is None else target
    result = estimate(plan, rule_params)
    candidates, held = _candidates(plan, result, rule_params)
    room = pillar_room(plan, result)
    levels = weak_levels(rule_params)
    weak = [name for name, points in judged_pillars(plan, rule_params).items() if points < levels[name]]
    used: set[str] = set()
    chosen: list[Advice] = []

    def open_changes(pillars: Iterable[str] = PILLARS) -> list[Advice]:
        return [change for change in candidates
                if change.component not in used and change.pillar in pillars and not held.keys() & _cautions(change)]

    def take(change: Advice) -> Advice | None:
        nonlocal candidates, held
        used.add(change.component)
        kept = check.accept(change, ranked(open_changes(), room)) if check else change
        if kept is None:
            return None
        kept = replace(kept, gain=capped_gain(kept, room))
        room[kept.pillar] -= kept.gain
        chosen.append(kept)
        used.update(kept.joined)
        if held and check is not None:
            candidates, held = _released(candidates, held, check.state, rule_params)
        return kept

    for name in weak:
        while (change := best_change(open_changes((name,)), room)) is not None:
            if take(change) is not None:
                break
    start, _ = reference_total(plan, result, rule_params)
    total = (start if start is not None else result.total) + sum(change.gain for change in chosen)
    while total < target and (change := best_change(open_changes(), room)) is not None:
        if (kept := take(change)) is not None:
            total += kept.gain
    return chosen


def _released(
    candidates: list[Advice], held: dict[str, str], state: Plan, rule_params: RuleParams | None,
) -> tuple[list[Advice], dict[str, str]]:
    """The candidates and holds once the held cautions are judged again on the plan with the changes taken so far
    (`state`): a change no longer held back is worded and weighed on that plan (reposts within the share of the posts
    advised)."""
    holding = Holds(state, rule_params)  # the holds judged once on `state`, for both questions
    still = holding.of(held)
    released = held.keys() - still.keys()
    if not released:
        return candidates, held
    fresh = {change.component: change for change in _candidates(state, estimate(state, rule_params), rule_params, holding=holding)[0]}
    return [fresh.get(change.component, change) if released & _cautions(change) else change for change in candidates], still


class PlanCheck:
    """Tries advice on the plan before it is shown: applies each change to a copy (with the changes taken before it)
    and runs the run's checks on it (the command's Linter: its rules, selection, params and severities).

    A change that would add a finding (a rule at a place where it found nothing, or at a higher level) is
    adjusted: the fields its component `keep`s are held at the value in force; else a band is narrowed to the
    end that adds nothing; else it is joined with another safe change about the part of the plan the new finding
    is about (posting more beside fewer reposts). Else it is left out, with why (`left_out`). Findings that only
    say the plan does not state a field (a rule's `unstated` wording, as a section the change starts is otherwise
    empty; a coverage rule's (`model.says_only_unstated`) about a field the change does not set) and those judging the SSI figure (MOVED_BY_ADVICE)
    are not counted. Changes to what the plan's texts and lists say (a headline, skills, search passes) are not
    tried: their findings depend on the words chosen.
    """

    def __init__(self, linter: Linter, plan: Plan, rule_params: RuleParams | None = None, unknown: Iterable[PlanPath] = ()) -> None:
        self.linter = linter
        self.plan = plan
        self.unknown = tuple(unknown)
        """Paths the plan's source cannot show (`Document.unknown`): as in `check`, no rule speaks of them."""
        self.state: dict[str, Any] = dict(plan)  # changes are applied to copies (`_applied`): the plan itself never changes
        self.found = self.verdicts(self.state)
        self.left_out: list[tuple[Advice, str]] = []
        """The changes left out, each with the findings it would add (`OUT003 error, SIM001 info`)."""
        self._tried: dict[int, tuple[dict[str, Any], dict[str, dict[str, Severity]]]] = {}
        """The plans and verdicts of the latest `_added` call's trials, by the trial's id, for `_take`."""
        self.rule_params = rule_params
        self.components = {component.id: component for component in load_model().components}
        self.risks = {compiled.rule.id: compiled.rule.risk for compiled in linter.ruleset.evaluator.rules if compiled.rule.risk}
        """The risk each rule reports, where other rules report it too (`Rule.risk`), by rule id."""

    def verdicts(self, plan: Mapping[str, Any]) -> dict[str, dict[str, Severity]]:
        """What the run's checks find on a plan, as `{rule id: {path: level}}`, without the findings not counted."""
        from ssi_lint.engine.subjects import states_subject, subject_path

        linter = self.linter
        found: dict[str, dict[str, Severity]] = {}
        for match in linter.ruleset.evaluator.matches(plan, strict=True):
            compiled = match.compiled
            rule_id = compiled.rule.id
            if rule_id.startswith(MOVED_BY_ADVICE) or not linter.selection.selects(rule_id):
                continue
            if compiled.unstated is not None and not states_subject(match):
                continue  # says only that the plan does not state a field
            if self.unknown and any(compiled.judges(path, match.path) for path in self.unknown):
                continue
            severity = linter.severities.get(rule_id, match.severity)
            places = found.setdefault(rule_id, {})
            path = format_path(subject_path(match))
            places[path] = max(places.get(path, severity), severity)
        return found

    def accept(self, change: Advice, others: Sequence[Advice]) -> Advice | None:
        """The change as it can be advised (adjusted where it must be), taken into the plan; None when it is left out."""
        component = self.components[change.component]
        trials = self._trials(component)
        if not trials:
            return change  # nothing it sets can be tried: a text or a list the user writes
        added = self._added(trials)
        if not added:
            self._take(trials[0])
            return change
        alone = _named(added)
        pins = self._pins(component)
        if pins and not self._added(with_pins := [{**trial, **{path: value for path, (_, value) in pins.items()}} for trial in trials]):
            self._take(with_pins[0])
            kept = "; ".join(f"keep {format_path(keep.path)} at {value:g} {keep.why}" for keep, value in pins.values())
            return replace(change, text=f"{change.text}; {kept}", why=f"alone it would add {alone}")
        narrowed = self._narrowed(change, component, trials)
        if narrowed is not None:
            return replace(narrowed, why=f"the whole range would add {alone}")
        for other in others:
            if _about(self.components[other.component], added):
                joined = [{**trial, **extra} for trial in trials for extra in self._trials(self.components[other.component])]
                if joined and not self._added(joined):
                    self._take(joined[0])
                    return replace(change, gain=round(change.gain + other.gain, 2), text=f"{change.text}, and {other.text}",
                                   why=f"the first alone would add {alone}", joined=(*change.joined, other.component))
        self.left_out.append((change, alone))
        return None

    def _trials(self, component: Component) -> list[dict[tuple[str, ...], Any]]:
        """The values the change sets, one mapping per value to try (a band's two ends); empty when there is none to try."""
        advised = advised_for(self.state, component, self.rule_params)  # a share is of the plan with the changes before it
        path = component.paths[0]
        kind = self._kind(path)
        current = lookup(self.state, path)
        if component.earn == "choice":
            best = max(component.weights, key=lambda value: component.weights[value])
            return [{path: best}]
        if component.earn == "present":
            return [{path: True}] if kind == "boolean" else []
        if kind not in ("integer", "number"):
            return []
        if component.earn == "band":
            assert advised.low is not None and advised.high is not None
            return [{path: _count(end, kind)} for end in dict.fromkeys((advised.high, advised.low))]
        others = sum(amount for other in component.paths[1:] if isinstance(amount := lookup(self.state, other), int | float))
        assert advised.target is not None
        return [{path: _count(max(advised.target - others, current if isinstance(current, int | float) else 0), kind)}]

    def _kind(self, path: tuple[str, ...]) -> str:
        """The plan schema's type for a field (`integer`, `boolean`, ...), empty when unknown."""
        from ssi_lint.schema import subschema

        kind = (subschema(self.linter.plan_schema, path) or {}).get("type", "")
        return kind if isinstance(kind, str) else ""

    def _added(self, trials: list[dict[tuple[str, ...], Any]]) -> dict[tuple[str, str], Severity]:
        """The findings any of the trials adds to those of the plan so far, as `{(rule id, path): level}`.

        A rule adds a finding when it finds more, or finds something at a higher level: its levels, most severe
        first, rise somewhere. A finding that only moves (the same rule and level at a place the change opens,
        `outreach.pending` for `outreach`) adds nothing, nor does one whose risk the plan already reports at the
        same or a higher level (`reported`).
        """
        added: dict[tuple[str, str], Severity] = {}
        self._tried = {}
        for trial in trials:
            self._tried[id(trial)] = (changed := _applied(self.state, trial), found := self.verdicts(changed))
            for rule_id, found_places in found.items():
                places = {path: level for path, level in found_places.items() if not _left_unstated(rule_id, path, trial)}
                before = self.found.get(rule_id, {})
                if _worse(sorted(places.values(), reverse=True), sorted(before.values(), reverse=True)):
                    new = {path: level for path, level in places.items() if path not in before or level > before[path]} or places
                    for path, level in new.items():
                        if not self.reported(rule_id, level):
                            added[rule_id, path] = max(added.get((rule_id, path), level), level)
        return added

    def reported(self, rule_id: str, level: Severity) -> bool:
        """Whether the plan so far already reports the risk of a rule's finding (`Rule.risk`: another rule of the same
        risk, or the rule itself) at this level or a higher one: the finding is then no new risk (the backlog HYG001
        reports now, which SIM001 reports projected once the change lowers it below HYG001's level)."""
        risk = self.risks.get(rule_id)
        return risk is not None and any(
            level <= was for other, places in self.found.items() if self.risks.get(other) == risk for was in places.values()
        )

    def _take(self, trial: dict[tuple[str, ...], Any]) -> None:
        """Take a tried change into the plan that later changes are tried on."""
        self.state, self.found = self._tried[id(trial)]

    def _pins(self, component: Component) -> dict[tuple[str, ...], tuple[Keep, float]]:
        """The fields the component keeps, each with the value in force now (a fact's), where the plan does not state it."""
        facts = {fact.name: fact for fact in BUILTIN_FACTS}
        pins: dict[tuple[str, ...], tuple[Keep, float]] = {}
        for keep in component.keep:
            value = facts[keep.fact].compute(self.state) if lookup(self.state, keep.path) is None else None
            if isinstance(value, int | float) and not isinstance(value, bool):
                pins[keep.path] = (keep, value)
        return pins

    def _narrowed(self, change: Advice, component: Component, trials: list[dict[tuple[str, ...], Any]]) -> Advice | None:
        """A band's change narrowed to the one value that adds nothing, or None."""
        if component.earn != "band" or len(trials) < 2:
            return None
        for trial in trials:
            value = next(iter(trial.values()))
            gain = component.gain_at(value, component.earned(self.plan))
            if gain > 0 and not self._added([trial]):
                self._take(trial)
                return replace(change, gain=gain, text=render_advice(component.advice_template, value, value, None))
        return None


def _applied(plan: dict[str, Any], values: Mapping[tuple[str, ...], Any]) -> dict[str, Any]:
    """A copy of the plan with the values set (the mappings on their way made, or copied where they are changed)."""
    changed = dict(plan)
    for path, value in values.items():
        node = changed
        for key in path[:-1]:
            inner = node.get(key)
            node[key] = dict(inner) if isinstance(inner, Mapping) else {}
            node = node[key]
        node[path[-1]] = value
    return changed


def _count(value: float, kind: str) -> float | int:
    """A value as the field takes it: a whole number for an integer field."""
    return math.ceil(value) if kind == "integer" else value


def _about(component: Component, added: Mapping[tuple[str, str], Severity]) -> bool:
    """Whether a component reads the part of the plan a finding is about (one path inside the other)."""
    return any(
        path and (path == mine or mine.startswith(f"{path}.") or path.startswith(f"{mine}."))
        for _, path in added for mine in component.dotted_paths
    )


def _left_unstated(rule_id: str, path: str, trial: Mapping[tuple[str, ...], Any]) -> bool:
    """Whether a finding says only that the plan does not state a field the trial does not set (a coverage rule's, at
    neither a field it sets nor inside one: an absent field's finding points at its nearest present parent)."""
    return says_only_unstated(rule_id) and not any(path == (dotted := ".".join(field)) or path.startswith(f"{dotted}.") for field in trial)


def _worse(after: list[Severity], before: list[Severity]) -> bool:
    """Whether a rule's levels (most severe first) rise: a finding more, or one at a higher level."""
    return len(after) > len(before) or any(level > was for level, was in zip(after, before, strict=False))


def _named(added: Mapping[tuple[str, str], Severity]) -> str:
    """`OUT003 error, SIM001 info`: the rules a change would make report more, each at its highest level, in rule order."""
    levels: dict[str, Severity] = {}
    for (rule_id, _), severity in added.items():
        levels[rule_id] = max(levels.get(rule_id, severity), severity)
    return ", ".join(f"{rule_id} {severity.label}" for rule_id, severity in sorted(levels.items()))


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


def advice_report(document: Document, findings: Sequence[Finding], target: float | None = None, linter: Linter | None = None) -> str:
    """`ssi-lint advise` as text: the SSI, the risks to fix first, then the safe changes to the target (None: where the
    optimal band starts, SSI001's warning level as the run configures it).

    With the run's `linter`, bands and targets are capped by its rules' params (configuration applied) and each
    change is tried on the plan with its checks first (`PlanCheck`); without one, the built-in defaults cap them.
    Raises InputError naming the first load problem when the file is not a plan, or when the target is no SSI (NaN,
    below 0, above 100).
    """
    if target is not None and not 0 <= target <= 100:
        raise InputError(f"the target SSI must be a number from 0 to 100, not {target}")
    if not isinstance(document.data, Mapping):
        problem = document.problems[0] if document.problems else None
        where = f"{problem.file or document.source}:{problem.position.line}:{problem.position.column}" if problem else document.source
        raise InputError(f"{where}: {problem.message if problem else 'not a plan (a YAML mapping)'}")
    plan: dict[str, Any] = dict(document.data)
    rule_params = linter.applied_params() if linter is not None else None
    result = estimate(plan, rule_params)
    start, source = reference_total(plan, result, rule_params)
    lines = [f"{document.source}: {_headline(plan, result, start, source, rule_params)}"]
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
        lines.append(f"The plan describes too little to estimate its SSI. {_to_describe(plan, result)}")
        return _close(lines)
    check = PlanCheck(linter, plan, rule_params, document.unknown) if linter is not None else None
    lines += _changes(plan, result, start, source, ssi_levels(rule_params).optimal if target is None else target, bool(found), check)
    return _close(lines)


def _to_describe(plan: Plan, result: Estimate) -> str:
    """What to describe first, for a plan that describes no pillar: the sections it lacks, and the inputs worth most
    (`PillarScore.unstated`, worth most first) of those it has."""
    missing = [f"{PILLAR_SECTIONS[name]} ({name})" for name in PILLARS if not is_mapping(plan.get(PILLAR_SECTIONS[name]))]
    thin = [
        f"{name}: {', '.join(f'`{path}`' for path in result.pillars[name].unstated[:_INPUTS_NAMED])}"
        for name in PILLARS if is_mapping(plan.get(PILLAR_SECTIONS[name])) and result.pillars[name].unstated
    ]
    parts = ([f"Add the sections it lacks: {listed(missing)}."] if missing else []) + (
        [f"State the inputs worth most of the pillars of the sections it has: {'; '.join(thin)}."] if thin else [])
    return " ".join(parts)


_INPUTS_NAMED = 3
"""The unstated inputs named for each section a plan has, when it describes too little to estimate its SSI."""


def _headline(plan: Plan, result: Estimate, start: float | None, source: str, rule_params: RuleParams | None) -> str:
    levels = ssi_levels(rule_params)
    if source == COUNTED and start is not None:
        return f"SSI counted as {start:g} ({band(start, levels)}): the rules judge {ssi_judged(plan, rule_params)['text']}"
    if source == LOWER_BOUND and start is not None:
        most = ssi_judged(plan, rule_params)["at_most"]
        upto = f" to {most:g}" if most is not None and most > start else " or more"
        return (f"SSI {start:g}{upto} (no total: the least{' and the most' if upto != ' or more' else ''} its pillars can be, "
                "each as declared, estimated from the plan, or unknown)")
    if source == "estimated" and start is not None:
        if not result.exact and result.most > start:  # what the plan states earns `start`; what it leaves out could add up to `most`
            low, high = band(start, levels), band(result.most, levels)
            bands = low if low == high else f"{low} to {high}"
            return f"estimated SSI {start:.1f} to {result.most:.1f} ({bands}: the plan leaves inputs unstated)"
        return f"estimated SSI {start:.1f} ({band(start, levels)})"
    if start is not None:
        described = f"; the estimate says {result.total:.1f}" if source.startswith("declared") and result.complete else ""
        return f"SSI {start:g} ({source}, {band(start, levels)}){described}"
    stated = declared(plan) or {}
    undescribed = ", ".join(name for name in result.undescribed if name not in stated)
    declares = "declares no total" if stated else "declares none"
    at_most = ssi_judged(plan, rule_params)["at_most"]  # the known pillars and 25 for each other: below the optimal band, it settles a verdict
    if not stated and result.stated:  # nothing declared, some inputs stated: the estimate's range, as check and the JSON report give it
        return (f"estimated SSI {result.total:.1f} to {result.most:.1f}: the plan declares none and describes too little of "
                f"{undescribed} to judge it")
    bound = f", at most {at_most:g} ({band(at_most, levels)} or lower)" if at_most < levels.optimal else ""
    return f"SSI unknown{bound}: the plan {declares} and describes too little of {undescribed} to estimate it"


def _changes(plan: Plan, result: Estimate, start: float | None, source: str, target: float, risky: bool, check: PlanCheck | None) -> list[str]:
    rule_params = check.linter.applied_params() if check is not None else None
    changes = advise(plan, target, rule_params, check)
    unhelped = _unhelped(plan, result, changes, check, rule_params)
    lines = []
    if start is not None and start >= target and not changes:
        unknown = [name for name in result.undescribed if name not in (declared(plan) or {})]  # neither declared nor described
        if unhelped:
            lines.append(f"The SSI ({start:g}, {source}) already reaches {target:g}.")
        elif not unknown:
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
        for change in changes:
            lines.append(f"  {change}")
            if change.why:
                lines.append(f"      ({change.why})")
        if start is not None:
            reached = min(start + sum(change.gain for change in changes), 4 * PILLAR_POINTS)
            count = "this change" if len(changes) == 1 else f"these {len(changes)} changes"
            lines.append(f"With {count} the SSI would be about {reached:.1f} ({band(reached, ssi_levels(rule_params))}).")
    lines += unhelped
    for change, added in check.left_out if check is not None else ():
        lines.append(f"Left out: {change.text} (+{change.gain:.1f} {change.pillar}): with it `ssi-lint check` would add {added}.")
    undeclared = [name for name in result.undescribed if name not in (declared(plan) or {})]  # a declared pillar is known
    if undeclared:
        lines.append(f"The plan states too little about {', '.join(undeclared)}; what it leaves out counts as missing.")
    after = check.state if check is not None else plan  # what is held back is judged on the plan with the changes advised
    for reason, withheld in held_back(after, estimate(after, rule_params), rule_params).items():
        lines.append(f"Held back, because {reason}: {', '.join(withheld)}.")
    return lines


def _unhelped(plan: Plan, result: Estimate, changes: Sequence[Advice], check: PlanCheck | None, rule_params: RuleParams | None) -> list[str]:
    """A line for each weak pillar (below its weak level, SSI003-SSI006's `min`: `weak_levels`) that no change advised strengthens, with why.

    Why: the changes to it that were left out (with what `ssi-lint check` would add), those held back for the account,
    or else that the model knows no change that would add to it.
    """
    helped = {change.pillar for change in changes}
    levels = weak_levels(rule_params)
    weak = [name for name, points in judged_pillars(plan, rule_params).items() if points < levels[name] and name not in helped]
    texts = (ssi(plan, rule_params) or {}).get("texts", {})
    after = check.state if check is not None else plan  # held back on the plan with the changes advised, as `_changes` says
    lines = []
    for name in weak:
        why = [f"{change.text} is left out (below)" for change, _ in (check.left_out if check else ()) if change.pillar == name]
        why += [f"{_is_held(held)} (below)" for held in held_back(after, estimate(after, rule_params), rule_params, (name,)).values()]
        verdict = f"no change to it is safe for this account yet: {'; '.join(why)}" if why else NO_CHANGE_KNOWN
        lines.append(f"The {name} pillar is {texts[name]}, below {levels[name]:g}, and {verdict}.")
    return lines


def _close(lines: list[str]) -> str:
    lines.append("LinkedIn does not publish its formula: these points are estimates (docs/ssi-model.md).")
    return "\n".join(lines) + "\n"

