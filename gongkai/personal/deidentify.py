"""De-identification (去标识化) of free text the public will see: the one function for letters,
tickets and lists.

``deidentify(text, names=…, addresses=…, phones=…, emails=…)`` masks, wherever they occur and
however they are written:

- ID numbers (18 and old 15 characters), in one run or in groups (``431002 19851111 4561``);
- mobile and landline numbers with spaces, dots, dashes or brackets between the groups
  (``139.1234.5678``, ``(139)12345678``, ``0735-2345678``), a country code, in full-width digits
  (``１３９－１２３４－５６７８``) or in Chinese numerals (``一三九一二三四五六七八``);
- bank card and account numbers, e-mail addresses, QQ numbers and WeChat IDs (after their word:
  ``QQ：12345678``, ``微信号 zhang_san88``), car number plates (``湘L·12345``, ``湘LD12345``);
- the writer's own name, address, phone and e-mail given by the caller (from the ticket), also
  written with spaces between the characters (``钱 多多``);
- other people's names after a word that introduces a person (``邻居李建国``, ``联系人：王芳``).

Ordinary text stays: dates (``2025-06-09``, ``2018年3月1日``), amounts, document numbers
(``北政发〔2018〕10号``), the 12345 hotline and other short numbers. Masking is one-way and
idempotent. It is a suggestion: staff confirm the public text before anything is published.

Matching runs on a shadow of the text in which full-width characters are half-width and Chinese
numerals are digits, character for character, so every match maps back to the original's place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.personal.masking import (
    COMPOUND_SURNAMES,
    mask_address,
    mask_bank_account,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
    normalise,
)

_CHINESE_DIGITS = {"〇": "0", "零": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4"}
_CHINESE_DIGITS |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_DASHES = "－—–‐‑‒―﹣−"
_DOTS = "·・•．。､"


def _shadow_char(ch: str) -> str:
    """One character as matching sees it: always one character, so positions stay."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII
        return chr(code - 0xFEE0)
    if ch == "\u3000":
        return " "
    if ch in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[ch]
    if ch in _DASHES:
        return "-"
    if ch in _DOTS:
        return "."
    if ch in "（":
        return "("
    if ch in "）":
        return ")"
    return ch


def shadow(text: str) -> str:
    return "".join(_shadow_char(ch) for ch in text)


_S = r"[ \t\-.]?"  # one optional separator between groups of digits
_B = r"(?<![0-9A-Za-z])"  # not inside a longer number or word
_A = r"(?![0-9A-Za-z])"

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# 17 digits and a check character, a separator allowed between any two of them (groups of 6-8-4,
# 6-4-4-4, 3-3-4-4-4 all occur); the old 15-digit number likewise.
_N = r"[ \t\-]?"  # in long numbers: a space or a dash (a dot separates the parts of a date)
_ID_RE = re.compile(rf"{_B}\d(?:{_N}\d){{16}}{_N}[\dXx]{_A}")
_OLD_ID_RE = re.compile(rf"{_B}\d(?:{_N}\d){{14}}{_A}")
# Bank cards and other long account numbers: in one run, or in groups of four.
_ACCOUNT_RE = re.compile(rf"{_B}(?:\d{{16,19}}|\d{{4}}(?:[ \-]\d{{4}}){{3}}(?:[ \-]?\d{{1,3}})?){_A}")
_MOBILE_RE = re.compile(rf"{_B}(?:(?:\+|00)?86{_S})?(?:\(1\d{{2}}\)|1\d{{2}}){_S}\d{{4}}{_S}\d{{4}}{_A}")
_LANDLINE_RE = re.compile(
    rf"{_B}(?:\(0\d{{2,3}}\){_S}|0\d{{2,3}}{_S}){_S}\d{{3,4}}{_S}\d{{4}}(?:{_S}(?:转|-){_S}\d{{1,6}})?{_A}"
)
# A bare 7–8 digit local number only after a word that says it is a phone number.
_LOCAL_RE = re.compile(
    rf"(?:电话|手机|号码|联系方式|座机|tel|TEL|Tel)[：:\s是为]{{0,3}}(?P<number>\d{{3,4}}{_S}\d{{4}}){_A}"
)
_QQ_RE = re.compile(
    r"(?:QQ|qq|Qq|扣扣|企鹅)(?:号码|号)?[：:\s是为]{0,3}(?P<number>\d(?:[ \-]?\d){4,11})(?!\d)"
)
_WECHAT_RE = re.compile(
    r"(?:微信|威信|weixin|WeChat|wechat|Wechat|vx|VX|Vx|wx|WX|V信|v信|薇信)(?:号码|号|ID|id)?[：:\s是为]{0,3}"
    r"(?P<id>[A-Za-z0-9][-_A-Za-z0-9]{4,19})(?![-_A-Za-z0-9])"
)
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_RE = re.compile(
    rf"(?P<head>[{_PROVINCES}][A-Za-z])[ .\-]?(?P<tail>[A-HJ-NP-Za-hj-np-z0-9]{{5,6}})(?![A-Za-z0-9])"
)

# Common surnames (the most frequent, which cover about nine in ten people) and the compound ones.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝"
)
_COMPOUND = "|".join(sorted(COMPOUND_SURNAMES, key=len, reverse=True))
# Words that introduce a person, after which a name follows.
_PERSON_CUES = (
    "联系人|联系人是|住户|我叫|我是|本人|本人是|姓名|名叫|叫做|邻居|隔壁|楼上|楼下|对门|业主|户主|房东|租户|村民|居民|"
    "负责人|老板|店主|经理|工作人员|经办人|司机|师傅|同学|老师|医生|患者|病人|家属|丈夫|妻子|儿子|女儿|父亲|母亲|"
    "委托人|代理人|被投诉人|投诉人|当事人|村干部|村支书|组长|网格员|保安|物业|员工|工人"
)
_NAME_RE = re.compile(
    rf"(?P<cue>{_PERSON_CUES})[：:\s是为叫]{{0,2}}(?P<name>(?:{_COMPOUND}|[{_SURNAMES}])[\u4e00-\u9fff]{{1,2}})(?![*])"
)
# A name is followed by words that end it; a third character that starts one of them is not part of it.
_AFTER_NAME = "反映投诉举报说称在家住于的了和与及同已曾多因经常天每电手联，,。.；;：:"


def _old_id(shadowed: str) -> bool:
    digits = re.sub(r"\D", "", shadowed)
    month, day = int(digits[8:10]), int(digits[10:12])
    return 1 <= month <= 12 and 1 <= day <= 31


def _name_span(match: re.Match) -> tuple[int, int]:
    start, end = match.span("name")
    name = match["name"]
    surname = 2 if name[:2] in COMPOUND_SURNAMES else 1
    if len(name) > surname + 1 and name[-1] in _AFTER_NAME:
        end -= 1
    return start, end


def _spans(text: str, shadowed: str) -> list[tuple[int, int, str]]:
    """Spans of personal data in ``text`` (numbers found in its shadow, names in the text itself,
    where a numeral stays a character of the name), each with its mask; earlier patterns win."""
    found: list[tuple[int, int, str]] = []

    def add(start: int, end: int, masked: str) -> None:
        if any(s < end and start < e for s, e, _m in found):
            return
        found.append((start, end, masked))

    for m in _EMAIL_RE.finditer(shadowed):
        add(*m.span(), mask_email(m[0]))
    for m in _QQ_RE.finditer(shadowed):
        add(*m.span("number"), "*" * len(re.sub(r"\D", "", m["number"])))
    for m in _WECHAT_RE.finditer(shadowed):
        add(*m.span("id"), m["id"][0] + "*" * (len(m["id"]) - 1))
    for m in _MOBILE_RE.finditer(shadowed):
        add(*m.span(), mask_phone(re.sub(r"[^\d+]", "", m[0])))
    for m in _ID_RE.finditer(shadowed):
        add(*m.span(), mask_id_number(re.sub(r"[^\dXx]", "", m[0])))
    for m in _OLD_ID_RE.finditer(shadowed):
        if _old_id(m[0]):
            add(*m.span(), mask_id_number(re.sub(r"\D", "", m[0])))
    for m in _ACCOUNT_RE.finditer(shadowed):
        add(*m.span(), mask_bank_account(re.sub(r"\D", "", m[0])))
    for m in _LANDLINE_RE.finditer(shadowed):
        add(*m.span(), mask_phone(m[0].replace(".", "-").replace(" ", "-")))
    for m in _LOCAL_RE.finditer(shadowed):
        number = re.sub(r"\D", "", m["number"])
        add(*m.span("number"), "****" + number[4:])
    for m in _PLATE_RE.finditer(shadowed):
        add(m.start(), m.end(), m["head"].upper() + "*" * len(m["tail"]))
    for m in _NAME_RE.finditer(text):
        start, end = _name_span(m)
        add(start, end, mask_name(text[start:end]))
    return sorted(found)


def _spaced(value: str) -> re.Pattern:
    """``value`` as typed with any white space between its characters (``钱 多 多``)."""
    chars = [re.escape(ch) for ch in re.sub(r"\s+", "", value)]
    return re.compile(r"[\s\u3000]*".join(chars))


def deidentify(
    text: str,
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    phones: Iterable[str] = (),
    emails: Iterable[str] = (),
) -> str:
    """``text`` with personal data replaced by masks (see the module's description); ``names``,
    ``addresses``, ``phones``, ``emails``: the writer's own, masked where they occur literally."""
    if not text:
        return ""
    out = text
    literals: list[tuple[str, str]] = []
    for address in addresses:
        address = (address or "").strip()
        if len(address) >= 4:
            masked = mask_address(address)
            literals.append((address, masked))
            kept = masked.removesuffix("****")
            rest = address[len(kept) :] if address.startswith(kept) else ""
            if len(rest) >= 4:  # the street part alone ("人民路12号") identifies the home too
                literals.append((rest, "****"))
    for name in names:
        name = re.sub(r"\s+", "", name or "")
        if len(name) >= 2:
            literals.append((name, mask_name(name)))
    for email in emails:
        email = (email or "").strip()
        if email:
            literals.append((email, mask_email(email)))
    # Longest first, so that a name inside an address is not masked before the address is found.
    for original, masked in sorted(literals, key=lambda pair: -len(pair[0])):
        out = _spaced(original).sub(lambda _m, masked=masked: masked, out)
    for phone in phones:
        digits = normalise("phone", phone or "")
        if len(digits) >= 7:
            # The same number typed with separators between any of its digits, in any width or numerals.
            shadowed = shadow(out)
            spaced = r"[ \t\-.()]?".join(re.escape(d) for d in digits)
            spans = [m.span() for m in re.finditer(rf"(?<!\d){spaced}(?!\d)", shadowed)]
            for start, end in reversed(spans):
                out = out[:start] + mask_phone(digits) + out[end:]
    shadowed = shadow(out)
    pieces, last = [], 0
    for start, end, masked in _spans(out, shadowed):
        pieces.append(out[last:start])
        pieces.append(masked)
        last = end
    pieces.append(out[last:])
    return "".join(pieces)
