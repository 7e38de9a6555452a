"""Axes' sign-in backend, marking the request it refuses for a lockout in force, so that the audit
trail tells a refused attempt from the failure that made the lockout, whichever signal receiver
runs first (audit/signals.py)."""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.gongkai_refused_by_lockout = True
            raise
