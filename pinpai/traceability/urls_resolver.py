"""The GS1 Digital Link resolver (/01/{gtin}[/10/{lot}|/21/{serial}]) and the consumer scan page it serves.

The GTIN segment takes anything, so a wrong length or check digit gets a 400 that says why, not a bare 404.
"""

from django.urls import re_path

from pinpai.traceability.views import resolver

app_name = "resolver"

urlpatterns = [
    re_path(r"^01/(?P<gtin>[^/]+)/?$", resolver.resolve, name="product"),
    re_path(r"^01/(?P<gtin>[^/]+)/10/(?P<lot>[^/]+)/?$", resolver.resolve, name="lot"),
    re_path(r"^01/(?P<gtin>[^/]+)/21/(?P<serial>[^/]+)/?$", resolver.resolve, name="item"),
]
