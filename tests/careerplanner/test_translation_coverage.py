"""Every word a visitor can read goes through the translation machinery, and Spanish has all of them.

The first test reads each template under templates/ as Django's lexer splits it and fails on visible text
left outside {% translate %} and {% blocktranslate %}: an element's text, the attributes a person reads or
hears (aria-label, title, alt, placeholder, aria-valuetext, a page's description), and words passed to an
include or a filter as a string literal (`with button="Save"`, `|default:"None"`) instead of `_("Save")`.
The others read locale/es/LC_MESSAGES/django.po: every message there has a Spanish translation, none is
left fuzzy, and every message the templates and the Python code mark is in it (run `make messages` after
adding one).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, Token, TokenType
from django.utils.translation import templatize

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SPANISH = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"

# What stands for a template tag or variable in the text left to check: no letters, so never a word.
HOLE = "\x00"
LETTERS = re.compile(r"[^\W\d_]{2,}")
# Attributes whose values are read to a person (a page's description is a <meta content>).
READ_ATTRIBUTES = {"aria-label", "aria-valuetext", "title", "alt", "placeholder"}
# Third-party templates we override to change markup, not words (Django's admin stays in English).
NOT_OURS = ("admin/", "drf_spectacular/")
# Tags whose string arguments are names, addresses or formats, never words for a person.
NAME_TAGS = {"load", "extends", "include", "url", "static", "partial", "partialdef", "block", "firstof", "with"}
# A translated literal, _("Save"), is matched first so that its quotes are not taken for another literal's.
STRING_LITERAL = re.compile(r"""_\((["']).*?\1\)|(["'])(.*?)\2""")


def _templates() -> list[Path]:
    return sorted(
        path
        for path in TEMPLATES.rglob("*")
        if path.suffix in (".html", ".txt") and not str(path.relative_to(TEMPLATES)).startswith(NOT_OURS)
    )


def _is_words(text: str) -> bool:
    return bool(LETTERS.search(text))


class _VisibleText(HTMLParser):
    """The text and the read attributes of an HTML page, outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        values = dict(attrs)
        for name, value in attrs:
            read = name in READ_ATTRIBUTES or (
                tag == "meta" and name == "content" and values.get("name") == "description"
            )
            if value and read and _is_words(value):
                self.found.append(f'{name}="{value.replace(HOLE, "…")}"')

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and _is_words(data):
            self.found.append(data.replace(HOLE, " ").strip())


def _untranslated(source: str, is_html: bool) -> Iterator[str]:
    """The words of a template left out of the translation machinery."""
    text: list[str] = []
    inside_translation = inside_comment = False
    for token in Lexer(source).tokenize():
        contents = token.contents.strip()
        command = contents.split(" ", 1)[0] if token.token_type == TokenType.BLOCK else ""
        if inside_comment:
            inside_comment = command != "endcomment"
            continue
        if inside_translation:
            inside_translation = command not in ("endblocktranslate", "endblocktrans")
            continue
        if command == "comment":
            inside_comment = True
        elif command in ("blocktranslate", "blocktrans"):
            inside_translation = True
            text.append(HOLE)
        elif token.token_type == TokenType.TEXT:
            text.append(token.contents)
        elif token.token_type != TokenType.COMMENT:
            yield from _literal_words(token, command)
            # A variable where a tag name goes (`<{{ tag }} ...>`) stands for a name, not text.
            text.append("x" if "".join(text).endswith(("<", "</")) else HOLE)
    page = "".join(text)
    if not is_html:
        yield from (line.replace(HOLE, " ").strip() for line in page.splitlines() if _is_words(line))
        return
    parser = _VisibleText()
    parser.feed(page)
    parser.close()
    yield from parser.found


def _literal_words(token: Token, command: str) -> Iterator[str]:
    """Words passed as a string literal ("Save") rather than a translated one (_("Save"))."""
    if command in NAME_TAGS | {"translate", "trans"} and command not in ("include", "with"):
        return
    for match in STRING_LITERAL.finditer(token.contents):
        value = match.group(3)
        if value is None or (command == "include" and match.start() < token.contents.find(" with ")):
            continue  # translated, or the included template's name
        if _is_words(value) and (" " in value.strip() or value[:1].isupper()):
            yield f"{token.contents}: {match.group(0)}"


@pytest.mark.parametrize("path", _templates(), ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_every_visible_word_of_a_template_is_marked_for_translation(path: Path) -> None:
    assert list(_untranslated(path.read_text(), is_html=path.suffix == ".html")) == []


def test_the_check_finds_words_left_out() -> None:
    source = (
        '{% load i18n %}<p title="Plain title">{% translate "Fine" %} Left out</p>'
        '{% blocktranslate %}Fine {{ too }}{% endblocktranslate %}<li class="{% if x %}met{% endif %}"></li>'
        '{% include "a.html" with button="Save it" %}{{ x|default:_("Fine") }}{{ y|default:"None" }}'
        '<style>body { color: red; }</style>{# a comment #}<{{ tag }} class="h5"></{{ tag }}>'
    )
    assert list(_untranslated(source, is_html=True)) == [
        'include "a.html" with button="Save it": "Save it"',
        'y|default:"None": "None"',
        'title="Plain title"',
        "Left out",
    ]


def _catalogue() -> list[dict[str, str]]:
    """The entries of the Spanish catalogue: msgctxt, msgid, msgid_plural, msgstr[n] and flags, unescaped."""
    entries: list[dict[str, str]] = []
    entry: dict[str, str] = {}
    field = ""
    for line in [*SPANISH.read_text().splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, field = {}, ""
        elif line.startswith("#,"):
            entry["flags"] = line[2:].strip()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += _unquote(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = _unquote(value)
    return [entry for entry in entries if entry.get("msgid")]


def _unquote(text: str) -> str:
    return text.strip()[1:-1].encode().decode("unicode_escape").encode("latin-1").decode()


def test_every_spanish_message_is_translated_and_none_is_fuzzy() -> None:
    entries = _catalogue()
    assert len(entries) > 400
    missing = [
        entry["msgid"]
        for entry in entries
        if "fuzzy" in entry.get("flags", "")
        or not all(value.strip() for field, value in entry.items() if field.startswith("msgstr"))
    ]
    assert missing == []


# What Django's templatize (the first step of makemessages) turns a template's messages into.
TEMPLATIZED_CALL = re.compile(
    r"""\b(gettext|ngettext|pgettext|npgettext|_)\(((?:u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")(?:, )?)+)"""
)
TEMPLATIZED_STRING = re.compile(r"""u?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def test_every_message_the_templates_mark_is_in_the_spanish_catalogue() -> None:
    """What makemessages would add: each translate and blocktranslate of the templates, by context and msgid."""
    known = {(entry.get("msgctxt", ""), entry["msgid"]) for entry in _catalogue()}
    marked = set()
    for path in _templates():
        for call in TEMPLATIZED_CALL.finditer(templatize(path.read_text(), origin=str(path))):
            strings = [ast.literal_eval(text) for text in TEMPLATIZED_STRING.findall(call.group(2))]
            context = strings.pop(0) if call.group(1).startswith(("p", "np")) else ""
            marked.add((context, strings[0]))
    assert len(marked) > 400
    assert sorted(marked - known) == []


# The functions Python code marks its words with: Django's (gettext, pgettext, ngettext... and `_`) and the
# planner's (N_, NP_: roadmap/planner/messages.py); by the position of the context and of the msgid.
PYTHON_MARKERS = {
    **dict.fromkeys(
        ("_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "N_", "NP_"), (None, 0)
    ),
    **dict.fromkeys(("pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"), (0, 1)),
}
PYTHON_SOURCES = ("careerplanner", "certifications", "roadmap")


def _python_messages(source: str) -> Iterator[tuple[str, str]]:
    """(context, msgid) of each marked string literal in a module, wherever it stands, f-strings included."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in PYTHON_MARKERS:
            continue
        context_at, msgid_at = PYTHON_MARKERS[name]
        strings = [
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None for arg in node.args
        ]
        if len(strings) > msgid_at and strings[msgid_at] is not None:
            context = strings[context_at] if context_at is not None else ""
            if context is not None:
                yield context, strings[msgid_at]


def test_every_message_the_python_code_marks_is_in_the_spanish_catalogue() -> None:
    """What makemessages would add from Python, and what it cannot see: a gettext inside an f-string is read
    here but not by xgettext, so its words would stay English on a Spanish page."""
    known = {(entry.get("msgctxt", ""), entry["msgid"]) for entry in _catalogue()}
    marked = {}
    for package in PYTHON_SOURCES:
        for path in sorted((Path(settings.BASE_DIR) / package).rglob("*.py")):
            if "migrations" not in path.parts:
                for message in _python_messages(path.read_text()):
                    marked.setdefault(message, str(path.relative_to(settings.BASE_DIR)))
    assert len(marked) > 300
    assert sorted((where, message) for message, where in marked.items() if message not in known) == []


def test_the_python_check_reads_every_marker_and_f_strings() -> None:
    source = (
        'from x import gettext as g\n_("One")\nsay.gettext("Two")\nf"<h3>{escape(gettext(\'Three\'))}</h3>"\n'
        'pgettext("menu", "Four")\nngettext("Five", "Fives", n)\nNP_("Six", "Sixes", n)\nN_(name)\nprint("Seven")\n'
    )
    assert sorted(_python_messages(source)) == [
        ("", "Five"),
        ("", "One"),
        ("", "Six"),
        ("", "Three"),
        ("", "Two"),
        ("menu", "Four"),
    ]
