"""Where the current request came from, so services can audit without being handed the request."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    ip_address: str | None = None
    user_agent: str = ""
    path: str = ""


NO_ORIGIN = RequestOrigin()
current_origin: ContextVar[RequestOrigin] = ContextVar("current_origin", default=NO_ORIGIN)  # noqa: B039 (frozen)
