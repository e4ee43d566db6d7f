"""Answers are written in Markdown; what reaches a page is rendered and then cleaned.

markdown-it renders CommonMark with raw HTML off (typed tags stay text), and nh3 keeps only
the tags and attributes below, so neither a typed tag nor a crafted link can run script.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4",
    "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip


def render(text: str) -> SafeString:
    html = _MARKDOWN.render(text or "")
    # Headings the author typed as "#" sit below the page's own: shift them under h2.
    for level in (2, 1):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 — cleaned by nh3 just above


def is_blank(text: str) -> bool:
    """No words in it once rendered: whitespace, or markup alone."""
    return not nh3.clean(_MARKDOWN.render(text or ""), tags=set()).strip()
