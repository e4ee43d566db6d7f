"""The words of the fund's public figures page that do not come from the database: its title
and introduction, written once here for the page (fund/statistics.html) and for the site
search, which finds the page by them (puebla.fund.search)."""

from django.utils.translation import gettext_lazy as _

TITLE = _(
    "Reserve Fund for the Assisted Voluntary Return of Migrants in Highly Vulnerable "
    "Situations: figures"
)
INTRODUCTION = _(
    "The fund was established in 2004 as a regional mechanism for the voluntary return of "
    "migrants in vulnerable situations who need help beyond the existing programmes of each "
    "member country. These are the requests it received each year, by the year of the request."
)
