from gongkai.audit.log import current_ip
from gongkai.lib.clientip import client_address


class AuditContextMiddleware:
    """Remembers the client address (behind trusted proxies, the one they saw: lib/clientip.py)
    for audit events written during this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
