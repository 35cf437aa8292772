"""Background jobs of the traceability app: thin over services, take ids."""

from django_tasks import task

from pinpai.traceability.selectors.capture import capture_job_get_for_task
from pinpai.traceability.services.capture import capture_job_run


@task()
def capture_job_run_task(job_id: int) -> None:
    job = capture_job_get_for_task(pk=job_id)
    capture_job_run(actor=job.created_by, job=job)
