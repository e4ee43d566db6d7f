"""Settings for the test suite: the production settings with test-only speed-ups."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-outside-the-test-suite-0123456789")
os.environ.setdefault("MFA_ENCRYPTION_KEYS", "dGVzdHMtb25seS1tZmEta2V5LW5ldmVyLXVzZWQhISE=")
os.environ.setdefault("FUND_ENCRYPTION_KEYS", "dGVzdHMtb25seS1mdW5kLWtleS1uZXZlci11c2VkISE=")

from puebla.settings import *  # noqa: F403

# The manifest storage needs `collectstatic`; tests render templates without it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; never in production
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Serve static files from the apps' folders: no `collectstatic` before the tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# A test-only app whose records and views exercise the access model (tests/accessapp).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.accessapp"]  # noqa: F405
ROOT_URLCONF = "tests.urls"
# Jobs run where they are enqueued, in memory: a test sees their effects at once.
HUEY = {**HUEY, "immediate": True}  # noqa: F405
# Documents' files go to a folder of the test run's own, removed with the temporary folder.
STORAGES["documents"]["OPTIONS"]["location"] = tempfile.mkdtemp(prefix="puebla-test-documents-")
# And the parts of uploads as they arrive.
FILE_UPLOAD_TEMP_DIR = tempfile.mkdtemp(prefix="puebla-test-uploads-")
