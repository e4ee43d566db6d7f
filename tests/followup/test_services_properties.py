"""The answer's workflow as a state machine: whatever sequence of actions people try, a
refused action changes nothing, an allowed one records exactly its step, acceptance is final,
and only an accepted answer is published."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from puebla.followup.models import Answer
from puebla.followup.requests import services
from tests.followup.factories import country, make_request, person

pytestmark = pytest.mark.django_db

ACTIONS = st.lists(
    st.sampled_from(
        ["draft", "empty_draft", "submit", "late_submit", "return", "accept", "stranger"]
    ),
    max_size=12,
)
# Which (from, to) steps the workflow allows.
ALLOWED = {
    ("not_started", "draft"),
    ("draft", "submitted"),
    ("submitted", "draft"),
    ("submitted", "returned"),
    ("returned", "submitted"),
    ("submitted", "accepted"),
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS, closed=st.booleans())
def test_any_sequence_keeps_the_workflow(actions, closed):
    ts, fp, stranger = person(None), person("CR", focal=True), person("GT", focal=True)
    request = make_request(by=ts, codes=("CR",), late_rule="closed" if closed else "accept_late")
    cr = country("CR")
    after = request.closes_at + datetime.timedelta(days=1)

    def act(action):
        answer = Answer.objects.filter(request=request).first()
        if action == "draft":
            services.answer_save_draft(request=request, country=cr, by=fp, text="Texto")
        elif action == "empty_draft":
            services.answer_save_draft(request=request, country=cr, by=fp, text="")
        elif action == "submit":
            services.answer_submit(request=request, country=cr, by=fp)
        elif action == "late_submit":
            services.answer_submit(request=request, country=cr, by=fp, now=after)
        elif action == "stranger":
            services.answer_save_draft(request=request, country=cr, by=stranger, text="x")
        elif answer is not None and action == "return":
            services.answer_return(answer=answer, by=ts, comment="Revisar")
        elif answer is not None and action == "accept":
            services.answer_accept(answer=answer, by=ts)

    for action in actions:
        before = Answer.objects.filter(request=request).values("state", "text", "version").first()
        steps_before = list(
            Answer.objects.filter(request=request).values_list("transitions__pk", flat=True)
        )
        try:
            act(action)
        except ValidationError:
            after_state = (
                Answer.objects.filter(request=request).values("state", "text", "version").first()
            )
            if action in ("late_submit", "submit"):
                # A refused submission leaves the answer as it was (nothing new was typed).
                assert after_state == before
            elif action == "stranger" or (before and before["state"] == "accepted"):
                assert after_state == before
            continue
        answer = Answer.objects.filter(request=request).first()
        if answer is None:
            continue
        assert (answer.state == "accepted") == (answer.published_at is not None)
        if answer.state == "submitted" and action == "late_submit" and closed:
            assert before["state"] == "returned"  # only a returned answer is taken after a close
        new_steps = answer.transitions.exclude(pk__in=[pk for pk in steps_before if pk])
        for step in new_steps:
            assert (step.from_state, step.to_state) in ALLOWED
            # Costa Rica's focal point acts for their own country and the secretariat decides
            # for itself: no step is taken on someone else's behalf.
            assert step.on_behalf_of is None
        if before is None or before["state"] != answer.state:
            assert new_steps.count() == 1
            assert new_steps.get().to_state == answer.state
    answer = Answer.objects.filter(request=request).first()
    if answer is not None:
        states = ["not_started", *answer.transitions.values_list("to_state", flat=True)]
        assert states[-1] == answer.state
        assert list(answer.transitions.values_list("from_state", flat=True)) == states[:-1]
