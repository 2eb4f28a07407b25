"""Pages about children never stay in a browser's or a proxy's cache (a shared PC in an office)."""

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Every page Front Door renders is sent with `Cache-Control: no-store` (static files, served by
    WhiteNoise before this, keep their long cache lifetimes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
