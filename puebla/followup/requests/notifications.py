"""Mail about requests and answers, to each recipient in their own language, after commit.

Focal points of the addressed countries hear of a new request, and of their answer returned or
accepted; the secretariat hears of each submitted answer. Every mail names the request, its
due date and the direct link to its page.
"""

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from puebla.accounts.models import User
from puebla.core.mail import mail_queue, subject_prefixed
from puebla.core.text_marks import marked_text
from puebla.followup.models import Answer, InputRequest
from puebla.followup.requests.links import request_link


def focal_points(country_id: int) -> dict[str, str]:
    """{address: language} of a country's current focal points."""
    return User.objects.focal_points_of(country_id).addresses()


def secretariat() -> dict[str, str]:
    """{address: language} of the secretariat's active staff."""
    return User.objects.secretariat().addresses()


def input_request_created(request: InputRequest, country_ids) -> None:
    for country_id in country_ids:
        for address, language in focal_points(country_id).items():
            with translation.override(language):
                title = request.title_in(language)
                body = "\n\n".join(
                    [
                        _("The Technical Secretariat asks your country for input: %(title)s.")
                        % {"title": title},
                        _instructions(request, language),
                        _due_line(request),
                        _("Answer here: %(link)s") % {"link": request_link(request.pk, language)},
                    ]
                )
                send(address, _("Request for input: %(title)s") % {"title": title}, body)


def answer_submitted(answer: Answer) -> None:
    request = answer.request
    for address, language in secretariat().items():
        with translation.override(language):
            title = request.title_in(language)
            lines = [
                _("%(country)s submitted its answer to: %(title)s.")
                % {"country": answer.owner_country, "title": title},
            ]
            if answer.late:
                lines.append(_("The answer came after the due date and is marked late."))
            lines += [
                _due_line(request),
                _("Read it here: %(link)s") % {"link": request_link(request.pk, language)},
            ]
            subject = _("Answer submitted by %(country)s: %(title)s") % {
                "country": answer.owner_country,
                "title": title,
            }
            send(address, subject, "\n\n".join(lines))


def answer_decided(answer: Answer, *, comment: str = "") -> None:
    """Returned (with the secretariat's comment) or accepted: to the country's focal points."""
    request = answer.request
    returned = answer.state == Answer.State.RETURNED
    for address, language in focal_points(answer.owner_country_id).items():
        with translation.override(language):
            title = request.title_in(language)
            if returned:
                subject = _("Answer returned for revision: %(title)s") % {"title": title}
                lines = [
                    _("The Technical Secretariat returned your country's answer to: %(title)s.")
                    % {"title": title},
                    _("Its comment:") + "\n" + comment,
                    _("Revise the answer and submit it again: %(link)s")
                    % {"link": request_link(request.pk, language)},
                ]
            else:
                subject = _("Answer accepted: %(title)s") % {"title": title}
                lines = [
                    _("The Technical Secretariat accepted your country's answer to: %(title)s.")
                    % {"title": title},
                    _("See it here: %(link)s") % {"link": request_link(request.pk, language)},
                ]
            send(address, subject, "\n\n".join(lines))


def _instructions(request: InputRequest, language: str) -> str:
    return marked_text(request, "instructions", language)


def _due_line(request: InputRequest) -> str:
    due = date_format(request.due_date, "DATE_FORMAT")
    if request.late_rule == InputRequest.LateRule.CLOSED:
        return _("Due date: %(date)s. Answers are not taken after it.") % {"date": due}
    return _("Due date: %(date)s. Answers after it are taken and marked late.") % {"date": due}


def send(address: str, subject: str, body: str) -> None:
    mail_queue(to=[address], subject=subject_prefixed(subject), body=body)
