"""The plan's tree as HTML, written in Python in one pass.

A plan of 1,500 activities has some 2,000 items; the template language spent most of a
rendering (0.4 s) on them, translating the same few labels for each. Here the labels are
translated once per page and every text is escaped as the template would; an item's text and
schedule go through puebla.planning.markup, which escapes everything but the source's <i>
markup (shown as emphasis) and marks a missing translation as the `localized` tag does. The
markup is the one the tree's template used: a theme and an objective are sections with a
heading, an action and an activity list items (see reading.nest for how each closes). Progress is text, with a bar
beside it for sighted readers, named for screen readers; an estimate from a status says so in
its words and its bar's name (puebla.planning.progress_words).
"""

from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from puebla.planning.markup import localized_html
from puebla.planning.progress_words import bar_label, progress_words


def tree_html(items, closing: str) -> SafeString:
    labels = {
        name: escape(text)
        for name, text in {
            "status": gettext("Status:"),
            "not_given": gettext("progress not given"),
            "responsible": gettext("Responsible:"),
            "inferred": gettext("inferred: its page says why"),
            "marked": gettext("marked in the source: active, ongoing or pending input"),
            "status_inferred": gettext("inferred from the source's bold italics"),
            "gcm": gettext("Global Compact objectives:"),
            "schedule": gettext("Schedule:"),
        }.items()
    }
    # The same few progress phrases come back for hundreds of items: worded once each.
    done: dict = {}
    labels["moved"] = gettext("In the Historical Plan of Action since %(date)s.")
    out = []
    for item in items:
        out.append(item.close_before)
        anchor = f"item-{item.pk}"
        if item.level == 1:
            out.append(f'<section class="plan-theme" aria-labelledby="{anchor}"><h2 id="{anchor}">')
            end = "</h2>"
        elif item.level == 2:
            out.append(
                f'<section class="plan-objective" aria-labelledby="{anchor}"><h3 id="{anchor}">'
            )
            end = "</h3>"
        else:
            out.append(f'<li class="plan-level-{item.level}"><p class="plan-text" id="{anchor}">')
            end = "</p>"
        number = f'<span class="plan-number">{escape(item.number)}</span> ' if item.number else ""
        text = localized_html(item, "text")
        out.append(f'<a href="{item.url}">{number}{text}</a>{end}\n')
        out.append(_meta(item, labels, done))
        if item.schedule_shown:
            out.append(
                f'<p class="plan-schedule">{labels["schedule"]} '
                f"{conditional_escape(item.schedule_shown)}</p>\n"
            )
        if item.opens_list:
            out.append('<ul class="plan-parts">')
    out.append(closing)
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


def _meta(item, labels, done) -> str:
    meta = [f'<span class="plan-level-name">{escape(item.level_name)}</span>']
    if item.status_name:
        inferred = f" ({labels['status_inferred']})" if item.status_inferred else ""
        meta.append(
            f'<span class="plan-status plan-status-{escape(item.status.key)}">'
            f"{labels['status']} {escape(item.status_name)}</span>{inferred}"
        )
    progress = item.progress
    if progress.known:
        if progress not in done:
            done[progress] = (escape(progress_words(progress)), escape(bar_label(progress)))
        words, name = done[progress]
        kind = "estimate" if progress.estimated else "reported"
        meta.append(
            f'<progress class="plan-progress-{kind}" value="{progress.percent}" max="100" '
            f'aria-label="{name}"></progress> <span class="plan-progress">{words}</span>'
        )
    else:
        meta.append(f'<span class="not-given">{labels["not_given"]}</span>')
    if item.responsible:
        inferred = f" ({labels['inferred']})" if "responsible_kind" in item.inferred.split() else ""
        meta.append(f"{labels['responsible']} {escape(item.responsible)}{inferred}")
    if item.marked:
        meta.append(f'<em class="plan-marked">{labels["marked"]}</em>')
    if item.archived_on:
        date = date_format(item.archived_on, "DATE_FORMAT")
        meta.append(f"<strong>{escape(labels['moved'] % {'date': date})}</strong>")
    if item.level <= 2 and getattr(item, "activity_count", 0):
        count = item.activity_count
        meta.append(
            escape(ngettext("%(count)s activity", "%(count)s activities", count) % {"count": count})
        )
    if item.gcm_links:
        links = " ".join(
            f'<a href="{url}" class="plan-tag">{number}</a>' for number, url in item.gcm_links
        )
        meta.append(f"{labels['gcm']} {links}")
    return f'<p class="plan-meta">{" · ".join(meta)}</p>\n'
