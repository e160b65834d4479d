"""English names: where they start and end, and which name a span stands for
(sentences written for these tests)."""

from __future__ import annotations

from kg.extract import document as layer
from kg.extract.en.extractor import extract
from kg.extract.en.lexicon import load_lexicon
from kg.extract.en.mentions import Entity, MentionFinder
from kg.graph.model import ORGANIZATION, PERSON, Document
from kg.graph.registry import Registry

REGISTRY = Registry([
    {"id": "org:sable", "type": "Organization", "name": "Sable Group", "en": ["Sable"], "ko": [],
     "weak": [], "parent": None, "kind": "company"},
    {"id": "org:hooli", "type": "Organization", "name": "Hooli", "en": [], "ko": [], "weak": [],
     "parent": None, "kind": "bigtech"},
    {"id": "org:io", "type": "Organization", "name": "io", "en": [], "ko": [], "weak": [],
     "parent": None, "kind": "startup"},
])


def _finder(*names: tuple[str, str]) -> MentionFinder:
    finder = MentionFinder(REGISTRY, load_lexicon())
    for surface, type_ in names:
        finder.memory.remember(surface, Entity(surface, type_))
    return finder


def _named(finder: MentionFinder, sentence: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity.name) for m in finder.named(sentence)]


def test_a_registry_alias_blocks_a_recognized_name_only_as_a_whole_word() -> None:
    # "io" is a registered name, but not the "io" inside "Communications" or "Marion"
    sentence = "Pellucid Communications hired Marion Brask."
    assert layer._alias_spans(sentence, ["io"], words=True) == []
    assert layer._alias_spans(sentence, ["io"]) != []  # Korean text keeps substring matches
    assert layer._alias_spans("He joined io in May.", ["io"], words=True) == [(10, 12)]


def test_a_recognized_name_may_wrap_a_registry_name_with_words_of_its_own() -> None:
    sentence = "Hooli, Sable Quartz and Sable Corp signed."
    start = sentence.index("Sable Quartz")
    assert layer._wraps("Sable Quartz", sentence, start, [(start, start + 5)])
    start = sentence.index("Sable Corp")  # a legal form adds no name of its own
    assert not layer._wraps("Sable Corp", sentence, start, [(start, start + 5)])
    assert not layer._wraps("Sable", sentence, start, [(start, start + 5)])  # the name itself


def test_the_longer_new_name_wins_over_the_registry_name_inside_it() -> None:
    finder = _finder(("Sable Quartz", ORGANIZATION))
    assert _named(finder, "Sable Quartz and Sable will merge.") == [
        ("Sable Quartz", "Sable Quartz"), ("Sable", "Sable Group")]


def test_a_handed_in_person_is_known_by_the_surname_later() -> None:
    finder = _finder(("Orla Vantis", PERSON))
    finder.named("Orla Vantis joined Hooli in May.")
    assert ("Vantis", "Orla Vantis") in _named(finder, "Vantis is the chief scientist at Hooli.")


def test_priming_reads_handed_in_names_so_a_person_of_a_company_is_two_names() -> None:
    finder = _finder(("Tova Rask", PERSON), ("Quillmark Aerospace", ORGANIZATION))
    sentence = "The list includes Tova Rask of Quillmark Aerospace and others."
    finder.prime([sentence])
    assert _named(finder, sentence) == [("Tova Rask", "Tova Rask"),
                                       ("Quillmark Aerospace", "Quillmark Aerospace")]


def test_places_before_a_based_descriptor_or_after_based_in_name_nothing() -> None:
    finder = _finder()
    assert _named(finder, "Ketterby, Ohio-based Hooli said on Monday it raised money.") == [
        ("Hooli", "Hooli")]
    got = _named(finder, "Its client, Hooli, a young investment firm based in Port Valden, the capital.")
    assert got == [("Hooli", "Hooli")]


def test_a_company_suffix_makes_a_discovered_name_an_organization() -> None:
    doc = Document(id="t", path="t.txt", text="", lang="en", published="2025-03-14",
                   published_source="flag",
                   sentences=("Hooli agreed to buy speech firm Pellucid Communications for $2 billion.",))
    got = {(c.subject.name, c.relation, c.object.name) for c in extract(doc, REGISTRY)}
    assert ("Hooli", "ACQUIRED", "Pellucid Communications") in got


def test_a_name_that_ends_the_sentence_keeps_its_suffix_cue() -> None:
    # the full stop is no part of "Cloud": the suffix makes the name an organization
    named = _finder().named("Mina Park was a fellow at Zentra Cloud.")
    assert ("Zentra Cloud", ORGANIZATION) in [(m.text, m.entity.type) for m in named]


def test_an_unknown_name_after_a_title_with_its_scope_and_at_is_the_employer() -> None:
    # "vice president of AI research at X": the title's scope stands between it and "at"
    for sentence in ("Mina Park, vice president of AI research at Teknexa, said the deal was done.",
                     "Mina Park, Vice President of AI Research at Teknexa, said the deal was done."):
        named = _finder().named(sentence)
        assert ("Teknexa", ORGANIZATION) in [(m.text, m.entity.type) for m in named], sentence


def test_one_word_names_in_a_list_a_plural_noun_of_companies_opens_are_organizations() -> None:
    # the learned recognizer calls "Dorlu" a person; "companies like" opens a list of companies
    from kg.extract import extract as layered
    from kg.graph.registry import default_registry

    sentence = ("Founded in 2016, Sais AI gained prominence by providing annotated data for "
                "companies like Solzenqua, Dorlu, and Celnov.")
    doc = Document(id="t", path="t.txt", text=sentence, lang="en", published="2025-03-14",
                   published_source="flag", sentences=(sentence,))
    got = {(c.subject.name, c.relation, c.object.name) for c in layered(doc, default_registry())}
    assert {("Sais AI", "VENDOR_TO", name) for name in ("Solzenqua", "Dorlu", "Celnov")} <= got
    # a person in such a list stays one: the given name is read first
    named = [(m.text, m.entity.type) for m in _finder().named(
        "Investors such as David Wexley and Brian Kairen backed it.")]
    assert {("David Wexley", PERSON), ("Brian Kairen", PERSON)} <= set(named)


def test_names_after_a_plural_noun_of_market_players_are_organizations() -> None:
    named = [(m.text, m.entity.type) for m in _finder().named(
        "Customers include major mobile players Galis, Renfin and Pelmet Systems.")]
    assert {("Galis", ORGANIZATION), ("Renfin", ORGANIZATION)} <= set(named)


def test_a_list_of_three_unknown_single_words_names_organizations() -> None:
    finder = _finder()
    sentence = "Hooli has also helped train AI models for Voulnex, Viba, and Trixra."
    finder.prime([sentence])
    named = [(m.text, m.entity.type) for m in finder.named(sentence)]
    assert {("Voulnex", ORGANIZATION), ("Viba", ORGANIZATION), ("Trixra", ORGANIZATION)} <= set(named)


def test_a_name_whose_acquisition_or_subsidiary_the_text_tells_is_an_organization() -> None:
    for sentence in ("Kormo's acquisition of Pelmet Systems led to raises.",
                     "Kormo's subsidiary removed the post.", "Kormo's shareholders approved the deal."):
        named = [(m.text, m.entity.type) for m in _finder().named(sentence)]
        assert ("Kormo", ORGANIZATION) in named, sentence


def test_a_title_opening_an_apposition_without_an_article_makes_a_person() -> None:
    for sentence in ("Orla Vexmont, vice president at Hooli, said on Monday.",
                     "Orla Vexmont, Vice President of AI Research at Hooli, spoke.",
                     "“We are thrilled,” said Orla Vexmont, president and CEO of Hooli."):
        named = [(m.text, m.entity.type) for m in _finder().named(sentence)]
        assert ("Orla Vexmont", PERSON) in named, sentence


def test_a_single_word_in_an_organization_only_slot_is_an_organization() -> None:
    # the buyer after "acquired by", the company an investment puts its sum into, the one
    # word a country owns: only an organization stands there
    for sentence, name in (("Lukor was acquired by Ulzenpra in 2016.", "Ulzenpra"),
                           ("Hooli committed to invest as much as $4 billion in Novul.", "Novul"),
                           ("Hooli itself pumped $100 million into Barenvi last month.", "Barenvi"),
                           ("Hooli pumped $100 million USD into Barenvi.", "Barenvi"),
                           ("The round was led by Japan's Moulvex.", "Moulvex")):
        named = [(m.text, m.entity.type) for m in _finder().named(sentence)]
        assert (name, ORGANIZATION) in named, sentence


def test_a_sum_in_a_round_a_quarter_or_a_metric_names_no_organization() -> None:
    # (the investment's slot takes one word written as a name: "Q3" and "ARR" are not)
    for sentence in ("Hooli invested $100 million in Series B funding.",
                     "Hooli invested $2 billion in Q3 alone.", "Hooli invested $100 million in ARR growth.",
                     "Hooli said Japan's AI rules changed.", "Hooli said Monday's Keynote went well."):
        named = [m.text for m in _finder().named(sentence)]
        assert named == ["Hooli"], sentence


def test_any_title_of_the_lexicon_after_a_comma_makes_the_name_before_it_a_person() -> None:
    # "co-founder and former chief scientist of": the second title is one the comma cue of
    # old did not list; every title of the lexicon counts
    found = MentionFinder(REGISTRY, load_lexicon()).named(
        "Tomas Iszen, co-founder and former chief scientist of Hooli, has raised $1 billion.")
    assert [(m.text, m.entity.type) for m in found][0] == ("Tomas Iszen", PERSON)


def test_an_honorific_with_its_full_stop_is_no_part_of_a_name() -> None:
    found = MentionFinder(REGISTRY, load_lexicon()).named(
        "“It matters,” said Dr. Oscar Sasollu, chair and CEO of Hooli.")
    assert ("Oscar Sasollu", PERSON) in [(m.text, m.entity.type) for m in found]
