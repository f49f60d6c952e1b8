"""Public catalogue pages are rendered once per catalogue version, sent compressed, and answer 304 when unchanged."""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from careerplanner import page_cache as careerplanner_page_cache
from certifications.models import CatalogueVersion, Certification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CPC_PAGE = "/certifications/CPC/"


def test_an_anonymous_page_carries_an_etag_and_last_modified_and_is_revalidated(client: Client) -> None:
    response = client.get(CPC_PAGE)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert len(response["ETag"]) == 34
    assert response["Last-Modified"].endswith(" GMT")
    assert "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_a_matching_etag_gets_304_without_a_body_in_one_query(client: Client, django_assert_num_queries: Any) -> None:
    etag = client.get(CPC_PAGE)["ETag"]

    with django_assert_num_queries(1):
        response = client.get(CPC_PAGE, headers={"If-None-Match": etag})

    assert (response.status_code, response.content, response["ETag"]) == (304, b"", etag)


def test_an_unchanged_page_since_its_last_modified_gets_304(client: Client) -> None:
    last_modified = client.get(CPC_PAGE)["Last-Modified"]

    response = client.get(CPC_PAGE, headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304


def test_a_catalogue_change_gives_a_new_page_and_a_new_etag(client: Client) -> None:
    before = client.get(CPC_PAGE)
    Certification.objects.filter(code="CPC").update(name="Certified Professional Coder, renamed")
    assert b"renamed" not in client.get(CPC_PAGE).content  # the kept page, until the version moves

    CatalogueVersion.bump()  # as every admin save and the seed loader do
    response = client.get(CPC_PAGE, headers={"If-None-Match": before["ETag"]})

    assert response.status_code == 200
    assert b"Certified Professional Coder, renamed" in response.content
    assert response["ETag"] != before["ETag"]


def test_each_address_is_its_own_page(client: Client) -> None:
    everything = client.get(reverse("certifications:list"))
    aapc_only = client.get(reverse("certifications:list"), {"body": "AAPC"})

    assert everything.content != aapc_only.content
    assert client.get(reverse("certifications:list"), {"body": "AAPC"}).content == aapc_only.content


def test_a_refused_filter_is_rendered_each_time_and_never_kept(client: Client, django_assert_num_queries: Any) -> None:
    url = reverse("certifications:list")
    assert client.get(url, {"level": "nonsense"}).status_code == 400

    # the catalogue version, then the whole page again: work settings and bodies for the filter
    with django_assert_num_queries(3):
        response = client.get(url, {"level": "nonsense"})

    assert response.status_code == 400
    assert not response.has_header("ETag")


def test_a_signed_in_person_gets_their_own_menu_never_the_anonymous_copy(client: Client) -> None:
    anonymous = client.get(CPC_PAGE)
    user = UserFactory(username="robin")
    client.force_login(user)

    response = client.get(CPC_PAGE)

    assert b"Log out" in response.content
    assert b"Log out" not in anonymous.content
    assert not response.has_header("ETag")


def test_pages_are_sent_compressed_to_a_browser_that_accepts_it(client: Client) -> None:
    plain = client.get(CPC_PAGE)

    response = client.get(CPC_PAGE, headers={"Accept-Encoding": "gzip, deflate, br"})

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain.content
    assert len(response.content) * 3 < len(plain.content)
    assert response["ETag"] == f"W/{plain['ETag']}"  # another encoding of the same page
    assert "Accept-Encoding" in response["Vary"]


def test_a_compressed_page_is_revalidated_with_its_weak_etag(client: Client) -> None:
    gzip_client = {"Accept-Encoding": "gzip"}
    etag = client.get(CPC_PAGE, headers=gzip_client)["ETag"]

    response = client.get(CPC_PAGE, headers={**gzip_client, "If-None-Match": etag})

    assert (response.status_code, response.content) == (304, b"")


def test_a_deploy_that_changes_a_template_keys_the_pages_anew(settings: Any, tmp_path: Any) -> None:
    """Instances of one deploy share cached pages (Redis); the next deploy's templates never see them."""
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<h1>Old</h1>")
    settings.BASE_DIR = tmp_path
    try:
        careerplanner_page_cache.release.cache_clear()
        old = careerplanner_page_cache.release()
        careerplanner_page_cache.release.cache_clear()
        assert careerplanner_page_cache.release() == old  # the same files give the same key on every instance
        template.write_text("<h1>New</h1>")
        careerplanner_page_cache.release.cache_clear()
        assert careerplanner_page_cache.release() != old
    finally:
        careerplanner_page_cache.release.cache_clear()
