"""One way to show a long list a page at a time: the database returns only the page's rows.

`paginate(request, items)` takes a QuerySet (Django's Paginator runs one COUNT and one LIMIT/OFFSET
query) or any object with `count()` and slicing, such as a `MergedQuerySets` for a queue made of several
kinds of work. The page carries the links for the GOV.UK pagination component, each keeping the other
query parameters (the filters); templates show it with `{% include "ui/includes/pagination.html" %}`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator

PER_PAGE = 25


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for an ellipsis
    url: str = ""
    current: bool = False


def page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}"


def _numbers(current: int, last: int) -> list[int | None]:
    """First, last, and the current page with its neighbours; None where pages are left out."""
    wanted = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    out: list[int | None] = []
    for n in wanted:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def paginate(request, items, *, per_page: int = PER_PAGE, count: int | None = None) -> Page:
    """The requested page (`?page=`; a bad or too-large number gives the nearest page), with
    `previous_url`, `next_url` and `links` for the template. `count`, when the caller already knows how
    many items there are (the header counted them), saves counting again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    page = paginator.get_page(request.GET.get("page"))
    last = page.paginator.num_pages
    page.previous_url = page_url(request, page.number - 1) if page.has_previous() else ""
    page.next_url = page_url(request, page.number + 1) if page.has_next() else ""
    page.links = [
        PageLink(n, page_url(request, n), n == page.number) if n else PageLink(None)
        for n in _numbers(page.number, last)
    ]
    return page


@dataclass
class Source:
    """One kind of row in a merged list: `keys` is a QuerySet of (sort key..., pk) tuples already ordered in
    the database by the same key as the merged list, or a function giving the first `n` such rows with
    `count` giving how many there are; `build` turns the pks of the rows on the page into items (one query
    or a few, however many rows the source holds)."""

    keys: Any
    build: Callable[[list], dict[Any, Any]]
    count: Callable[[], int] | None = None

    def head(self, n: int) -> list:
        return list(self.keys(n)) if callable(self.keys) else list(self.keys[:n])

    def total(self) -> int:
        return self.count() if self.count is not None else self.keys.count()


class MergedQuerySets:
    """Several ordered querysets shown as one list, paginated in the database: a page asks each source
    for at most `offset + size` keys (LIMIT), merges them, and builds items only for the page's rows.
    `count()` is one COUNT per source."""

    def __init__(self, sources: Sequence[Source], *, sort_key: Callable[[tuple], Any]):
        self.sources = list(sources)
        self.sort_key = sort_key

    def count(self) -> int:
        return sum(s.total() for s in self.sources)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is None:
            stop = self.count()
        if stop <= start:
            return []
        streams = [[(self.sort_key(row), n, row) for row in s.head(stop)] for n, s in enumerate(self.sources)]
        chosen = list(heapq.merge(*streams, key=lambda t: (t[0], t[1])))[start:stop]
        wanted: dict[int, list] = {}
        for _, n, row in chosen:
            wanted.setdefault(n, []).append(row[-1])
        built = {n: self.sources[n].build(pks) for n, pks in wanted.items()}
        return [built[n][row[-1]] for _, n, row in chosen if row[-1] in built[n]]
