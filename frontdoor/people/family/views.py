"""The family page (genogram, members, chronology), the repeat-concerns list, and the pages for a person's
relationships (find the other person, say how they are related) and their involvements with children's
services. Same shape as record.views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from frontdoor.audit.services import audit_record, audit_search
from frontdoor.ui import search_terms
from frontdoor.ui.forms import submit
from frontdoor.ui.pages import found_or_404, next_param
from frontdoor.ui.pagination import paginate

from ..permissions import can_add_new_relative, can_edit_person, can_list_repeat_concerns
from ..record.domain import new_person_from_search, parse_relationship_option
from ..record.pages import confirm, done, editable_person, page, person_or_404
from ..record.selectors import person_get
from ..record.services import today_local
from . import forms, selectors, services
from .genogram_page import genogram_for

# The family page -------------------------------------------------------------------------------


def family(request, pk):
    person = person_or_404(request, pk)
    found = found_or_404(selectors.family_get(user=request.user, person=person))
    audit_record(actor=request.user, action="view", obj=person, summary=f"Viewed the family of {person.full_name}")
    svg, description = genogram_for(found)
    involvements = selectors.family_involvements(user=request.user, family=found)
    members = [{"person": p, "involvements": involvements[p.pk]} for p in found.people]
    context = {
        "person": person,
        "family": found,
        "members": members,
        "genogram_svg": svg,
        "genogram_text": description,
        "chronology": selectors.family_chronology(user=request.user, family=found),
    }
    return render(request, "people/family.html", context)


def repeat_concerns(request):
    if not can_list_repeat_concerns(request.user):
        raise PermissionDenied
    return render(
        request,
        "people/repeat_concerns.html",
        {"concerns": paginate(request, selectors.repeat_concern_list(user=request.user))},
    )


# Relationships ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def relationship_find(request, pk):
    """Step 1: find the other person with the usual person search. The name is POSTed and kept under a token
    (ui.search_terms, decision 17), never put in the URL; the results are shown at the token's URL."""
    person = editable_person(request, pk)
    url = reverse("people:relationship_find", args=[person.pk])
    form = forms.RelativeSearchForm(request.POST if request.method == "POST" else search_terms.recall(request))
    results = None
    if form.is_bound and form.is_valid():
        if request.method == "POST":
            found = search_terms.url_with(url, search_terms.keep(request, form))
            return redirect(found + (f"&{next_param(request)}" if next_param(request) else ""))
        results = selectors.relative_candidates(user=request.user, person=person, text=form.cleaned_data["q"])
        if search_terms.first_showing(request):  # once per search, not on a refresh or the back button
            audit_search(
                actor=request.user,
                summary=f"Searched for a relative of {person.full_name}",
                terms={"text": form.cleaned_data["q"], "for_person": str(person.pk)},
                results=len(results),
            )
    searched = form.cleaned_data["q"] if results is not None else ""
    return page(
        request,
        person,
        "people/record/relationship_find.html",
        form=form,
        results=results,
        searched=searched,
        token=request.GET.get(search_terms.TOKEN, ""),
        expired=search_terms.expired(request),
        can_add_new=can_add_new_relative(request.user, person),
    )


@require_http_methods(["GET", "POST"])
def relationship_add(request, pk, other_pk):
    """Step 2: how they are related, in plain words both ways round, and the two flags."""
    person = editable_person(request, pk)
    other = found_or_404(person_get(user=request.user, pk=other_pk))
    if not can_edit_person(request.user, other):
        raise PermissionDenied("Your role cannot change person records")
    form = forms.RelationshipAddForm(request.POST or None, person=person, other=other)
    if request.method == "POST":

        def save(data):
            kind, this_first = parse_relationship_option(data["kind"])
            from_person, to_person = (person, other) if this_first else (other, person)
            return services.relationship_add(
                actor=request.user,
                from_person=from_person,
                kind=kind,
                to_person=to_person,
                parental_responsibility=data["parental_responsibility"],
                same_household=data["same_household"],
                description=data["description"],
            )

        rel, form = submit(request, form, save, person=person, other=other)
        if rel:
            return done(request, person, f"Relationship recorded: {services.relationship_sentence(rel)}")
    return page(request, person, "people/record/relationship_add.html", form=form, other=other)


@require_http_methods(["GET", "POST"])
def relationship_add_new(request, pk):
    """Step 2 when none of the people found is the one: a new record for them (started from what was
    searched for) and how they are related, saved together by one service."""
    person = editable_person(request, pk)
    if not can_add_new_relative(request.user, person):
        raise PermissionDenied("Your role cannot add people to the records")
    terms = search_terms.recall(request)  # what was searched for, from the search's token (decision 17)
    searched = (terms.get("q", "") if terms else "").strip()[:200]
    if request.method == "POST":
        form = forms.NewRelativeForm(request.POST, person=person)

        def save(data):
            kind, this_first = parse_relationship_option(data["kind"])
            return services.family_member_create(
                actor=request.user,
                person=person,
                kind=kind,
                new_person_first=not this_first,
                **form.person_values(),
                parental_responsibility=data["parental_responsibility"],
                same_household=data["same_household"],
                description=data["description"],
            )

        made, form = submit(request, form, save, person=person)
        if made:
            new, rel = made
            sentence = services.relationship_sentence(rel)
            return done(request, person, f"{new.full_name} added to the records. Relationship recorded: {sentence}")
    else:
        form = forms.NewRelativeForm(initial=new_person_from_search(searched, today=today_local()), person=person)
    return page(
        request,
        person,
        "people/record/relationship_new.html",
        form=form,
        searched=searched,
        token=request.GET.get(search_terms.TOKEN, "") if terms else "",
    )


@require_http_methods(["GET", "POST"])
def relationship_change(request, pk, rel_pk):
    person = editable_person(request, pk)
    rel = found_or_404(selectors.person_relationship_get(user=request.user, person=person, pk=rel_pk))
    if request.method == "POST":
        form = forms.RelationshipChangeForm(request.POST, relationship=rel)
        saved, form = submit(
            request,
            form,
            lambda data: services.relationship_update(
                actor=request.user,
                relationship=rel,
                person=person,
                version=data["version"],
                parental_responsibility=data["parental_responsibility"],
                same_household=data["same_household"],
                description=data["description"],
            ),
            relationship=rel,
        )
        if saved:
            return done(request, person, "Relationship changed")
    else:
        form = forms.RelationshipChangeForm(
            initial={
                "parental_responsibility": rel.parental_responsibility,
                "same_household": rel.same_household,
                "description": rel.description,
                "version": rel.version,
            },
            relationship=rel,
        )
    sentence = services.relationship_sentence(rel)
    return page(request, person, "people/record/relationship_change.html", form=form, rel=rel, sentence=sentence)


@require_http_methods(["GET", "POST"])
def relationship_end(request, pk, rel_pk):
    person = editable_person(request, pk)
    rel = found_or_404(selectors.person_relationship_get(user=request.user, person=person, pk=rel_pk))
    return confirm(
        request,
        person,
        thing=services.relationship_sentence(rel),
        heading="Are you sure you want to end this relationship?",
        button="Yes, end the relationship",
        row=rel,
        archive=lambda version: services.relationship_end(
            actor=request.user, relationship=rel, person=person, version=version
        ),
        message="Relationship ended",
    )


# Involvements ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def involvement_add(request, pk):
    person = editable_person(request, pk)
    form = forms.InvolvementForm(request.POST or None)
    if request.method == "POST":
        saved, form = submit(
            request,
            form,
            lambda data: services.involvement_add(actor=request.user, person=person, **form.values()),
        )
        if saved:
            return done(request, person, "Involvement recorded")
    return page(request, person, "people/record/involvement_form.html", form=form, adding=True)


@require_http_methods(["GET", "POST"])
def involvement_change(request, pk, inv_pk):
    person = editable_person(request, pk)
    inv = found_or_404(selectors.person_involvement_get(user=request.user, person=person, pk=inv_pk))
    if request.method == "POST":
        form = forms.InvolvementChangeForm(request.POST)
        saved, form = submit(
            request,
            form,
            lambda data: services.involvement_update(
                actor=request.user, person=person, involvement=inv, version=data["version"], **form.values()
            ),
        )
        if saved:
            return done(request, person, "Involvement corrected")
    else:
        form = forms.InvolvementChangeForm(initial=forms.InvolvementForm.initial_from(inv, inv.version))
    return page(request, person, "people/record/involvement_form.html", form=form, adding=False, inv=inv)


@require_http_methods(["GET", "POST"])
def involvement_end(request, pk, inv_pk):
    person = editable_person(request, pk)
    inv = found_or_404(selectors.person_involvement_get(user=request.user, person=person, pk=inv_pk))
    if request.method == "POST":
        form = forms.InvolvementEndForm(request.POST)
        saved, form = submit(
            request,
            form,
            lambda data: services.involvement_end(
                actor=request.user, person=person, involvement=inv, version=data["version"], end_date=data["end_date"]
            ),
        )
        if saved:
            return done(request, person, "Involvement ended")
    else:
        form = forms.InvolvementEndForm(initial={"version": inv.version})
    return page(request, person, "people/record/involvement_end.html", form=form, inv=inv)
