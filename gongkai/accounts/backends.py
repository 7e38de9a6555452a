"""The sign-in backends: axes' lockout check, then the password with the optional second factor.

- ``LockoutBackend`` is axes' backend, marking the request it refuses for a lockout in force, so
  that the audit trail tells a refused attempt from the failure that made the lockout, whichever
  signal receiver runs first (audit/signals.py).
- ``PasswordAndTokenBackend`` checks the password, and for an account with a confirmed TOTP device
  (django-otp) the code typed beside it (``otp_token``). A wrong or missing code is a failed sign-in
  like a wrong password: axes counts it, and the form says neither which of the two was wrong nor
  whether the account has a device. A login form without the field (the admin's) cannot sign such
  an account in.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django_otp import devices_for_user


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.gongkai_refused_by_lockout = True
            raise


class PasswordAndTokenBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            return None
        token = (request.POST.get("otp_token", "") if request is not None else "").strip()
        # for_verify locks the devices (select_for_update), which needs a transaction: outside one,
        # PostgreSQL refuses it (SQLite ignores the lock). The device records the code used and its
        # throttle (django-otp) in the same transaction.
        with transaction.atomic():
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            if not devices:
                return user
            if token and any(device.verify_token(token) for device in devices):
                return user
        return None
