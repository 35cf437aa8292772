"""The EPCIS 2.0 REST binding, mounted at /epcis/ (not translated: the standard defines the wire format).

Paths follow GS1's OpenAPI (served at /epcis/openapi.json). Values in paths (EPCs, event IDs, locations, CBV URIs)
are percent-encoded by the client and may hold `/` once decoded, hence `<path:…>`; `…/events` routes come first.
"""

from django.urls import path, re_path

from pinpai.traceability.views.epcis import capture, discovery, events, queries
from pinpai.traceability.views.epcis.common import not_implemented, resource, unknown_resource

app_name = "epcis"

urlpatterns = [
    path("", resource(get=discovery.top_level), name="root"),
    path("openapi.json", discovery.openapi, name="openapi"),
    path(
        "capture",
        resource(
            get=capture.capture_jobs_list,
            post=capture.capture_submit,
            options_headers=capture.capture_options,
        ),
        name="capture",
    ),
    path("capture/<str:capture_id>", resource(get=capture.capture_job_detail), name="capture-job"),
    path("events", resource(get=events.events_list, post=capture.event_post), name="events"),
    path("events/<path:event_id>", resource(get=events.event_detail), name="event"),
    path("queries", resource(get=queries.queries_list, post=queries.query_create), name="queries"),
    path("queries/<str:name>/events", resource(get=queries.query_events), name="query-events"),
    path("queries/<str:name>/subscriptions", resource(get=not_implemented, post=not_implemented)),
    path(
        "queries/<str:name>/subscriptions/<str:subscription_id>",
        resource(get=not_implemented, delete=not_implemented),
    ),
    path("queries/<str:name>", resource(get=queries.query_detail, delete=queries.query_delete), name="query"),
    path("nextPageToken/<str:token>", resource(delete=not_implemented)),
]
for _name in ("eventTypes", "epcs", "bizSteps", "bizLocations", "readPoints", "dispositions"):
    urlpatterns += [
        path(_name, resource(get=discovery.values_list(_name)), name=_name),
        path(
            f"{_name}/<path:value>/events",
            resource(get=events.value_events_list(_name)),
            name=f"{_name}-events",
        ),
        path(f"{_name}/<path:value>", resource(get=discovery.value_detail(_name)), name=f"{_name}-value"),
    ]
urlpatterns += [re_path(r"^.*$", unknown_resource)]
