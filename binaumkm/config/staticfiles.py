from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig


class StaticFilesConfig(DjangoStaticFilesConfig):
    """collectstatic without the files no page loads: django-htmx ships htmx 2 and 4, their
    sources and extensions; pages load only django_htmx/htmx-2.min.js. Less to hash and compress
    on every collectstatic (make run does one)."""

    ignore_patterns = [
        *DjangoStaticFilesConfig.ignore_patterns,
        "htmx-4*",
        "htmax-*",
        "htmx-2.js",
        "django_htmx/ext/*",
    ]
