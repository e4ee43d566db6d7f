"""The source's markup shown as emphasis, everything else escaped."""

from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from puebla.planning.markup import as_html


def test_the_markup_becomes_emphasis_and_the_rest_is_escaped():
    assert as_html("Seminars <i>Refer to the work plan</i>") == (
        'Seminars <em class="plan-source-marked">Refer to the work plan</em>'
    )
    assert as_html("<b>x</b> <i>open") == "&lt;b&gt;x&lt;/b&gt; &lt;i&gt;open"
    assert as_html('<i><script>alert("x")</script></i>') == (
        '<em class="plan-source-marked">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</em>'
    )


def test_the_filter():
    rendered = Template("{% load planning_text %}{{ text|plan_text }}").render(
        Context({"text": "<i>Pending</i> & more"})
    )
    assert rendered == '<em class="plan-source-marked">Pending</em> &amp; more'


@given(st.text())
def test_no_tag_but_ours_ever_gets_through(text):
    html = str(as_html(text))
    without_ours = html.replace('<em class="plan-source-marked">', "").replace("</em>", "")
    assert "<" not in without_ours and ">" not in without_ours
