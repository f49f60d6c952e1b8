"""The planner's words as messages: English text, and what the web layer needs to say them in another language.

The planner stays free of Django, so it cannot translate. Everything it writes
for a person (a step's title and why, a route's reason, a target-date check) is
a `Text`: a `str` whose value is the English wording, so the planner, its tests
and everything that stores or compares the words keep reading English; and
which can `render` itself in another language given a `Language`
(roadmap/translation.py gives one from Django's gettext).

- `N_("You have {months} months.", months=6)` is a `Message`: a msgid and its
  parameters. `NP_("{count} month", "{count} months", count)` a plural one.
  Both names mark msgids for `makemessages` (see roadmap/management/commands/
  makemessages.py, which passes them to xgettext).
- `Join(parts, separator)`: texts put together, each said in the language.
- `Localized(english, es=...)`: catalogue text an admin wrote (a step's why)
  with the translations the admin gave; English when there is none, and the
  rendering says it fell back so the page can note it.

Parameters may be texts, plain strings (codes, names: said as they are),
numbers, amounts of money (`Money`), or dates (the language writes them). Concatenating a `Text` with `+`
gives a plain `str` and loses the translation: join texts with `Join`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol, Self


class Money(Decimal):
    """An amount in US dollars, as a parameter: each language writes it its own way ("$1,234", "$1 234")."""

    __slots__ = ()


Param = str | int | Decimal | date


class Language(Protocol):
    """How to say things in one language; roadmap/translation.py has the one backed by Django's gettext."""

    @property
    def code(self) -> str: ...

    def gettext(self, msgid: str) -> str: ...

    def ngettext(self, singular: str, plural: str, count: int) -> str: ...

    def date(self, value: date) -> str: ...

    def number(self, value: int | Decimal) -> str: ...

    def money(self, value: Decimal) -> str: ...


@dataclass(frozen=True)
class _English:
    """The language the msgids are written in."""

    code: str = "en"

    def gettext(self, msgid: str) -> str:
        return msgid

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return singular if count == 1 else plural

    def date(self, value: date) -> str:
        # The same as wording.day, which imports this module.
        return f"{value.day} {value:%b %Y}"

    def number(self, value: int | Decimal) -> str:
        return str(value)

    def money(self, value: Decimal) -> str:
        return f"${value:,.0f}" if value == value.to_integral_value() else f"${value:,.2f}"


ENGLISH: Language = _English()


class Text(str):
    """A piece of the planner's wording: its value is the English; `render` says it in any language."""

    __slots__ = ()

    def render(self, language: Language) -> tuple[str, bool]:
        """The text in `language`, and whether some catalogue text in it had to stay in English."""
        raise NotImplementedError

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)


def _render(value: object, language: Language) -> tuple[str, bool]:
    if isinstance(value, Text):
        return value.render(language)
    if isinstance(value, date):
        return language.date(value), False
    if isinstance(value, Money):
        return language.money(value), False
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return language.number(value), False
    return str(value), False


class Message(Text):
    """A msgid with its parameters, e.g. "You have {months} months." with months=6; plural with a count."""

    text: str
    plural: str
    number: int | None  # the count that picks a plural form (not `count`, which is str.count)
    params: tuple[tuple[str, object], ...]

    def __new__(
        cls, text: str, plural: str = "", count: int | None = None, params: Iterable[tuple[str, object]] = ()
    ) -> Self:
        frozen = tuple(sorted(params))
        english = _format(ENGLISH, text, plural, count, frozen)[0]
        self = super().__new__(cls, english)
        self._set(text=text, plural=plural, number=count, params=frozen)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.plural, self.number, self.params))

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"

    def render(self, language: Language) -> tuple[str, bool]:
        return _format(language, self.text, self.plural, self.number, self.params)


def _format(
    language: Language, text: str, plural: str, count: int | None, params: tuple[tuple[str, object], ...]
) -> tuple[str, bool]:
    values: dict[str, str] = {}
    fell_back = False
    for name, value in params:
        values[name], missing = _render(value, language)
        fell_back = fell_back or missing
    if count is not None:
        values.setdefault("count", language.number(count))
    pattern = language.ngettext(text, plural, count or 0) if plural else language.gettext(text)
    try:
        return pattern.format(**values), fell_back
    except (KeyError, IndexError, ValueError):  # a translation naming a parameter the msgid does not have
        english = ENGLISH.ngettext(text, plural, count or 0) if plural else text
        return english.format(**values), fell_back


def N_(text: str, /, **params: object) -> Message:
    """A message to translate; `{name}` in the text is filled from `params`."""
    return Message(text, params=params.items())


def NP_(singular: str, plural: str, count: int, /, **params: object) -> Message:
    """A message with a singular and a plural form, chosen by `count` (also available as `{count}`)."""
    return Message(singular, plural, count, params.items())


class Join(Text):
    """Texts said one after another with a separator, each in the language."""

    parts: tuple[object, ...]
    separator: str

    def __new__(cls, parts: Iterable[object], separator: str = " ") -> Self:
        kept = tuple(part for part in parts if part != "")
        self = super().__new__(cls, separator.join(_render(part, ENGLISH)[0] for part in kept))
        self._set(parts=kept, separator=separator)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.parts, self.separator))

    def __repr__(self) -> str:
        return f"Join({str(self)!r})"

    def render(self, language: Language) -> tuple[str, bool]:
        said = [_render(part, language) for part in self.parts]
        return self.separator.join(text for text, _missing in said), any(missing for _text, missing in said)


class Localized(Text):
    """Catalogue text (English) with the translations an admin gave it, by language code."""

    translations: tuple[tuple[str, str], ...]

    def __new__(cls, english: str, translations: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> Self:
        pairs = translations.items() if isinstance(translations, Mapping) else translations
        self = super().__new__(cls, english)
        self._set(translations=tuple(sorted((code, text) for code, text in pairs if text.strip())))
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.translations))

    def __repr__(self) -> str:
        return f"Localized({str(self)!r})"

    def render(self, language: Language) -> tuple[str, bool]:
        if language.code == ENGLISH.code or not str(self):
            return str(self), False
        found = dict(self.translations).get(language.code)
        return (found, False) if found else (str(self), True)

    def map(self, change: Any) -> Self:
        """The same text with `change` (str -> str) applied to the English and to each translation."""
        return type(self)(change(str(self)), [(code, change(text)) for code, text in self.translations])


def catalogue_text(text: str) -> Localized:
    """Catalogue text as a `Localized`: itself when it already is one (roadmap/snapshot.py makes them)."""
    return text if isinstance(text, Localized) else Localized(text)
