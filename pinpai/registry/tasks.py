"""Background tasks of the registry: thin wrappers that load a job by id and call its service.

They act as the job's creator, so the rows are checked and registered with that person's rights and
the audit trail names them (not the `system` user).
"""

from __future__ import annotations

from django_tasks import task

from pinpai.registry.imports.selectors import import_job_get_for_task
from pinpai.registry.services.imports import import_job_commit, import_job_validate


@task()
def import_job_validate_task(job_id: int) -> None:
    job = import_job_get_for_task(pk=job_id)
    import_job_validate(actor=job.created_by, job=job)


@task()
def import_job_commit_task(job_id: int) -> None:
    job = import_job_get_for_task(pk=job_id)
    import_job_commit(actor=job.created_by, job=job, only_valid=job.only_valid)
