import factory
from faker import Faker

from frontdoor.accounts.models import Role, User
from frontdoor.directory.models import Agency, Team

fake = Faker("en_GB")

ROLE_TEAMS = {
    Role.CONSULTANT_SOCIAL_WORKER: "cads",
    Role.TEAM_MANAGER: "cads",
    Role.CUSTOMER_SERVICE_ADVISOR: "customer-service",
    Role.MASH_PARTNER: "mash",
    Role.RECEIVING_PRACTITIONER: "fast-norwich",
    Role.PERFORMANCE_ANALYST: "performance",
    Role.ADMINISTRATOR: "cads",
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyFunction(fake.first_name)
    last_name = factory.LazyFunction(fake.last_name)
    email = factory.LazyAttribute(lambda u: f"{u.username}@frontdoor.invalid")
    role = Role.CONSULTANT_SOCIAL_WORKER
    password = factory.PostGenerationMethodCall("set_password", "test-password-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_for_role(role: str, **kwargs) -> User:
    team = Team.objects.filter(code=ROLE_TEAMS.get(role, "cads")).first()
    agency = (
        Agency.objects.get(code="norfolk-police")
        if role == Role.MASH_PARTNER and "agency" not in kwargs
        else kwargs.pop("agency", None)
    )
    return UserFactory(role=role, team=team, agency=agency, is_staff=role == Role.ADMINISTRATOR, **kwargs)
