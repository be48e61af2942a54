"""Nearest fitting services, and the national ones that serve everyone.

An R*Tree holds every location's coordinates, so a search reads only the locations inside a bounding box
around the person, then sorts them by great-circle distance. Entries not checked for `stale_months` are
flagged (the reply says so) or, with `hide_stale`, left out. Entries meant for professionals only
(networks, training) are left out unless the search is for a professional (`audience_for_role`).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.directory.store import Directory, months_before

EARTH_KM = 6371.0


@dataclass(frozen=True)
class SearchResult:
    id: str
    name: str
    organisation: str
    description: str
    access: str
    phone: str
    text: str
    email: str
    url: str
    hours: str
    town: str
    last_checked: str
    unknowns: Sequence[str]
    distance_km: float | None
    stale: bool
    approximate: bool = False  # the location is the town's centre, not the service's address
    info_page: bool = False  # `url` is a page about the service (the guide's "find out more"), not a contact
    audience: str = "public"


def audience_for_role(role: str | None) -> str:
    """The audience a search is for: professionals see everything; carers and anyone whose role is unknown
    see what is meant for the public and for carers; a patient sees what is meant for the public."""
    return {"professional": "professionals", "patient": "patients"}.get(str(role), "public")


def _audience_filter(audience: str, alias: str = "s") -> str:
    if audience == "professionals":
        return ""
    hidden = "('professionals', 'carers')" if audience == "patients" else "('professionals')"
    return f" and coalesce({alias}.audience, 'public') not in {hidden}"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


_SELECT = (
    "select s.id, s.name, o.name as organisation, s.description, s.access, s.phone, s.text, s.email, s.url, "
    "s.hours, s.last_checked, s.unknowns, l.town, l.latitude, l.longitude, coalesce(l.approximate, 0), "
    "s.source_url, coalesce(s.audience, 'public')"
)
_FROM = " from services s join organizations o on o.id = s.organization_id "


def _category_filter(categories: Sequence[str] | None) -> str:
    if not categories:
        return ""
    marks = ", ".join("?" for _ in categories)
    return f" and s.id in (select service_id from service_taxonomy where category in ({marks}))"


def _result(row: tuple, cutoff: str, distance: float | None) -> SearchResult:
    (id_, name, org, desc, access, phone, text, email, url, hours, checked, unknowns, town, _, _, approx, source, audience) = row
    return SearchResult(
        id_,
        name,
        org,
        desc or "",
        access or "unknown",
        phone or "",
        text or "",
        email or "",
        url or "",
        hours or "",
        town or "",
        checked,
        tuple(u for u in (unknowns or "").split(";") if u),
        distance,
        checked < cutoff,
        bool(approx),
        info_page=bool(url) and (source or "").startswith("guide:"),
        audience=audience,
    )


def _candidates(
    directory: Directory,
    latitude: float,
    longitude: float,
    radius_km: float,
    categories: Sequence[str] | None,
    hide_stale_before: str | None,
    audience: str = "public",
) -> list[tuple[float, int]]:
    """(distance, location id) for locations within the radius: an R*Tree box first, then the circle."""
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(math.cos(math.radians(latitude)), 0.01))
    sql = (
        "select l.id, l.latitude, l.longitude from location_rtree r join locations l on l.id = r.id "
        "where r.min_lat >= ? and r.max_lat <= ? and r.min_lon >= ? and r.max_lon <= ?"
    )
    params: list = [latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon]
    if categories:
        sql += f" and exists (select 1 from service_taxonomy t where t.service_id = l.service_id and t.category in ({', '.join('?' for _ in categories)}))"
        params += list(categories)
    if hide_stale_before:
        sql += " and exists (select 1 from services s where s.id = l.service_id and s.last_checked >= ?)"
        params.append(hide_stale_before)
    if audience != "professionals":
        sql += " and exists (select 1 from services s where s.id = l.service_id" + _audience_filter(audience) + ")"
    found = []
    for location_id, lat, lon in directory.db.execute(sql, params):
        d = distance_km(latitude, longitude, lat, lon)
        if d <= radius_km:
            found.append((d, location_id))
    return found


def find_services(
    directory: Directory,
    latitude: float,
    longitude: float,
    categories: Sequence[str] | None = None,
    limit: int = 5,
    radius_km: float = 40.0,
    stale_months: int = 12,
    hide_stale: bool = False,
    today: datetime.date | None = None,
    audience: str = "public",
) -> list[SearchResult]:
    """Local services within `radius_km`, nearest first, for `audience` ("public" or "professionals").

    The search widens from 5 km until it has `limit` results or reaches `radius_km`, so a busy city
    reads a few hundred locations rather than tens of thousands; details are read for the winners only.
    """
    cutoff = months_before(today or datetime.date.today(), stale_months).isoformat()
    radius = min(5.0, radius_km)
    while True:
        found = _candidates(directory, latitude, longitude, radius, categories, cutoff if hide_stale else None, audience)
        if len(found) >= limit or radius >= radius_km:
            break
        radius = min(radius * 2, radius_km)
    best = sorted(found)[:limit]
    if not best:
        return []
    distance_by_location = {location_id: d for d, location_id in best}
    marks = ", ".join("?" for _ in best)
    rows = directory.db.execute(
        _SELECT + ", l.id" + _FROM + f"join locations l on l.service_id = s.id where l.id in ({marks})",
        list(distance_by_location),
    ).fetchall()
    results = [_result(row[:-1], cutoff, round(distance_by_location[row[-1]], 1)) for row in rows]
    results.sort(key=lambda r: (r.distance_km, r.stale, r.id))
    return results


def national_services(
    directory: Directory,
    nation: str | None,
    categories: Sequence[str] | None = None,
    stale_months: int = 12,
    today: datetime.date | None = None,
    limit: int = 6,
    audience: str = "public",
) -> list[SearchResult]:
    """Services for the whole UK, and for the person's nation when it is known, fitting the categories and
    meant for `audience` ("public" or "professionals")."""
    cutoff = months_before(today or datetime.date.today(), stale_months).isoformat()
    nations = ["UK", ""] + ([nation] if nation else [])
    marks = ", ".join("?" for _ in nations)
    sql = (
        _SELECT + _FROM + "left join locations l on l.service_id = s.id "
        f"where s.service_area in ('national', 'nation') and coalesce(s.nation, '') in ({marks})"
        + _category_filter(categories)
        + _audience_filter(audience)
        # The person's own nation first ("Pain Association Scotland" before UK-wide lines), then by id.
        + " order by coalesce(s.nation, '') = ? desc, s.id"
    )
    rows = directory.db.execute(sql, [*nations, *(categories or []), nation or ""]).fetchall()
    return [_result(row, cutoff, None) for row in rows][:limit]
