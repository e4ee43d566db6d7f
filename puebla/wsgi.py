import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - import every view now, not at the first request
# The code and settings just loaded live as long as the process: moved out of the garbage
# collector's sight, a full collection walks the requests' objects only (measured: 0.7 ms
# instead of 78 ms, a pause that fell on one request in sixty of the translation desk's).
gc.freeze()
