"""Abuse controls of the public forms and lookups, in one place.

What a citizen meets, from least to most bother:

- **Size limits** (``public_form``): a submission larger than ``ABUSE_MAX_BODY_MB`` is not read
  at all; a file larger than ``ABUSE_MAX_UPLOAD_MB`` (or more files than a form has inputs for) is
  skipped while it streams in, and the form comes back with everything else typed and a message
  on the file input; more fields than ``ABUSE_MAX_FIELDS`` is refused. Django's own limits
  (``DATA_UPLOAD_MAX_MEMORY_SIZE``, ``DATA_UPLOAD_MAX_NUMBER_FIELDS``, ``…_NUMBER_FILES``) are
  caught and answered in Chinese too: never a 500.
- **Honeypot** (``GuardedForm.website``): a field people never see (off-screen, hidden from screen
  readers, out of the tab order) that bots fill in.
- **Timing** (``GuardedForm.issued``): the form carries a signed time stamp of when it was drawn;
  a submission sooner than ``ABUSE_MIN_FILL_SECONDS`` after it, or without a valid stamp, is sent
  back with everything typed kept (the original stamp kept, so simply submitting again works).
- **Captcha** (django-simple-captcha, drawn here, no outside service): only once an address has
  made ``ABUSE_CAPTCHA_AFTER`` submissions (or failed lookups) in a limit's window. A solved
  captcha lets the browser session through without another for ``CAPTCHA_PASS_SECONDS``.
  ``换一张`` is a submit button (no script needed; the form comes back with everything typed);
  ``captcha.js``, a file the platform serves, swaps the image in place where scripts run.
- **Hard limits** (``gongkai.lib.throttle``): beyond them a 429 with the form and its text.

Every refusal is a Chinese message and keeps what the citizen typed; APIs answer in their own
error formats (``admit`` gives the status and message, the API words it).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import unicodedata
from collections.abc import Callable

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.lib import throttle
from gongkai.lib.throttle import Limit

logger = logging.getLogger(__name__)

HONEYPOT = "website"
ISSUED = "issued"
REFRESH = "captcha_refresh"  # the 换一张 button's name
SOLVED_SESSION_KEY = "abuse.captcha_passed"  # when this session last solved a captcha (epoch s)
_SALT = "gongkai.lib.abuse.issued"

# Searches per address, the portal page and the API together (counted only when a query is given).
SEARCHES = Limit("search", "SEARCH_PER_MINUTE", 60, 60)

MB = 1024 * 1024


# ---- settings ------------------------------------------------------------------------------------


def captcha_after() -> int:
    """From how many events in a limit's window a captcha is asked (0: never)."""
    return int(getattr(settings, "ABUSE_CAPTCHA_AFTER", 3))


def min_fill_seconds() -> int:
    """A form submitted sooner than this after it was drawn is sent back (0: no timing check)."""
    return int(getattr(settings, "ABUSE_MIN_FILL_SECONDS", 3))


def max_upload_bytes() -> int:
    return int(getattr(settings, "ABUSE_MAX_UPLOAD_MB", 5)) * MB


def max_body_bytes() -> int:
    return int(getattr(settings, "ABUSE_MAX_BODY_MB", 20)) * MB


def max_fields() -> int:
    return int(getattr(settings, "ABUSE_MAX_FIELDS", 60))


def max_files() -> int:
    return int(getattr(settings, "ABUSE_MAX_FILES", 2))


def pass_seconds() -> int:
    return int(getattr(settings, "CAPTCHA_PASS_SECONDS", 600))


# ---- the signed time stamp -----------------------------------------------------------------------


def stamp() -> str:
    """A signed note of the moment a form is drawn (the ``issued`` hidden field)."""
    return signing.dumps(int(timezone.now().timestamp()), salt=_SALT, compress=False)


def stamp_age(value: str) -> float | None:
    """Seconds since ``value`` was issued; None if it is missing or not ours."""
    if not value or len(value) > 200:
        return None
    try:
        issued = signing.loads(value, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(issued, int):
        return None
    return timezone.now().timestamp() - issued


# ---- the captcha ---------------------------------------------------------------------------------


class CaptchaInput(CaptchaTextInput):
    """The image, its key and the answer box, with Chinese labels and no script.

    The image scales with the portal's font size (its CSS sets its height in rem), so large
    print and care mode enlarge it; the arithmetic challenge is digits only."""

    def render(self, name, value, attrs=None, renderer=None):
        self.fetch_captcha_store(name, value, attrs, self.generator)
        base = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '<span class="captcha-box" id="{base}" data-captcha data-refresh-url="{refresh}">'
            '<img src="{image}" alt="{alt}" class="captcha-image" id="{base}_image">'
            '<input type="hidden" name="{name}_0" value="{key}" id="{base}_0" data-captcha-key>'
            '<input type="text" name="{name}_1" id="{base}_1" class="captcha-answer" required'
            ' inputmode="numeric" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="8"'
            ' aria-describedby="{base}_help">'
            "</span>",
            refresh=reverse("captcha-refresh"),
            image=self.image_url(),
            alt=_("验证码图片：一道算式"),
            base=base,
            name=name,
            key=self._key,
        )


class _CaptchaField(CaptchaField):
    def clean(self, value):
        # Full-width digits (８) from a Chinese input method are the same answer.
        if isinstance(value, list | tuple) and len(value) > 1 and value[1]:
            value = [value[0], unicodedata.normalize("NFKC", str(value[1]))]
        return super().clean(value)


def captcha_field() -> CaptchaField:
    return _CaptchaField(
        label=gettext_lazy("验证码"),
        widget=CaptchaInput(),
        help_text=gettext_lazy("请计算图中算式（如 3+5=），填写得数。看不清可点“换一张”。"),
        error_messages={
            "required": gettext_lazy("请填写验证码：计算图中算式，填写得数。"),
            "incomplete": gettext_lazy("请填写验证码：计算图中算式，填写得数。"),
            "invalid": gettext_lazy("验证码不正确或已过期，已换一张新图，请重新计算并填写得数。"),
        },
    )


def captcha_needed(request: HttpRequest, limit: Limit, scope: str | None = None) -> bool:
    """Whether this request is near ``limit``: a captcha is asked, unless the session solved one
    a short while ago."""
    after = captcha_after()
    if after <= 0:
        return False
    if throttle.count(limit, scope or throttle.client_ip(request)) < after:
        return False
    return not _solved_recently(request)


def refresh_requested(request: HttpRequest) -> bool:
    """The citizen pressed 换一张: draw the form again with a new image, nothing submitted."""
    return request.method == "POST" and REFRESH in request.POST


def redrawn(form_class: type[forms.Form], request: HttpRequest, **kwargs) -> forms.Form:
    """The form again with everything typed (and its original time stamp), a new captcha, and no
    error messages: for 换一张."""
    initial = {
        key: request.POST.getlist(key)
        for key in request.POST
        if key not in (REFRESH, "captcha_0", "captcha_1")
    }
    initial = {key: values[0] if len(values) == 1 else values for key, values in initial.items()}
    return form_class(initial=initial, captcha=True, **kwargs)


def ask_captcha(form: GuardedForm) -> None:
    """Add the captcha to a form being drawn again (its next submission needs one)."""
    if "captcha" not in form.fields:
        form.fields["captcha"] = captcha_field()
        form.captcha_shown = True


def remember_captcha(request: HttpRequest, form: GuardedForm) -> None:
    """After validation: a solved captcha lets this session through for a while."""
    if form.captcha_solved and hasattr(request, "session"):
        request.session[SOLVED_SESSION_KEY] = int(timezone.now().timestamp())
        # Drawn again for another mistake: not asked a second time.
        form.fields.pop("captcha", None)
        form.captcha_shown = False


# ---- the form ------------------------------------------------------------------------------------


class GuardedForm(forms.Form):
    """A public form with a honeypot, a time stamp and, when asked, a captcha.

    Subclasses set ``timed = False`` where people type little and quickly (lookups by number and
    query code). Call ``refusal()`` before ``is_valid()``."""

    timed = True

    website = forms.CharField(
        label=gettext_lazy("请勿填写此栏"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    issued = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput, initial=stamp)

    def __init__(self, *args, captcha: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.captcha_shown = captcha
        self.captcha_solved = False
        if captcha:
            self.fields["captcha"] = captcha_field()

    @property
    def is_spam(self) -> bool:
        """The honeypot was filled in: people never see it."""
        return bool(str(self.data.get(HONEYPOT, "")).strip())

    def clean_captcha(self):
        self.captcha_solved = True
        return self.cleaned_data.get("captcha")

    def refusal(self) -> str | None:
        """Why this submission looks automatic, in Chinese, or None. Fixes the time stamp so that
        submitting again (by a person) is accepted."""
        if not self.is_bound:
            return None
        if self.is_spam:
            logger.info("abuse: honeypot filled on %s", type(self).__name__)
            # Drawn again empty: a person whose browser autofilled the hidden field (they cannot
            # see it to clear it) simply submits again; a bot replaying its post is refused again.
            self.data = self.data.copy()
            self.data[HONEYPOT] = ""
            return _("提交未能受理：表单中供防范自动程序的隐藏栏被填写了。如果您是正常填写，请核对内容后再次提交。")
        if not self.timed or min_fill_seconds() <= 0:
            return None
        age = stamp_age(str(self.data.get(ISSUED, "")))
        if age is None:
            self.data = self.data.copy()
            self.data[ISSUED] = stamp()
            return _("页面已过期或不完整，内容尚未提交。您填写的内容已保留，请核对后再次点击提交。")
        if age < min_fill_seconds():
            logger.info("abuse: %s submitted %.1f s after it was drawn", type(self).__name__, age)
            return _("提交过快，内容尚未提交。您填写的内容已保留，请核对后再次点击提交。")
        return None


# ---- size limits ---------------------------------------------------------------------------------


class LimitedUploadHandler(FileUploadHandler):
    """Skips a file once it passes ``ABUSE_MAX_UPLOAD_MB``, and files beyond ``ABUSE_MAX_FILES``,
    while they stream in: the rest of the form is still read, so nothing typed is lost. What was
    skipped is noted on ``request.skipped_uploads`` ({field name: message})."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        self.limit = max_upload_bytes()
        self.files = 0
        self.received = 0
        request.skipped_uploads = {}

    def new_file(self, field_name, *args, **kwargs) -> None:
        super().new_file(field_name, *args, **kwargs)
        self.files += 1
        self.received = 0
        if self.files > max_files():
            self.request.skipped_uploads[field_name] = _("一次提交的文件过多，本文件未能上传。")
            raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.skipped_uploads[self.field_name] = _(
                "文件过大（超过 %(max)d MB），未能上传，您填写的其他内容已保留。请压缩或缩小后重新选择。"
            ) % {"max": self.limit // MB}
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the file


def admit(request: HttpRequest, *, uploads: bool = True) -> tuple[int, str] | None:
    """Read a POST's body within the limits: None if it may go on, else (status, Chinese message).

    Must run before anything reads ``request.POST`` (the view is ``csrf_exempt`` and checks CSRF
    after, as Django's documentation shows for upload handlers)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 400, _("请求格式有误，未能接收。")
    if length > max_body_bytes():
        return 413, _(
            "提交的内容过大（约 %(size).1f MB，上限 %(max)d MB），未能接收。请缩小或删去附件后重新提交。"
        ) % {"size": length / MB, "max": max_body_bytes() // MB}
    if uploads:
        # AttributeError: already read by someone; the limits of Django's settings still hold.
        with contextlib.suppress(AttributeError):
            request.upload_handlers.insert(0, LimitedUploadHandler(request))
    try:
        fields = len(request.POST) + len(request.FILES)
    except RequestDataTooBig:
        return 413, _("填写的文字内容过多，未能接收。请删减后重新提交。")
    except (TooManyFieldsSent, TooManyFilesSent):
        return 400, _("提交的栏目或文件过多，未能接收。")
    except (MultiPartParserError, UnreadablePostError):
        return 400, _("提交的内容不完整或格式有误，未能接收，请重新提交。")
    if fields > max_fields():
        return 400, _("提交的栏目过多（%(n)d 项），未能接收。") % {"n": fields}
    return None


def add_upload_errors(request: HttpRequest, form: forms.Form) -> None:
    """Say on each file input that its file was skipped (else the form would go through without it)."""
    for name, message in getattr(request, "skipped_uploads", {}).items():
        form.add_error(name if name in form.fields else None, message)


def refused(request: HttpRequest, status: int, message: str, **context) -> HttpResponse:
    """The platform's page for a refused request: the message and a way back."""
    response = render(request, "abuse/refused.html", {"message": message, **context}, status=status)
    if status == 429:
        response["Retry-After"] = "60"
    if context.get("gate"):
        add_never_cache_headers(response)
    return response


def _shows_captcha(response: HttpResponse) -> bool:
    return not getattr(response, "streaming", False) and b"data-captcha " in getattr(response, "content", b"")


def public_form(view: Callable) -> Callable:
    """A public form's view: its POST is read within the size limits before CSRF is checked.

    An over-size request gets ``refused`` (413/400) instead of Django's 400 or a 500."""
    from django.views.decorators.csrf import csrf_exempt, csrf_protect

    protected = csrf_protect(view)

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            refusal = admit(request)
            if refusal is not None:
                logger.info("abuse: %s refused (%s)", request.path, refusal[0])
                return refused(request, *refusal)
        response = protected(request, *args, **kwargs)
        if _shows_captcha(response):
            add_never_cache_headers(response)  # its image can be solved once, by this visitor
        return response

    return wrapped


# ---- rate limits on read-only surfaces -----------------------------------------------------------


class _Gate(forms.Form):
    """The captcha a page's visitor solves to go on past a read limit (search)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["captcha"] = captcha_field()
        self.captcha_solved = False

    def clean_captcha(self):
        self.captcha_solved = True
        return self.cleaned_data.get("captcha")


_GATE_PARAMS = ("captcha_0", "captcha_1", REFRESH)


def _solved_recently(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    passed = session.get(SOLVED_SESSION_KEY) if session is not None else None
    now = timezone.now().timestamp()
    return isinstance(passed, int | float) and 0 <= now - passed < pass_seconds()


def _read_scope(request: HttpRequest) -> str:
    """Per address; once the browser session solved the captcha, per session (many people behind
    one office's address each get the limit, a bot must solve a captcha for each session)."""
    session = getattr(request, "session", None)
    if session is not None and session.session_key and _solved_recently(request):
        return f"session:{session.session_key}"
    return throttle.client_ip(request)


def _gate(request: HttpRequest, limit: Limit, message: str) -> HttpResponse:
    """Past the limit on a page: the captcha, with the query kept; solved, the same address again."""
    kept = [(k, v) for k, vs in request.GET.lists() if k not in _GATE_PARAMS for v in vs]
    q = " ".join(request.GET.get("q", "").split())[:100]
    context = {"retry_path": request.path, "q": q, "kept": [(k, v) for k, v in kept if k != "q"]}
    if _solved_recently(request):  # solved, and this session too is over the limit: only waiting helps
        return refused(request, 429, message, **context)
    bound = "captcha_0" in request.GET and REFRESH not in request.GET
    form = _Gate(request.GET if bound else None)
    if bound and form.is_valid():
        if not request.session.session_key:
            request.session.save()
        request.session[SOLVED_SESSION_KEY] = int(timezone.now().timestamp())
        return redirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)
    message = _("检索过于频繁。为防止自动程序批量检索，请填写验证码后继续；也可以稍等一分钟再试。")
    return refused(request, 429, message, gate=form, **context)


def rate_limited(
    limit: Limit,
    *,
    counts: Callable[[HttpRequest], bool] = lambda request: True,
    api: bool = False,
) -> Callable:
    """Hold a read-only view to ``limit`` per address. Past it a page shows a captcha (the query
    kept; solved, the session gets its own count), an API (a Django Ninja operation) answers 429 in
    its own error format (``{"detail": "…"}``)."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if counts(request):
                scope = throttle.client_ip(request) if api else _read_scope(request)
                if throttle.reached(limit, scope):
                    message = _("操作过于频繁，请稍等一分钟后再试。")
                    if api:
                        from ninja.errors import HttpError

                        raise HttpError(429, message)
                    return _gate(request, limit, message)
                throttle.hit(limit, scope)
            return view(request, *args, **kwargs)

        # The view's own signature with its annotations evaluated where they were written: Django
        # Ninja would otherwise evaluate postponed annotations (``Literal[…]``) in this module.
        wrapped.__signature__ = inspect.signature(view, eval_str=True)
        return wrapped

    return decorate


def has_query(request: HttpRequest) -> bool:
    return bool(request.GET.get("q", "").strip())
