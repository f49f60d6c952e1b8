"""Hostile input for the bad-input property tests (issue 10, section 1), and what they check after each request.

A fuzzer found requests that gave 500s; these strategies send the same kinds of values through the real
views: long, unicode, invalid UTF-8, negative, huge, missing, repeated keys, and whatever a field's
neighbours accept. Every request must be answered (never a 500), and one that is refused must change nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote_from_bytes, quote_plus

from django.db import DataError, connection, models, transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Each property test sends this many requests: enough to find what the fuzzer found, fast enough to run always.
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_WIDE = settings(FUZZ, max_examples=100)  # for a form with many fields (the profile and its rows)

NUMBERS = [
    "-1", "-0", "0", "00", "+1", "1.5", "1,5", "0x10", "1_000", " 7 ",
    "\u0661\u0662", "\uff11\uff12",  # 12 in Arabic-Indic and in full-width digits
    "1e999999", "-1e999999", "1e-999999", "NaN", "sNaN", "-Infinity", "Infinity",
    "9" * 30, "-" + "9" * 30, str(2**63), str(2**63 - 1), str(-(2**63) - 1), str(2**31), "9" * 5000,
]  # fmt: skip
TRICKY = [
    "", " ", "\x00", "a\x00b",
    "9999-12-31", "0001-01-01", "0000-00-00", "2024-02-30", "2027-13-01", "10000-01-01", "-2024-01-01",
    "on", "off", "true", "None", "null", "[]", "{}",
    "<script>alert(1)</script>", "' OR 1=1 --", "%00", "%ff", "../../etc/passwd", "//evil.example/",
    "https://evil.example/", "javascript:alert(1)", "logout", "foo", "\u202e", "\ufeff", "😀", "x" * 3000, "\r\n",
]  # fmt: skip
MISSING = object()

values: st.SearchStrategy[str | bytes] = st.one_of(
    st.sampled_from(TRICKY),
    st.sampled_from(NUMBERS),
    st.text(max_size=30),
    st.integers().map(str),
    st.binary(min_size=1, max_size=8),  # sent as raw bytes: mostly invalid UTF-8
)

Pairs = list[tuple[str, str | bytes]]


def tampered(
    base: Mapping[str, str | list[str]], *, names: Sequence[str] = (), plausible: Sequence[str] = ()
) -> st.SearchStrategy[Pairs]:
    """A valid form post (`base`) with one to six keys removed, replaced or repeated.

    `names`: keys the page does not send that a forger might (other rows, management counts).
    `plausible`: values the form knows (its ids and codes), so that mixing them up is tried too.
    """
    value = st.one_of(values, st.sampled_from(plausible)) if plausible else values
    change = st.one_of(st.just(MISSING), value, st.lists(value, min_size=2, max_size=3))
    # Half the changes go to what the page sends, half to what it does not: a long list of extra names
    # would otherwise leave the page's own fields untried.
    extra = sorted(set(names) - set(base))
    keys = st.one_of(st.sampled_from(sorted(base)), st.sampled_from(extra)) if extra else st.sampled_from(sorted(base))
    return st.dictionaries(keys, change, min_size=1, max_size=6).map(lambda changes: _apply(base, changes))


def _apply(base: Mapping[str, str | list[str]], changes: Mapping[str, Any]) -> Pairs:
    merged: dict[str, Any] = {**base, **changes}
    pairs: Pairs = []
    for key, value in merged.items():
        if value is MISSING:
            continue
        pairs.extend((key, item) for item in (value if isinstance(value, list) else [value]))
    return pairs


def urlencoded(pairs: Pairs) -> str:
    """The pairs as a query string or form body; bytes are sent as they are (%ff), not as UTF-8."""
    return "&".join(
        f"{quote_plus(key)}={quote_from_bytes(value) if isinstance(value, bytes) else quote_plus(value)}"
        for key, value in pairs
    )


def post(client: Client, path: str, pairs: Pairs) -> Any:
    return client.generic("POST", path, urlencoded(pairs), content_type="application/x-www-form-urlencoded")


def path_part(value: str | bytes) -> str:
    """A value as one segment of a path (its slashes escaped, as a fuzzer would send them)."""
    return quote_from_bytes(value if isinstance(value, bytes) else value.encode(), safe="")


def answered(response: Any) -> None:
    """Never a 500: show the exception the view raised, if it did."""
    assert response.status_code < 500, response.exc_info


def refused_with_a_message(response: Any) -> None:
    """A 400 names the problem on the page (the form's error summary, or the site's own 400 page)."""
    if response.status_code == 400:
        assert b'class="form-error"' in response.content or b"could not be understood" in response.content


def kept_or_refused(
    response: Any, allowed: set[int], before: dict[str, list[tuple[Any, ...]]], *tables: type[models.Model]
) -> None:
    """What every hostile post must get: no 500, a message on a 400, one of the `allowed` statuses, and
    unless it was accepted (302), the tables exactly as `before`."""
    answered(response)
    refused_with_a_message(response)
    assert response.status_code in allowed
    if response.status_code != 302:
        assert rows(*tables) == before


def rows(*tables: type[models.Model]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables, to compare before and after a request."""
    return {table._meta.label: list(table.objects.order_by("pk").values_list()) for table in tables}


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each example starts from the same database: what it wrote is undone."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _refuse_nul(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    param_rows = list(params or ()) if many else [params]
    for row in param_rows:
        for value in row.values() if isinstance(row, Mapping) else row or ():
            if isinstance(value, str) and "\x00" in value:
                raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    return execute(sql, param_rows if many else params, many, context)


@contextmanager
def like_postgresql() -> Iterator[None]:
    """SQLite stores a NUL byte in text; PostgreSQL refuses it with an error (a 500). Refuse it here too."""
    with connection.execute_wrapper(_refuse_nul):
        yield
