"""Public API (no login): organisations' disclosure contacts, the working-day calendar.

Later capabilities add their routers here. Nothing personal is ever returned.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Schema

from gongkai.api.docs import DocumentedErrorsAPI, LocalSwagger
from gongkai.orgs.models import Organisation


# What every operation with parameters may answer besides its result: a parameter out of range or
# malformed (400, the platform's own check, gongkai/lib/bounds.py), a column, year or record that does
# not exist (404), a value of the wrong type (422, django-ninja's validation).
class PublicAPI(DocumentedErrorsAPI):
    error_responses = {
        "400": "参数无效或超出范围",
        "404": "所查的栏目、年份或记录不存在",
        "422": "参数类型不符",
    }


api = PublicAPI(
    title="公开 Gongkai 公共接口",
    version="1",
    description="政府信息公开平台的公开只读接口。所有数据均为已公开信息，不含个人信息。",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=LocalSwagger(),
    urls_namespace="public-api",
)


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    kind: str
    parent_id: int | None
    address: str
    office_hours: str
    phone: str
    fax: str
    email: str


@api.get("/orgs", response=list[OrganisationOut], summary="本区机构及其公开联系方式", tags=["机构"])
def list_orgs(request: HttpRequest):
    district = getattr(request, "district", None)
    if district is None:
        return []
    return list(Organisation.objects.filter(district=district, is_active=True).order_by("sort_order", "id"))


from gongkai.workcal.api import router as workcal_router  # noqa: E402

api.add_router("/", workcal_router)

from gongkai.applications.api import router as applications_router  # noqa: E402

api.add_router("/", applications_router)

from gongkai.catalog.api import router as catalog_router  # noqa: E402

api.add_router("/", catalog_router)

from gongkai.powers.api import router as powers_router  # noqa: E402

api.add_router("/", powers_router)

from gongkai.services.api import router as services_router  # noqa: E402

api.add_router("/", services_router)

from gongkai.decisions.api import router as decisions_router  # noqa: E402

api.add_router("/", decisions_router)

from gongkai.finance.api import router as finance_router  # noqa: E402

api.add_router("/", finance_router)

from gongkai.procurement.api import router as procurement_router  # noqa: E402

api.add_router("/", procurement_router)

from gongkai.publicity.api import router as publicity_router  # noqa: E402

api.add_router("/", publicity_router)

from gongkai.sectors.api import router as sectors_router  # noqa: E402

api.add_router("/", sectors_router)

from gongkai.reports.api import router as reports_router  # noqa: E402

api.add_router("/", reports_router)

from gongkai.supervision.api import router as supervision_router  # noqa: E402

api.add_router("/", supervision_router)

from gongkai.analytics.api import router as analytics_router  # noqa: E402

api.add_router("/", analytics_router)
