"""Record kinds for the access model's tests: an audience record with two generations of
children, and two country-owned kinds (one counts observer-state officials as the country's)."""

from django.db import models

from puebla.core.access import (
    AudienceFields,
    AudienceQuerySet,
    ChildQuerySet,
    CountryOwnedFields,
)
from puebla.core.affiliation import Affiliation


class Folder(AudienceFields):
    EDITING_BODY_FIELD = "body"

    title = models.CharField(max_length=200)
    body = models.ForeignKey("directory.Body", null=True, on_delete=models.PROTECT)

    objects = AudienceQuerySet.as_manager()

    class Meta(AudienceFields.Meta):
        ordering = ["pk"]


class Paper(models.Model):
    ACCESS_PARENT = "folder"

    folder = models.ForeignKey(Folder, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)

    objects = ChildQuerySet.as_manager()

    def __str__(self):
        return self.title


class PaperFile(models.Model):
    ACCESS_PARENT = "paper__folder"

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE)
    name = models.CharField(max_length=200)

    objects = ChildQuerySet.as_manager()

    def __str__(self):
        return self.name


class Answer(CountryOwnedFields):
    """Like a country's answer to a request for input: member-state officials only."""

    title = models.CharField(max_length=200)

    objects = AudienceQuerySet.as_manager()

    class Meta(CountryOwnedFields.Meta):
        ordering = ["pk"]


class AnswerFile(models.Model):
    ACCESS_PARENT = "answer"

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE)
    name = models.CharField(max_length=200)

    objects = ChildQuerySet.as_manager()

    def __str__(self):
        return self.name


class Nomination(CountryOwnedFields):
    """Like a delegate nomination: observer states nominate too."""

    COUNTRY_OFFICIALS = (Affiliation.MEMBER_STATE, Affiliation.OBSERVER_STATE)

    title = models.CharField(max_length=200)

    objects = AudienceQuerySet.as_manager()

    class Meta(CountryOwnedFields.Meta):
        ordering = ["pk"]
