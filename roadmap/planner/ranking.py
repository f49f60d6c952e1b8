"""Choosing among alternatives by named rules, so that a plan can say which rule decided.

A rank is a tuple with one element per rule, compared in order; the smaller
rank wins. Rules are named in words a person reads: "fewer steps".
"""

from __future__ import annotations

from collections.abc import Sequence

from .messages import N_, Message

# Routes to the same goal, and the credential chosen to meet a requirement that accepts several.
ROUTE_RULES = (
    N_("it finishes soonest"),
    N_("it has fewer steps"),
    N_("it has fewer steps of unknown length or cost"),
    N_("its known costs are lower"),
    N_("the body lists it first"),
)
CREDENTIAL_RULES = (
    N_("the body does not aim it at experienced coders, and you are new to coding"),
    N_("it finishes soonest"),
    N_("it has fewer steps"),
    N_("it has fewer steps of unknown length or cost"),
    N_("its known costs are lower"),
    N_("it comes from the same body"),
    N_("it is equal on every rule, so it is taken by its code"),
)


# Certifications on the recommendations page.
RECOMMEND_RULES = (
    N_("it can be planned for you"),
    N_("it fits your preferred setting"),
    N_("it suits someone without coding experience or a core credential"),
    N_("its eligibility rules are verified"),
    N_("you are eligible now"),
    N_("it is aimed more squarely at your setting"),
    N_("it builds on a credential you hold"),
    N_("it finishes sooner"),
    N_("it has fewer steps"),
    N_("it has fewer steps of unknown length or cost"),
    N_("its known costs are lower"),
    N_("it is equal on every rule, so it is listed by its code"),
)


def deciding_rule(best: Sequence[object], other: Sequence[object], rules: Sequence[Message]) -> Message | str:
    """The first rule on which `best` and `other` differ, or "" when they are equal on every rule."""
    for mine, theirs, rule in zip(best, other, rules, strict=True):
        if mine != theirs:
            return rule
    return ""
