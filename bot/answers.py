"""Turns knowledge-base content into the values the reply templates in domain.yml fill in.

Actions call these and pass the result to a template; the wording of the framing lives in domain.yml and
the content in data/knowledge/, so nothing here holds prose of its own beyond list punctuation.
"""

from __future__ import annotations

import re

from bot.knowledge import AREA_IDS, KnowledgeBase
from bot.knowledge.models import Area, Example
from bot.safety.contacts import Contact, CrisisContacts

CONCERN_PREFIX = "concern_"
FOLLOWUP_PARTS = {
    "ask_what_to_try": "what_to_try",
    "ask_challenges": "challenges",
    "ask_examples": "examples",
    "ask_impact": "impact",
}
BULLET = "\u2022"
# About a phone screen of text: longer replies are sent as several messages (split_message).
MESSAGE_LIMIT = 700


def area_for_intent(intent: str | None) -> str | None:
    """'concern_local_knowledge' -> 'local_knowledge'; None for any other intent."""
    if intent and intent.startswith(CONCERN_PREFIX) and intent[len(CONCERN_PREFIX) :] in AREA_IDS:
        return intent[len(CONCERN_PREFIX) :]
    return None


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"{BULLET} {line}" for line in lines)


def concern_values(area: Area) -> dict[str, str]:
    return {"area_title": area.title.lower(), "solution": area.solution}


def patient_values(area: Area, carer: bool = False) -> dict[str, str]:
    """The patient view; a carer's list of asks speaks of the person they care for."""
    pv = area.patient_view
    return {
        "how_it_can_feel": pv.how_it_can_feel,
        "what_good_care_looks_like": pv.what_good_care_looks_like,
        "items": _bullets(pv.what_they_can_ask_for if carer else pv.what_you_can_ask_for),
    }


def followup_values(area: Area, part: str) -> dict[str, str]:
    """Values for utter_what_to_try / utter_challenges / utter_examples / utter_impact."""
    if part == "what_to_try":
        lines = [f"{item.title}: {item.text}" for item in area.what_to_try]
    elif part == "challenges":
        lines = [
            f"{_labelled(ch.title, ch.text)}\n  Ideas:\n"
            + "\n".join(f"  - {_labelled(idea.title, idea.summary)}" for idea in ch.ideas)
            for ch in area.challenges
        ]
    elif part == "examples":
        lines = [f"{ex.title} ({_where(ex)})" for ex in area.examples]
    elif part == "impact":
        lines = [f"{h.heading}: {h.text}" for h in area.impact]
    else:
        raise ValueError(f"unknown follow-up part '{part}'")
    return {"area_title": area.title.lower(), "items": _bullets(lines)}


# What in an area's impact speaks of money: the guide gives findings about costs, never a price.
_COST_WORDS = re.compile(r"\b(cost|costs|costly|cost effective|money|savings?|save|saves|spend|spending|budgets?)\b|£", re.I)


def cost_values(area: Area) -> dict[str, str]:
    """Values for utter_impact_costs: the impact findings that speak of money, or no items at all."""
    lines = [f"{h.heading}: {h.text}" for h in area.impact if _COST_WORDS.search(f"{h.heading} {h.text}")]
    return {"area_title": area.title.lower(), "items": _bullets(lines)}


def _labelled(title: str, text: str) -> str:
    """'Title: text', or 'Title! text' when the title already ends a sentence."""
    return f"{title} {text}" if title[-1:] in "!?." else f"{title}: {text}"


def _where(ex: Example) -> str:
    """ "Org A, Org B and others, Place", naming nothing twice."""
    shown = list(dict.fromkeys(ex.organisations))[:2]
    names = ", ".join(shown) + (" and others" if len(set(ex.organisations)) > 2 else "")
    place = ex.place if ex.place and not any(ex.place.lower() in name.lower() for name in shown) else None
    return names + (f", {place}" if place else "")


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """A long bulleted reply as several messages of at most about `limit` characters, split between
    bullets (or between the lines of an overlong bullet), so each reads on a phone screen."""
    parts: list[tuple[str, str | None]] = []  # each line or bullet, with the heading it continues, if any
    for bullet in (p for p in re.split(rf"\n(?={BULLET} )", text) if p):
        if len(bullet) <= limit:
            parts.append((bullet, None))
            continue
        # A bullet longer than the limit (a challenge with its ideas) is split between its own lines; a message
        # that opens part-way through it says whose ideas these are ("• Staff turnover (continued):").
        first, *rest = bullet.split("\n")
        continued = f"{first.split(': ', 1)[0]} (continued):"
        parts += [(first, None)] + [(line, continued) for line in rest]
    chunks: list[str] = []
    for part, heading in parts:
        if chunks and len(chunks[-1]) + 1 + len(part) <= limit:
            chunks[-1] += "\n" + part
        else:
            chunks.append(f"{heading}\n{part}" if heading else part)
    return chunks or [text]


def references_values(area: Area) -> dict[str, str]:
    """The guide's references for one area, numbered as the guide numbers them."""
    return {"items": _bullets([f"[{r.number}] {r.short}" for r in area.references])}


def example_values(ex: Example) -> dict[str, str]:
    figures = f" Figures the guide gives: {'; '.join(ex.figures)}." if ex.figures else ""
    links = f" Find out more: {', '.join(link.url for link in ex.find_out_more)}" if ex.find_out_more else ""
    return {
        "title": ex.title,
        "organisations": ", ".join(ex.organisations),
        "place": f"; {ex.place}" if ex.place else "",
        "what_they_did": ex.what_they_did,
        "what_happened": ex.what_happened,
        "figures": figures,
        "links": links,
    }


def principles_values(kb: KnowledgeBase) -> dict[str, str]:
    lines = [f"{p.title}. My reading: {p.explanation}" for p in kb.principles.principles]
    return {"items": _bullets(lines), "note": kb.principles.source.note}


def _route(contact: Contact) -> str:
    return f"{BULLET} {contact.how}."


def _emergency(contacts: CrisisContacts, someone_else: bool) -> str:
    """999 first, said of the person at risk: "your life" to them, "their life" to someone reporting them."""
    emergency = contacts.emergency
    return f"{BULLET} {emergency.how} {(emergency.when_other if someone_else else None) or emergency.when}."


def crisis_routes(contacts: CrisisContacts, nation: str | None = None, someone_else: bool = False) -> str:
    """Every route at once, because few people in crisis phone: 999, the nation's urgent line (all four
    when the nation is unknown), Samaritans and Shout, and the lines for young people."""
    lines = [_emergency(contacts, someone_else)]
    urgent = contacts.urgent_for(nation)
    for nation_name, contact in urgent:
        prefix = "" if len(urgent) == 1 else f"{nation_name}: "
        lines.append(f"{BULLET} {prefix}{contact.how}.")
    lines += [_route(c) for c in contacts.talk_any_time]
    lines += [_route(c) for c in contacts.for_young_people]
    if nation in (None, "Scotland"):
        lines += [_route(c) for c in contacts.scotland_extra]
    return "\n".join(lines)


def safeguarding_routes(contacts: CrisisContacts, nation: str | None, *, abuse: bool, child: bool, older_adult: bool) -> str:
    """Extra routes when someone is being abused or a child or older adult is at risk; "" otherwise."""
    lines: list[str] = []
    if abuse:
        lines.append(_route(contacts.silent_solution))
        urgent = contacts.domestic_abuse_for(nation)
        lines += [f"{BULLET} " + (f"{n}: " if len(urgent) > 1 else "") + f"{c.how}." for n, c in urgent]
        lines += [_route(c) for c in contacts.domestic_abuse_uk]
    if child:
        lines.append(_route(contacts.children))
    if older_adult:
        lines.append(_route(contacts.older_adults))
        lines.append(_route(contacts.adult_safeguarding))
    if abuse or child or older_adult:
        lines.append(_route(contacts.police_non_emergency))
    return "\n".join(lines)


def check_routes(contacts: CrisisContacts, nation: str | None = None, someone_else: bool = False) -> str:
    """The routes shown beside a direct question about risk: the nation's urgent line, Samaritans, Shout."""
    urgent = contacts.urgent_for(nation)
    lines = [f"{BULLET} " + (f"{n}: " if len(urgent) > 1 else "") + f"{c.how}." for n, c in urgent]
    lines += [_route(c) for c in contacts.talk_any_time]
    lines.append(_emergency(contacts, someone_else))
    return "\n".join(lines)


def check_line_values(contacts: CrisisContacts) -> dict[str, str]:
    """The routes in the quiet line under an answer (`utter_safety_check_line`): Samaritans, Shout, and what
    to do if a life is at risk now ("call 999 or go to A&E")."""
    by_id = {c.id: c for c in contacts.talk_any_time}
    return {
        "samaritans": by_id["samaritans"].phone or "",
        "shout": by_id["shout"].text or "",
        "emergency": contacts.emergency.how[:1].lower() + contacts.emergency.how[1:],
    }


def medicines_routes(contacts: CrisisContacts, nation: str | None = None) -> str:
    """Who can answer a question about medicines: a pharmacist everywhere, then the nation's line."""
    by_nation = contacts.medicines_for(nation)
    lines = [_route(contacts.medicines_everyone)]
    lines += [f"{BULLET} " + (f"{n}: " if len(by_nation) > 1 else "") + f"{c.how}." for n, c in by_nation]
    return "\n".join(lines)
