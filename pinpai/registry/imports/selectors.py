"""Reads for the import pages and tasks.

They belong with the other registry reads in `pinpai/registry/selectors.py`; they live here until that
module is opened to this feature. A job is seen by its creator and by system administrators (the same
people `can_import_job_validate` lets act on it).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pinpai.accounts.querysets import actor_scope
from pinpai.common.exceptions import NotFoundError
from pinpai.registry.imports.reader import ImportFileError, Table, file_bytes, read_preview
from pinpai.registry.models import ImportJob

PREVIEW_ROWS = 20


def import_job_list(*, actor: Any) -> QuerySet[ImportJob]:
    scope = actor_scope(actor)
    qs = ImportJob.objects.select_related("created_by")
    if not scope.is_admin:
        qs = qs.filter(created_by_id=getattr(actor, "pk", None)) if scope.authenticated else qs.none()
    return qs.order_by("-created_at", "-pk")


def import_job_get(*, actor: Any, pk: int) -> ImportJob:
    job = import_job_list(actor=actor).filter(pk=pk).first()
    if job is None:
        raise NotFoundError(f"No import with id {pk}.")
    return job


def import_job_get_for_task(*, pk: int) -> ImportJob:
    """The job a background task works on, with its creator (the actor the task acts as)."""
    return ImportJob.objects.select_related("created_by").get(pk=pk)


def import_job_preview(*, job: ImportJob, limit: int = PREVIEW_ROWS) -> Table | None:
    """The header and first rows of the job's file as uploaded; None if the file cannot be read."""
    try:
        return read_preview(file_bytes(job.file), job.original_name, limit=limit)
    except (ImportFileError, OSError):
        return None
