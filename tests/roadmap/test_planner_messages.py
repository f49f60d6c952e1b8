"""The planner's words as messages: English as its value, and said in another language by whoever renders it.

No database: the catalogue comes from the seed file. `Spanish` below is a Language with a few entries,
standing in for gettext (the web layer's DjangoLanguage is tested in tests/roadmap/test_translation.py).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from roadmap import planner
from roadmap.planner import N_, NP_, Join, Localized, Message
from roadmap.planner.messages import Money
from tests.roadmap.seed_catalogue import seed_catalogue

TODAY = date(2026, 11, 23)

SPANISH = {
    "On track for your target date of {target}: likely {likely}.": (
        "Vas bien para el {target}: probablemente el {likely}."
    ),
    "Study {area}": "Estudiar {area}",
    "You have {count} month.": ("Tienes {count} mes.", "Tienes {count} meses."),
    "Fits your preferred work setting.": "Se ajusta a tu entorno de trabajo preferido.",
    "Recommended, not required:": "Recomendado, no obligatorio:",
}


@dataclass(frozen=True)
class Spanish:
    code: str = "es"

    def gettext(self, msgid: str) -> str:
        found = SPANISH.get(msgid, msgid)
        assert isinstance(found, str)
        return found

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        forms = SPANISH.get(singular, (singular, plural))
        return forms[0] if count == 1 else forms[1]

    def date(self, value: date) -> str:
        return f"{value:%d/%m/%Y}"

    def number(self, value: int | Decimal) -> str:
        return str(value).replace(".", ",")

    def money(self, value: Decimal) -> str:
        return f"{value:,.2f}".replace(",", " ").replace(".", ",") + " $"


def test_a_message_is_its_english_words():
    message = N_(
        "On track for your target date of {target}: likely {likely}.", target=date(2027, 3, 15), likely=date(2027, 3, 1)
    )

    assert message == "On track for your target date of 15 Mar 2027: likely 1 Mar 2027."
    assert str(message) == "On track for your target date of 15 Mar 2027: likely 1 Mar 2027."
    assert type(str(message)) is str
    assert (message.text, message.params) == (
        "On track for your target date of {target}: likely {likely}.",
        (("likely", date(2027, 3, 1)), ("target", date(2027, 3, 15))),
    )


def test_a_message_is_said_in_a_language_with_its_parameters_filled_in_that_language():
    message = N_(
        "On track for your target date of {target}: likely {likely}.", target=date(2027, 3, 15), likely=date(2027, 3, 1)
    )

    assert message.render(Spanish()) == ("Vas bien para el 15/03/2027: probablemente el 01/03/2027.", False)


def test_a_plural_message_picks_its_form_by_count_in_each_language():
    one, two = (
        NP_("You have {count} month.", "You have {count} months.", 1),
        NP_("You have {count} month.", "You have {count} months.", 2),
    )

    assert (str(one), str(two)) == ("You have 1 month.", "You have 2 months.")
    assert (one.render(Spanish())[0], two.render(Spanish())[0]) == ("Tienes 1 mes.", "Tienes 2 meses.")


def test_catalogue_text_is_said_in_the_admins_translation_or_flagged_as_english():
    translated = N_("Study {area}", area=Localized("Medical terminology", {"es": "Terminología médica"}))
    untranslated = N_("Study {area}", area=Localized("Medical terminology"))

    assert (str(translated), str(untranslated)) == ("Study Medical terminology", "Study Medical terminology")
    assert translated.render(Spanish()) == ("Estudiar Terminología médica", False)
    assert untranslated.render(Spanish()) == ("Estudiar Medical terminology", True)
    assert untranslated.render(planner.ENGLISH) == ("Study Medical terminology", False)


def test_joined_texts_are_each_said_in_the_language():
    joined = Join([N_("Recommended, not required:"), Localized("Learn the words.", {"es": "Aprende las palabras."})])

    assert joined == "Recommended, not required: Learn the words."
    assert joined.render(Spanish()) == ("Recomendado, no obligatorio: Aprende las palabras.", False)


def test_a_translation_naming_a_parameter_the_msgid_lacks_falls_back_to_the_english_words():
    @dataclass(frozen=True)
    class Broken(Spanish):
        def gettext(self, msgid: str) -> str:
            return "Estudiar {asignatura}"

    assert N_("Study {area}", area="coding").render(Broken()) == ("Study coding", False)


def test_messages_are_immutable_and_survive_pickling():
    message = N_("Study {area}", area=Localized("Medical terminology", {"es": "Terminología médica"}))
    joined = Join([message, NP_("You have {count} month.", "You have {count} months.", 3)])

    with pytest.raises(AttributeError):
        message.text = "Something else"  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(joined))
    assert (type(again), again, again.render(Spanish())) == (
        Join,
        joined,
        ("Estudiar Terminología médica Tienes 3 meses.", False),
    )


def test_a_plans_explanations_are_messages_whose_english_reads_as_before():
    maya = planner.Profile(
        education="high_school",
        hours_per_week=10,
        preferred_setting="physician-office",
        start_date=date(2027, 1, 4),
        target_date=date(2027, 6, 1),
    )
    result = planner.plan(maya, seed_catalogue(), "CPC", TODAY)

    texts = [
        *(step.title for step in result.steps),
        *(step.why for step in result.steps),
        *(route.why for route in result.routes),
        *(summary.explanation for summary in result.ceus),
        *(area.reason for area in result.knowledge),
    ]
    assert result.target is not None
    texts.append(result.target.message)
    catalogue_words = {step.title for step in result.steps if step.key.startswith(("exam:", "maintenance:"))}
    assert [text for text in texts if not isinstance(text, planner.Text) and text not in catalogue_words] == []
    study = next(step for step in result.steps if step.key == "knowledge:medical-terminology")
    assert isinstance(study.title, Message)
    assert (study.title, study.title.text) == ("Study medical terminology", "Study {area}")


def test_recommendation_reasons_are_messages():
    maya = planner.Profile(education="high_school", preferred_setting="physician-office", start_date=date(2027, 1, 4))
    first = planner.recommend(maya, seed_catalogue(), TODAY)[0]

    assert first.reasons[0] == "Fits your preferred work setting."
    assert first.reasons[0].render(Spanish()) == ("Se ajusta a tu entorno de trabajo preferido.", False)


def test_an_amount_is_written_by_each_language_as_it_writes_money():
    """The planner hands amounts over as Money, not as text already written the English way."""
    total = planner.cost_text(Decimal("1190"), 0)
    partly = planner.cost_text(Decimal("190.5"), 2)
    fee = N_("The exam fee is {fee}.", fee=Money("399"))

    assert (str(total), str(partly), str(fee)) == (
        "$1,190",
        "$190.50 known, plus 2 costs to check with the provider",
        "The exam fee is $399.",
    )
    assert total.render(Spanish()) == ("1 190,00 $", False)
    assert fee.render(Spanish()) == ("The exam fee is 399,00 $.", False)
