"""Sending demo EPCIS documents through the real capture endpoint, as a client would.

POST /epcis/capture answers 202 with the capture job (`captureID`, `running`, `success`, `errors`); GET
/epcis/capture/{captureID} reports it until it has finished. `InProcessClient` calls the endpoint inside this process
with `django.test.Client` and a Bearer token (no server needed; the jobs run on the task backend: at once under the
immediate backend, else when `manage.py db_worker` picks them up). `HttpClient` calls a running server.
"""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.test import Client
from django.utils import timezone

from pinpai.accounts.models import User
from pinpai.accounts.services import api_token_issue

CAPTURE_PATH = "/epcis/capture"
MEDIA_TYPE = "application/ld+json"
TOKEN_NAME = "demo traceability"  # noqa: S105 - a label, not a secret


class CaptureClient(Protocol):
    def post(self, body: bytes) -> tuple[int, Any]: ...

    def get(self, capture_id: str) -> tuple[int, Any]: ...


@dataclass(frozen=True)
class Submission:
    """One document sent: the HTTP status, its capture job's ID ("" if refused) and the response body."""

    status: int
    capture_id: str
    events: int
    body: Any


def _json(content: bytes) -> Any:
    try:
        return json.loads(content.decode("utf-8")) if content else None
    except ValueError:
        return content.decode("utf-8", "replace")


def _host() -> str:
    """A host name the site accepts (the test client's default, testserver, is not in ALLOWED_HOSTS)."""
    for host in settings.ALLOWED_HOSTS:
        if isinstance(host, str) and host and host != "*" and not host.startswith("."):
            return host
    return "localhost"


class InProcessClient:
    """The capture endpoint called inside this process (django.test.Client) with a Bearer token."""

    def __init__(self, token: str) -> None:
        self.client = Client(
            HTTP_HOST=_host(), HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT="application/json"
        )

    def post(self, body: bytes) -> tuple[int, Any]:
        response = self.client.post(CAPTURE_PATH, data=body, content_type=MEDIA_TYPE)
        return response.status_code, _json(response.content)

    def get(self, capture_id: str) -> tuple[int, Any]:
        response = self.client.get(f"{CAPTURE_PATH}/{capture_id}")
        return response.status_code, _json(response.content)


class HttpClient:
    """The capture endpoint of a running server (`url` is its root, e.g. http://127.0.0.1:8000)."""

    def __init__(self, url: str, token: str, *, timeout: float = 120.0) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"not an http(s) URL: {url!r}")
        self.url, self.token, self.timeout = url.rstrip("/"), token, timeout

    def _call(self, request: Request) -> tuple[int, Any]:
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/json")
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - scheme checked in __init__
                return response.status, _json(response.read())
        except HTTPError as error:
            return error.code, _json(error.read())

    def post(self, body: bytes) -> tuple[int, Any]:
        request = Request(self.url + CAPTURE_PATH, data=body, method="POST")  # noqa: S310 - scheme checked
        request.add_header("Content-Type", MEDIA_TYPE)
        return self._call(request)

    def get(self, capture_id: str) -> tuple[int, Any]:
        return self._call(Request(f"{self.url}{CAPTURE_PATH}/{capture_id}"))  # noqa: S310 - scheme checked


def capture_token_issue(*, actor: Any, username: str, hours: int = 2) -> str:
    """A short-lived API token for the demo user who captures the chains (issued and audited like any other)."""
    user = User.objects.get(username=username, is_active=True)
    expires = timezone.now() + datetime.timedelta(hours=hours)
    return api_token_issue(actor=actor, user=user, name=TOKEN_NAME, expires_at=expires).secret


def trace_documents_send(*, client: CaptureClient, documents: Iterable[dict[str, Any]]) -> list[Submission]:
    """POST each document to /epcis/capture; stops at the first one refused (it is the last in the list)."""
    submissions = []
    for document in documents:
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        status, answer = client.post(body)
        capture_id = answer.get("captureID", "") if status == 202 and isinstance(answer, dict) else ""
        submissions.append(Submission(status, capture_id, len(document["epcisBody"]["eventList"]), answer))
        if status != 202:
            break
    return submissions


def trace_jobs_wait(
    *, client: CaptureClient, submissions: list[Submission], timeout: float = 600.0, interval: float = 0.5
) -> dict[str, Any]:
    """Poll GET /epcis/capture/{id} until every job has finished (or `timeout` seconds): capture ID → last job."""
    jobs: dict[str, Any] = {}
    waiting = [s.capture_id for s in submissions if s.capture_id]
    deadline = time.monotonic() + timeout
    while waiting:
        for capture_id in list(waiting):
            status, job = client.get(capture_id)
            jobs[capture_id] = job
            if status != 200 or not isinstance(job, dict) or not job.get("running", True):
                waiting.remove(capture_id)
        if waiting:
            if time.monotonic() > deadline:
                break
            time.sleep(interval)
    return jobs
