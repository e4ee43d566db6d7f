"""A progress in words, the same on every page and in every export.

The plan's source gives each item a status ("Ongoing"), never a progress. A figure Puebla works
out from a status's default progress is an estimate, and says so in words; a progress someone
reported (set by hand) says it is reported; a roll-up says how many of the items below it have
reported progress, and is an estimate as soon as one of them has not. So an estimate never
stands beside reported progress as if it were one (puebla.planning.rollup computes both).
"""

from django.utils.translation import gettext, ngettext

from puebla.planning.rollup import Progress


def progress_words(progress: Progress) -> str:
    """ "estimated at 50 % from its status (no progress reported)", "40 % done (reported)",
    ... in the active language; "progress not given" when there is none."""
    if not progress.known:
        return gettext("progress not given")
    values = {
        "percent": progress.percent,
        "count": progress.counted,
        "reported": progress.reported,
    }
    if progress.overridden:
        return gettext("%(percent)s %% done (reported)") % values
    if not progress.from_parts:
        return gettext("estimated at %(percent)s %% from its status (no progress reported)") % (
            values
        )
    if not progress.estimated:
        return (
            ngettext(
                "%(percent)s %% done, from the reported progress of %(count)s item below it",
                "%(percent)s %% done, from the reported progress of %(count)s items below it",
                progress.counted,
            )
            % values
        )
    if progress.reported == 0:
        return (
            ngettext(
                "estimated at %(percent)s %% from the status of %(count)s item below it "
                "(no progress reported)",
                "estimated at %(percent)s %% from the statuses of %(count)s items below it "
                "(none has reported progress)",
                progress.counted,
            )
            % values
        )
    return (
        ngettext(
            "estimated at %(percent)s %% from %(count)s item below it: %(reported)s with "
            "reported progress, the rest estimated from their statuses",
            "estimated at %(percent)s %% from %(count)s items below it: %(reported)s with "
            "reported progress, the rest estimated from their statuses",
            progress.counted,
        )
        % values
    )


def bar_label(progress: Progress) -> str:
    """The name a screen reader gives the bar beside the words."""
    return gettext("Estimated progress") if progress.estimated else gettext("Reported progress")
