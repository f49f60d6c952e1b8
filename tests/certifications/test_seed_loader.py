import tomllib
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from certifications.models import Certification, CeuPolicy, EligibilityRoute, SeedState, Source, TrainingProgram
from certifications.seed.loader import load_catalogue
from certifications.seed.records import SEED_FILE

pytestmark = pytest.mark.django_db

SEED = tomllib.loads(SEED_FILE.read_text())
UNIT_COUNT = sum(
    len(SEED[key]) for key in ("sources", "work_settings", "knowledge_areas", "bodies", "certifications", "programs")
)


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_app_config("certifications").get_models()}


def test_seed_holds_the_seventeen_certifications_of_the_issue():
    codes = sorted(Certification.objects.values_list("code", flat=True))
    expected = "CPC COC CIC CRC CPB CPMA CPCO CDEO CCA CCS CCS-P RHIT RHIA CDIP CCDS CMRS CBCS"
    assert codes == sorted(expected.split())


def test_running_the_loader_again_changes_nothing():
    before = _row_counts()
    report = load_catalogue()
    assert (report.created, report.updated, report.left_alone) == ([], [], [])
    assert len(report.unchanged) == UNIT_COUNT
    assert _row_counts() == before


def test_an_admin_edit_survives_a_rerun_and_is_reported():
    Certification.objects.filter(code="CPC").update(exam_fee_member=Decimal("350"))
    report = load_catalogue()
    assert Certification.objects.get(code="CPC").exam_fee_member == Decimal("350.00")
    assert report.left_alone == ["certification CPC: changed by an admin (use --update to overwrite it)"]
    assert report.updated == []


def test_an_admin_edit_to_a_nested_route_counts_as_a_change_to_the_certification():
    route = EligibilityRoute.objects.get(certification__code="CCS", order=3)
    route.requirements.update(months=30)
    report = load_catalogue()
    assert report.left_alone == ["certification CCS: changed by an admin (use --update to overwrite it)"]
    assert list(route.requirements.values_list("months", flat=True)) == [30]


def test_the_update_option_applies_the_seed_over_an_admin_edit():
    Certification.objects.filter(code="CPC").update(exam_fee_member=Decimal("350"), ceus_per_cycle=40)
    report = load_catalogue(update=True)
    cpc = Certification.objects.get(code="CPC")
    assert (cpc.exam_fee_member, cpc.ceus_per_cycle) == (None, 36)
    assert report.updated == ["certification CPC"]
    assert load_catalogue().left_alone == []


def test_a_record_an_admin_deleted_is_not_recreated_unless_asked():
    TrainingProgram.objects.filter(slug="aapc-practicode").delete()
    report = load_catalogue()
    assert TrainingProgram.objects.filter(slug="aapc-practicode").exists() is False
    assert report.left_alone == [
        "program aapc-practicode: deleted by an admin, not recreated (use --update to restore it)"
    ]
    load_catalogue(update=True)
    assert TrainingProgram.objects.get(slug="aapc-practicode").qualifications == ["practicode"]


def test_a_newer_seed_updates_records_nobody_edited(tmp_path: Path):
    newer = SEED_FILE.read_text().replace('exam_fee_member = "199.00"', 'exam_fee_member = "209.00"')
    assert newer != SEED_FILE.read_text()
    path = tmp_path / "catalogue.toml"
    path.write_text(newer)
    report = load_catalogue(path=path)
    assert report.updated == ["certification CCA"]
    assert Certification.objects.get(code="CCA").exam_fee_member == Decimal("209.00")


def test_management_command_reports_what_it_left_alone():
    Certification.objects.filter(code="CCS").update(summary="Edited by an admin.")
    out = StringIO()
    call_command("load_catalogue", stdout=out)
    assert out.getvalue().splitlines() == [
        f"0 created, 0 updated, {UNIT_COUNT - 1} unchanged, 1 left alone.",
        "  left alone: certification CCS: changed by an admin (use --update to overwrite it)",
    ]


def test_every_seeded_source_is_medium_or_high_confidence():
    assert set(Source.objects.values_list("confidence", flat=True)) == {"high", "medium"}


def test_every_seeded_figure_carries_its_source_and_verified_date():
    missing = []
    for cert in Certification.objects.all():
        groups = {
            "exam": (
                [cert.exam_items, cert.exam_minutes, cert.exam_open_book],
                cert.exam_source,
                cert.exam_verified_on,
            ),
            "fee": ([cert.exam_fee_member, cert.exam_fee_non_member], cert.fee_source, cert.fee_verified_on),
            "ceu": ([cert.ceus_per_cycle], cert.ceu_source, cert.ceu_verified_on),
        }
        for name, (figures, source, verified_on) in groups.items():
            if any(value is not None for value in figures) and (source is None or verified_on is None):
                missing.append(f"{cert.code} {name}")
        if cert.salary is not None and cert.salary_source is None:
            missing.append(f"{cert.code} salary")
    assert missing == []


def test_unverified_fees_stay_unknown_rather_than_zero():
    fees = dict(Certification.objects.values_list("code", "exam_fee_member"))
    assert {code for code, fee in fees.items() if fee is not None} == {"CCA", "CCS"}
    assert Decimal("0") not in fees.values()


def test_seed_routes_match_the_facts():
    def routes(code: str, purpose: str) -> list[str]:
        return list(
            EligibilityRoute.objects.filter(certification__code=code, purpose=purpose)
            .order_by("order")
            .values_list("name", flat=True)
        )

    assert len(routes("CCS", "eligibility")) == 5
    assert len(routes("CCDS", "eligibility")) == 5
    assert routes("CCA", "eligibility") == ["High-school diploma or equivalent"]
    assert routes("CPC", "apprentice_removal") == [
        "Two years of verified coding work",
        "One year of verified coding work plus an 80-contact-hour coding course",
        "One year of verified coding work plus AAPC Practicode",
    ]
    assert routes("COC", "apprentice_removal") == routes("CPC", "apprentice_removal")
    assert routes("RHIT", "eligibility") == [
        "Associate degree from a CAHIIM-accredited HIM program",
        "Bachelor's degree from a CAHIIM-accredited HIM program",
    ]


def test_a_field_added_to_the_seed_shape_is_not_mistaken_for_an_admin_edit(tmp_path: Path):
    state = SeedState.objects.get(kind="body", key="AAPC")
    policy = {name: value for name, value in state.written["ceu_policy"].items() if name != "first_cycle_min_months"}
    # As recorded before first_cycle_min_months existed, with a field that has since gone.
    SeedState.objects.filter(pk=state.pk).update(written=state.written | {"ceu_policy": policy, "retired": "x"})
    newer = SEED_FILE.read_text().replace("first_cycle_min_months = 12", "first_cycle_min_months = 18")
    path = tmp_path / "catalogue.toml"
    path.write_text(newer)
    report = load_catalogue(path=path)
    assert (report.left_alone, report.updated) == ([], ["body AAPC"])
    assert CeuPolicy.objects.get(body__abbreviation="AAPC").first_cycle_min_months == 18
