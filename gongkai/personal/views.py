"""Staff workbench endpoint: reveal one personal-data field, for the "显示" button."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from gongkai.personal import actions
from gongkai.personal.access import BadToken, resolve_token

PURPOSE_MAX_LENGTH = 200


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@never_cache
@require_POST
@csrf_protect
def reveal(request: HttpRequest) -> JsonResponse:
    """POST ``token`` (from ``reveal_token``) and optional ``purpose``; answers ``{"value": …}``.

    403 when not logged in or not permitted, 400 for a bad token, 404 when the record is gone.
    """
    if not request.user.is_authenticated:
        return _error(_("登录已失效，请重新登录。"), 403)
    try:
        model, pk, field_name = resolve_token(request.POST.get("token", ""))
    except BadToken:
        return _error(_("请求无效，请刷新页面后重试。"), 400)
    obj = model._base_manager.filter(pk=pk).first()
    if obj is None:
        return _error(_("记录不存在或已删除。"), 404)
    purpose = request.POST.get("purpose", "")[:PURPOSE_MAX_LENGTH]
    try:
        value = actions.reveal(request.user, obj, field_name, purpose=purpose)
    except PermissionDenied:
        return _error(_("您没有查看该个人信息的权限。"), 403)
    return JsonResponse({"value": value})
