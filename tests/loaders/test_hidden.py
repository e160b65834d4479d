"""Which HTML elements a reader never sees."""

from __future__ import annotations

from lxml import html

from kg.loaders.hidden import drop_hidden, is_hidden


def element(markup: str) -> html.HtmlElement:
    return html.fragment_fromstring(markup)


def test_is_hidden() -> None:
    for markup in ("<template><p>x</p></template>", "<noscript>x</noscript>", "<div hidden>x</div>",
                   '<div hidden="until-found">x</div>', '<span aria-hidden="TRUE">x</span>',
                   '<div style="display:none">x</div>', '<div style="color:red; DISPLAY: none ;">x</div>',
                   '<div style="display:none !important">x</div>', '<p style="visibility: hidden">x</p>'):
        assert is_hidden(element(markup)), markup
    for markup in ("<div>x</div>", '<span aria-hidden="false">x</span>', '<div style="display:block">x</div>',
                   '<div style="display: none-ish">x</div>', '<div class="hidden">x</div>',
                   '<div data-style="display:none">x</div>'):
        assert not is_hidden(element(markup)), markup


def test_drop_hidden_keeps_the_text_that_follows() -> None:
    tree = html.document_fromstring(
        "<html><body hidden><p>Shown <span hidden>not shown</span>still shown.</p>"
        "<div style='display:none'><p>gone <b hidden>twice</b></p></div><template>gone</template>"
        "</body></html>")
    assert drop_hidden(tree) == 3
    assert tree.text_content() == "Shown still shown."
