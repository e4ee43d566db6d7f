"""Django settings for Puebla. Every value that differs between machines comes from puebla.env.

The README's "Configuration" section lists each environment variable read here.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from puebla import env
from puebla.core import logs

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.text("DATA_DIR", str(BASE_DIR / "data")))
# The RCM dataset shipped with Puebla, which `puebla setup` and `puebla load-rcm` load.
RCM_DATASET_DIR = PACKAGE_DIR / "rcm"

DEBUG = env.flag("DEBUG", default=False)
SECRET_KEY = env.required_secret(
    "SECRET_KEY",
    debug=DEBUG,
    debug_default="insecure-debug-only",
    local_file=DATA_DIR / "secret_key",
)
ALLOWED_HOSTS = env.words("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env.words("CSRF_TRUSTED_ORIGINS")
# `make bench` only: serves the trivial view the benchmark measures as its ceiling (urls.py),
# and lets it ask for a public page rendered rather than cached (puebla/core/pagecache.py).
BENCH_MODE = env.flag("PUEBLA_BENCH", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for the project's form renderer
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "simple_history",
    "huey.contrib.djhuey",
    "puebla.core",
    "puebla.accounts",
    "puebla.directory",
    "puebla.search",
    "puebla.intranet",
    "puebla.meetings",
    "puebla.documents",
    "puebla.planning",
    "puebla.fund",
    "puebla.followup",
    "puebla.portal",
    "puebla.translation_desk",
    "puebla.backups",
    "puebla.stats",
]

MIDDLEWARE = [
    "puebla.core.accesslog.AccessLogMiddleware",  # first: it times and logs every response
    # Before everything that makes a response: it compresses what the page cache did not.
    "puebla.core.compression.CompressionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Right after the static files, so that a cached page costs what a file does (its docstring).
    "puebla.core.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A body larger than its sender may send is refused unread (after the session says who).
    "puebla.core.request_limits.RequestSizeLimitMiddleware",
    # Every posted value without control characters, before any form reads it.
    "puebla.core.form_input.ControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # Before the session limits, which leave a message when they sign someone out.
    "django.contrib.messages.middleware.MessageMiddleware",
    "puebla.accounts.middleware.SessionLifetimeMiddleware",
    # Every view's declared access, MFA for the roles that require it, no-store when signed in.
    "puebla.core.gates.ViewAccessMiddleware",
    "puebla.accounts.middleware.AdminLanguageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "puebla.urls"
WSGI_APPLICATION = "puebla.wsgi.application"

# Forms are rendered by the project's template engine, with one field template for the site.
FORM_RENDERER = "puebla.core.form_rendering.SiteFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "puebla.core.context_processors.language_links",
                "puebla.fund.context_processors.fund_menu",
            ],
        },
    },
]

# --- Database: embedded SQLite unless DATABASE_URL names another server --------------------
DATABASE_URL = env.text("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env.integer("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    # SQLite cannot create the folder itself. Only Puebla's user may read the data: the folder
    # is made 0700 and the database 0600 (an existing one is tightened); SQLite gives its -wal
    # and -shm files the database's mode.
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    SQLITE_PATH = DATA_DIR / "puebla.sqlite3"
    os.close(os.open(SQLITE_PATH, os.O_CREAT | os.O_WRONLY, 0o600))
    for _database_file in (SQLITE_PATH, *DATA_DIR.glob("puebla.sqlite3-*")):
        if _database_file.stat().st_mode & 0o077:
            _database_file.chmod(0o600)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Opening an SQLite connection (its PRAGMAs, Django's functions) costs more than a
            # cached page's one query: keep it, as for PostgreSQL.
            "CONN_MAX_AGE": env.integer("DATABASE_CONN_MAX_AGE", 60),
            "OPTIONS": {
                # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers
                # wait (busy timeout) instead of failing halfway with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache works with no extra server; REDIS_URL switches to Redis at scale.
REDIS_URL = env.text("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "puebla_cache",
        }
    }

# The public pages' cache (puebla/core/pagecache.py): how long a process may serve pages of a
# version another process has replaced (the process that made an edit shows it at once), and
# how much memory each process gives its pages.
PAGE_CACHE_STALENESS_MS = env.integer("PAGE_CACHE_STALENESS_MS", 1000)
PAGE_CACHE_MB = env.integer("PAGE_CACHE_MB", 64)

# Jobs (mail, reminders) go through Huey: a queue in the data folder by default, Redis with
# REDIS_URL (then any number of `puebla worker` processes may share it). HUEY_IMMEDIATE=1 runs
# each job inside the request instead, with no worker (the test suite does).
HUEY = {
    "name": "puebla",
    "immediate": env.flag("HUEY_IMMEDIATE", default=False),
    "utc": True,
    "consumer": {"workers": env.integer("WORKER_THREADS", 2), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "connection": {"url": REDIS_URL}}
else:
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    HUEY |= {"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "jobs.sqlite3")}
    # Queued mail holds addresses and links: the queue is Puebla's alone, as the database is.
    os.close(os.open(HUEY["filename"], os.O_CREAT | os.O_WRONLY, 0o600))

# Backups (puebla/backups): `puebla backup` writes its archives here, and the worker writes one
# every night at BACKUP_HOUR_UTC (8: two in the morning in Central America) unless
# BACKUP_NIGHTLY=0, keeping BACKUP_KEEP of them: the newest of each of so many days, ISO weeks
# and months.
BACKUP_DIR = Path(env.text("BACKUP_DIR", str(DATA_DIR / "backups")))
BACKUP_NIGHTLY = env.flag("BACKUP_NIGHTLY", default=True)
BACKUP_HOUR_UTC = env.integer("BACKUP_HOUR_UTC", 8)
BACKUP_KEEP = env.counts("BACKUP_KEEP", "7,4,12", ("days", "weeks", "months"))

# --- Accounts (django-allauth): e-mail sign-in, invitation only, MFA, rate limits ------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "intranet:home"
LOGOUT_REDIRECT_URL = "portal:home"
ACCOUNT_ADAPTER = "puebla.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
# Adding an address refuses one that belongs to another account (puebla.accounts.forms).
ACCOUNT_FORMS = {
    "add_email": "puebla.accounts.forms.AddEmailForm",
    "login": "puebla.accounts.forms.LoginForm",
}
ACCOUNT_SESSION_REMEMBER = False
# A reset request for an address without an account sends nothing: otherwise anyone could make
# the server mail "unknown account" notices to any address.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# The site's own address and name, for links in mail and "Hello from ...": never taken from the
# request's Host header, which the sender chooses (puebla.accounts.adapter).
SITE_NAME = env.text("SITE_NAME") or _("RCM virtual secretariat")
SITE_URL = env.text("SITE_URL").rstrip("/") or (
    f"https://{ALLOWED_HOSTS[0]}"
    if env.flag("HTTPS", default=False) and ALLOWED_HOSTS
    else f"http://{env.text('HOST', '127.0.0.1')}:{env.integer('PORT', 8000)}"
)
if not SITE_URL.startswith(("http://", "https://")) or "*" in SITE_URL or "//." in SITE_URL:
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's address, like https://puebla.example.org; got {SITE_URL!r}."
    )
ACCOUNT_RATE_LIMITS = {
    # Per address: slowed to 10 attempts a minute. Per account: 5 failures lock it for 15 min.
    "login_failed": env.text("LOGIN_FAILED_RATE", "10/m/ip,5/15m/key"),
    # All sign-ins and reset requests per address (and reset mails per account). `make scan`
    # raises them on its throwaway instance: a scanner's request answered "too many" tells
    # nothing about the form.
    "login": env.text("LOGIN_RATE", "30/m/ip"),
    "reset_password": env.text("PASSWORD_RESET_RATE", "20/m/ip,5/m/key"),
    # Each change of address mails a confirmation link: five changes an hour, not a mailer.
    "manage_email": "5/h/user",
}
MFA_ADAPTER = "puebla.accounts.mfa_adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "RCM Puebla"
# No tolerance for clock skew: allauth remembers a used code for one period only, so a code
# accepted over several periods could be replayed once that memory expires.
MFA_TOTP_TOLERANCE = 0
# TOTP secrets and recovery-code seeds are encrypted with the first key and read with any
# (puebla.accounts.mfa_adapter), so a database dump alone yields no second factor.
MFA_ENCRYPTION_KEYS = env.fernet_keys(
    "MFA_ENCRYPTION_KEYS", debug=DEBUG, local_file=DATA_DIR / "mfa_keys"
)
# The Reserve Fund's personal data (a migrant's identity, a case's free texts and files) is
# encrypted with the first key and read with any (puebla.fund.crypto); a key of its own, so
# that it can be rotated, and kept away from, separately from the second factors'.
FUND_ENCRYPTION_KEYS = env.fernet_keys(
    "FUND_ENCRYPTION_KEYS", debug=DEBUG, local_file=DATA_DIR / "fund_keys"
)
# A case's identity and files are erased this many months after it is closed, rejected or
# withdrawn (puebla.fund.tasks); the anonymised case and the ledger stay.
FUND_RETENTION_MONTHS = env.integer("FUND_RETENTION_MONTHS", 24)
if FUND_RETENTION_MONTHS < 1:
    raise ImproperlyConfigured(
        f"FUND_RETENTION_MONTHS must be 1 or more; got {FUND_RETENTION_MONTHS}."
    )
# History's "revert" would save an old copy past the admin's rules and services: history is
# for reading. (The setting only hides the button; puebla.accounts.admin refuses the POST.)
SIMPLE_HISTORY_REVERT_DISABLED = True
USERSESSIONS_TRACK_ACTIVITY = False
# Inactivity and absolute session limits (puebla.accounts.middleware.SessionLifetimeMiddleware).
SESSION_IDLE_SECONDS = env.integer("SESSION_IDLE_MINUTES", 30) * 60
SESSION_MAX_SECONDS = env.integer("SESSION_MAX_HOURS", 12) * 3600
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Demo accounts are never created on an https (production) deployment.
DEMO_MODE = env.flag("DEMO", default=False) and not env.flag("HTTPS", default=False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages: Spanish first, the RCM's working language ------------------------------------
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Costa_Rica"  # the Technical Secretariat's office, San José

# --- Static and uploaded files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Files browsers and crawlers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = PACKAGE_DIR / "root_files"
STATIC_ROOT = Path(env.text("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_ROOT = Path(env.text("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Documents' files: a folder that no URL serves (puebla.documents serves them after
    # checking the audience). DOCUMENTS_ROOT puts it on shared storage.
    "documents": {
        "BACKEND": "puebla.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": env.text("DOCUMENTS_ROOT", str(DATA_DIR / "documents")),
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
# Or S3-compatible object storage (AWS, MinIO, Ceph ...) for many app servers: set the bucket,
# and the endpoint and keys unless the machine's role provides them. Files stay private: no
# public ACL, and the download view streams them after checking the audience.
DOCUMENTS_S3_BUCKET = env.text("DOCUMENTS_S3_BUCKET")
if DOCUMENTS_S3_BUCKET:
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": DOCUMENTS_S3_BUCKET,
            "endpoint_url": env.text("DOCUMENTS_S3_ENDPOINT") or None,
            "region_name": env.text("DOCUMENTS_S3_REGION") or None,
            "access_key": env.text("DOCUMENTS_S3_ACCESS_KEY") or None,
            "secret_key": env.text("DOCUMENTS_S3_SECRET_KEY") or None,
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
# The largest file a person may upload.
DOCUMENT_MAX_BYTES = env.integer("DOCUMENT_MAX_MB", 50) * 1024 * 1024
# The largest body without a file (and the non-file part of a form): Django's limit, stated.
# A larger request is refused before it is read (puebla.core.request_limits).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# A file larger than Django's 2.5 MB kept in memory is written here while it arrives: in the
# data folder, not the system's temporary one, because a server killed mid-upload leaves the
# part it received, and the worker's hourly sweep of orphans removes it from here
# (puebla.backups.storage_check). Beside the documents' folder, storing the file is a rename.
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "uploads"
FILE_UPLOAD_TEMP_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
# Behind nginx: the internal location that maps to DOCUMENTS_ROOT (e.g. /protected/); the
# download view then answers with X-Accel-Redirect and nginx sends the file. Empty: Django
# streams it.
DOCUMENTS_ACCEL_REDIRECT = env.text("DOCUMENTS_ACCEL_REDIRECT")

# --- Security ---------------------------------------------------------------------------------
# HTTPS=1 is the production switch: secure cookies, HSTS and the redirect to https.
HTTPS = env.flag("HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.flag("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.flag("TRUST_X_FORWARDED_PROTO", default=False):
    # Only behind a proxy that overwrites this header; otherwise clients could forge https.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Mail -------------------------------------------------------------------------------------
if HTTPS and not env.text("EMAIL_BACKEND"):
    # The console backend would print invitation and password-reset links into the logs.
    raise ImproperlyConfigured(
        "EMAIL_BACKEND is not set and HTTPS is on. Set EMAIL_BACKEND (for example "
        "django.core.mail.backends.smtp.EmailBackend) and the EMAIL_HOST variables."
    )
# Without a configured backend, mail is written to files in the data folder (0700), never to
# the console: a printed invitation or reset link would land in the server's logs.
EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_HOST = env.text("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS", default=False)
# Seconds a mail server may take to answer before the send counts as failed and is retried
# later (puebla.core.mail_delivery); without it a server that never answers holds a worker.
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "Puebla <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Serving and logs (`puebla serve`, puebla.core.logs, puebla.core.accesslog) ---------------
# JSON lines by default: one object a line, which log collectors read and a forged line cannot
# imitate; LOG_FORMAT=plain for a terminal. The same configuration is handed to the servers.
LOG_FORMAT = env.choice("LOG_FORMAT", ("json", "plain"), "json")
LOGGING = logs.logging_config(level=env.text("LOG_LEVEL", "INFO"), log_format=LOG_FORMAT)
# Django writes the access log, with secrets redacted (the servers' own are off).
ACCESS_LOG = env.flag("ACCESS_LOG", default=True)
# Behind N proxies the visitor's address is the N-th from the right in X-Forwarded-For: the
# per-address sign-in limit and the logs use it. 0: REMOTE_ADDR (nothing in front, or a proxy
# that is not trusted to say who the visitor is).
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Where the file e-mail backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend)
# writes each message.
EMAIL_FILE_PATH = Path(env.text("EMAIL_FILE_PATH", str(DATA_DIR / "outbox")))
