"""Typed readers for environment variables that fail loudly on a bad value.

Every variable the platform reads is declared in ``VARIABLES`` so that the README, the
``.env.example`` file and the code cannot drift apart (a test compares them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Variable:
    name: str
    default: str | None
    help: str


VARIABLES: dict[str, Variable] = {}


def declare(name: str, default: str | None, help: str) -> Variable:
    var = Variable(name, default, help)
    VARIABLES[name] = var
    return var


class BadSetting(ImproperlyConfigured):
    """A variable holds a value we cannot use; the message names the variable."""


def _raw(name: str) -> str | None:
    if name not in VARIABLES:
        raise BadSetting(f"环境变量 {name} 未在 gongkai/settings.py 中声明 / {name} is not declared")
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return VARIABLES[name].default
    return value.strip()


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str) -> str:
    value = _raw(name)
    return "" if value is None else value


def env_bool(name: str) -> bool:
    value = (_raw(name) or "").lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadSetting(f"{name}={value!r} 不是布尔值，请写 true 或 false / {name} must be true or false")


def env_int(name: str, *, minimum: int | None = None) -> int:
    value = _raw(name) or ""
    try:
        number = int(value)
    except ValueError:
        raise BadSetting(f"{name}={value!r} 不是整数 / {name} must be an integer") from None
    if minimum is not None and number < minimum:
        raise BadSetting(f"{name}={number} 小于 {minimum} / {name} must be at least {minimum}")
    return number


def env_list(name: str) -> list[str]:
    value = _raw(name) or ""
    return [part.strip() for part in value.split(",") if part.strip()]


def env_choice(name: str, choices: tuple[str, ...]) -> str:
    value = _raw(name) or ""
    if value not in choices:
        raise BadSetting(
            f"{name}={value!r} 无效，可选值：{', '.join(choices)} / {name} must be one of {', '.join(choices)}"
        )
    return value
