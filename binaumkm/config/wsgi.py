import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binaumkm.config.settings.dev")
application = get_wsgi_application()

# Load every view now, then move what is loaded out of the garbage collector's reach: the ~140,000
# long-lived objects of Django and the app otherwise get walked by every full collection, which
# cost a worker ~140 ms about once in 50 page views (measured on the staff UMKM list).
get_resolver().check()  # imports every URLconf and view
gc.freeze()
