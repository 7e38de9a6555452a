"""Gongkai settings: every value comes from an environment variable declared here.

The variables, their defaults and meanings are listed in README.md and .env.example; a test keeps
the three in step. A bad value stops start-up with a message naming the variable.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import secrets
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet

from gongkai.lib.env import (
    BadSetting,
    declare,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

declare("DEBUG", "false", "开发模式：显示错误详情，自动生成开发密钥。生产环境必须为 false。")
declare("DATA_DIR", str(BASE_DIR / "var"), "数据目录：SQLite 数据库、上传文件、开发密钥。")
declare("SECRET_KEY", None, "Django 密钥（至少 50 个字符）。生产环境必填。")
declare(
    "DATABASE_URL", None, "数据库地址，默认 DATA_DIR 下的 SQLite；生产用 postgresql://用户@主机:5432/库名。"
)
declare("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]", "允许的主机名，逗号分隔；多区部署时列出各区门户域名。")
declare("CSRF_TRUSTED_ORIGINS", "", "受信任的来源（含协议），逗号分隔，例如 https://gk.beihu.gov.cn。")
declare("TIME_ZONE", "Asia/Shanghai", "时区。")
declare("LANGUAGE_CODE", "zh-hans", "界面语言。")
declare(
    "PERSONAL_DATA_KEYS",
    None,
    "个人信息加密密钥（Fernet），逗号分隔，第一个用于加密，其余用于轮换期解密。生产环境必填。",
)
declare(
    "PERSONAL_DATA_INDEX_KEY",
    None,
    "个人信息检索用的 HMAC 密钥（至少 32 个字符），轮换加密密钥时保持不变。生产环境必填。",
)
declare(
    "TASK_BACKEND",
    "database",
    "后台任务队列：database（内置，数据库）、redis（多机部署）、immediate（同步执行，仅测试）。",
)
declare("TASK_RESULTS_KEEP_DAYS", "30", "已完成的后台任务结果和定时任务运行记录保留天数。")
declare("REDIS_URL", "redis://127.0.0.1:6379/0", "TASK_BACKEND=redis 时使用的 Redis 地址。")
declare("SECURE_SSL_REDIRECT", None, "把 HTTP 请求重定向到 HTTPS；默认在非开发模式下开启。")
declare("SECURE_HSTS_SECONDS", None, "HSTS 有效期（秒）；默认在非开发模式下为 31536000。")
declare("SECURE_PROXY_SSL_HEADER", "", "反向代理传递协议的请求头，例如 HTTP_X_FORWARDED_PROTO。")
declare("LOG_LEVEL", "INFO", "日志级别：DEBUG、INFO、WARNING、ERROR。")
declare("DEFAULT_DISTRICT", "", "请求的主机名未登记时使用的区（组织代码）；为空时使用第一个区。")

DEBUG = env_bool("DEBUG")
DATA_DIR = Path(env_str("DATA_DIR"))


def _dev_secrets() -> dict[str, str]:
    """Keys for development and tests, created once under DATA_DIR; never used in production."""
    path = DATA_DIR / "dev-secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    values = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
        "PERSONAL_DATA_INDEX_KEY": secrets.token_urlsafe(32),
    }
    path.write_text(json.dumps(values))
    path.chmod(0o600)
    return values


def _secret(name: str) -> str:
    value = env_str(name)
    if value:
        return value
    if DEBUG:
        return _dev_secrets()[name]
    raise BadSetting(f"生产环境（DEBUG=false）必须设置 {name} / {name} is required when DEBUG is false")


SECRET_KEY = _secret("SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise BadSetting("SECRET_KEY 至少需要 50 个字符 / SECRET_KEY must be at least 50 characters")

PERSONAL_DATA_KEYS = [k.strip() for k in _secret("PERSONAL_DATA_KEYS").split(",") if k.strip()]
for _key in PERSONAL_DATA_KEYS:
    try:
        Fernet(_key)
    except ValueError:
        raise BadSetting(
            "PERSONAL_DATA_KEYS 中有无效的 Fernet 密钥（应为 32 字节的 urlsafe base64） / "
            "PERSONAL_DATA_KEYS holds an invalid Fernet key"
        ) from None
PERSONAL_DATA_INDEX_KEY = _secret("PERSONAL_DATA_INDEX_KEY")
if len(PERSONAL_DATA_INDEX_KEY) < 32:
    raise BadSetting("PERSONAL_DATA_INDEX_KEY 至少需要 32 个字符 / must be at least 32 characters")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DEFAULT_DISTRICT = env_str("DEFAULT_DISTRICT")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "captcha",  # django-simple-captcha: images drawn here, no outside service (#15)
    "gongkai.accounts",
    "gongkai.orgs",
    "gongkai.audit",
    "gongkai.personal",
    "gongkai.workcal",
    "gongkai.catalog",
    "gongkai.applications",
    "gongkai.hotline",
    "gongkai.powers",
    "gongkai.services",
    "gongkai.decisions",
    "gongkai.finance",
    "gongkai.procurement",
    "gongkai.publicity",
    "gongkai.sectors",
    "gongkai.reports",
    "gongkai.supervision",
    "gongkai.analytics",
    "gongkai.background",
    "gongkai.portal",
    "gongkai.workbench",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongkai.lib.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.lib.pagecache.PublicPageCacheMiddleware",
    "gongkai.lib.middleware.ActivateLanguageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.lib.middleware.LazyMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.audit.middleware.AuditContextMiddleware",
    "gongkai.orgs.middleware.DistrictMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.orgs.context_processors.district",
                "gongkai.portal.context_processors.portal",
            ],
        },
    },
    {
        # The portal's busiest pages (templates under <app>/jinja2/): portal/jinja.py.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "gongkai.portal.jinja.environment",
            "context_processors": [
                "gongkai.orgs.context_processors.district",
                "gongkai.portal.context_processors.portal",
            ],
        },
    },
]


def _database(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at BEGIN so that
        # concurrent submissions queue up instead of failing with "database is locked".
        config["CONN_HEALTH_CHECKS"] = False  # a local file: nothing to go stale
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
        config["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
    elif config["ENGINE"] != "django.db.backends.postgresql":
        raise BadSetting(
            "DATABASE_URL 只支持 sqlite:// 与 postgresql:// / only SQLite and PostgreSQL are supported"
        )
    return config


_database_url = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"
try:
    DATABASES = {"default": _database(_database_url)}
except BadSetting:
    raise
except Exception as exc:
    raise BadSetting(f"DATABASE_URL 无法解析 / DATABASE_URL cannot be parsed: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/staff/login/"
LOGIN_REDIRECT_URL = "/staff/"
LOGOUT_REDIRECT_URL = "/staff/login/"
# --- Staff sign-in (issue #15; 等级保护 2.0 身份鉴别): password rules, idle timeout, forced change.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.accounts.passwords.CharacterClassesValidator", "OPTIONS": {"minimum": 3}},
    {"NAME": "gongkai.accounts.passwords.NotContainingUsernameValidator"},
    {"NAME": "gongkai.accounts.passwords.HistoryValidator", "OPTIONS": {"count": 5}},
]
declare(
    "TRUSTED_PROXIES",
    "",
    "受信任的反向代理地址或网段（逗号分隔，例如 10.0.0.0/8）；只有来自这些地址的请求才采用 X-Forwarded-For "
    "中的客户端地址。为空时直接使用连接地址。",
)
declare("LOGIN_FAILURE_LIMIT", "5", "同一账号或同一地址连续登录失败多少次后锁定。")
declare(
    "LOGIN_LOCKOUT_MINUTES",
    "15",
    "登录锁定的时长（分钟），期满自动解除；公开办或系统管理员也可在“登录锁定”页解除。",
)
declare("SESSION_IDLE_MINUTES", "30", "工作人员无操作多少分钟后自动退出登录。")
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", minimum=1) * 60  # accounts/middleware.py
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")  # whose X-Forwarded-For is believed (lib/clientip.py)
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise BadSetting(f"TRUSTED_PROXIES 中的 {_proxy!r} 不是地址或网段 / not an address or network") from None
MIDDLEWARE[MIDDLEWARE.index("gongkai.lib.middleware.LazyMessageMiddleware") + 1 : 0] = [
    "gongkai.accounts.middleware.SessionIdleTimeoutMiddleware",
    "gongkai.accounts.middleware.PasswordChangeRequiredMiddleware",
]
# Lockout after repeated failures (django-axes), counted in the database so that every worker
# shares the count: per account and, separately, per client address, on /staff/login/ and
# /admin/login/ alike. A success does not clear the address's count (AXES_RESET_ON_SUCCESS off):
# one working account must not let its holder go on guessing others'; counts lapse after the
# lockout period, which each attempt during a lockout starts again (axes' default). The office
# unlocks on /staff/people/lockouts/.
INSTALLED_APPS.insert(INSTALLED_APPS.index("gongkai.accounts"), "axes")
AUTHENTICATION_BACKENDS = [
    "gongkai.accounts.backends.LockoutBackend",  # axes' backend, first as axes asks
    "gongkai.accounts.backends.PasswordAndTokenBackend",  # the password, and a TOTP code if enrolled
]
# The optional second factor: a TOTP app's six-digit code (django-otp), enrolled by each member of
# staff on /staff/people/totp/.
INSTALLED_APPS[INSTALLED_APPS.index("gongkai.accounts") : 0] = ["django_otp", "django_otp.plugins.otp_totp"]
OTP_TOTP_ISSUER = "Gongkai 政务公开工作台"
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as axes asks
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "gongkai.lib.clientip.client_address"
AXES_LOCKOUT_CALLABLE = "gongkai.accounts.lockouts.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit trail (audit/signals.py)
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# --- end of staff sign-in

# Our own translations come first (above every app's): see gongkai/locale/zh_Hans/LC_MESSAGES/django.po.
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]
LANGUAGE_CODE = env_str("LANGUAGE_CODE")
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]  # the UI language is LANGUAGE_CODE, not the browser's
TIME_ZONE = env_str("TIME_ZONE")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except Exception:
    raise BadSetting(f"TIME_ZONE={TIME_ZONE!r} 不是有效的时区 / not a valid time zone") from None
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "gongkai" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "gongkai.lib.staticstorage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Caches: per-process memory for small lookups; the public page cache is shared by all processes
# (Redis where the deployment runs one, else files under DATA_DIR). "fragments" holds pieces of
# portal pages (the footer, the district) in each process's memory, keyed by the page cache's
# generation, so that a change seen by one process is seen by all (lib/pagecache.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Header, footer and district rows every portal page shows, kept by reference in each process
    # (no pickling on each read) under keys carrying the page cache's generation: lib/processcache.py.
    "fragments": {
        "BACKEND": "gongkai.lib.processcache.ProcessCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "pages"),
    },
}

# Background work: Django's Tasks API (the django-tasks backport on 5.2).
TASK_BACKEND = env_choice("TASK_BACKEND", ("database", "redis", "immediate"))
REDIS_URL = env_str("REDIS_URL")
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "redis": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
TASKS = {"default": _TASK_BACKENDS[TASK_BACKEND]}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}

# Citizen rate limits, shared by every worker (gongkai/lib/throttle.py): the database cache table
# (`manage.py createcachetable`, run by scripts/run.sh after migrate), or Redis where the deployment has it.
CACHES["throttle"] = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "gongkai_throttle"}
if TASK_BACKEND == "redis":
    CACHES["throttle"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
RQ = {"JOB_CLASS": "django_tasks_rq.Job"}  # `manage.py rqworker default` must build django-tasks jobs
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", minimum=1)
if TASK_BACKEND == "redis":
    INSTALLED_APPS.append("django_rq")
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}

# Security. Defaults are strict outside development; each can be relaxed by its variable.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT") if env_str("SECURE_SSL_REDIRECT") else not DEBUG
SECURE_HSTS_SECONDS = (
    env_int("SECURE_HSTS_SECONDS", minimum=0)
    if env_str("SECURE_HSTS_SECONDS")
    else (0 if DEBUG else 31536000)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0  # the header alone submits nothing
if env_str("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (env_str("SECURE_PROXY_SSL_HEADER"), "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600  # one working day
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOG_LEVEL = env_choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Personal data retention (issue #15; 个人信息保护法 第十九条): years after a record's closure
# (an application replied to, a letter closed, a list taken down…) after which `manage.py
# purge_personal` removes its personal data and keeps its figures. Kinds: each app's retention.py.
declare(
    "PERSONAL_DATA_RETENTION",
    "applications=10,mailbox=5,publicity=5,decisions=5,services=3",
    "个人信息保存期限（年，自办结、撤下之日起）：applications 政府信息公开申请，mailbox 热线工单和信箱来信，"
    "publicity 公示名单，decisions 双公示决定中的自然人，services 办件；期满由 manage.py purge_personal 删除，统计数据不变。",
)


def _retention(name: str) -> dict[str, int]:
    periods = {}
    for part in env_list(name):
        kind, _sep, years = part.partition("=")
        if not kind.strip() or not years.strip().isdigit() or int(years) < 1:
            raise BadSetting(f"{name}: {part!r} 应为 类别=年数（至少 1 年） / must be kind=years, years ≥ 1")
        periods[kind.strip()] = int(years)
    return periods


PERSONAL_DATA_RETENTION = _retention("PERSONAL_DATA_RETENTION")

# Abuse controls of the public forms and lookups (gongkai/lib/abuse.py, #15): captcha only near a
# limit, honeypot, a signed time stamp, size limits. Hard limits per hour are in lib/throttle.py's users.
declare(
    "ABUSE_CAPTCHA_AFTER",
    "3",
    "同一地址在限额时段内提交（或查询失败）达到此次数后，公众表单要求填写验证码；0 为不要求。",
)
declare(
    "ABUSE_MIN_FILL_SECONDS",
    "3",
    "打开表单后少于此秒数即提交的，视为自动程序，退回重新提交（内容保留）；0 为不检查。",
)
declare("ABUSE_MAX_UPLOAD_MB", "5", "公众表单单个上传文件的上限（MB），超过的文件不接收，表单其余内容保留。")
declare("ABUSE_MAX_BODY_MB", "20", "公众表单一次提交的总大小上限（MB），超过的请求不予读取。")
declare("SEARCH_PER_MINUTE", "60", "同一地址每分钟全文检索次数上限（网页和接口合计），超过返回 429。")
ABUSE_CAPTCHA_AFTER = env_int("ABUSE_CAPTCHA_AFTER", minimum=0)
ABUSE_MIN_FILL_SECONDS = env_int("ABUSE_MIN_FILL_SECONDS", minimum=0)
ABUSE_MAX_UPLOAD_MB = env_int("ABUSE_MAX_UPLOAD_MB", minimum=1)
ABUSE_MAX_BODY_MB = env_int("ABUSE_MAX_BODY_MB", minimum=1)
SEARCH_PER_MINUTE = env_int("SEARCH_PER_MINUTE", minimum=1)
ABUSE_MAX_FIELDS = 60  # fields of one public form submission; the largest form has about 25
ABUSE_MAX_FILES = 2  # files of one public form submission; the application form has one input
CAPTCHA_PASS_SECONDS = 600  # a session that solved a captcha is not asked again for this long
# Django's own limits, for every request (staff forms included): text fields at most 2.5 MB in
# all, at most 1000 fields and 100 files (Django's defaults, said here); beyond them a Chinese 400/413, never a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
# The captcha: an arithmetic sum in large, lightly distorted digits (readable by older citizens),
# valid for an hour (a long letter takes time), no audio.
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_FONT_SIZE = 40
CAPTCHA_LETTER_ROTATION = (-8, 8)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)
CAPTCHA_FOREGROUND_COLOR = "#1a1a1a"
CAPTCHA_TIMEOUT = 60  # minutes

# Portal search (gongkai/catalog/search.py, issue #16): tantivy, an embedded index on this machine's
# disk fed by one writer from the search outbox, or the database's own full-text index, for
# deployments whose web servers run on several machines without a shared disk.
declare("SEARCH_ENGINE", "tantivy", "站内检索引擎：tantivy（内置索引，默认）或 database（数据库全文索引，多机部署时用）。")
declare("SEARCH_INDEX_DIR", "", "tantivy 检索索引目录，默认 DATA_DIR/search；每个数据库一个子目录。")
SEARCH_ENGINE = env_choice("SEARCH_ENGINE", ("tantivy", "database"))
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR") or DATA_DIR / "search")
