"""breakable_addresses: a source's web addresses may wrap after each slash of their path on a phone; the rest
of the text is escaped as any text is."""

from puebla.core.templatetags.addresses import breakable_addresses


def test_an_address_may_wrap_after_each_slash_and_the_text_is_escaped():
    shown = breakable_addresses('Hub <b>"x"</b>: https://migrationnetwork.un.org/es/hub?a=1&b=2')
    assert shown == (
        "Hub &lt;b&gt;&quot;x&quot;&lt;/b&gt;: "
        "https://<wbr>migrationnetwork.un.org/<wbr>es/<wbr>hub?a=1&amp;b=2"
    )


def test_a_short_address_stays_whole():
    assert breakable_addresses("https://example.org") == "https://example.org"


def test_a_text_without_an_address_is_only_escaped():
    assert breakable_addresses("a/b & c") == "a/b &amp; c"
    assert breakable_addresses(None) == ""
