"""Template tags for personal data.

``{% load personal %}`` then:

- ``{% personal obj "phone" %}`` — the masked value and, for a staff member allowed to see it, a
  "显示" button that fetches the full value (audited). ``purpose="办理依申请公开"`` is recorded
  with the view. Needs ``{% personal_script %}`` once on the page.
- ``{% personal_script %}`` — ``<script src=".../personal/reveal.js" defer>``.
- ``{{ value|mask:"phone" }}`` — the mask of a plain string (publicity lists).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.personal.access import encrypted_field, organisation_of, reveal_token
from gongkai.personal.actions import PERMISSION
from gongkai.personal.masking import mask as mask_value

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context: template.Context, obj: models.Model, field_name: str, purpose: str = "") -> SafeString:
    """The masked value of ``obj.<field_name>``, with a reveal button when the user may use it."""
    field = encrypted_field(obj, field_name)
    value = getattr(obj, field.attname)
    if not value:
        return SafeString("")
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not has_perm(user, PERMISSION, organisation_of(obj)):
        return format_html('<span class="personal-value">{}</span>', value.masked)
    if request is not None:
        get_token(request)  # makes sure the CSRF cookie is set for the script's POST
    return format_html(
        '<span class="personal-value" data-personal-token="{}" data-personal-url="{}" '
        'data-personal-purpose="{}" data-personal-error="{}">'
        '<span class="personal-value__text">{}</span> '
        '<button type="button" class="personal-value__button" data-personal-reveal '
        'data-label-hide="{}" title="{}">{}</button></span>',
        reveal_token(obj, field_name),
        reverse("personal:reveal"),
        purpose,
        _("无法显示"),
        value.masked,
        _("隐藏"),
        _("显示完整信息（将记入审计日志）"),
        _("显示"),
    )


@register.simple_tag
def personal_script() -> SafeString:
    """The script behind the reveal buttons; include once per page."""
    return format_html('<script src="{}" defer></script>', static("personal/reveal.js"))


@register.filter(name="mask")
def mask_filter(value: Any, kind: str) -> str:
    """``{{ row.id_number|mask:"id_number" }}`` → ``4301**********1234``."""
    if value is None:
        return ""
    if hasattr(value, "masked"):
        return value.masked
    return mask_value(kind, str(value))
