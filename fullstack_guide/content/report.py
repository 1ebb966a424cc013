"""The ``make content`` report: per layer, how many topics and resources, and what needs work.

A topic is *thin* when it has fewer than three resources or is not yet ``complete``; it is
*stale* when its facts were last checked more than twelve months ago. The report is plain
text so it reads the same in a terminal and in CI logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fullstack_guide.content.loader import Content
from fullstack_guide.content.schema import Technology

MIN_RESOURCES = 3
HEADERS = ("group", "topics", "resources", "thin", "stale")


@dataclass(frozen=True)
class GroupSummary:
    """One row of the report: a layer and the state of its topics."""

    group: str
    topics: int
    resources: int
    thin: tuple[str, ...]
    stale: tuple[str, ...]


def year_before(today: date) -> date:
    """The same day one year earlier (28 February stands in for 29 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def is_thin(tech: Technology) -> bool:
    return len(tech.resources) < MIN_RESOURCES or tech.maturity != "complete"


def is_stale(tech: Technology, today: date) -> bool:
    return tech.reviewed < year_before(today)


def summarise(content: Content, today: date) -> tuple[GroupSummary, ...]:
    """One summary per layer, in layer order."""
    rows = []
    for layer in content.layers:
        techs = content.technologies_in(layer.slug)
        rows.append(
            GroupSummary(
                group=layer.slug,
                topics=len(techs),
                resources=sum(len(t.resources) for t in techs),
                thin=tuple(t.slug for t in techs if is_thin(t)),
                stale=tuple(t.slug for t in techs if is_stale(t, today)),
            )
        )
    return tuple(rows)


def render(rows: tuple[GroupSummary, ...], today: date) -> str:
    """The report as aligned text: the table, then the slugs behind each non-zero count."""
    cells = [HEADERS]
    cells += [
        (r.group, str(r.topics), str(r.resources), str(len(r.thin)), str(len(r.stale)))
        for r in rows
    ]
    cells.append(
        (
            "total",
            str(sum(r.topics for r in rows)),
            str(sum(r.resources for r in rows)),
            str(sum(len(r.thin) for r in rows)),
            str(sum(len(r.stale) for r in rows)),
        )
    )
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADERS))]

    def line(values: tuple[str, ...]) -> str:
        first = values[0].ljust(widths[0])
        rest = (value.rjust(width) for value, width in zip(values[1:], widths[1:], strict=True))
        return "  ".join((first, *rest))

    out = [
        f"Content review as of {today.isoformat()} (stale = reviewed before "
        f"{year_before(today).isoformat()})",
        line(cells[0]),
    ]
    out.append("  ".join("-" * width for width in widths))
    out += [line(values) for values in cells[1:]]
    for row in rows:
        if row.thin:
            out.append(f"thin in {row.group}: {', '.join(row.thin)}")
        if row.stale:
            out.append(f"stale in {row.group}: {', '.join(row.stale)}")
    return "\n".join(out)
