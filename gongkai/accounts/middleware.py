"""Two rules for signed-in staff, applied to every request after authentication.

- Idle timeout: a session not used for ``SESSION_IDLE_SECONDS`` is signed out (an unattended
  screen in an office). The last use is written to the session at most once a minute, so that a
  busy page does not write the session store on every request.
- Forced change: an account whose password an administrator gave (new, or reset) may open no
  staff page but the one that changes it, and signing out, until the holder has chosen their own.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

LAST_SEEN = "gongkai_last_seen"
_WRITE_EVERY = 60  # seconds


class SessionIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No session cookie, no signed-in user: the public portal's visitors cost nothing here.
        user = getattr(request, "user", None) if settings.SESSION_COOKIE_NAME in request.COOKIES else None
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            idle = settings.SESSION_IDLE_SECONDS
            if isinstance(last, int) and now - last > idle:
                logout(request)
                messages.warning(
                    request, f"您已超过 {idle // 60} 分钟没有操作，为保护账号安全已自动退出，请重新登录。"
                )
                return redirect(f"{settings.LOGIN_URL}?next={request.get_full_path()}")
            if not isinstance(last, int) or now - last >= _WRITE_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The staff surfaces only: the public portal needs no account at all.
        user = getattr(request, "user", None) if request.path.startswith(("/staff/", "/admin/")) else None
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("accounts:password"), reverse("workbench:logout"), reverse("admin:logout")}
            if request.path not in allowed:
                if request.path.startswith("/staff/api/"):
                    return JsonResponse({"detail": "请先修改初始密码。"}, status=403)
                return redirect("accounts:password")
        return self.get_response(request)
