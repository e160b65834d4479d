"""Remove the parts of an HTML page a reader never sees, before text is extracted.

A saved page carries text that is not shown: ``<template>`` content, elements
with the ``hidden`` attribute, ``aria-hidden="true"`` decorations, inline
``display: none`` / ``visibility: hidden``, and ``<noscript>`` fallbacks.
trafilatura would extract some of it as article text, and a fact read from
text nobody sees is not a fact the page states. The element goes with its
content; the text after it (its "tail") belongs to the parent and stays.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_ALWAYS_HIDDEN = frozenset({"template", "noscript"})
_HIDDEN_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.IGNORECASE
)
# Never dropped, whatever they say: a page whose body is marked hidden (a modal
# open when it was saved) still shows its article once the modal closes.
_KEEP = frozenset({"html", "body", "head"})


def is_hidden(element: HtmlElement) -> bool:
    """Whether ``element`` (and so everything in it) is not shown to a reader."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if not tag or tag in _KEEP:
        return False
    if tag in _ALWAYS_HIDDEN or element.get("hidden") is not None:
        return True
    if (element.get("aria-hidden") or "").strip().lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def drop_hidden(tree: HtmlElement) -> int:
    """Remove every hidden element from ``tree`` in place; the number removed."""
    hidden = [el for el in tree.iter() if is_hidden(el)]
    removed = 0
    for element in hidden:
        # An element inside one already removed is gone with it.
        if element.getparent() is not None and not any(is_hidden(a) for a in element.iterancestors()):
            element.drop_tree()
            removed += 1
    return removed
