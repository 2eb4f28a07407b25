"""Demo users, one or more for every role. The password is for local demonstration only."""

from __future__ import annotations

from frontdoor.directory.models import Agency, Team

from .models import Role, User

DEMO_PASSWORD = "frontdoor-demo"

DEMO_USERS = [
    # username, first, last, role, team code, agency code
    ("csw", "Sam", "Okafor", Role.CONSULTANT_SOCIAL_WORKER, "cads", None),
    ("csw2", "Priya", "Shah", Role.CONSULTANT_SOCIAL_WORKER, "cads", None),
    ("manager", "Helen", "Marsh", Role.TEAM_MANAGER, "cads", None),
    ("advisor", "Tom", "Reed", Role.CUSTOMER_SERVICE_ADVISOR, "customer-service", None),
    ("police", "Dan", "Cole", Role.MASH_PARTNER, "mash", "norfolk-police"),
    ("health", "Amara", "Bello", Role.MASH_PARTNER, "mash", "health-mash"),
    ("nidas", "Jo", "Finch", Role.MASH_PARTNER, "mash", "nidas"),
    ("fast", "Chris", "Dunn", Role.RECEIVING_PRACTITIONER, "fast-norwich", None),
    ("analyst", "Mei", "Wong", Role.PERFORMANCE_ANALYST, "performance", None),
    ("admin", "Alex", "Grant", Role.ADMINISTRATOR, "cads", None),
]


def seed_users() -> list[User]:
    users = []
    for username, first, last, role, team, agency in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "email": f"{username}@frontdoor.invalid",
                "team": Team.objects.filter(code=team).first(),
                "agency": Agency.objects.filter(code=agency).first() if agency else None,
                "is_staff": role == Role.ADMINISTRATOR,
                "is_superuser": role == Role.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        users.append(user)
    return users


def seed(*, people: int, fake, rng) -> str:
    return f"{len(seed_users())} demo users"
