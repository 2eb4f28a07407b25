"""Settings for the test run: the production settings, reached over plain http.

pytest-django loads settings before any conftest.py runs, so the test run's choices are made here
(pyproject.toml names this module). See docs/decisions/0016-production-serving.md.
"""

import os

# The test client and the live server speak http: no https redirect, no secure-only cookies, no HSTS.
os.environ.setdefault("FRONTDOOR_HTTPS", "false")
# The second factor is on in production; tests that are about it switch it on themselves.
os.environ.setdefault("FRONTDOOR_REQUIRE_2FA", "false")

from frontdoor.settings import *  # noqa: E402, F403
from frontdoor.settings import STORAGES  # noqa: E402

# No collectstatic before a test run: plain static names, found by the finders.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
