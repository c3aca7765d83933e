from django.contrib.staticfiles import finders

# django-htmx ships htmx 2 and 4, their sources and extensions; pages load only
# django_htmx/htmx-2.min.js. Fewer files to hash and compress on every collectstatic (make run).
UNUSED = ["htmx-4*", "htmax-*", "htmx-2.js", "django_htmx/ext/*"]


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    """Django's finder for apps' static/ directories, without the files no page loads."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *UNUSED])
