"""What a step from a certification's templates costs: the exam fee, membership or recertification."""

from __future__ import annotations

from decimal import Decimal

from .inputs import Body, Certification, StepTemplate
from .messages import N_, Message, Money
from .vocabulary import COST_EXAM_FEE, COST_MEMBERSHIP_FEE, COST_NONE, COST_RECERTIFICATION_FEE


def template_cost(template: StepTemplate, cert: Certification, body: Body, member: bool) -> Decimal | None:
    if template.cost_from == COST_NONE:
        return Decimal(0)
    if template.cost_from == COST_EXAM_FEE:
        return cert.exam_fee_member if member else cert.exam_fee_non_member
    if template.cost_from == COST_MEMBERSHIP_FEE:
        return body.membership_fee
    if template.cost_from == COST_RECERTIFICATION_FEE:
        return body.recertification_fee_member if member else body.recertification_fee
    return template.cost


def is_member(body: Body) -> bool:
    """We plan membership only where the body requires it; otherwise non-member prices apply."""
    return bool(body.membership_required_to_sit or body.membership_required_to_keep)


def member_hint(template: StepTemplate, cert: Certification, body: Body, member: bool) -> Message | str:
    if template.cost_from != COST_EXAM_FEE or member or cert.exam_fee_member is None:
        return ""
    if cert.exam_fee_member == cert.exam_fee_non_member:
        return ""
    return N_(
        "The fee shown is the non-member price; {body} members pay {fee}.",
        body=body.code,
        fee=Money(cert.exam_fee_member),
    )
