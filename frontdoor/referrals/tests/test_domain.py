"""The pure rules, table by table: no database."""

import datetime as dt

import pytest

from frontdoor.referrals import domain as d

ALL_STATES = [d.DRAFT, d.AWAITING, d.RETURNED, d.AUTHORISED, d.WITH_TEAM, d.ALLOCATED, d.CLOSED]

# (state, action) -> resulting state, for every allowed transition; everything else is refused.
ALLOWED = {
    (d.DRAFT, "edit"): d.DRAFT,
    (d.RETURNED, "edit"): d.RETURNED,
    (d.DRAFT, "submit"): d.AWAITING,
    (d.RETURNED, "submit"): d.AWAITING,
    (d.AWAITING, "authorise"): d.AUTHORISED,
    (d.AWAITING, "return"): d.RETURNED,
    (d.AUTHORISED, "route"): d.WITH_TEAM,
    (d.WITH_TEAM, "allocate"): d.ALLOCATED,
    (d.WITH_TEAM, "record_milestone"): d.WITH_TEAM,
    (d.ALLOCATED, "record_milestone"): d.ALLOCATED,
    (d.AUTHORISED, "close"): d.CLOSED,
    (d.WITH_TEAM, "close"): d.CLOSED,
    (d.ALLOCATED, "close"): d.CLOSED,
}


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("action", list(d.TRANSITIONS))
def test_every_state_and_action(state, action):
    """Each allowed transition leads where the table says; every other one is refused with a message."""
    if (state, action) in ALLOWED:
        assert d.next_state(state, action) == ALLOWED[(state, action)]
        assert d.can_transition(state, action)
    else:
        with pytest.raises(d.TransitionError, match="You cannot"):
            d.next_state(state, action)
        assert not d.can_transition(state, action)


def test_refusal_messages_are_plain():
    """Authorising a closed referral or routing before authorisation is refused in plain words."""
    with pytest.raises(d.TransitionError, match="You cannot authorise a referral that is closed"):
        d.next_state(d.CLOSED, "authorise")
    with pytest.raises(d.TransitionError, match="You cannot route to a team a referral that is awaiting authorisation"):
        d.next_state(d.AWAITING, "route")
    with pytest.raises(d.TransitionError, match="Unknown action"):
        d.next_state(d.DRAFT, "fly")


@pytest.mark.parametrize(
    "disposal,level,youth,open_case,expected_kind",
    [
        (1, 1, False, False, "none"),
        (1, 2, False, False, "family_hub"),
        (None, 2, False, False, "family_hub"),
        (None, 3, False, False, "family_support"),
        (None, 4, False, False, "fast"),
        (2, 3, False, False, "family_support"),
        (3, 3, False, False, "family_support"),
        (3, 4, False, False, "fast"),
        (4, 3, False, False, "fast"),
        (4, 4, True, False, "youth_fast"),
        (2, 3, True, False, "youth_fast"),
        (1, 2, True, False, "family_hub"),
        (4, 4, False, True, "allocated_worker"),
        (1, 1, False, True, "allocated_worker"),
    ],
)
def test_routing(disposal, level, youth, open_case, expected_kind):
    route = d.route_for(
        disposal=disposal, level=level, youth_risk=youth, locality="norwich", district="norwich", open_case=open_case
    )
    assert route.team_kind == expected_kind
    if expected_kind in ("fast", "family_support"):
        assert route.locality == "norwich"
    if expected_kind == "family_hub":
        assert route.district == "norwich"
    assert route.why


def test_early_help_without_a_district_has_no_team():
    route = d.route_for(disposal=1, level=2, youth_risk=False, locality="", district="", open_case=False)
    assert route.team_kind == "none"


@pytest.mark.parametrize(
    "disposal,reasons,team,errors",
    [
        (None, "", False, {"disposal", "disposal_reasons"}),
        (1, "", False, {"disposal_reasons"}),
        (1, "Advice given", False, set()),
        (2, "Moderate need", False, {"receiving_team"}),
        (3, "High need", False, {"receiving_team"}),
        (4, "Significant harm", False, {"receiving_team"}),
        (4, "Significant harm", True, set()),
        (4, "   ", True, {"disposal_reasons"}),
        (7, "x", True, {"disposal"}),
    ],
)
def test_disposal_errors(disposal, reasons, team, errors):
    assert set(d.disposal_errors(disposal=disposal, reasons=reasons, receiving_team_set=team)) == errors


@pytest.mark.parametrize(
    "ticked,expected", [([], False), (["serious_neglect"], True), (["fii", "pregnancy_under_13"], True)]
)
def test_any_s47_indicator_means_consider_strategy_discussion(ticked, expected):
    assert d.consider_strategy_discussion(ticked) is expected


def test_unknown_s47_indicator_is_refused():
    with pytest.raises(ValueError, match="Unknown"):
        d.consider_strategy_discussion(["made_up"])


def test_s47_list_is_the_domain_list():
    """Nineteen indicators from DOMAIN.md section 4, each with a unique code."""
    assert len(d.S47_INDICATORS) == 19 == len(d.S47_CODES)


def test_four_levels_and_four_disposals_with_descriptors():
    assert list(d.LEVELS) == [1, 2, 3, 4] and list(d.DISPOSALS) == [1, 2, 3, 4]
    assert "Thriving" in d.LEVELS[1]["words"] and "child protection" in d.LEVELS[4]["words"]


def test_queue_sort_puts_immediate_first_then_earliest_deadline():
    t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    items = [
        ("late", False, t + dt.timedelta(days=2)),
        ("none", False, None),
        ("soon", False, t),
        ("urgent-late", True, t + dt.timedelta(days=5)),
        ("urgent-soon", True, t + dt.timedelta(hours=1)),
    ]
    items.sort(key=lambda i: d.queue_sort_key(immediate=i[1], due_at=i[2]))
    assert [i[0] for i in items] == ["urgent-soon", "urgent-late", "soon", "late", "none"]


def test_overdue_is_computed():
    now = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
    assert d.is_overdue(now - dt.timedelta(minutes=1), now)
    assert not d.is_overdue(now + dt.timedelta(minutes=1), now)
    assert not d.is_overdue(None, now)
    assert not d.is_overdue(now - dt.timedelta(days=1), now, done=True)


def test_checklist_marks_known_items():
    items = d.checklist({"child_names": True, "concern": True})
    assert len(items) == len(d.CHECKLIST)
    assert {i["code"] for i in items if i["known"]} == {"child_names", "concern"}
