"""Entity mentions in English sentences: registry aliases, discovered names, anaphora.

A ``Mention`` is a span of a sentence that stands for an organization or a
person. Three sources, in order of trust: registry aliases; names discovered
from capitalization plus cue words (titles, "startup", "Inc.", person verbs)
and remembered for the rest of the document (surnames, short forms); and
anaphora ("the company", "its", "he"), resolved to an entity already seen
(``english_anaphora``, which also defines ``Entity`` and ``Mention``).
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache

from kg.extract.en.anaphora import AnaphoraResolver, Entity, Mention, _overlaps
from kg.extract.en.lexicon import Lexicon
from kg.extract.en.text import title_pattern
from kg.graph.model import ORGANIZATION, PERSON
from kg.graph.registry import Registry, fold
from kg.graph.substrings import SubstringIndex
from kg.loaders.dates import names_a_day

# A name token: "Scale", "AI", "Character.AI", "Nod.ai", "1Password", "dpa-AFX", "De", "O'Brien"
# (an apostrophe inside a name, never the possessive "'s").
# "Hitachi-owned": the owner's name ends before "-owned".
# "iRobot", "eBay": a name may start with a lowercase letter or two before a capital
_TOKEN = (r"(?:[A-Z][\w&]*(?:(?:\.|-(?!(?:owned|backed)\b)|'(?!s\b))[A-Za-z0-9]+)*\.?|\d[A-Za-z][\w]*"
          r"|[a-z]{1,2}[A-Z][A-Za-z0-9]+"
          r"|de|De|van|von|da|di|del|der|of)")
# "O'Brien", "D'Angelo", "McKenna", "MacLeod": a surname with a prefix is still cased as a name.
_PREFIXED_SURNAME = re.compile(r"(?:[A-Z]'|Mc|Mac)[A-Z][a-z]+")
_PARTICLES = ("of", "de", "van", "von", "da", "di", "del", "der")
_NAME_SEQ = re.compile(rf"(?<![\w.\-@])({_TOKEN}(?:[ \t]+{_TOKEN})*)")


class Memory:
    """What the document has introduced so far: names, salience, last mentions."""

    def __init__(self) -> None:
        self.names: dict[str, Entity] = {}  # surface form -> entity (case-sensitive)
        self.counts: Counter[str] = Counter()
        self.last_seen: dict[str, int] = {}  # entity key -> the last sentence that named it
        self.entities: dict[str, Entity] = {}
        self.prev_orgs: list[Entity] = []
        self.prev_people: list[Entity] = []
        self.sentence = 0  # sentences read so far
        self.people_at = 0  # the sentence that set prev_people

    def recent_people(self, window: int) -> list[Entity]:
        """The people of the last sentence that named any, if it is at most ``window`` back."""
        return self.prev_people if self.sentence - self.people_at < window else []

    def remember(self, surface: str, entity: Entity) -> Entity:
        entity = self.entities.setdefault(entity.key, entity)
        self.names.setdefault(surface, entity)
        return entity

    def topic(self, exclude: set[str] | None = None, noun: str | None = None,
              fits: Callable[[Entity], bool] | None = None) -> Entity | None:
        """The most salient organization (most mentioned so far), optionally with a cue noun
        and only among those ``fits`` accepts (a description's noun, by kind)."""
        exclude = exclude or set()
        ranked = [e for e, _ in sorted(
            ((self.entities[k], c) for k, c in self.counts.items() if k in self.entities),
            key=lambda ec: (-ec[1], -self.last_seen.get(ec[0].key, 0)))
            if e.type == ORGANIZATION and not e.media and e.key not in exclude and (fits is None or fits(e))]
        if noun:
            with_noun = [e for e in ranked if noun in e.nouns]
            if with_noun:
                return with_noun[0]
        return ranked[0] if ranked else None



@cache
def _cue_verbs(cues: tuple[str, ...]) -> str:
    """The verbs of the "<verb> by" cues, as an alternation ("founded by" -> "founded")."""
    return "|".join(re.escape(c.removesuffix(" by")) for c in cues)


# the words of a title that opens with "Chief" ("Chief Executive", "Chief Technology Officer")
_CHIEF_TITLE_WORDS = frozenset({"Executive", "Technology", "Operating", "Financial", "Scientist", "Product",
                                "Research", "Information", "Marketing", "Strategy", "AI", "Science"})

_CHIEF_TITLE_REST = _CHIEF_TITLE_WORDS | {"Officer"}

# a word the document writes in lower case
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]+(?![\w-])")
# what only an organization does, right after its name opening a sentence
_ORG_PREDICATE = re.compile(
    r"\s+(?:(?:has|have|had|also|recently|said it|said it has|on \w+day)\s+)*"
    r"(?:acquired|acquires|bought|buys|completed its (?:acquisition|purchase)|closed its|raised|raises|"
    r"laid off|lays off|cut \d|invested|invests|partnered|partners with|hired|hires|is hiring|"
    r"recruited|recruits|poached|"
    r"agreed to (?:acquire|buy|invest)|signed (?:a|an) (?:deal|agreement|contract))\b")


# ", Acme's chief executive": a person's title at an organization follows the name.
_POSSESSIVE_TITLE = re.compile(
    r",\s+(?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*'s\s+(?:new\s+|former\s+|then-)?(?:co-)?"
    r"(?:chief|president|founder|CEO|CTO|CFO|COO|head|director|vice|general|managing|partner|chairman|"
    r"chairwoman|executive|senior|lead|spokes\w+)\b")

# ", vice president at Acme", ", Vice President of AI Research at Acme": a person's title opens
# the apposition without an article
# id of a lexicon -> (the lexicon, its pattern): made once per lexicon, as text._scoped_title is
_COMMA_TITLES: dict[int, tuple[Lexicon, re.Pattern[str]]] = {}


def _comma_title(lex: Lexicon) -> re.Pattern[str]:
    """", co-founder and former chief scientist of X": one or two titles of the lexicon after a
    comma, then the preposition of their employer (what follows a name names a person)."""
    cached = _COMMA_TITLES.get(id(lex))
    if cached is None or cached[0] is not lex:
        title = title_pattern(lex)
        cached = _COMMA_TITLES[id(lex)] = (lex, re.compile(
            rf",\s+(?:{title})(?:\s+(?:and|&)\s+(?:{title}))?\s+(?:of|at|for)\b"))
    return cached[1]


# "named Jane Roe as chief executive": a role follows a person.
_AS_TITLE = re.compile(r"\s+as\s+(?:(?:its|the|a|an|new|interim|acting)\s+)*(?:chief|CEO|CTO|CFO|COO|"
                       r"president|head|director|vice|senior|general|managing|chairman|chairwoman|partner)\b")
# "chief operating officer at Shopify": an employer follows a title.
_TITLE_AT = re.compile(r"\b(?:(?:officer|executive|president|director|head|engineer|researcher|scientist|"
                       r"manager|partner|analyst|lead|VP|SVP|EVP)\s+at|(?:officer|executive|president|CEO|CTO|"
                       r"CFO|COO|founder|co-founder)\s+(?:at|of)|(?:head|director|VP|chief|president|manager|lead|officer)"
                       r"\s+of\s+[\w&-]+(?:\s+[\w&-]+){0,2}\s+at)\s+$", re.IGNORECASE)


@lru_cache(maxsize=4)
def _invested_sum_in(invest: str, invest_money: str) -> re.Pattern[str]:
    """What an investment puts a sum into, with the lexicon's verbs of investing: "invest(ed)
    ... $4 billion in", "pumped $100 million into"."""
    return re.compile(rf"\b(?:{invest}|{invest_money})\b[^.;]{{0,40}}?\b(?:millions?|billions?)"
                      r"(?:\s+(?:USD|dollars|euros|won|yen))?\s+in(?:to)?\s+$")

# "backers, including A, B and C", "customers such as A and B": a list that a plural noun of
# companies opens; its items up to the name are names, joined by commas or "and"
_FIRM_LIST_OPENING = re.compile(
    r"\b(?:backers|investors|customers|clients|partners|rivals|competitors|companies|firms|startups|"
    r"shareholders|suppliers|vendors)(?:\s+(?:\w+\s+){0,2}?)?,?\s+(?:including|such\s+as|like|include|includes|"
    r"included)\s+(?:[A-Z0-9][\w.&'-]*(?:\s+[A-Z0-9][\w.&'-]*){0,3}(?:,\s+and\s+|,\s+|\s+and\s+))*$")


# "for Voulnex, Viba, and Trixra": a list of three or more single capitalized words (the one
# being read is marked ⟪X⟫), mid-sentence, a comma and "and" before its last
_ONE_WORD_ITEM = r"(?:⟪X⟫|[A-Z][\w.&-]*[a-z0-9][\w.&-]*)"
_ONE_WORD_LIST = re.compile(
    rf"(?<=\s){_ONE_WORD_ITEM}(?:,\s+{_ONE_WORD_ITEM}){{1,}},?\s+(?:and|&)\s+{_ONE_WORD_ITEM}"
    r"(?![\w-]|\s+[A-Z])")


# Compiling every alias pattern costs far more than matching a document, so it
# is done once per registry rather than once per document.
_ALIAS_PATTERNS: weakref.WeakKeyDictionary[Registry, list] = weakref.WeakKeyDictionary()
_ALIAS_INDEXES: weakref.WeakKeyDictionary[Registry, SubstringIndex] = weakref.WeakKeyDictionary()


@cache
def _alias_pattern(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


class MentionFinder(AnaphoraResolver):
    """Finds mentions sentence by sentence, keeping the document's memory."""

    def __init__(self, registry: Registry, lex: Lexicon) -> None:
        self.registry = registry
        self.lex = lex
        self.memory = Memory()
        self.speaker_org: Entity | None = None  # whom "we" stands for (interview answers)
        # the organization the sentences just before were about (the subject chain kept by the
        # extractor's `subjects` stage): what a description with no antecedent in its sentence means
        self.chain_org: Entity | None = None
        self.addressee_org: Entity | None = None  # whom "you" stands for (interview questions)
        # the words the document writes in lower case: a capitalized word among them opening a
        # sentence is a common word ("Companies laid off ..."), not a name (see `prime`)
        self.lower_words: frozenset[str] = frozenset()
        self._alias_res = _ALIAS_PATTERNS.get(registry)
        if self._alias_res is None:
            self._alias_res = _ALIAS_PATTERNS[registry] = self._compile_aliases()
        self._alias_index = _ALIAS_INDEXES.get(registry)
        if self._alias_index is None:  # the lower-cased aliases, filed for found_in()
            self._alias_index = _ALIAS_INDEXES[registry] = SubstringIndex([a[1] for a in self._alias_res])

    def _compile_aliases(self) -> list[tuple[str, str, tuple[str, int], Entity]]:
        """(alias, lowercased alias, (pattern, flags), entity) per English alias, in registry order.

        Patterns are compiled when a sentence first contains their alias (``_alias_pattern``):
        most aliases never occur, and compiling all of them cost more than a document."""
        out = []
        for alias in self.registry.aliases():
            if alias.lang != "en" or not alias.text.strip():
                continue
            ent = alias.entity
            entity = Entity(ent.name, ent.type, ent.id, self.registry.is_media(ent))
            body = re.escape(alias.text)
            # Weak aliases ("Scale") only as written; strong ones in any case
            # provided the mention itself is capitalized ("Deepmind").
            flags = 0 if alias.weak else re.IGNORECASE
            # "Hitachi-owned": the owner is a mention; other hyphenations are not.
            pat = rf"(?<![\w.@])(?<![\w.]-)(?:{body})(?![\w]|-(?!(?:owned|backed)\b)|\.\w)"
            out.append((alias.text, alias.text.lower(), (pat, flags), entity))
        return out

    def prime(self, sentences: list[str]) -> None:
        """Learn the names the document introduces anywhere ("A Walmart spokesperson" later
        makes "Walmart" in the headline a name); salience and anaphora are left alone."""
        self.lower_words = frozenset(w for sentence in sentences for w in _LOWER_WORD.findall(sentence))
        reader = MentionFinder(self.registry, self.lex)
        reader.lower_words = self.lower_words
        # the people already handed in (the recognizer's) are read as names there too, so
        # that "A B of C D" is a person and an organization, not one discovered run. Not
        # organizations: a recognized "Tidewater" would cut the discovered "Tidewater AI".
        for surface, entity in self.memory.names.items():
            if entity.type == PERSON:
                reader.memory.remember(surface, entity)
        for sentence in sentences:
            reader.named(sentence)
        for surface, entity in reader.memory.names.items():
            if entity.id is None and not entity.media:
                self.memory.names.setdefault(surface, entity)
                self.memory.entities.setdefault(entity.key, entity)

    # -- named mentions -------------------------------------------------
    def named(self, sentence: str) -> list[Mention]:
        found: list[Mention] = []
        spans: list[tuple[int, int]] = []

        def add(start: int, end: int, entity: Entity, source: str) -> None:
            spans.append((start, end))
            text = sentence[start:end]
            entity = self.memory.remember(text, entity)
            found.append(Mention(start, end, text, entity, source))

        low = sentence.lower()
        # A pattern can only match where its text occurs: a substring test
        # is far cheaper than running every alias regex on every sentence.
        for i in self._alias_index.found_in(low):
            alias, alias_low, source, entity = self._alias_res[i]
            pat = _alias_pattern(*source)
            for m in pat.finditer(sentence):
                text = m.group(0)
                if not (text[0].isupper() or text[0].isdigit()) and not text.islower() and text != alias:
                    continue
                if text.islower() and text != text.lower():
                    continue
                if not text[0].isupper() and not text[0].isdigit() and pat.flags & re.IGNORECASE \
                        and text != alias:  # "a16z" as registered, not "scale" for "Scale"
                    continue
                if not _overlaps(spans, m.start(), m.end()):
                    arm = self._investment_arm(sentence, m.start(), m.end(), entity)
                    if arm is not None:
                        add(m.start(), arm[0], arm[1], "discovered")
                    else:
                        add(m.start(), m.end(), entity, "registry")
        # Names the document introduced earlier ("Wang", "Surge"), longest first.
        for surface, entity in sorted(self.memory.names.items(), key=lambda kv: -len(kv[0])):
            for m in re.finditer(rf"(?<![\w.])(?<![\w.]-)(?:{re.escape(surface)})(?![\w\-]|\.\w)", sentence):
                if entity.id is None and entity.type == ORGANIZATION:
                    self._unwrap(found, spans, m.start(), m.end())
                if not _overlaps(spans, m.start(), m.end()):
                    unit = self._unit_name(sentence, m.end(), surface, entity)
                    if unit is not None and not _overlaps(spans, m.start(), unit[0]):
                        add(m.start(), unit[0], unit[1], "discovered")
                        continue
                    source = "registry" if entity.id else "discovered"
                    add(m.start(), m.end(), entity, source)
        known = [m.text for m in found if m.entity.type == ORGANIZATION and not m.entity.media]
        for start, end, entity in self._discover(sentence, spans, known):
            if not _overlaps(spans, start, end):
                add(start, end, entity, "discovered")
                self._remember_short_forms(entity)
        for m in found:
            if m.entity.type == PERSON:
                # a registered person, or one the recognizer handed on ("Amnon Shashua"
                # makes a later "Shashua" him); discovered people were remembered above
                self._remember_short_forms(m.entity)
            elif m.entity.type == ORGANIZATION and not m.entity.media:
                self._remember_short_forms(m.entity)
        self._learn_nouns(sentence, found)
        found.sort(key=lambda m: m.start)
        return found

    @staticmethod
    def _unwrap(found: list[Mention], spans: list[tuple[int, int]], start: int, end: int) -> None:
        """Drop the registry mentions lying strictly inside a longer new name at start:end
        ("SK" of "SK Square", "Reuters" of "Thomson Reuters"): the longer name is the one
        written, and it was handed in only because it holds them as whole words."""
        inner = [m for m in found if m.start < end and start < m.end]
        if not inner or any(m.source != "registry" or m.start < start or m.end > end
                            or (m.start, m.end) == (start, end) for m in inner):
            return
        for m in inner:
            found.remove(m)
            spans.remove((m.start, m.end))

    def _unit_name(self, sentence: str, end: int, surface: str, entity: Entity) -> tuple[int, Entity] | None:
        """"Halcyon Mobile" after "Halcyon Robotics": a short form and a new capitalized word name a unit."""
        if entity.type != ORGANIZATION or entity.media or surface == entity.name:
            return None
        m = re.match(r" ([A-Z][a-z]{2,})\b(?!-)", sentence[end:])
        if m is None:
            return None
        word = m.group(1)
        lex = self.lex
        # "Halcyon Vision, the company's imaging unit": the apposition says it is a unit.
        unit_app = re.match(r",\s+(?:its|the company's|the group's|[A-Z][\w-]*'s)\s+(?:[\w-]+\s+){0,3}?"
                            r"(?:unit|division|arm|subsidiary)\b", sentence[end + m.end():])
        if (word in lex.not_name_words and not unit_app) or word in lex.product_words \
                or word in lex.org_suffixes \
                or fold(word) in self.registry.products or self._named_other(word) \
                or word.lower() in lex.person_verbs:
            return None
        name = f"{surface} {word}"
        known = self.registry.lookup(name, ORGANIZATION)
        unit = Entity(known.name, known.type, known.id) if known else Entity(name, ORGANIZATION)
        return end + m.end(), unit

    def _investment_arm(self, sentence: str, start: int, end: int,
                        entity: Entity) -> tuple[int, Entity] | None:
        """"Intel Capital", "AMD Ventures": a known organization's name and an arm's word name
        another organization (its investment arm), not the organization itself."""
        if entity.type != ORGANIZATION or entity.media:
            return None
        m = re.match(rf" (?:{self.lex.alternation('arm_suffixes')})\b(?![-'])", sentence[end:])
        if m is None:
            return None
        name = sentence[start:end + m.end()]
        known = self.registry.lookup(name, ORGANIZATION)
        arm = Entity(known.name, known.type, known.id) if known else Entity(name, ORGANIZATION)
        return end + m.end(), arm

    def _named_other(self, word: str) -> bool:
        """True when ``word`` names a person or a known organization ("Forge" alone may be the unit)."""
        known = self.memory.names.get(word)
        return known is not None and (known.type != ORGANIZATION or known.id is not None or known.media)

    def _remember_short_forms(self, entity: Entity) -> None:
        """Surnames of people and the bare stem of "<X> AI"/"<X> Labs" organizations."""
        words = entity.name.split()
        if entity.type == PERSON and len(words) >= 2:
            last = words[-1]
            if len(words) == 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", last):
                # "Wei Gu-yeon", "Park Sung-hyun": a Korean name, family name first ("Wei said").
                last = words[0]
            if last not in self.lex.not_name_words and len(last) >= 2:  # "Ha", "Wu", "Ng"
                self.memory.names.setdefault(last, entity)
        elif entity.type == ORGANIZATION and len(words) >= 2 and words[-1] in self.lex.org_suffixes:
            stem = " ".join(words[:-1])
            if stem not in self.lex.not_name_words and stem not in self.lex.product_words:
                if len(stem) > 2 and self.registry.lookup(stem) is None:
                    self.memory.names.setdefault(stem, entity)

    def _learn_nouns(self, sentence: str, mentions: list[Mention]) -> None:
        """Record "startup"/"firm" descriptions so "the startup" finds its entity."""
        nouns = "|".join(map(re.escape, self.lex.org_apposition_nouns))
        for m in mentions:
            if m.entity.type != ORGANIZATION:
                continue
            after = sentence[m.end:m.end + 70]
            before = sentence[max(0, m.start - 40):m.start]
            a = re.match(rf",\s+(?:a|an|the)\s+(?:[\w'-]+\s+){{0,5}}?({nouns})\b", after)
            b = re.search(rf"\b({nouns})\s+$", before)
            for hit in (a, b):
                if hit:
                    m.entity.nouns.add(hit.group(1).lower())

    def _discover(self, sentence: str, taken: list[tuple[int, int]],
                  known_orgs: list[str] | None = None) -> list[tuple[int, int, Entity]]:
        """Unknown organizations and people, from capitalization and cue words."""
        lex = self.lex
        out: list[tuple[int, int, Entity]] = []
        people: list[str] = []  # persons found so far in this sentence, for "A and B"
        orgs = list(known_orgs or [])  # organizations named so far, for "Xbox and B"
        for m in _NAME_SEQ.finditer(sentence):
            start, end = m.start(1), m.end(1)
            tokens = m.group(1).split()
            if tokens[-1].endswith(".") and tokens[-1] not in lex.org_suffixes and len(tokens[-1]) > 2:
                # "a fellow at Zentra Cloud.": the sentence's full stop is no part of the last
                # word, whose suffix tells what the name is ("Inc." keeps its own)
                tokens[-1] = tokens[-1][:-1]
                end -= 1
            # Trim function/title words at both ends ("The", "CEO", "On").
            # "French startup X", "Israeli AI firm Y": a nationality describes; it names nothing.
            chief = False  # "Chief Scientist Jane Roe": the words of a title after "Chief" go too
            while tokens and (tokens[0] in lex.not_name_words or tokens[0] in _PARTICLES
                              or (tokens[0].endswith(".") and tokens[0][:-1] in lex.not_name_words)
                              or tokens[0] in lex.demonyms
                              or (chief and len(tokens) > 1 and tokens[0] in _CHIEF_TITLE_REST)):
                chief = tokens[0] == "Chief" or (chief and tokens[0] != "Officer")
                rest = sentence[start + len(tokens[0]):]
                start += len(tokens[0]) + len(rest) - len(rest.lstrip())
                tokens = tokens[1:]
            while tokens and (tokens[-1] in lex.not_name_words or tokens[-1] in ("of", "de", "van", "von")) \
                    and not (len(tokens) >= 2 and tokens[-1] in lex.org_suffixes and tokens[-2][:1].isupper()
                             and tokens[-2] not in lex.not_name_words):
                end = sentence.rfind(tokens[-1], start, end)
                end = len(sentence[:end].rstrip())
                tokens = tokens[:-1]
            # "BRIEF-Foo AI buys ...": a wire service's headline tag is not part of the name.
            tag = re.match(r"(?:BRIEF|UPDATE|EXCLUSIVE|FOCUS|ANALYSIS|REFILE|CORRECTED|WRAPUP)-(?=[A-Z])",
                           tokens[0]) if tokens else None
            if tag:
                start += tag.end()
                tokens[0] = tokens[0][tag.end():]
            # "Rival Quantix", "Startup Foo": a capitalized descriptor noun opening the sentence.
            while len(tokens) > 1 and tokens[0].lower() in lex.org_cue_before and tokens[0][0].isupper() \
                    and not tokens[0].isupper():
                rest = sentence[start + len(tokens[0]):]
                start += len(tokens[0]) + len(rest) - len(rest.lstrip())
                tokens = tokens[1:]
            # "France-based Mipsology": a place descriptor is not part of the name.
            while len(tokens) > 1 and any(re.search(r"-(?:based|headquartered)$", t) for t in tokens[:-1]):
                rest = sentence[start + len(tokens[0]):]
                start += len(tokens[0]) + len(rest) - len(rest.lstrip())
                tokens = tokens[1:]
            if len(tokens) == 1 and re.fullmatch(r"[A-Z]{2,}-[a-z]+", tokens[0]):
                continue  # "the AI-safety startup": a descriptor, not a name
            if not tokens or re.search(r"-(?:based|headquartered)$", tokens[-1]):
                continue  # "a Lyon-based maker": a place, not a name
            if re.search(r"\b(?:based|headquartered|located)\s+in\s+$", sentence[:start]) or re.match(
                    r",\s+(?:[A-Z][\w.]*\s+)?[A-Z][\w.]*-(?:based|headquartered)\b", sentence[end:]):
                continue  # "based in Abu Dhabi", "Sunnyvale, California-based X": places, not names
            cut = [i for i, t in enumerate(tokens[:-1])
                   if t in ("CEO", "CTO", "CFO", "COO", "President", "Chairman", "Founder", "Co-Founder",
                            "Co-founder", "Cofounder")
                   or (t == "Chief" and i + 2 < len(tokens) and tokens[i + 1] in _CHIEF_TITLE_WORDS)]
            if cut and cut[0] > 0 and tokens[0] not in lex.first_names:
                # "Hexdalul CEO Sofia Soltek": the words before the title name the person's
                # organization, whether or not the person is known
                title_at = re.search(rf"\s+{re.escape(tokens[cut[0]])}\b", sentence[start:end])
                head_end = start + title_at.start() if title_at else start
                head = sentence[start:head_end]
                if head and not _overlaps(taken, start, head_end) and not self._has_product(tokens[:cut[0]]):
                    out.append((start, head_end, self._entity(self._clean_name(head), ORGANIZATION)))
                    orgs.append(head)
                    taken = [*taken, (start, head_end)]
            if cut and (_overlaps(taken, start, end) or cut[0] == 0):
                # "Hooli CEO Derek Quan": a known name, a title, then the person.
                last = cut[-1]
                while tokens[last] in ("Chief", *_CHIEF_TITLE_WORDS) and last + 2 < len(tokens) and \
                        tokens[last + 1] in (*_CHIEF_TITLE_WORDS, "Officer"):
                    last += 1  # "Chief Executive Officer Jane Roe": the whole title
                for t in tokens[:last + 1]:
                    rest = sentence[start + len(t):]
                    start += len(t) + len(rest) - len(rest.lstrip())
                tokens = tokens[last + 1:]
            text = sentence[start:end].rstrip(".")
            end = start + len(text)
            if _overlaps(taken, start, end) or self._has_product(tokens):
                continue
            etype = self._classify(sentence, start, end, tokens, people, orgs)
            if etype is None:
                continue
            name = self._clean_name(text) if etype == ORGANIZATION else text
            if not name:
                continue
            entity = self._entity(name, etype)
            out.append((start, end, entity))
            if etype == PERSON:
                people.append(text)
            else:
                orgs.append(text)
        # Lowercase names after "called"/"named" ("a new startup called io").
        cues = "|".join(map(re.escape, lex.lowercase_name_cues))
        lowercase = rf"\b(?:startup|company|firm|lab|venture)\s+(?:{cues})\s+([a-z][\w.]+)\b"
        for m in re.finditer(lowercase, sentence):
            out.append((m.start(1), m.end(1), Entity(m.group(1), ORGANIZATION)))
        return out

    def _shadow(self, before: str) -> str:
        """``before`` with the last discovered/remembered person name replaced by a marker."""
        for surface, ent in self.memory.names.items():
            if ent.type == PERSON and before.rstrip(" ,and").endswith(surface):
                return before.rstrip(" ,and")[: -len(surface)] + "⟪P⟫" + before[len(before.rstrip(" ,and")):]
        return before

    def _clean_name(self, text: str) -> str:
        for suffix in self.lex.legal_suffixes:
            if text.endswith(" " + suffix) or text.endswith(", " + suffix):
                text = text[: -len(suffix)].rstrip(" ,")
        return text

    def _has_product(self, tokens: list[str]) -> bool:
        """Whether a word of a discovered run is a product's ("GPT", a registry product)."""
        return any(t in self.lex.product_words or fold(t) in self.registry.products for t in tokens)

    def _entity(self, name: str, etype: str) -> Entity:
        """The registry's entity of that name and type, else a new one the document introduces."""
        known = self.registry.lookup(name, etype)
        return (Entity(known.name, known.type, known.id, self.registry.is_media(known))
                if known else Entity(name, etype))

    def _classify(self, sentence: str, start: int, end: int, tokens: list[str],
                  people: list[str] | None = None, orgs: list[str] | None = None) -> str | None:
        lex = self.lex
        before = sentence[:start]
        after = sentence[end:]
        prev_words = re.findall(r"[\w&-]+", before[-40:])
        prev1 = prev_words[-1] if prev_words else ""
        prev2 = " ".join(prev_words[-2:])
        next_word = (re.match(r"\s*,?\s*([\w-]+)", after) or re.match(r"()", "")).group(1)
        sentence_initial = not before.strip() or before.rstrip().endswith((":", "\"", "“"))
        descriptors = lex.alternation("descriptor_nouns")
        if len(tokens) == 1 and re.match(rf"\s+(?:[a-z][\w-]*\s+){{0,3}}?(?:{descriptors})"
                                         r"\s+(?:called\s+|named\s+)?[A-Z]", after):
            return None  # "Robotics startup Figure": a word describing the name that follows
        if 2 <= len(tokens) <= 3 and re.match(
                rf"\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{lex.alternation('kinds_after_a_place')})\s+[A-Z]", after):
            return None  # "Wall Street bank Morgan Stanley": a place in the name's description
        if 2 <= len(tokens) <= 4 and tokens[-1] not in lex.org_suffixes:
            # "founded by former nurse Jane Doe": up to two describing words between.
            # (the year may come before "by" too: "founded in 2016 by A B")
            by_cue = re.search(rf"\b(?:{_cue_verbs(tuple(lex.person_cue_before))})(?:\s+in\s+\d{{4}})?\s+by"
                               rf"(?:\s+in\s+\d{{4}})?((?:\s+[a-z][\w-]*){{0,2}})\s+$", before)
            if by_cue and any(w in lex.org_apposition_nouns or w in lex.org_cue_before
                              for w in by_cue.group(1).split()):
                by_cue = None
            # "A B and C D, who ...": A B listed with a person whose first name is known.
            ahead = re.match(r"\s*(?:,\s*|\s+and\s+|,\s+and\s+)([A-Z][a-z]+)\s+[A-Z][a-z]+\b(\s*,\s*who\b)?",
                             after)
            if ahead and (ahead.group(1) in lex.first_names or ahead.group(2)):
                by_cue = by_cue or ahead
            # "A and B" where A is a person just found: B is one too.
            listed = re.search(r"⟪P⟫\s*(?:,|and)\s*$", self._shadow(before)) or any(
                re.search(re.escape(p) + r"\s*(?:,\s*|\s+and\s+|,\s+and\s+)$", before)
                for p in people or [])
            # "with two colleagues from the lab, A B and C D": people named after a noun for people.
            listed = listed or re.search(r"\b(?:colleagues|co-founders|cofounders|friends|classmates|"
                                         r"engineers|researchers)(?:\s+from\s+[^,;]{1,30})?,\s+$", before)
            personish = tokens[0] in lex.first_names or bool(by_cue) or bool(listed)
            # "hired A B from Y": who is hired away from an organization is a person.
            personish = personish or (prev1 in ("hired", "poached", "recruited", "lured")
                                      and re.match(r"\s+from\s", after) is not None)
            cue = (prev1 in lex.person_cue_words or prev1.lower() in lex.person_cue_words
                   or re.match(r"\s*(?:,\s*(?:a|an|the|who|its|his|her|previously|formerly)\b|\s*\()", after)
                   or _POSSESSIVE_TITLE.match(after) or _AS_TITLE.match(after)
                   or _comma_title(lex).match(after)
                   or next_word in lex.person_verbs)
            # "Foo Bar, a clinical-documentation startup": the apposition names an organization.
            org_app = re.match(rf",\s+(?:a|an|the)\s+((?:[\w'-]+\s+){{0,5}}?)"
                               rf"(?:{'|'.join(lex.org_apposition_nouns)})\b(?!\s+(?:{'|'.join(lex.person_cue_words)})\b)"
                               r"(?!\s+(?:said|says|confirmed|announced|added|told)\b)", after)
            if org_app and any(w in lex.person_cue_words or w in ("of", "at", "for", "from", "with")
                               for w in org_app.group(1).split()):
                org_app = None  # "the head of research at rival X": a person's title comes first
            if org_app and tokens[0] not in lex.first_names and not by_cue and not listed:
                cue = None
            if prev2.lower() in lex.org_cue_before and prev2.lower().endswith((" at", " for")):
                personish = cue = None  # "analysts at Morgan Stanley", "worked at Goldman Sachs"
            cased = all((t[0].isupper() and t[1:].islower()) or _PREFIXED_SURNAME.fullmatch(t)
                        for t in tokens if t not in ("de", "De", "van", "von"))
            if personish or (cue and cased):
                return PERSON
        if tokens[-1] in lex.org_suffixes and len(tokens) >= 2:
            return ORGANIZATION
        if len(tokens) == 1 and tokens[0].endswith((".ai", ".AI", ".io", ".com")):
            return ORGANIZATION
        cue_before = prev1.lower() in lex.org_cue_before or prev2.lower() in lex.org_cue_before \
            or bool(_FIRM_LIST_OPENING.search(before))
        cue_after = next_word in lex.org_cue_after
        apposition = re.match(
            rf",\s+(?:a|an|the)\s+(?:[\w'-]+\s+){{0,5}}?(?:{'|'.join(lex.org_apposition_nouns)})\b",
            after)
        # "Coralix's founder and CEO", "Coralix's investors": what only an organization has.
        if re.match(r"['’]s\s+(?:(?:biggest|largest|main|top|key|new|former|early|existing)\s+)?(?:co-?)?"
                    r"(?:founders?|chiefs|executives|"
                    r"chief\s+\w+|CEO|CTO|CFO|COO|board|investors?|backers?|shares|customers?|clients?|employees|"
                    r"headquarters|valuation|revenue|rivals?|competitors?|acquisitions?|takeover|subsidiary|"
                    r"subsidiaries|shareholders|IPO)\b", after):
            return ORGANIZATION
        if re.search(r"\b(?:software|tools?|products?|platform|models?|technology|chips?|services?)\s+"
                     r"(?:is|are|was|were)\s+(?:now\s+|widely\s+|already\s+)?used\s+by\s+$", before):
            return ORGANIZATION  # "its software is used by Deloitte"
        if prev1 in ("join", "joined", "joins", "joining") and re.match(r"\s+as\s", after):
            return ORGANIZATION  # "left X to join Philips as head of AI"
        if len(tokens) == 1 and tokens[0][1:].islower() and _invested_sum_in(
                lex.raw["verbs"]["invest"], lex.raw["verbs"]["invest_money"]).search(before):
            return ORGANIZATION  # "committed to invest as much as $4 billion in Novul"
        place = re.search(r"\b([A-Z][a-z]+)['’]s\s+$", before) if len(tokens) == 1 else None
        if place and place.group(1) in lex.not_name_words and tokens[0][1:].islower() \
                and not names_a_day(place.group(1)):
            return ORGANIZATION  # "led by Japan's Moul": one word a place owns is its company
        owned = re.match(r"-(?:owned|based|backed)\b", after)
        if owned and owned.group(0) in ("-owned", "-backed"):
            return ORGANIZATION
        if len(tokens) > 3:
            return None
        if sentence_initial and _ORG_PREDICATE.match(after) and tokens[0] not in lex.first_names \
                and not any(t.lower() in self.lower_words for t in tokens):
            return ORGANIZATION  # "Brightline laid off 40 employees": who does what companies do
        if cue_before or apposition or (cue_after and not sentence_initial) or _TITLE_AT.search(before):
            return ORGANIZATION
        if cue_after and len(tokens) >= 1 and next_word in ("CEO", "CTO", "COO", "CFO", "founder",
                                                            "co-founder", "spokesperson"):
            return ORGANIZATION
        # Lists with a known organization: "Intel and AMD", "Hertz, 1Password, and Amazon".
        window = before[-30:] + " | " + after[:30]
        if (re.search(r"(?:,|\band\b|&)\s*$", before[-8:]) or re.match(r"\s*(?:,|and\b|&)", after)) \
                and not _POSSESSIVE_TITLE.match(after):
            for ent_name, ent in self.memory.names.items():
                if ent.type == ORGANIZATION and not ent.media and ent_name in window:
                    return ORGANIZATION
            if any(re.search(rf"\b{re.escape(o)}\s*(?:,\s*|\s+and\s+|,\s+and\s+|\s*&\s*)$", before)
                   for o in orgs or []):
                return ORGANIZATION
            # "for Voulnex, Viba, and Trixra": single words listed as names are companies far
            # more often than people, whom news names by two words (a word the text writes in
            # lower case too is no name)
            if len(tokens) == 1 and not sentence_initial and tokens[0].lower() not in self.lower_words \
                    and _ONE_WORD_LIST.search(sentence[:start] + "⟪X⟫" + after) is not None:
                return ORGANIZATION
        return None

    def close_sentence(self, mentions: list[Mention]) -> None:
        """Update salience and the previous sentence's entities."""
        orgs = [m.entity for m in mentions if m.entity.type == ORGANIZATION and not m.entity.media]
        people = [m.entity for m in mentions if m.entity.type == PERSON]
        for m in mentions:
            if not m.entity.media and m.source != "anaphora":
                self.memory.counts[m.entity.key] += 1
                self.memory.last_seen[m.entity.key] = self.memory.sentence
        if orgs:
            self.memory.prev_orgs = orgs
        self.memory.sentence += 1
        if people:
            self.memory.prev_people, self.memory.people_at = people, self.memory.sentence
