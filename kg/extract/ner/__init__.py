"""Learned recognizers of organization and person names the registry lacks.

    recognizer(lang) -> MentionRecognizer      one per language ("ko", "en"), cached
    MentionRecognizer.find(text) -> list[NamedSpan]
    NamedSpan(start, end, type, score)         offsets into text; type "Organization"
                                               or "Person"; score in [0, 1]

A linear-chain CRF (python-crfsuite) over Kiwi morphemes (Korean) or words
(English), trained by ``python scripts/train.py`` on the annotated corpus with
gold names projected onto the text and swapped for other names, so that it
learns the contexts names stand in rather than the names themselves.
"""

from kg.extract.ner.recognizer import MentionRecognizer, NamedSpan, recognizer

__all__ = ["MentionRecognizer", "NamedSpan", "recognizer"]
