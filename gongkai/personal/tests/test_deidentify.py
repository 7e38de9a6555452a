"""The one de-identifier, on a corpus of written variants generated from templates: every variant
masked, and ordinary text left alone."""

from __future__ import annotations

import itertools
import re

import pytest

from gongkai.personal.deidentify import deidentify, shadow

FULL = str.maketrans("0123456789-()Xx", "０１２３４５６７８９－（）Ｘｘ")
CHINESE = str.maketrans("0123456789", "〇一二三四五六七八九")


def _groups(number: str, sizes: list[int], sep: str) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(number[at : at + size])
        at += size
    return sep.join(parts)


MOBILES = ["13912345678", "18673512346"]
MOBILE_FORMS = [
    lambda n: n,
    lambda n: _groups(n, [3, 4, 4], " "),
    lambda n: _groups(n, [3, 4, 4], "."),
    lambda n: _groups(n, [3, 4, 4], "-"),
    lambda n: _groups(n, [3, 4, 4], "－").translate(FULL),
    lambda n: n.translate(FULL),
    lambda n: f"({n[:3]}){n[3:]}",
    lambda n: f"（{n[:3]}）{n[3:7]}-{n[7:]}",
    lambda n: "+86 " + _groups(n, [3, 4, 4], " "),
    lambda n: "0086-" + n,
    lambda n: n.translate(CHINESE),
    lambda n: _groups(n, [3, 4, 4], " ").translate(CHINESE).replace("一", "幺", 1),
    lambda n: _groups(n, [3, 4, 4], "·"),
]
LANDLINES = ["07352345678"]
LANDLINE_FORMS = [
    lambda n: f"{n[:4]}-{n[4:]}",
    lambda n: f"({n[:4]}){n[4:]}",
    lambda n: f"{n[:4]} {n[4:]}",
    lambda n: f"{n[:4]}.{n[4:7]}.{n[7:]}",
    lambda n: f"{n[:4]}-{n[4:]}".translate(FULL),
    lambda n: n,
]
IDS = ["431002198511114561", "43100219851111456X"]
ID_FORMS = [
    lambda n: n,
    lambda n: _groups(n, [6, 8, 4], " "),
    lambda n: _groups(n, [6, 4, 4, 4], " "),
    lambda n: _groups(n, [6, 8, 4], "-"),
    lambda n: n.translate(FULL),
    lambda n: n.lower(),
    lambda n: _groups(n, [3, 3, 4, 4, 4], " "),
]
NUMBER_TEMPLATES = [
    "我的电话是{}，请尽快联系。",
    "联系方式：{}",
    "有事请打{}找我",
    "身份证号{}，户籍在本村。",
]
QQ_FORMS = ["QQ12345678", "qq号：12345678", "QQ号码 12345678", "扣扣：12345678", "ＱＱ：１２３４５６７８"]
WECHAT_FORMS = [
    ("微信号：zhang_san88", "zhang_san88"),
    ("微信 zhang-san88", "zhang-san88"),
    ("vx: zs19851111", "zs19851111"),
    ("WeChat: zhangsan_88", "zhangsan_88"),
    ("V信zhangsan88", "zhangsan88"),
    ("加我微信wxid_abc123", "wxid_abc123"),
]
PLATES = [("湘L12345", "12345"), ("湘L·12345", "12345"), ("湘L-D12345", "D12345"), ("湘LD12345", "D12345")]
PLATES += [("粤B 12345", "12345"), ("京A·F0236", "F0236"), ("湘ｌ１２３４５", "12345")]
PLATE_TEMPLATES = ["车牌号{}的车长期占用消防通道。", "一辆{}的货车每天夜里鸣笛", "肇事车辆{}，已报警"]
WRITER = "钱多多"
WRITER_FORMS = ["钱多多", "钱 多多", "钱 多 多", "钱　多多", "钱\t多多"]
WRITER_TEMPLATES = ["我是{}，反映小区停车问题。", "本人{}，住在附近。", "此致 {}", "来信人：{}"]
THIRD_CUES = ["邻居", "联系人：", "楼上的住户", "业主", "负责人", "司机", "村民", "物业经理"]
THIRD_NAMES = ["李建国", "王芳", "欧阳修文", "张伟", "刘一鸣"]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", shadow(text))


def corpus() -> list[tuple[str, str, str]]:
    """(text, kind, secret) for every variant."""
    cases = []
    for number, form, template in itertools.product(MOBILES, MOBILE_FORMS, NUMBER_TEMPLATES[:3]):
        cases.append((template.format(form(number)), "digits", number))
    for number, form, template in itertools.product(LANDLINES, LANDLINE_FORMS, NUMBER_TEMPLATES[:3]):
        cases.append((template.format(form(number)), "digits", number))
    for number, form, template in itertools.product(IDS, ID_FORMS, [*NUMBER_TEMPLATES[3:], "证件号码：{}"]):
        cases.append((template.format(form(number)), "digits", number[:17]))
    for form, template in itertools.product(QQ_FORMS, ["我的{}", "{}，有事联系"]):
        cases.append((template.format(form), "digits", "12345678"))
    for (form, secret), template in itertools.product(WECHAT_FORMS, ["{}，有事联系", "可以{}"]):
        cases.append((template.format(form), "text", secret))
    for (plate, secret), template in itertools.product(PLATES, PLATE_TEMPLATES):
        cases.append((template.format(plate), "text", secret))
    for form, template in itertools.product(WRITER_FORMS, WRITER_TEMPLATES):
        cases.append((template.format(form), "writer", "多多"))
    for cue, name in itertools.product(THIRD_CUES, THIRD_NAMES):
        given = name[2:] if name.startswith("欧阳") else name[1:]
        cases.append((f"{cue}{name}经常在楼道堆放杂物。", "text", given))
    return list(dict.fromkeys(cases))


CORPUS = corpus()


def test_the_corpus_has_at_least_200_variants():
    assert len(CORPUS) >= 200
    assert len({text for text, _kind, _secret in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize(("text", "kind", "secret"), CORPUS)
def test_every_variant_is_masked(text, kind, secret):
    out = deidentify(text, names=[WRITER] if kind == "writer" else ())
    if kind == "digits":
        assert secret not in _digits(out), out
    else:
        assert secret.lower() not in re.sub(r"[\s\u3000]", "", shadow(out)).lower(), out
    assert "*" in out
    assert deidentify(out, names=[WRITER]) == out  # idempotent


ORDINARY = [
    "根据北政发〔2018〕10号文件，2025-06-09起施行。",
    "湘政办发〔2023〕15号、郴政函〔2024〕102号",
    "2018年3月1日至2018年12月31日，共发放补贴1,234,567.89元。",
    "拨打12345政务服务便民热线，或12315、110、120。",
    "预算金额为12345678.00元，合同编号GK-2025-0001。",
    "第一二三四五条，共计三十六项，两个乡镇。",
    "邮政编码423000，办公时间8:30-12:00。",
    "建设路128号至168号路段施工，时间2025.06.09-2025.06.30。",
    "李先生反映路灯不亮，张女士反映噪音。",
    "该车属于湘政府公务用车。",
    "第3栋第2单元，共计480户。",
    "统计数据：2024年受理1234件，办结率98.5%。",
    "会议于2025年6月9日14:30在三楼会议室召开。",
    "QQ群和微信公众号均已开通。",
    "本项目总投资12.5亿元，其中中央资金3.2亿元。",
    "文号：郴北政发〔2025〕3号",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_left_alone(text):
    assert deidentify(text) == text


def test_the_writers_own_phone_and_address_are_masked_however_written():
    text = "我住郴州市北湖区幸福路66号，电话139 0735 4321，邮箱qian@example.com"
    out = deidentify(
        text, addresses=["郴州市北湖区幸福路66号"], phones=["13907354321"], emails=["qian@example.com"]
    )
    assert "幸福路66号" not in out and "4321" in out and "07354321" not in _digits(out)
    assert "qian@" not in out
