"""ui.pages.visible_or_404: 403 for a role that may never open the pages, 404 for a record the user may
not see or that does not exist, else the record."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from frontdoor.ui.pages import visible_or_404


def _request(user="worker"):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_found_record_is_returned_with_the_user_and_lookup():
    seen = {}

    def get(*, user, pk):
        seen.update(user=user, pk=pk)
        return "record"

    assert visible_or_404(_request(), lambda user: True, get, pk=7) == "record"
    assert seen == {"user": "worker", "pk": 7}


def test_a_role_that_may_never_open_them_is_forbidden():
    with pytest.raises(PermissionDenied):
        visible_or_404(_request(), lambda user: False, lambda **kw: "record", pk=7)


def test_hidden_and_missing_look_the_same():
    with pytest.raises(Http404):
        visible_or_404(_request(), lambda user: True, lambda **kw: None, pk=7)
