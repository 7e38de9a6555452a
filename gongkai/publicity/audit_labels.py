"""The audit trail's words for 公示公告's action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

from gongkai.publicity import workflow

LABELS = {
    "publicity.create": gettext_lazy("登记公示"),
    "publicity.update": workflow.TRANSITIONS["edit"].label,
    "publicity.add_entry": workflow.TRANSITIONS["add_entry"].label,
    "publicity.remove_entry": workflow.TRANSITIONS["remove_entry"].label,
    "publicity.import": workflow.TRANSITIONS["import"].label,
    "publicity.release": workflow.TRANSITIONS["release"].label,
    "publicity.link": workflow.TRANSITIONS["link"].label,
    "publicity.object": workflow.TRANSITIONS["object"].label,
    "publicity.resolve": workflow.TRANSITIONS["resolve"].label,
    "publicity.end": workflow.TRANSITIONS["end"].label,
    "publicity.set_period": gettext_lazy("设置公示期"),
}
