"""Choosing among alternatives by named rules, so that a plan can say which rule decided.

A rank is a tuple with one element per rule, compared in order; the smaller
rank wins. Rules are named in words a person reads: "fewer steps".
"""

from __future__ import annotations

from collections.abc import Sequence

# Routes to the same goal, and the credential chosen to meet a requirement that accepts several.
ROUTE_RULES = (
    "it finishes soonest",
    "it has fewer steps",
    "it has fewer steps of unknown length or cost",
    "its known costs are lower",
    "the body lists it first",
)
CREDENTIAL_RULES = (
    "the body does not aim it at experienced coders, and you are new to coding",
    "it finishes soonest",
    "it has fewer steps",
    "it has fewer steps of unknown length or cost",
    "its known costs are lower",
    "it comes from the same body",
    "it is equal on every rule, so it is taken by its code",
)


# Certifications on the recommendations page.
RECOMMEND_RULES = (
    "it can be planned for you",
    "it fits your preferred setting",
    "it suits someone without coding experience or a core credential",
    "its eligibility rules are verified",
    "you are eligible now",
    "it is aimed more squarely at your setting",
    "it builds on a credential you hold",
    "it finishes sooner",
    "it has fewer steps",
    "it has fewer steps of unknown length or cost",
    "its known costs are lower",
    "it is equal on every rule, so it is listed by its code",
)


def deciding_rule(best: Sequence[object], other: Sequence[object], rules: Sequence[str]) -> str:
    """The first rule on which `best` and `other` differ, or "" when they are equal on every rule."""
    for mine, theirs, rule in zip(best, other, rules, strict=True):
        if mine != theirs:
            return rule
    return ""
