"""Directory results -> the values the reply templates fill in (domain.yml: utter_service_result...)."""

from __future__ import annotations

import datetime

from bot.directory.records import ACCESS, CATEGORIES
from bot.directory.search import SearchResult


def kind_label(kind: str | None) -> str:
    return "any kind of support" if kind in (None, "", "any") else CATEGORIES.get(kind, kind)


def checked_label(result: SearchResult, today: datetime.date | None = None) -> str:
    try:
        day = datetime.date.fromisoformat(result.last_checked)
    except ValueError:
        return "We don't know when this was last checked, so please check before you go."
    text = f"Last checked {day.strftime('%B %Y')}"
    if result.stale:
        return text + ": that was a while ago, so it may have changed. Please check before you go."
    return text + "."


def contact_label(result: SearchResult) -> str:
    """How to reach the service. A page that only describes it (the guide's "find out more" address) is
    labelled as an information page, never passed off as a way to contact them."""
    parts = []
    if result.phone:
        parts.append(f"phone {result.phone}")
    if result.text:
        parts.append(f"text {result.text}")
    if result.email:
        parts.append(f"email {result.email}")
    if result.url and not result.info_page:
        parts.append(result.url)
    info = f"information page about it (not a way to contact them): {result.url}" if result.url and result.info_page else ""
    if not parts:
        return "we don't have contact details for this one" + (f"; {info}" if info else "")
    return ", ".join(parts) + (f" ({result.hours})" if result.hours else "") + (f"; {info}" if info else "")


def service_values(result: SearchResult) -> dict[str, str]:
    if result.distance_km is None:
        where = "available across the country" if not result.town else result.town
    else:
        distance = "less than 1 km away" if result.distance_km < 1 else f"about {result.distance_km:.0f} km away"
        if result.approximate and result.town:
            # Only the town is known, so the distance is to the town's centre.
            near = "" if result.distance_km < 1 else f", about {result.distance_km:.0f} km from the centre of your place"
            where = f"in {result.town}{near} (we don't have its exact address)"
        else:
            where = f"{result.town + ', ' if result.town else ''}{distance}"
    return {
        "name": result.name,
        "organisation": result.organisation,
        "where": where,
        "description": result.description,
        "access": ACCESS.get(result.access, ACCESS["unknown"]),
        "contact": contact_label(result),
        "checked": checked_label(result),
    }
