from .permissions import can_administer


def items(request) -> list[dict]:
    if not can_administer(request.user):
        return []
    return [{"label": "Administration", "url": "/admin/", "order": 90}]
