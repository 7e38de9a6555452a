"""What a browser sends for a form: every input, select and textarea of the page's form with the
values it was drawn with (hidden fields — CSRF token, the signed time stamp — included, the
honeypot left empty as drawn), then the fields a person fills in."""

from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker  # a field name that identifies the form wanted
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": [],
                "options": {},
            }
            self.forms.append(self._form)
        if self._form is None:
            return
        fields = self._form["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.append([name, a.get("value", "on")])
            elif kind not in ("submit", "button", "file", "image", "reset"):
                fields.append([name, a.get("value", "")])
        elif tag == "select" and name:
            self._select = name
            self._form["options"][name] = []
            fields.append([name, None])
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._form["options"][self._select].append(value)
            current = next(f for f in fields if f[0] == self._select)
            if current[1] is None or "selected" in a:
                current[1] = value
        elif tag == "textarea" and name:
            self._textarea = name
            fields.append([name, ""])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            field = next(f for f in reversed(self._form["fields"]) if f[0] == self._textarea)
            field[1] += data


def form(html: str, marker: str) -> tuple[list[list[str]], dict[str, list[str]]]:
    """The fields (name, value) of the POST form containing a field named ``marker``, and each
    select's option values."""
    parser = _Form(marker)
    parser.feed(html)
    for found in parser.forms:
        if found["method"] == "post" and any(name == marker for name, _v in found["fields"]):
            return [[n, v or ""] for n, v in found["fields"]], found["options"]
    raise LookupError(f"no POST form with a field {marker!r}")


def fill(fields: list[list[str]], values: dict[str, str]) -> list[tuple[str, str]]:
    """``fields`` with ``values`` put in (a person typing); fields not on the form are added."""
    out, seen = [], set()
    for name, value in fields:
        if name in values:
            if name in seen:
                continue
            seen.add(name)
            value = values[name]
        out.append((name, value))
    out.extend(
        (name, value) for name, value in values.items() if name not in seen and name not in dict(fields)
    )
    return out
