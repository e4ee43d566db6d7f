"""How the intranet's sample notices map onto the Notice model (see puebla.core.datasets)."""

from puebla.core.datasets import DatasetFile, Kind, Ref, Refs, Spec
from puebla.directory.models import Body, Country
from puebla.intranet.models import Notice

NOTICES = Spec(
    model=Notice,
    key=("slug",),
    fields={
        "slug": Kind.TEXT,
        "title": Kind.TRANSLATED,
        "body": Kind.TRANSLATED,
        "published_on": Kind.DATE,
        "audience": Kind.TEXT,
        "audience_bodies": Refs(Body, "slug"),
        "audience_country": Ref(Country, "iso_code"),
    },
    required=frozenset({"slug", "title", "audience"}),
    stated=frozenset({"published_on"}),
)

FILES = [DatasetFile("notices.yaml", "notices", NOTICES)]
