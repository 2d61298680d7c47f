"""Generate docs/ssi-model.md from the SSI model file, so the explanation never drifts from the data."""

from __future__ import annotations

from ssi_lint.rule_docs import guidance_items
from ssi_lint.ssi import LAGGARD, WEAK_PILLAR
from ssi_lint.ssi_model import PILLAR_POINTS, PILLARS, Component, SsiModel, load_model, rule_limit, ssi_levels

INTRO = """\
# The SSI estimate

<!-- Generated from ssi_lint/ssi_model.yaml by ssi_lint.ssi_docs.render_markdown; do not edit by hand. -->

**LinkedIn does not publish how it calculates the Social Selling Index.** Its
help page "How SSI is calculated" only names the inputs of each pillar. What
ssi-lint shows is an *estimate*: a transparent model built from those inputs
and from the SSI article's guidance (GUIDANCE.md), scored on what the plan
says. It tells you which pillar the plan leaves weak and which changes would
help most; it does not reproduce the number on linkedin.com/sales/ssi. When
the plan declares that number (`account.ssi`), the rules use it and the
estimate is shown beside it. The SSI is the sum of its pillars, so four
declared pillars give the total, and a declared total with three pillars
gives the fourth (the total less the three, when that is a pillar's score
from 0 to 25; messages say `the declared total less the other pillars`).

## How a plan earns points

SSI has four pillars of {pillar:g} points each, {total:g} in total. In the model each
pillar is split into components whose points add up to exactly {pillar:g}. A
component reads one or more plan fields and earns its points in one of four ways:

- **present**: full points when the field is true, non-empty or above 0.
- **linear**: points x value / target, capped at full points. A list counts
  its items; several fields are added up.
- **band**: full points inside [low, high]; below it, points x value / low;
  above it, points x high / value (too much is as suspicious as too little).
- **choice**: points x the weight of the value given.

A choice with a `quota` earns its weight only on the invitations the quota
allows it on: LinkedIn lets a free account add a note to {notes:g} invitations a
month (`{quota}`, with the configuration `check` uses), so on
an account not stated to be paid the invitation note counts only the notes a
free account can send: points x weight x {notes:g} / the invitations a month
(`facts.personal_notes_per_month`), at most the whole weight. 100
personalized invitations a week are 429 a month: the note earns 4 x {notes:g}/429
of its 4 points. A paid tier (`premium`, `sales_navigator`, `recruiter`)
earns the whole weight. With `account.tier` unstated the note is a range,
from what a free account earns to what a paid one does, and `account.tier`
is among the unstated fields (a template note: at most 1 point, its weight);
on a free account whose invitation volume is unknown, from 0 (and
`outreach.invitations.per_week` is unstated).

A field the plan does not state is unknown, not 0, so the estimate is a range:
its lower figure is what the fields the plan states earn (each unstated one
counted as 0), its higher figure adds all the points the unstated fields could
earn at their best. A plan that states every field gets one figure. A pillar
counts as *described* when the fields the plan states are worth at least
{coverage:.0%} of its points; rules judge only described pillars, and the
estimated total only when all four are described.

A verdict on an estimate holds only if it holds over the whole range: SSI001
calls the SSI below {floor:g} (or {low:g}) only when even the higher figure is,
SSI003-SSI006 call a pillar weak only when even its higher figure is below
{weak:g}, and SSI008 calls it a leader only when the lower figure is above
{high:g}. When the range lies on both sides of the line, SSI011 says the
estimate cannot tell and names the unstated fields worth most. What may raise
a limit never counts the unstated fields: the volume rules judge an SSI whose
lower figure is below {floor:g} as below {floor:g}, and say so, and a declared
total above what the pillars allow from what the plan states raises no limit.

## Bands

| total | band | source |
|---|---|---|
| below {laggard:g} | laggard | LinkedIn |
| {laggard:g} to below {floor:g} | below-floor | the article: keep SSI at {floor:g} or above (S10) |
| {floor:g} to below {low:g} | below-optimal | the article: {low:g}-{high:g} is optimal (S5) |
| {low:g} to {high:g} | optimal | the article (S5) |
| above {high:g} | leader | LinkedIn |

A pillar below {weak:g} of {pillar:g} is weak (SSI003-SSI006 name its top actions). That level is
SSI003-SSI006's `min` (brand, people, insights, relationships), and a configured
one (`params: {{SSI003: {{min: 15}}}}`) moves the verdict, the chart's `weak`
mark, the JSON report's `weak_below` and `ssi-lint advise` at once.

## Where it shows

- `ssi-lint PLAN`: text output ends each plan with a chart of the four pillars
  and the total against the floor of {floor:g} and the {low:g}-{high:g} band (a pillar the plan
  states nothing about is shown as unknown, `?`, not as 0; a range as `#` up
  to its lower figure and `?` up to its higher one, with the unstated fields
  listed under the chart); JSON output carries
  `ssi: {{estimate, estimate_at_most, unstated_inputs, declared, counted, band, bands, undescribed, unstated, reason}}`
  for every file: the lower and the higher figures, the unstated fields per
  pillar (worth most first), and, when `band` is null, the `reason` (a pillar
  with none of its inputs stated has null figures, and so has the total then:
  unknown, not 0; a file with nothing to estimate has every figure null).
  Without a declared total, the pillars bound the SSI: a declared pillar is
  itself, an estimated one its range, an unknown one 0 to {pillar:g}; `bands` are those
  the bounds allow, and `band` is set only when one is. A declared total the
  plan's pillars allow less of counts from that less up (`facts.ssi_judged.counted`,
  as the volume rules count it): the floor and leader verdicts (SSI001,
  SSI008), the chart's band line, `bands` and the total `ssi-lint advise`
  starts from and adds its gains to all use it.
- `ssi-lint advise PLAN`: safe first, then stronger. First the plan's risk
  findings (errors, then warnings: spam-risk, hygiene, ads policy), then the
  changes that raise the SSI: the best one for each weak pillar, then by
  estimated gain until the SSI the plan declares (else the estimate) reaches
  {low:g}. A pillar holds 25 points at most: each change's gain is capped at
  what its pillar can still gain, 25 less the pillar advice starts from (a
  declared pillar as declared, as the rules judge it, else what the estimate's
  stated inputs earn) and less the changes before it on that pillar; changes
  are ranked on that capped gain, one that would gain nothing is not advised,
  and a pillar at 25 has nothing held back. Components marked `volume` (searches, profile views, messages,
  growing the network) are never advised to an account OUT006 calls new:
  under its `new_account_days` (30) of activity, one whose age the plan does
  not give, or a dormant one (used 0 days a week); growing the network (`not-alone`)
  comes after every other change, since the article says adding people is not
  enough on its own (R1). A larger network or a higher acceptance rate
  (`network-cap`) is held back when, at their targets, the plan's own volume
  would take the projected network to one of OUT010's levels that the plan
  does not reach (SIM002 would report it). Reposts (`share`) are advised at
  most the share CNT003 allows beside the plan's own posts and photos (an
  unstated count read as 0, as CNT003 reads it), and held back while those
  allow none; a change held back is judged again on the plan with the changes
  before it, so reposts follow once more posts are advised. SSI003-SSI006's top actions leave out and word the same
  changes, and a pillar with no safe change left says which are held back,
  and why (or that the model knows no change that would add to it). A weak pillar (below SSI003-SSI006's `min`, 12.5 unless configured)
  that no advised change strengthens is still named as weak, with why: its
  changes are left out or held back for the account, or the plan already
  earns every point the model gives it. A plan that describes too little to
  estimate is told which sections to describe first.

  Advice never asks for more, or less, than a rule allows. A band or target
  that a rule limits names that rule's param (`cap`, `floor`, `share`; the
  *limited by* column below), and the advised range is capped by it, with
  the configuration `check` uses (`params:` in `.ssi-lint.yaml`): with
  `OUT014: {{levels: {{warning: 40}}}}` profile views are advised at 40 a day,
  not 60-80, and with `OUT008: {{levels: {{warning: 0.55}}}}` the acceptance
  rate at 55 %, not 50 %. The
  threshold is written and configured in one place, the rule's. The cap moves
  the advice, not the estimate: points are still earned on the model's band,
  and the gain shown is what the plan earns at the capped value.

  A change to an input the plan does not state may be what the account
  already does (unknown is not 0), so its line says which field to state
  instead: `run people searches every working day, 50 a week (P5) (if the
  account already does, state prospecting.searches_per_week)`; SSI003-SSI006's
  top actions say the same.

  Then each change shown is tried first: advise applies it to the plan (with
  the changes listed before it) and runs the same checks on it, those of
  `check` with the run's configuration. A change that would add a finding
  (a rule reporting at a new place, or at a higher level; not a risk the
  plan already has at the same or a higher level, reported by another rule
  of the same `risk`: at 200 pending HYG001 goes quiet and SIM001 reports the
  backlog growing, both `pending-backlog`, in the same band) is adjusted, and a
  line under it says what it would add alone, or it is left out, with one line
  saying why (`Left out: ...: with it ssi-lint check would add OUT014
  warning`), and the next change takes its place. The adjustments, in order:
  hold the fields the component keeps at the value in force (using LinkedIn
  every day keeps `outreach.active_days_per_week` at the days outreach goes
  out on now, so that daily figures do not become more invitations a week);
  narrow a band to the end that adds nothing; join another safe change about
  the part of the plan the finding is about (posting more together with
  fewer reposts). Not counted: findings that only say the plan does not state
  a field the change does not set (a section the change starts is otherwise
  empty: a rule's unstated wording, or a COV rule's) and the SSI rules'
  (SSI001-SSI011, every SSI rule), which judge the figure the advice is meant to move.
  Changes to what the plan's texts and lists say (a headline, skills, search
  passes) are not tried: their findings depend on the words chosen. Each try
  is one run of the rules on an in-memory plan, a few milliseconds.
- Rules read `facts.ssi` (declared values, estimated ones where the plan
  declares nothing: the lower figures, with `at_most`, `unstated_inputs` and
  `texts`), `facts.ssi_estimate` (always the estimate, with `at_most`,
  `exact`, `unstated_inputs` and `complete`), `facts.ssi_judged` (the total
  the rules judge, `at_least` to `at_most`), `facts.ssi_open` (what SSI011
  says the estimate cannot tell) and `facts.ssi_advice` (per pillar, the top
  actions). An estimate never raises a limit: a trusted account's higher
  weekly invitation limit needs an SSI the plan declares (`facts.ssi_judged`).
"""


def render_markdown(model: SsiModel | None = None) -> str:
    """The whole of docs/ssi-model.md."""
    model = model or load_model()
    parts = [_intro(model)]
    for pillar in PILLARS:
        parts.append(_pillar_section(pillar, model))
    parts.append(_guidance_section(model))
    return "\n".join(parts)


def _intro(model: SsiModel) -> str:
    quota = next(component.quota for component in model.components if component.quota)
    levels = ssi_levels()  # the built-in ones: SSI001's levels and SSI008's `leader`
    return INTRO.format(
        pillar=PILLAR_POINTS,
        total=4 * PILLAR_POINTS,
        coverage=model.coverage,
        laggard=LAGGARD,
        floor=levels.floor,
        low=levels.optimal,
        high=levels.leader,
        weak=WEAK_PILLAR,
        quota=quota,
        notes=rule_limit(quota, None, upper=True),
    )


def _pillar_section(pillar: str, model: SsiModel) -> str:
    lines = [
        f"## {pillar}: {model.titles[pillar]}",
        "",
        "| component | points | reads | earns | limited by | source |",
        "|---|---|---|---|---|---|",
    ]
    components = model.pillars[pillar]
    lines.extend(_row(component) for component in components)
    lines.append("")
    for component in components:
        kept = "".join(f" When the change alone would make `check` report more, advice keeps `{'.'.join(keep.path)}` at the value in force, {keep.why}."
                       for keep in component.keep)
        lines.append(f"- **{component.id}**: {component.description} {component.basis} Advice: \"{component.advised().text}\".{kept}")
    lines.append("")
    return "\n".join(lines)


def _row(component: Component) -> str:
    reads = " + ".join(f"`{path}`" for path in component.dotted_paths)
    return f"| {component.id} | {component.points:g} | {reads} | {_earns(component)} | {_limits(component)} | {_source(component)} |"


def _limits(component: Component) -> str:
    """The rule params that cap the component's advice or its `quota`, with the most (least) they allow by default."""
    parts = [f"{word} `{reference}` ({rule_limit(reference, None, upper=upper):g})"
             for word, reference, upper in (("at most", component.cap, True), ("at least", component.floor, False)) if reference]
    if component.share is not None:
        beside = " + ".join(f"`{'.'.join(path)}`" for path in component.share.of)
        parts.append(f"a share of at most `{component.share.cap}` ({rule_limit(component.share.cap, None, upper=True):g}) beside {beside}")
    if component.quota:
        parts.append(f"earned on at most `{component.quota}` ({rule_limit(component.quota, None, upper=True):g}) invitations a month unless the account is stated to be paid")
    return "; ".join(parts)


def _earns(component: Component) -> str:
    if component.earn == "linear":
        return f"linear, full at {component.target:g}"
    if component.earn == "band":
        return f"band {component.low:g}-{component.high:g}"
    if component.earn == "choice":
        return "choice: " + ", ".join(f"{value} {weight:g}" for value, weight in component.weights.items())
    return "present"


def _source(component: Component) -> str:
    parts = []
    if component.guidance:
        parts.append("article " + ", ".join(component.guidance))
    if component.linkedin:
        parts.append(f"LinkedIn: {component.linkedin}")
    return "; ".join(parts)


def _guidance_section(model: SsiModel) -> str:
    cited = sorted({item for component in model.components for item in component.guidance}, key=lambda item: (item[0], int(item[1:])))
    summaries = guidance_items()
    lines = ["## Guidance cited", ""]
    lines.extend(f"- **{item}**: {summaries.get(item, '(not in guidance.yaml)')}" for item in cited)
    return "\n".join(lines) + "\n"
