"""The client's address behind a reverse proxy, for lockouts, rate limits and sign-in events.

Only the header named in CLIENT_ADDRESS_HEADER is trusted, and only because the proxy in front
overwrites it on every request (nginx: ``proxy_set_header X-Real-IP $remote_addr``); left unset,
REMOTE_ADDR is the client's address as the server saw it.
"""

import contextlib
import ipaddress

from django.conf import settings


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if header := settings.CLIENT_ADDRESS_HEADER:
            address = request.META.get("HTTP_" + header.upper().replace("-", "_"), "").strip()
            # A proxy that sent no usable address: keep the connection's.
            with contextlib.suppress(ValueError):
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(address))
        return self.get_response(request)
