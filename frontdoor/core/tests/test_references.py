"""Reference numbers: one generator (core.references) for contacts, referrals and MASH enquiries, each
keeping its format, counting up, never reusing a number already stored, and never handing the same
number to two workers saving at once."""

import datetime as dt
import re
import threading

import pytest
from django.db import connection, transaction

from frontdoor.contacts.services import contact_start
from frontdoor.core.models import ReferenceCounter
from frontdoor.core.references import next_reference
from frontdoor.mash.tests.factories import enquiry_make
from frontdoor.referrals.models import Referral
from frontdoor.referrals.tests.factories import contact_make, referral_make

DAY = dt.date(2026, 12, 2)


@pytest.mark.django_db
def test_formats_are_kept():
    """Contacts: C, yymmdd and six hexadecimal characters; referrals and MASH: letter, year and six digits."""
    assert next_reference(prefix="C", on=DAY) == "C261202-000001"
    assert next_reference(prefix="R", on=DAY) == "R2026-000001"
    assert next_reference(prefix="M", on=DAY) == "M2026-000001"


@pytest.mark.django_db
def test_numbers_count_up_per_kind_and_year():
    assert [next_reference(prefix="R", on=DAY) for _ in range(3)] == ["R2026-000001", "R2026-000002", "R2026-000003"]
    assert next_reference(prefix="M", on=DAY) == "M2026-000001"
    assert next_reference(prefix="R", on=dt.date(2027, 1, 1)) == "R2027-000001"
    assert next_reference(prefix="R", on=DAY) == "R2026-000004"


@pytest.mark.django_db
def test_contact_numbers_are_hexadecimal_and_count_through_the_day():
    refs = [next_reference(prefix="C", on=DAY) for _ in range(11)]
    assert refs[-2:] == ["C261202-00000A", "C261202-00000B"]
    assert next_reference(prefix="C", on=DAY + dt.timedelta(days=1)) == "C261203-000001"


@pytest.mark.django_db
def test_a_rolled_back_save_gives_its_number_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        next_reference(prefix="R", on=DAY)
        raise RuntimeError
    assert next_reference(prefix="R", on=DAY) == "R2026-000001"


@pytest.mark.django_db
def test_a_new_counter_starts_after_the_references_already_stored(users):
    """A database that had references before the counters existed never reuses one."""
    referral = referral_make(worker=users["csw"], submit=False)
    year = referral.created_at.year
    Referral.objects.filter(pk=referral.pk).update(reference=f"R{year}-000099")
    ReferenceCounter.objects.all().delete()
    contact_make(worker=users["csw"], reference="C261202-00ABCD")
    contact_make(worker=users["csw"], reference="C261202-000FFF")
    assert next_reference(prefix="R", on=dt.date(year, 6, 1)) == f"R{year}-000100"
    assert next_reference(prefix="C", on=DAY) == "C261202-00ABCE"
    assert next_reference(prefix="C", on=DAY - dt.timedelta(days=1)) == "C261201-000001"


@pytest.mark.django_db
def test_services_use_the_generator(users):
    """The call flow, a decision to refer and a MASH enquiry all take their reference from it."""
    contact = contact_start(actor=users["csw"])
    assert re.fullmatch(r"C\d{6}-[0-9A-F]{6}", contact.reference)
    first = referral_make(worker=users["csw"], submit=False).reference
    second = referral_make(worker=users["csw"], submit=False).reference
    assert re.fullmatch(r"R\d{4}-\d{6}", first) and int(second[-6:]) == int(first[-6:]) + 1
    assert re.fullmatch(r"M\d{4}-\d{6}", enquiry_make(actor=users["csw"]).reference)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite writes one at a time: run on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_get_the_same_number():
    """Two threads each take numbers in their own transactions at the same moment (also while the counter
    is being started): every number is given out once."""
    barrier = threading.Barrier(2)
    taken: list[str] = []
    errors: list[BaseException] = []

    def work():
        try:
            barrier.wait()
            for _ in range(20):
                with transaction.atomic():
                    taken.append(next_reference(prefix="M", on=DAY))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(taken) == 40 and len(set(taken)) == 40
    assert sorted(taken)[-1] == "M2026-000040"
