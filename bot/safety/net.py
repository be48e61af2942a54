"""The deterministic crisis net: curated patterns from `data/safety/patterns.yml`.

It is deliberately simple and auditable: regular expressions over normalised text, with idioms blanked
out, negation honoured only where a rule allows it, and informational questions ("suicide prevention
training") excused only for bare topic words. It errs towards firing: a false alarm costs a person a few
seconds, a miss could cost far more. The file's header explains each step.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from re import Pattern

from bot import DATA_DIR
from bot.datafiles import load_yaml

PATTERNS_FILE = DATA_DIR / "safety" / "patterns.yml"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_NOT_WORD = re.compile(r"[^a-z0-9']+")
# Clause breaks are judged on the raw text, where punctuation is still visible.
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|myself|my self|mine)\b")
_THIRD_PERSON = re.compile(r"\b(he|she|his|her|him|their|them|they|himself|herself|themselves|themself)\b")
# The writer finding signs of someone else's risk ("I found blood on his sheets"): reporting, not their own.
_FOUND = re.compile(r"i(?:'ve| have)? (?:just )?(?:found|saw|seen|noticed|spotted|discovered|heard)\b")
_CLAUSE_BREAK = re.compile(r"[.;:!?\n,]|\bbut\b|\bthough\b|\bhowever\b")
_SENTENCE_BREAK = re.compile(r"[.;!?\n]")
_NOW_WORDS = re.compile(r"\b(tonight|today|right now|now)\b")
_DROPPED_I = (
    r"^(?:gonna|going to|wanna|want to|about to|thinking of|thinking about|planning to|planning on|might|been|feeling|feel|felt)"
)
# Risky words that can open a sentence whose "I" was dropped: "don't want to be here", "can't go on".
_SUBJECTLESS = re.compile(
    r"(?:don't|dont|do not|can't|cant|cannot|can not|couldn't|won't|wouldn't|no longer|wish|want|wanna|need|feel like"
    r"|thinking|planning|going to|gonna|not|suicidal)\b"
)
# The writer as the subject of a sentence: "I" outside a phrase about watching or reading something ("I
# watched a drama where..." is about the drama); or a sentence that opens with a verb whose "I" was dropped
# ("Had 16 paracetamol while the film was on", "Took an overdose at about 6"), which the writer says even
# beside a story.
_WRITER_SUBJECT = re.compile(r"\b(i|i'm|i've|i'd|i'll|im|ive)\b")
_WATCHING = re.compile(
    r"\b(i|we)('ve| have|'d| had| was| were|'m| am)?( just| been| all| both| also)? (watch\w*|read\w*|saw|seen|see"
    r"|listen\w*|heard|hear|play\w*|finish\w*|caught|binge\w*|follow\w*)\b"
)
_OPENS_WITH_ACT = re.compile(
    r"^(just )?(took|taken|had|swallowed|necked|downed|cut|burned|burnt|hurt|overdosed|been|feeling|want|wanna"
    r"|gonna|going to|need|can't|cant|don't|dont|do not)\b"
)
# Words in quotation marks ("a patient says 'I'd rather be dead'"): a quote opens after a space or the start
# and closes before a space, punctuation or the end, so the apostrophe in "I'd" is not taken for one.
_QUOTED = re.compile(r"(?:^|(?<=[\s(:,]))['\"“‘]([^\"“”‘’]*?\S)['\"”’](?=[\s.,!?;:)]|$)")


def _straight(text: str | None) -> str:
    """Compatibility-normalised, with curly and odd apostrophes made straight (case kept)."""
    return unicodedata.normalize("NFKC", text or "").translate(_APOSTROPHES)


def _unquoted(text: str | None) -> str:
    """`text` with the words inside quotation marks left out."""
    return _QUOTED.sub(" ", _straight(text))


def _writer_is_subject(sentence: str) -> bool:
    """ "I" is the subject of this (normalised, unquoted) sentence, other than as someone watching or reading."""
    return bool(_WRITER_SUBJECT.search(_WATCHING.sub(" ", sentence)))


class SafetyConfigError(ValueError):
    """The patterns file is invalid; the message names the rule and pattern."""


# The invisible selector that asks for an emoji's colour form ("⚰️" is "⚰" with it).
_EMOJI_VARIANT = "\ufe0f"


def _is_writers(found: re.Match | None, matched: str) -> bool:
    """An "I" just before the risky words makes them the writer's, unless the writer only found signs of
    someone else's ("I found blood on his sheets")."""
    return found is not None and not (_THIRD_PERSON.search(matched) and _FOUND.match(found.group(0)))


def _emoji_table(emoji_words: dict, source: str) -> dict[int, str]:
    """A translation table from each listed emoji to its words ("🔪" to " emoji knife "), so that a message of
    emoji alone has words for the patterns. Each key must be one character."""
    table = {}
    for emoji, words in emoji_words.items():
        emoji = str(emoji).replace(_EMOJI_VARIANT, "")
        if len(emoji) != 1:
            raise SafetyConfigError(f"{source}: emoji_words: {emoji!r} must be a single character")
        table[ord(emoji)] = f" {words} "
    return table


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    negatable: bool
    level: str  # "immediate" or "possible"
    patterns: tuple[Pattern[str], ...]


@dataclass(frozen=True)
class SafetyResult:
    """What the net found. `fired` is True when the message must get crisis support."""

    fired: bool
    rule_id: str | None = None
    category: str | None = None
    matched: str | None = None
    third_party: bool = False
    all_rules: tuple[str, ...] = ()
    # "immediate" or "possible" when fired; None otherwise.
    level: str | None = None
    # When the net did not fire: the risky-looking words are explained by a known idiom, a clear
    # negation, an informational question, the past, a story or a medicines question, so a statistical
    # guess of `crisis` may be set aside. `context` names which ("idiom", "negated", "informational",
    # "past", "story", "medicine").
    explained: bool = False
    context: str | None = None
    # A question about medicines with nothing pointing to risk now: answered as a medicines question.
    medicine_question: bool = False
    # Who may be at risk, for the extra routes: an older adult, a child.
    older_adult: bool = False
    child: bool = False
    # The person at risk is someone else (a patient, a relative), reported by the writer.
    about_other: bool = False
    # Every rule that fired is one whose words are often said without risk now (an idiom, a quotation, the
    # past): when the model doubts it too, the decision asks instead of giving the full script.
    doubtable: bool = False
    # The words of suicide come with a joke ("gonna jump off a bridge if she plays that song one more time
    # 😂"): the decision asks directly instead of giving the full script, whatever the model says.
    joking: bool = False
    # A medicine or drug already taken ("took a load of my tramadol", "I've taken all my pills"): the first
    # reply says to get medical help now, however the person feels.
    overdose_taken: bool = False


LEVELS = ("immediate", "possible")
# A question, for the medicines reading: a question mark, or a sentence opening with a question word.
_QUESTION = re.compile(r"\?|(?:^|[.!\n]\s*)(?:can|could|should|is|are|does|do|how|what|which|when|will|would|am|may)\b")


def _level(raw: dict, source: str) -> str:
    level = raw.get("level", "immediate")
    if level not in LEVELS:
        raise SafetyConfigError(f"{source}: rule {raw.get('id')}: level must be one of {LEVELS}, not {level!r}")
    return level


def _compile(pattern: str, where: str) -> Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise SafetyConfigError(f"{where}: pattern {pattern!r} is not a valid regular expression ({exc})") from None


class SafetyNet:
    """Checks one message at a time; holds only compiled patterns, so it is safe to share."""

    def __init__(self, config: dict, source: str = "patterns"):
        try:
            self.word_map: dict[str, str] = {str(k): str(v) for k, v in config.get("word_map", {}).items()}
            self.emoji_words = _emoji_table(config.get("emoji_words", {}), source)
            meds = config["meds"]
            self.rules = tuple(
                Rule(
                    id=r["id"],
                    category=r["category"],
                    negatable=bool(r.get("negatable", False)),
                    level=_level(r, source),
                    patterns=tuple(_compile(p.replace("{meds}", meds), f"{source}: rule {r['id']}") for p in r["patterns"]),
                )
                for r in config["rules"]
            )
            self.safe_phrases = tuple(_compile(p, f"{source}: safe_phrases") for p in config["safe_phrases"])
            self.negation_before = _compile(config["negation_before"], f"{source}: negation_before")
            self.negation_after = _compile(config["negation_after"], f"{source}: negation_after")
            self.informational_rules = frozenset(config["informational_rules"])
            self.raised_when_personal = frozenset(config["raised_when_personal"])
            self.side_effect_rules = frozenset(config["side_effect_rules"])
            self.doubtable_rules = frozenset(config["ask_when_the_model_doubts"])
            self.study_rules = frozenset(config["study_rules"])
            self.safekeeping_rules = frozenset(config["safekeeping_rules"])
            self.jest_rules = frozenset(config["threats_said_in_jest"])
            self.ask_when_joking = frozenset(config["ask_when_joking"])
            self.joking = _compile(config["joking"], f"{source}: joking")
            self.not_joking = _compile(config["not_joking"], f"{source}: not_joking")
            self.informational = _compile(config["informational_context"], f"{source}: informational_context")
            self.personal_risk = _compile(config["personal_risk"], f"{source}: personal_risk")
            self.contexts = {
                name: _compile(config[f"{name}_context"], f"{source}: {name}_context")
                for name in ("past", "past_date", "story", "denied", "hypothetical", "side_effect", "study", "safekeeping")
            }
            self.present_risk = _compile(config["present_risk"], f"{source}: present_risk")
            self.present_time = _compile(config["present_time"], f"{source}: present_time")
            self.story_now = _compile(config["story_now"], f"{source}: story_now")
            self.known_person = _compile(config["known_person"], f"{source}: known_person")
            self.medicine_question = _compile(config["medicine_question"], f"{source}: medicine_question")
            self.medicine_words = _compile(config["medicine_words"], f"{source}: medicine_words")
            self.older_adult = _compile(config["older_adult"], f"{source}: older_adult")
            self.child = _compile(config["child"], f"{source}: child")
            self.someone_else = _compile(config["someone_else"], f"{source}: someone_else")
            self.writer_frames = _compile(config["writer_frames"], f"{source}: writer_frames")
            self.risk_words = _compile(config["risk_words"], f"{source}: risk_words")
            self.taken_now = _compile(config["taken_now"], f"{source}: taken_now")
        except (KeyError, TypeError, AttributeError) as exc:
            raise SafetyConfigError(f"{source}: missing or malformed field {exc}") from None
        ids = [r.id for r in self.rules]
        if len(set(ids)) != len(ids):
            raise SafetyConfigError(f"{source}: rule ids must be unique")
        for key, named in (
            ("informational_rules", self.informational_rules),
            ("raised_when_personal", self.raised_when_personal),
            ("side_effect_rules", self.side_effect_rules),
            ("ask_when_the_model_doubts", self.doubtable_rules),
            ("study_rules", self.study_rules),
            ("safekeeping_rules", self.safekeeping_rules),
            ("threats_said_in_jest", self.jest_rules),
            ("ask_when_joking", self.ask_when_joking),
        ):
            unknown = named - set(ids)
            if unknown:
                raise SafetyConfigError(f"{source}: {key} names unknown rules {sorted(unknown)}")

    def normalise(self, text: str) -> str:
        """Lower case, compatibility-normalised, listed emoji to words, punctuation to spaces, text-speak mapped."""
        text = _straight(text).lower().replace(_EMOJI_VARIANT, "").translate(self.emoji_words)
        words = [w.strip("'") for w in _NOT_WORD.sub(" ", text).split()]  # quotes, not apostrophes
        return " ".join(self.word_map.get(w, w) for w in words if w)

    def _clauses(self, text: str) -> list[str]:
        """The message split at clause breaks, each clause normalised."""
        raw = _straight(text).lower()
        return [c for c in (self.normalise(part) for part in _CLAUSE_BREAK.split(raw)) if c]

    def _negated(self, clause: str, start: int, end: int) -> bool:
        return bool(self.negation_before.search(clause[:start]) or self.negation_after.search(clause[end:]))

    def _scrub(self, text: str) -> str:
        for phrase in self.safe_phrases:
            text = phrase.sub(" ", text)
        return " ".join(text.split())

    def check(self, text: str) -> SafetyResult:
        normalised = self.normalise(text)
        whole = self._scrub(normalised)
        # An idiom ("my back's killing me") explains risky-looking words only when no other risk word is left
        # once it is taken out: "thoughts about harming your baby ... my back's killing me" is not an idiom.
        idiom = whole != " ".join(normalised.split()) and not self.risk_words.search(whole)
        clauses = [self._scrub(c) for c in self._clauses(text)]
        hits: list[tuple[Rule, str]] = []
        negated: list[bool] = []
        for rule in self.rules:
            matched = self._match_rule(rule, whole, clauses, negated)
            if matched is not None:
                hits.append((rule, matched))
        question = _QUESTION.search(_straight(text).lower()) is not None
        informational = (
            bool(self.informational.search(whole))
            and not self.personal_risk.search(whole)
            and not self.present_risk.search(whole)
            and not self.present_time.search(whole)
        )
        if informational:
            excused = any(h[0].id in self.informational_rules for h in hits)
            hits = [h for h in hits if h[0].id not in self.informational_rules]
            # With no topic word set aside, informational words ("guidance", "what should I do") explain a
            # statistical guess of risk only in a question: "...he's scared to go home" is not one.
            informational = excused or question
        context = self._no_current_risk(text, whole, clauses, hits)
        raw = _straight(text).lower()
        joking = bool(hits) and bool(self.joking.search(raw)) and not self.not_joking.search(raw)
        # A joke carries its own "I'll" and "gonna", so only a time word says it is meant now: "I'm going
        # to kill myself tonight lol" gets the full script; a threat between people in jest needs none.
        if not context and joking and all(h[0].id in self.jest_rules for h in hits):
            context = "idiom"
        joke_not_now = joking and not (self.present_time.search(whole) or _NOW_WORDS.search(whole))
        medicine = context == "medicine" or (
            not hits and question and bool(self.medicine_question.search(whole) and self.medicine_words.search(whole))
        )
        if context:
            hits = []
        if not hits:
            reason = context or (
                "medicine"
                if medicine
                else "idiom"
                if idiom
                else "informational"
                if informational
                else "negated"
                if any(negated)
                else None
            )
            return SafetyResult(
                fired=False,
                explained=reason is not None,
                context=reason,
                medicine_question=medicine,
                about_other=self._only_about_someone_else(whole),
            )
        rule, matched = min(hits, key=lambda h: LEVELS.index(h[0].level))
        third_party = all(r.category == "third_party" for r, _ in hits)
        level = rule.level
        # A bare word ("suicide", "self-harm", "overdose") said about the writer now is more than a mention.
        if level == "possible" and rule.id in self.raised_when_personal and self._personal_now(text, whole, [(rule, matched)]):
            level = "immediate"
        return SafetyResult(
            fired=True,
            rule_id=rule.id,
            category=rule.category,
            level=level,
            matched=matched,
            # Only when every hit is about someone else is this a report by a professional or carer.
            third_party=third_party,
            all_rules=tuple(r.id for r, _ in hits),
            about_other=third_party or self._about_someone_else(text, whole, [m for _, m in hits]),
            older_adult=bool(self.older_adult.search(whole)),
            child=bool(self.child.search(whole)),
            doubtable=all(r.id in self.doubtable_rules for r, _ in hits),
            joking=joke_not_now and all(r.id in self.ask_when_joking for r, _ in hits),
            overdose_taken=any(
                r.id == "overdose_done" or (r.category == "plan_or_means" and self.taken_now.match(m)) for r, m in hits
            ),
        )

    def _personal_now(self, text: str, whole: str, hits: list[tuple[Rule, str]]) -> bool:
        return bool(self.personal_risk.search(whole)) or self._points_to_now(text, whole, hits)

    def _writer_speaks(self, text: str, matched: list[str]) -> bool:
        """Some risky words are the writer's own: in the first person and not inside a quotation (a
        physio quoting a patient's "I want to die" is reporting, not speaking of themselves)."""
        quoted = [self.normalise(q) for q in _QUOTED.findall(_straight(text))]
        if any(_FIRST_PERSON.search(m) and not any(m in q for q in quoted) for m in matched):
            return True
        # "I" just before the words ("...the telly. I don't want to be here anymore") makes them the writer's.
        # "gonna jump off a bridge if...": a clause that opens with the verb has dropped its "I". So has one
        # that opens with the risky words themselves when they start with a verb or a negation ("Can't
        # concentrate on the telly. Don't want to be here anymore."): a story never speaks that way.
        if any(re.match(_DROPPED_I + r"(?: \w+)? " + re.escape(m), c) for c in self._clauses(text) for m in matched):
            return True
        return any(  # outside quotation marks only: a quoted "I" is someone else's
            _is_writers(re.search(r"\bi(?:'m|'ve|'d|'ll)?(?: \w+){0,2} " + re.escape(m), c), m)
            or (_SUBJECTLESS.match(m) and c.startswith(m))
            for c in self._clauses(_unquoted(text))
            for m in matched
        )

    def _only_about_someone_else(self, whole: str) -> bool:
        """For a statistical guess of risk, with no words to point at: the message names someone else and says
        nothing of the writer beyond how they see that person. "my dad" names someone else, so its "my" is not
        the writer speaking of themselves; nor is "I think" in "I think he's given up" or "I'm worried about
        her". "I can't cope with her" is the writer's own."""
        if not self.someone_else.search(whole):
            return False
        rest = self.someone_else.sub(" ", self.writer_frames.sub(" ", whole))
        return not _FIRST_PERSON.search(rest)

    def _about_someone_else(self, text: str, whole: str, matched: list[str]) -> bool:
        """The matched words name another person ("giving away his things"), or say nothing of the writer
        while the message is about someone else ("my patient has tablets saved up", "my patient said 'I
        want to die'")."""
        writer = self._writer_speaks(text, matched)
        if any(_THIRD_PERSON.search(m) for m in matched):
            return not writer
        return not writer and bool(self.someone_else.search(whole))

    def _points_to_now(self, text: str, whole: str, hits: list[tuple[Rule, str]]) -> bool:
        """Something says the risk is now: a `present_risk` phrase anywhere ("again", "an hour ago"), or a
        `present_time` word ("at the moment", "this week") in the same sentence as the risky words. A
        time word in another sentence ("...I'm doing a course at the moment") says nothing about them."""
        if self.present_risk.search(whole):
            return True
        sentences = [self._scrub(self.normalise(part)) for part in _SENTENCE_BREAK.split(text or "")]
        for _, matched in hits:
            holding = [s for s in sentences if matched in s] or [whole]
            if any(self.present_time.search(s) for s in holding):
                return True
        return False

    def _points_to_now_outside_quotes(self, text: str, hits: list[tuple[Rule, str]]) -> bool:
        """As `_points_to_now`, with quoted words left out: in "tenants say things like 'I'll kill myself if
        you evict me'", the "I'll" is the quoted tenant's, not a sign of risk now."""
        unquoted = _unquoted(text)
        return self._points_to_now(unquoted, self._scrub(self.normalise(unquoted)), hits)

    def _in_the_story(self, text: str, hits: list[tuple[Rule, str]]) -> bool:
        """The risky words belong to the story the message tells, unless a sentence that holds them says
        the story has set something off now (`story_now`: "watched a documentary about self-harm ... and now
        the urge is back"), or names no story and either speaks as the writer ("...can't follow a film
        anymore. been looking up how many tablets it would take and i've got more than that") or says, of
        no one else, that it is happening now ("Took everything in the cabinet twenty minutes ago. Got my
        podcast on."), or reports someone in the writer's own life (`known_person`). "I'm writing a novel.
        The murderer uses an overdose." and "In last night's episode Sal took an overdose. Did the soap
        handle it well?" stay the story's, and so does a bare topic word ("a review says there's a suicide
        in it")."""
        parts = [p for p in _SENTENCE_BREAK.split(_straight(text)) if p.strip()]
        # Each sentence whole, and without its quotations: a quoted "I" is someone else's.
        sentences = [(self._scrub(self.normalise(p)), self._scrub(self.normalise(_unquoted(p)))) for p in parts]
        for rule, matched in hits:
            for n, (sentence, unquoted) in enumerate(sentences):
                if matched not in sentence:
                    continue
                if self.story_now.search(sentence):
                    return False
                bare_word = rule.id in self.informational_rules
                story = self.contexts["story"].search(sentence)
                # The writer's own words: a sentence that opens with the act ("Had 16 paracetamol while the
                # film was on"), or, with no story in it, has the writer as its subject.
                if not bare_word and (_OPENS_WITH_ACT.match(unquoted) or (not story and _writer_is_subject(unquoted))):
                    return False
                # Someone in the writer's life named before the words, which come before any story in their
                # sentence: "My uncle rang to say he's taken all his pills after seeing something on the
                # news". Not "In the soap Sal took an overdose. My mum thought it too much": she comes after;
                # nor "My mum and I watched a drama where a woman takes an overdose": the story comes first.
                at = sentence.find(matched)
                before = " ".join(s for s, _ in sentences[:n]) + " " + sentence[:at]
                real = not story or at < story.start() or rule.category == "third_party"
                if real and self.known_person.search(before):
                    return False
                if story or bare_word:
                    continue
                now = self.present_risk.search(unquoted) or self.present_time.search(unquoted)
                if _FIRST_PERSON.search(unquoted) or (now and not _THIRD_PERSON.search(unquoted)):
                    return False
        return True

    def _in_the_past(self, whole: str, clauses: list[str], hits: list[tuple[Rule, str]]) -> bool:
        """The message sets the risky words in the past: a `past_context` phrase anywhere, or a year long gone
        in the same clause as every risky match."""
        if self.contexts["past"].search(whole):
            return True
        return all(any(matched in c and self.contexts["past_date"].search(c) for c in clauses) for _, matched in hits)

    def _no_current_risk(self, text: str, whole: str, clauses: list[str], hits: list[tuple[Rule, str]]) -> str | None:
        """Why the risky words are no risk now, or None: "past", "story", "negated" (asked and answered
        no), "informational" (what to do if someone says it) or "medicine"."""
        if not hits:
            return None
        writer = self._writer_speaks(text, [m for _, m in hits])
        unquoted = _unquoted(text)
        unquoted_words = self._scrub(self.normalise(unquoted))
        about_writer = writer or self.personal_risk.search(unquoted_words)
        now = self._points_to_now(text, whole, hits)
        # Quoted words from the past ("he once texted me 'I've taken all my tablets'. That was ten years
        # ago") do not point to now: only the writer's own words can.
        if self._in_the_past(whole, clauses, hits) and not self._points_to_now_outside_quotes(text, hits):
            return "past"
        # Asked and answered no: only words after the answer can point to now ("asked if I'm going to hurt
        # myself. I'm not!" is a no; "...I said no, but tonight I took them all" is not).
        denied = self.contexts["denied"].search(whole)
        if denied and not self.present_risk.search(whole[denied.end() :]):
            return "negated"
        # A story or the news: excused unless the writer puts themselves in it ("...made me want to die"),
        # something says it is happening now, or the risky words stand apart from the story (`_in_the_story`).
        if self.contexts["story"].search(whole) and not about_writer and self._in_the_story(text, hits):
            return "story"
        # "What should staff say if a caller mentions self-harm?": about someone imagined, not the writer. The
        # imagined words themselves ("if someone says they're suicidal") say nothing of anyone now.
        hypothetical = self.contexts["hypothetical"].search(whole) and self.informational.search(whole)
        if hypothetical and not writer:
            imagined = self._scrub(self.contexts["hypothetical"].sub(" ", unquoted_words))
            if not self.personal_risk.search(imagined) and not self._points_to_now(unquoted, imagined, hits):
                return "informational"
        if now:
            return None
        # Plain study ("in my pharmacology lecture they said the lethal dose..."), not about the writer.
        if self.contexts["study"].search(whole) and not about_writer and all(r.id in self.study_rules for r, _ in hits):
            return "informational"
        # Medicines being returned, disposed of or stored safely, with nothing about the writer at risk.
        keeping = self.contexts["safekeeping"].search(whole) and self.medicine_words.search(whole)
        if keeping and not self.personal_risk.search(whole) and all(r.id in self.safekeeping_rules for r, _ in hits):
            return "medicine"
        # A medicines question excuses only the bare word "overdose", never a plan, an act or self-harm...
        medicines = self.medicine_question.search(whole) and self.medicine_words.search(whole)
        if medicines and not self.personal_risk.search(whole) and all(rule.id == "overdose_word" for rule, _ in hits):
            return "medicine"
        # ...or a question about a side effect ("will coming off gabapentin make me feel suicidal?").
        side_effect = self.contexts["side_effect"].search(whole) and self.medicine_words.search(whole)
        if side_effect and all(rule.id in self.side_effect_rules for rule, _ in hits):
            return "medicine"
        return None

    def _match_rule(self, rule: Rule, whole: str, clauses: list[str], negated: list[bool]) -> str | None:
        """The first match of the rule, or None. Appends True to `negated` for each match set aside
        because it was negated."""
        for pattern in rule.patterns:
            if not rule.negatable:
                found = pattern.search(whole)
                if found:
                    return found.group(0)
                continue
            # Negatable rules are matched clause by clause so that a negation governs its own clause only;
            # patterns that span clauses ("...child... being hurt") are also tried on the whole message.
            for clause in clauses:
                for found in pattern.finditer(clause):
                    # A safe phrase that spans a clause break ("going to kill my brother, he's used my chisels")
                    # is scrubbed from the whole message only: words it took away there are not a match here.
                    if found.group(0) not in whole:
                        continue
                    if not self._negated(clause, found.start(), found.end()):
                        return found.group(0)
                    negated.append(True)
            if not any(pattern.search(c) for c in clauses):
                found = pattern.search(whole)
                if found:
                    return found.group(0)
        return None


@functools.lru_cache(maxsize=2)
def load_safety_net(path: Path = PATTERNS_FILE) -> SafetyNet:
    """Load and compile the patterns once; raises `SafetyConfigError` on a bad file."""
    return SafetyNet(load_yaml(path, SafetyConfigError), source=str(path))
