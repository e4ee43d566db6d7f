"""Writes to notices: one service per write, atomic, keyword-only, history kept."""

from django.db import transaction
from django.utils.text import slugify

from puebla.core import access
from puebla.intranet.models import Notice

EDITABLE = (
    "title_es",
    "title_en",
    "body_es",
    "body_en",
    "audience",
    "audience_country",
    "published_on",
)


@transaction.atomic
def notice_save(*, notice: Notice | None, fields: dict, bodies, by) -> Notice:
    """Create (notice=None) or change a notice; validated before anything is written."""
    notice = notice or Notice(slug=_free_slug(fields.get("title_es") or fields.get("title_en")))
    for name in EDITABLE:
        setattr(notice, name, fields.get(name))
    if notice.pk:
        access.refuse_unless_editable(by, notice)
    notice.full_clean()
    notice._history_user = by
    notice.save()
    notice.audience_bodies.set(bodies if notice.audience == "body" else [])
    access.refuse_unless_editable(by, notice)
    return notice


@transaction.atomic
def notice_delete(*, notice: Notice, by) -> None:
    access.refuse_unless_editable(by, notice)
    notice._history_user = by
    notice.delete()


def _free_slug(title: str) -> str:
    base = slugify(title)[:70] or "notice"
    slug, number = base, 1
    while Notice.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
