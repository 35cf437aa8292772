"""Who may manage lots, 合格证, inspections and recalls. Pure predicates over the actor's scope; re-exported by
`permissions.py` (one `can_<service>` per service, as everywhere).

- an enterprise user manages its own enterprise's lots and certificates and updates its own recall sites;
- district staff do the same for the enterprises of their districts, record inspections of their producers'
  lots and open and close recalls of them;
- department staff and administrators may do everything;
- inspections are recorded by government staff (the inspectors) only, never by the producer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pinpai.accounts.querysets import actor_scope
from pinpai.registry.models import Enterprise

if TYPE_CHECKING:
    from pinpai.traceability.models import ComplianceCertificate, Lot, Recall, RecallNotice, RecallSite


def _is_city_staff(actor: Any) -> bool:
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.department_ids)


def _district_covers(actor: Any, enterprise: Enterprise) -> bool:
    return enterprise.organisation.district_id in actor_scope(actor).district_ids


def _acts_for(actor: Any, enterprise: Enterprise) -> bool:
    """The enterprise's own users, its district's staff, departments and administrators."""
    if _is_city_staff(actor) or enterprise.pk in actor_scope(actor).enterprise_ids:
        return True
    return _district_covers(actor, enterprise)


def _oversees(actor: Any, producers: Iterable[Enterprise]) -> bool:
    """Government staff responsible for every one of these producers."""
    if _is_city_staff(actor):
        return True
    producers = list(producers)
    return bool(producers) and all(_district_covers(actor, p) for p in producers)


# ---------------------------------------------------------------- lots


def can_lot_register(actor: Any, *, producer: Enterprise) -> bool:
    return _acts_for(actor, producer)


def can_lot_status_change(actor: Any, *, lot: Lot) -> bool:
    """Holding or releasing a lot by hand; `recalled` only comes from closing a recall."""
    return _acts_for(actor, lot.producer)


# ---------------------------------------------------------------- 合格证


def can_compliance_certificate_issue(actor: Any, *, producer: Enterprise) -> bool:
    return _acts_for(actor, producer)


def can_compliance_certificate_revoke(actor: Any, *, certificate: ComplianceCertificate) -> bool:
    return _acts_for(actor, certificate.producer)


# ---------------------------------------------------------------- inspections


def is_inspector(actor: Any) -> bool:
    """Government staff who record inspections somewhere (used to show the form)."""
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.department_ids) or bool(scope.district_ids)


def can_inspection_record(actor: Any, *, lot: Lot) -> bool:
    return _oversees(actor, [lot.producer])


# ---------------------------------------------------------------- recalls


def can_recall_open(actor: Any, *, lots: Iterable[Lot]) -> bool:
    return _oversees(actor, [lot.producer for lot in lots])


def can_recall_manage(actor: Any, *, recall: Recall) -> bool:
    """Staff responsible for the recall: city staff, or district staff of one of its lots' producers."""
    if _is_city_staff(actor):
        return True
    districts = actor_scope(actor).district_ids
    if not districts:
        return False
    return recall.lots.filter(lot__producer__organisation__district_id__in=districts).exists()


def can_recall_close(actor: Any, *, recall: Recall) -> bool:
    return can_recall_manage(actor, recall=recall)


def can_recall_site_update(actor: Any, *, site: RecallSite) -> bool:
    """The enterprise at the site, or the staff responsible for the recall or the site's district."""
    if site.enterprise_id is not None and site.enterprise_id in actor_scope(actor).enterprise_ids:
        return True
    if site.enterprise is not None and _district_covers(actor, site.enterprise):
        return True
    if site.location is not None and site.location.district_id in actor_scope(actor).district_ids:
        return True
    return can_recall_manage(actor, recall=site.recall)


def can_recall_notice_read(actor: Any, *, notice: RecallNotice) -> bool:
    """Only the users of the notified enterprise mark its notice read."""
    return notice.enterprise_id in actor_scope(actor).enterprise_ids
