"""Staff JSON API (session login). Same permission module as the workbench pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema
from ninja.security import django_auth

from gongkai.accounts import actions
from gongkai.accounts.permissions import has_perm, visible_orgs
from gongkai.api.docs import DocumentedErrorsAPI


class StaffAPI(DocumentedErrorsAPI):
    # A body that is not JSON (400), signed out (401), not permitted or without the CSRF token (403), a record outside the user's
    # reach (404), input that does not validate (422: ninja's types, or the action's ValidationError).
    error_responses = {
        "400": "请求体无法解析",
        "401": "未登录或登录已失效",
        "403": "没有权限或缺少 CSRF 令牌",
        "404": "记录不存在或不在权限范围内",
        "422": "输入有误",
    }


api = StaffAPI(
    title="公开 Gongkai 工作人员接口",
    version="1",
    description="工作人员使用的接口，需登录；权限与工作台页面一致。",
    auth=django_auth,
    urls_namespace="staff-api",
    docs_url=None,
)


class Error(Schema):
    detail: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    kind: str
    parent_id: int | None
    district_id: int | None
    address: str
    postcode: str
    office_hours: str
    phone: str
    fax: str
    email: str
    website: str
    duties: str


class ContactsIn(Schema):
    address: str | None = None
    postcode: str | None = None
    office_hours: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    website: str | None = None
    duties: str | None = None


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "没有权限。"}, status=403)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "输入有误。", "errors": detail}, status=422)


@api.get("/orgs", response=list[OrganisationOut], tags=["机构"], summary="我可以查看的机构")
def list_orgs(request: HttpRequest):
    return list(visible_orgs(request.auth).order_by("district_id", "sort_order", "id"))


@api.get("/orgs/{org_id}", response={200: OrganisationOut, 404: Error}, tags=["机构"])
def get_org(request: HttpRequest, org_id: int):
    return get_object_or_404(visible_orgs(request.auth), pk=org_id)


@api.patch("/orgs/{org_id}/contacts", response={200: OrganisationOut, 404: Error}, tags=["机构"])
def patch_contacts(request: HttpRequest, org_id: int, payload: ContactsIn):
    org = get_object_or_404(visible_orgs(request.auth), pk=org_id)
    if not has_perm(request.auth, "org.edit_contacts", org):
        # Visible but not editable (e.g. an auditor): refused explicitly.
        raise PermissionDenied
    actions.update_contacts(org, payload.dict(exclude_unset=True), actor=request.auth)
    org.refresh_from_db()
    return org
