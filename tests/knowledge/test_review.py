"""Faithful in every detail: the points of the content review (issue 15), each held by a test.

Who is listed as taking part in an example, where the service principles come from and that their
explanations are ours, a line of explanation for every idea, references that match the endnotes each
section cites, both names for IAPT, and the hedges and points that a paraphrase once lost.
"""

import re
from pathlib import Path

import pytest
import yaml

from bot.answers import followup_values, principles_values
from bot.knowledge import KNOWLEDGE_DIR, load_knowledge_base
from bot.knowledge.models import MAX_SUMMARY_WORDS

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
GUIDE = (ROOT.parent / "shared" / "guide" / "guide.txt").read_text(encoding="utf-8")
KB = load_knowledge_base()
ORGS = yaml.safe_load((HERE / "organisations.yml").read_text(encoding="utf-8"))
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def norm(text: str, asides: bool = False) -> str:
    """Lower case, no markdown stars, curly quotes straightened, single spaces; bracketed asides dropped
    unless `asides`."""
    text = text.replace("\u2019", "'").replace("*", "")
    if not asides:
        text = re.sub(r"\s*\([^)]*\)", "", text)
    return " ".join(text.lower().split())


# -- organisations: only bodies the guide names as taking part ---------------------------------------------


def test_the_allow_list_covers_every_example():
    assert set(ORGS["examples"]) == {ex.id for _, ex in KB.all_examples()}


@pytest.mark.parametrize("example_id", sorted(ORGS["examples"]))
def test_an_example_lists_only_organisations_the_guide_names_as_taking_part(example_id):
    _, example = KB.example(example_id)
    extra = set(example.organisations) - set(ORGS["examples"][example_id])
    assert not extra, f"{example_id}: not named by the guide as taking part: {sorted(extra)}"
    for name in example.organisations:
        for body in ORGS["not_participants"]:
            assert not re.search(rf"\b{re.escape(body)}\b", name), f"{example_id}: '{name}' is guidance, not a participant"


def test_every_allowed_organisation_is_named_in_the_guide():
    guide, guide_with_asides = norm(GUIDE), norm(GUIDE, asides=True)
    missing = [
        name
        for names in ORGS["examples"].values()
        for name in names
        if norm(re.sub(r"^the ", "", name)) not in guide and norm(name, asides=True) not in guide_with_asides
    ]
    assert not missing, missing


# -- the service principles: their source, and explanations that are ours and match their titles ----------


def test_the_principles_note_says_where_the_titles_come_from_and_that_the_explanations_are_ours():
    note = KB.principles.source.note
    assert "endnote 64" in note
    assert "does not list or explain" in note and "not in the guide" in note
    assert "own reading" in note and "not the official text" in note
    assert "qlabessays.health.org.uk" in note and "qlabessays.health.org.uk" in KB.principles.source.link.url


def test_the_principles_reply_marks_each_explanation_as_our_reading():
    values = principles_values(KB)
    assert values["items"].count("My reading:") == len(KB.principles.principles)
    template = DOMAIN["responses"]["utter_principles"][0]["text"]
    assert "own reading" in template and "not from the guide" in template


STOP = {"and", "across", "a"}


@pytest.mark.parametrize("principle", KB.principles.principles, ids=lambda p: p.id)
def test_each_explanation_says_what_its_title_says(principle):
    """Every word of the title (risks, options, expectations...) is taken up in the explanation."""
    explanation = principle.explanation.lower()
    stems = [w.rstrip("s")[:6] for w in re.findall(r"[a-z]+", principle.title.lower()) if w not in STOP]
    missing = [s for s in stems if s not in explanation]
    assert not missing, f"{principle.title}: the explanation never mentions {missing}"


# -- challenges: each idea with a line of explanation ---------------------------------------------------------

IDEAS = [(area.id, ch.id, idea) for area in KB.areas.values() for ch in area.challenges for idea in ch.ideas]


@pytest.mark.parametrize("area_id,challenge_id,idea", IDEAS, ids=lambda v: v if isinstance(v, str) else v.title[:30])
def test_every_idea_has_a_one_line_explanation(area_id, challenge_id, idea):
    assert idea.summary != idea.title and idea.summary.endswith(".")
    assert 5 <= len(idea.summary.split()) <= MAX_SUMMARY_WORDS


@pytest.mark.parametrize("area_id", sorted(KB.areas))
def test_the_challenges_reply_shows_each_idea_with_its_explanation(area_id):
    items = followup_values(KB.area(area_id), "challenges")["items"]
    for challenge in KB.area(area_id).challenges:
        assert challenge.title in items and challenge.text in items
        for idea in challenge.ideas:
            assert idea.title in items and idea.summary in items


# -- references: exactly the endnotes each section cites ------------------------------------------------------

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def endnotes_cited(text: str) -> set:
    """Endnote numbers as the guide's text marks them: superscript digits, ^{9 10 11}, or a number alone on
    a line (one lost superscript). Section numbers printed alone ("04") are not endnotes."""
    found = set()
    for m in re.finditer(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{([0-9 ,]+)\}|^([1-9][0-9]*)$", text, re.M):
        if m.group(1):
            found |= {int(n) for n in re.split(r"[ ,]+", m.group(1)) if n}
        elif m.group(2):
            found.add(int(m.group(2)))
        else:
            found.add(int(m.group(0).translate(SUPERSCRIPT)))
    return found


def guide_sections() -> dict:
    body = GUIDE[: GUIDE.index("\nEndnotes\n")]
    starts = {}
    for m in re.finditer(r"Section\s+0(\d)\s*\n\s*\n[^\n]+\n\s*\nProblem:", body):
        starts[int(m.group(1))] = m.start()  # the last match is the section itself, not the contents page
    bounds = sorted(starts.items(), key=lambda kv: kv[1]) + [(None, body.index("\nConclusion\n\nConclusion"))]
    return {number: body[start : bounds[i + 1][1]] for i, (number, start) in enumerate(bounds[:-1])}


SECTIONS = guide_sections()


def test_the_guide_splits_into_six_sections():
    assert sorted(SECTIONS) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("area_id", sorted(KB.areas))
def test_an_areas_references_are_exactly_the_endnotes_its_section_cites(area_id):
    area = KB.area(area_id)
    ours = [r.number for r in area.references]
    cited = endnotes_cited(SECTIONS[area.section])
    assert len(ours) == len(set(ours)), f"{area_id}: a reference is listed twice"
    assert set(ours) == cited, f"{area_id}: extra {sorted(set(ours) - cited)}, missing {sorted(cited - set(ours))}"


@pytest.mark.parametrize("area_id", sorted(KB.areas))
def test_an_examples_references_are_among_its_areas(area_id):
    area = KB.area(area_id)
    listed = {r.number for r in area.references}
    for example in area.examples:
        assert set(example.references) <= listed, example.id


def test_key_facts_cite_endnotes_from_before_the_first_section():
    before = GUIDE[: GUIDE.index(SECTIONS[1])]
    assert {f.reference for f in KB.about.key_facts if f.reference} <= endnotes_cited(before)


# -- IAPT is now NHS Talking Therapies in England: say both names ------------------------------------------


def _entries(node, where="", skip=("references", "organisations")):
    if isinstance(node, dict):
        yield where, [v for k, v in node.items() if isinstance(v, str) and k not in ("title", "short")]
        for key, value in node.items():
            if key not in skip:
                yield from _entries(value, f"{where}.{node.get('id', key)}" if "id" in node else f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _entries(value, f"{where}[{i}]")


@pytest.mark.parametrize("path", sorted(KNOWLEDGE_DIR.rglob("*.yml")), ids=lambda p: p.name)
def test_every_mention_of_iapt_also_gives_its_current_name(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for where, texts in _entries(data):
        text = " ".join(texts)
        if re.search(r"\bIAPT\b|Access (?:to|for) Psychological Therapies", text):
            assert "NHS Talking Therapies" in text, f"{path.name}{where}: mentions IAPT without its current name"


# -- framing of the replies that carry guide content -------------------------------------------------------


def test_the_reply_templates_do_not_overclaim():
    text = {name: DOMAIN["responses"][name][0]["text"] for name in ("utter_impact", "utter_what_to_try", "utter_challenges")}
    assert "can achieve" in text["utter_impact"] and "expect" not in text["utter_impact"]
    assert "Ideas the guide offers" not in text["utter_what_to_try"] and "my summary" in text["utter_what_to_try"]
    assert "my own words" in text["utter_challenges"]


# -- hedges and points a paraphrase once lost ------------------------------------------------------------------


def _example(example_id: str) -> str:
    _, ex = KB.example(example_id)
    return f"{ex.what_they_did} {ex.what_happened}"


@pytest.mark.parametrize(
    "text,phrase",
    [
        (lambda: _example("ca_oldham"), "The team report"),
        (lambda: _example("st_hin_physio_training"), "team felt"),
        (lambda: _example("ep_powys_remote"), "reasoning is that"),
        (lambda: _example("ep_proactive_gp"), "struggled to recruit enough GPs"),
        (lambda: _example("bc_first_contact_physio"), "part of their success"),
        (lambda: _example("bc_first_contact_physio"), "potential savings"),
        (lambda: KB.area("patient_expectations").problem, "Some people"),
        (lambda: KB.area("environment_processes").impact[1].text, "can cut"),
        (lambda: KB.area("coordination_access").problems_it_leads_to[1].text, "can come from"),
        (lambda: KB.area("coordination_access").impact[1].text, "Staff can"),
    ],
)
def test_the_guides_strength_of_claim_is_kept(text, phrase):
    assert phrase in text()


def test_overstated_phrasings_are_gone():
    everything = " ".join(p.read_text(encoding="utf-8") for p in KNOWLEDGE_DIR.rglob("*.yml"))
    for phrase in ("costs fall", "few GPs could take part", "Staff often enjoy", "Engel", "often because of"):
        assert not re.search(rf"\b{phrase}\b", everything), phrase


@pytest.mark.parametrize(
    "text,phrases",
    [
        (lambda: KB.area("skills_training").problem, ["social", "picked up or treated"]),
        (lambda: KB.area("patient_expectations").problem, ["do not know how mental health and persistent pain"]),
        (lambda: KB.area("patient_expectations").solution, ["relationships with other local services", "referred"]),
        (lambda: KB.area("coordination_access").problem, ["duplicated", "wrong advice"]),
        (lambda: _example("ca_buckinghamshire"), ["relatively unusual", "works for both"]),
        (lambda: KB.area("business_case").problem, ["National policy", "one of many local priorities"]),
        (lambda: KB.about.audience, ["health care professionals", "commissioners"]),
        (lambda: KB.about.how_to_use, ["inspire", "cannot give enough detail"]),
        (lambda: _example("pe_connect_wolverhampton"), ["tell the two apart"]),
    ],
)
def test_points_the_guide_makes_are_there(text, phrases):
    for phrase in phrases:
        assert phrase in text(), phrase
