"""Production settings plus one bare view, for the web benchmark (``core.webbench``) only: the page
it compares every page with, behind the same middleware on the same server."""

from .production import *  # noqa: F401,F403

ROOT_URLCONF = "binaumkm.config.urls_bench"
