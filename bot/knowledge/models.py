"""The shape of the knowledge base. Every field is required unless it says otherwise.

Models forbid unknown fields so that a typo in a YAML key is reported, not silently ignored.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Extra, validator

AREA_IDS = (
    "local_knowledge",
    "skills_training",
    "environment_processes",
    "patient_expectations",
    "coordination_access",
    "business_case",
)

EXAMPLE_IDS = {
    "local_knowledge": ("lk_haywood_signposting", "lk_rjah_leaflet", "lk_local_networks"),
    "skills_training": (
        "st_hin_physio_training",
        "st_keele_joint_training",
        "st_imparts",
        "st_lambeth_supervision",
    ),
    "environment_processes": ("ep_powys_remote", "ep_sydenham_jpa", "ep_proactive_gp"),
    "patient_expectations": (
        "pe_powys_information",
        "pe_connect_wolverhampton",
        "pe_solihull_discharge_letter",
    ),
    "coordination_access": ("ca_buckinghamshire", "ca_ipass_berkshire", "ca_oldham"),
    "business_case": ("bc_service_principles", "bc_yoga_healthy_backs", "bc_first_contact_physio"),
}

PRINCIPLE_TITLES = {
    "enabling_relationships": "Cultivate enabling relationships",
    "context": "Understand and cater to context",
    "learn_together": "Learn together and build a shared understanding",
    "explore_risks_options": "Jointly explore risks, options and expectations",
    "collaborate": "Collaborate across services and agencies",
}

NATIONS = ("England", "Wales", "Scotland", "Northern Ireland", "UK-wide")
MAX_SUMMARY_WORDS = 25
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


class Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True
        min_anystr_length = 1
        allow_mutation = False


def _snake_case(value: str) -> str:
    if not _SNAKE.match(value):
        raise ValueError(f"'{value}' is not a snake_case id")
    return value


class Heading(Strict):
    heading: str
    text: str


class TryItem(Strict):
    id: str
    title: str
    text: str
    _id = validator("id", allow_reuse=True)(_snake_case)


class Idea(Strict):
    title: str
    summary: str  # one line saying what the idea means; shown under the title in the challenges reply
    text: str

    @validator("summary")
    def _one_line(cls, summary: str) -> str:
        words = len(summary.split())
        if words > MAX_SUMMARY_WORDS:
            raise ValueError(f"a summary is one line of at most {MAX_SUMMARY_WORDS} words, not {words}")
        return summary


class Challenge(Strict):
    id: str
    title: str
    text: str
    ideas: list[Idea]
    _id = validator("id", allow_reuse=True)(_snake_case)

    @validator("ideas")
    def _has_ideas(cls, ideas: list[Idea]) -> list[Idea]:
        if not ideas:
            raise ValueError("a challenge needs at least one idea")
        return ideas


class Link(Strict):
    """A web address as the guide prints it, split into site and page.

    The own-words check reads an address as a run of words, so a long address written in one piece
    looks like copied prose; split in two it does not, and `url` joins it back exactly.
    """

    site: str
    page: str | None = None

    @property
    def url(self) -> str:
        return self.site + (self.page or "")


class Example(Strict):
    id: str
    title: str
    organisations: list[str]
    place: str | None
    nation: str | None
    what_they_did: str
    what_happened: str
    figures: list[str]
    find_out_more: list[Link]
    references: list[int]
    _id = validator("id", allow_reuse=True)(_snake_case)

    @validator("nation")
    def _known_nation(cls, nation: str | None) -> str | None:
        if nation is not None and nation not in NATIONS:
            raise ValueError(f"'{nation}' is not one of {', '.join(NATIONS)}")
        return nation

    @validator("organisations")
    def _has_organisations(cls, organisations: list[str]) -> list[str]:
        if not organisations:
            raise ValueError("an example names at least one organisation")
        return organisations


class PatientView(Strict):
    how_it_can_feel: str
    what_good_care_looks_like: str
    what_you_can_ask_for: list[str]
    # The same asks for a carer or relative, about the person they care for ("their first appointment").
    what_they_can_ask_for: list[str]

    @validator("what_they_can_ask_for")
    def _one_for_each_ask(cls, theirs: list[str], values: dict) -> list[str]:
        yours = values.get("what_you_can_ask_for") or []
        if len(theirs) != len(yours):
            raise ValueError(f"has {len(theirs)} items; give one for each of the {len(yours)} in what_you_can_ask_for")
        return theirs


class Reference(Strict):
    number: int
    short: str


class Area(Strict):
    id: str
    section: int
    title: str
    problem: str
    solution: str
    problems_it_leads_to: list[Heading]
    impact: list[Heading]
    what_to_try: list[TryItem]
    challenges: list[Challenge]
    examples: list[Example]
    patient_view: PatientView
    references: list[Reference]

    @validator("id")
    def _known_area(cls, area_id: str) -> str:
        if area_id not in AREA_IDS:
            raise ValueError(f"'{area_id}' is not one of {', '.join(AREA_IDS)}")
        return area_id

    @validator("examples")
    def _expected_examples(cls, examples: list[Example], values: dict) -> list[Example]:
        expected = EXAMPLE_IDS.get(values.get("id", ""), ())
        got = [e.id for e in examples]
        if expected and sorted(got) != sorted(expected):
            raise ValueError(f"example ids {got} differ from the expected {list(expected)}")
        return examples


class Principle(Strict):
    id: str
    title: str
    explanation: str
    for_patients: str

    @validator("title")
    def _exact_title(cls, title: str, values: dict) -> str:
        expected = PRINCIPLE_TITLES.get(values.get("id", ""))
        if expected is None:
            raise ValueError(f"unknown principle id; expected one of {', '.join(PRINCIPLE_TITLES)}")
        if title != expected:
            raise ValueError(f"title must be exactly '{expected}'")
        return title


class PrinciplesSource(Strict):
    title: str
    link: Link
    note: str


class Principles(Strict):
    source: PrinciplesSource
    principles: list[Principle]

    @validator("principles")
    def _all_five(cls, principles: list[Principle]) -> list[Principle]:
        got = sorted(p.id for p in principles)
        if got != sorted(PRINCIPLE_TITLES):
            raise ValueError(f"expected the five principles {sorted(PRINCIPLE_TITLES)}, got {got}")
        return principles


class KeyFact(Strict):
    text: str
    reference: int | None


class About(Strict):
    title: str
    publishers: list[str]
    published: str
    authors: list[str]
    audience: str  # who the guide is written for
    how_to_use: str  # the guide's own caveats: examples inspire, they are not implementation detail
    how_it_was_made: str
    key_facts: list[KeyFact]
    disclaimer: str
    links: list[str]
