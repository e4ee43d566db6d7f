"""Requests for input and every addressed country's answer: what the completeness matrix
(puebla.followup.requests.views.completeness) reads whole. Each request goes to every member state; the
answers are spread over the states an answer goes through (some late), as years of requests
leave them. Written with bulk inserts: no mail is queued and no reminder rule is made, since
the measured page reads neither.
"""

import datetime
import random

from bench.generators import Generator, Size

# An answer's state, by weight: most older requests were answered and accepted.
STATES = {"not_started": 10, "draft": 8, "submitted": 12, "returned": 4, "accepted": 66}


def generate(sizes: dict[str, int], rng: random.Random) -> dict[str, int]:
    from django.db import transaction

    # No public page shows requests or answers: the page cache's content stays as it is.
    with transaction.atomic():
        return _grow(sizes["followup-requests"], rng)


def _grow(count: int, rng: random.Random) -> dict[str, int]:
    from puebla.followup.models import Answer, InputRequest
    from puebla.meetings.querysets import member_states

    countries = list(member_states().order_by("iso_code"))
    today = datetime.date.today()
    requests = InputRequest.objects.bulk_create(
        InputRequest(
            title_es=f"Solicitud generada {number}",
            title_en=f"Generated request {number}",
            instructions_es="Envíen los cambios desde la última reunión.",
            instructions_en="Send the changes since the last meeting.",
            due_date=today - datetime.timedelta(days=7 * (count - number) - 60),
            all_member_states=True,
        )
        for number in range(count)
    )
    through = InputRequest.countries.through
    through.objects.bulk_create(
        through(inputrequest_id=request.pk, country_id=country.pk)
        for request in requests
        for country in countries
    )
    states, weights = list(STATES), list(STATES.values())
    answers = []
    for request in requests:
        for country in countries:
            state = rng.choices(states, weights)[0]
            received = state in ("submitted", "accepted")
            answers.append(
                Answer(
                    request=request,
                    owner_country=country,
                    state=state,
                    late=received and rng.random() < 0.2,
                    text="" if state == "not_started" else "Respuesta generada.",
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2000)
    return {"followup requests": len(requests), "followup answers": len(answers)}


GENERATOR = Generator(
    name="followup",
    sizes=(
        Size(
            "followup-requests",
            200,
            "requests for input, each to every member state, with their answers",
        ),
    ),
    generate=generate,
)
