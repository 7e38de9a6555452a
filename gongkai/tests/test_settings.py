"""Settings come from the environment; a bad value stops start-up with a message naming it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "p" * 20 + "-production-like-secret-key-for-the-deploy-check-0123456789",
    "PERSONAL_DATA_KEYS": "tH6NZ0QyHx9V2bQ3PzV2LJjv3JzHkXQm8mO8Fq0Y3nE=",
    "PERSONAL_DATA_INDEX_KEY": "z" * 40,
    "ALLOWED_HOSTS": "gk.example.gov.cn",
}


def _manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION
        and k not in {"TASK_BACKEND", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    clean.setdefault("DATA_DIR", str(tmp_path))
    clean["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("TASK_BACKEND", "celery"),
        ("SECRET_KEY", "short"),
        ("PERSONAL_DATA_KEYS", "not-a-fernet-key"),
        ("DATABASE_URL", "mysql://root@localhost/gongkai"),
        ("TIME_ZONE", "Mars/Olympus"),
        ("SECURE_HSTS_SECONDS", "one year"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(tmp_path, name, value):
    result = _manage("check", env={**PRODUCTION, name: value}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert name in result.stderr
    assert "Traceback" not in result.stderr.splitlines()[-1]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_defaults_are_shanghai_time_and_simplified_chinese(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"


def test_every_variable_is_documented_in_env_example_and_readme():
    from gongkai.lib.env import VARIABLES

    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    for name in VARIABLES:
        assert f"\n{name}=" in example, f"{name} missing from .env.example"
        assert f"`{name}`" in readme, f"{name} missing from README.md"
