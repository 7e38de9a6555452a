"""The official outcome categories of disclosure applications, exactly as the annual-report format
(国办公开办函〔2021〕30号, table 三) lists them, each with its legal basis in the 2019 Regulations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    DISCLOSE = "disclose", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHOLD_SECRET = "withhold_1", _("不予公开：属于国家秘密")
    WITHHOLD_LAW = "withhold_2", _("不予公开：其他法律行政法规禁止公开")
    WITHHOLD_SECURITY = "withhold_3", _("不予公开：危及“三安全一稳定”")
    WITHHOLD_THIRD_PARTY = "withhold_4", _("不予公开：保护第三方合法权益")
    WITHHOLD_INTERNAL = "withhold_5", _("不予公开：属于三类内部事务信息")
    WITHHOLD_PROCESS = "withhold_6", _("不予公开：属于四类过程性信息")
    WITHHOLD_ENFORCEMENT = "withhold_7", _("不予公开：属于行政执法案卷")
    WITHHOLD_QUERY = "withhold_8", _("不予公开：属于行政查询事项")
    UNABLE_NOT_HELD = "unable_1", _("无法提供：本机关不掌握相关政府信息")
    UNABLE_NEEDS_MAKING = "unable_2", _("无法提供：没有现成信息需要另行制作")
    UNABLE_UNCLEAR = "unable_3", _("无法提供：补正后申请内容仍不明确")
    NOT_HANDLED_PETITION = "not_handled_1", _("不予处理：信访举报投诉类申请")
    NOT_HANDLED_REPEAT = "not_handled_2", _("不予处理：重复申请")
    NOT_HANDLED_PUBLICATION = "not_handled_3", _("不予处理：要求提供公开出版物")
    NOT_HANDLED_EXCESSIVE = "not_handled_4", _("不予处理：无正当理由大量反复申请")
    NOT_HANDLED_CONFIRM = "not_handled_5", _("不予处理：要求行政机关确认或重新出具已获取信息")
    OTHER_NO_CLARIFICATION = (
        "other_1",
        _("其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_FEE_UNPAID = (
        "other_2",
        _("其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    )
    OTHER = "other_3", _("其他处理：其他")


@dataclass(frozen=True)
class OutcomeInfo:
    group: str  # the report's row group: （一）…（六）
    row: str  # the report's row label
    basis: str  # legal basis cited in the reply letter


GROUPS = [
    ("disclose", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withhold", "（三）不予公开"),
    ("unable", "（四）无法提供"),
    ("not_handled", "（五）不予处理"),
    ("other", "（六）其他处理"),
]

INFO: dict[str, OutcomeInfo] = {
    Outcome.DISCLOSE: OutcomeInfo(
        "disclose", "予以公开", "《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项"
    ),
    Outcome.PARTIAL: OutcomeInfo("partial", "部分公开", "《中华人民共和国政府信息公开条例》第三十七条"),
    Outcome.WITHHOLD_SECRET: OutcomeInfo(
        "withhold", "1.属于国家秘密", "《中华人民共和国政府信息公开条例》第十四条"
    ),
    Outcome.WITHHOLD_LAW: OutcomeInfo(
        "withhold", "2.其他法律行政法规禁止公开", "《中华人民共和国政府信息公开条例》第十四条"
    ),
    Outcome.WITHHOLD_SECURITY: OutcomeInfo(
        "withhold", "3.危及“三安全一稳定”", "《中华人民共和国政府信息公开条例》第十四条"
    ),
    Outcome.WITHHOLD_THIRD_PARTY: OutcomeInfo(
        "withhold", "4.保护第三方合法权益", "《中华人民共和国政府信息公开条例》第十五条、第三十二条"
    ),
    Outcome.WITHHOLD_INTERNAL: OutcomeInfo(
        "withhold", "5.属于三类内部事务信息", "《中华人民共和国政府信息公开条例》第十六条第一款"
    ),
    Outcome.WITHHOLD_PROCESS: OutcomeInfo(
        "withhold", "6.属于四类过程性信息", "《中华人民共和国政府信息公开条例》第十六条第二款"
    ),
    Outcome.WITHHOLD_ENFORCEMENT: OutcomeInfo(
        "withhold", "7.属于行政执法案卷", "《中华人民共和国政府信息公开条例》第十六条第二款"
    ),
    Outcome.WITHHOLD_QUERY: OutcomeInfo(
        "withhold", "8.属于行政查询事项", "《中华人民共和国政府信息公开条例》第三十六条第（七）项"
    ),
    Outcome.UNABLE_NOT_HELD: OutcomeInfo(
        "unable",
        "1.本机关不掌握相关政府信息",
        "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项",
    ),
    Outcome.UNABLE_NEEDS_MAKING: OutcomeInfo(
        "unable", "2.没有现成信息需要另行制作", "《中华人民共和国政府信息公开条例》第三十八条"
    ),
    Outcome.UNABLE_UNCLEAR: OutcomeInfo(
        "unable", "3.补正后申请内容仍不明确", "《中华人民共和国政府信息公开条例》第三十条"
    ),
    Outcome.NOT_HANDLED_PETITION: OutcomeInfo(
        "not_handled", "1.信访举报投诉类申请", "《中华人民共和国政府信息公开条例》第三十九条第一款"
    ),
    Outcome.NOT_HANDLED_REPEAT: OutcomeInfo(
        "not_handled", "2.重复申请", "《中华人民共和国政府信息公开条例》第三十六条第（六）项"
    ),
    Outcome.NOT_HANDLED_PUBLICATION: OutcomeInfo(
        "not_handled", "3.要求提供公开出版物", "《中华人民共和国政府信息公开条例》第三十九条第二款"
    ),
    Outcome.NOT_HANDLED_EXCESSIVE: OutcomeInfo(
        "not_handled", "4.无正当理由大量反复申请", "《中华人民共和国政府信息公开条例》第三十五条"
    ),
    Outcome.NOT_HANDLED_CONFIRM: OutcomeInfo(
        "not_handled",
        "5.要求行政机关确认或重新出具已获取信息",
        "《中华人民共和国政府信息公开条例》第三十九条第二款",
    ),
    Outcome.OTHER_NO_CLARIFICATION: OutcomeInfo(
        "other",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "《中华人民共和国政府信息公开条例》第三十条",
    ),
    Outcome.OTHER_FEE_UNPAID: OutcomeInfo(
        "other",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    ),
    Outcome.OTHER: OutcomeInfo("other", "3.其他", "《中华人民共和国政府信息公开条例》"),
}


class ApplicantCategory(models.TextChoices):
    """The applicant columns of the report's table 三."""

    NATURAL = "natural", _("自然人")
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal", _("法律服务机构")
    OTHER = "other", _("其他")
