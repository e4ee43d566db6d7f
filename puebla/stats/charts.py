"""Charts of published figures: an Altair (Vega-Lite) specification rendered to SVG on the
server by vl-convert, so that a chart exists with JavaScript off and costs the page no script.

Series are told apart by line dash and point shape as well as colour, and named at their last
point; a hidden or unavailable figure is a gap in its line (a null value), never a zero. The
page puts the same figures in a table beside the chart, with the gaps footnoted.
"""

import altair as alt
from django.utils.formats import get_format

# Drawn at this size and scaled to the page's width (a phone shows it at about 60%): the
# fonts are large enough to stay legible there.
WIDTH = 600
HEIGHT = 320
FONT_SIZE = 16
LINE_COLOUR = "#767676"  # 4.5:1 on white


def time_series_svg(
    points: list[dict], *, period_title: str, value_title: str, language: str, note: str = ""
) -> str:
    """`points`: {"series": name, "period": "2026-01", "value": int or None} in period order.
    The SVG of one line per series; `note`, when given, is its title (example figures say so
    in the drawing itself, which may be copied away from the page)."""
    import vl_convert

    data = alt.Data(values=points)
    legend = alt.Legend(title=None, orient="bottom", columns=3, symbolSize=120, columnPadding=24)
    x = alt.X("period:O", title=period_title, sort=None, axis=alt.Axis(labelAngle=-45))
    y = alt.Y("value:Q", title=value_title, axis=alt.Axis(format=",d"))
    # The points carry colour and shape, and the one legend, whose entries show both: a reader
    # who does not tell colours apart goes by the shape. The lines join each series' points,
    # told apart by their dash. (Vega-Lite merges a colour and a shape legend only when no other
    # layer colours by the same field: coloured lines would bring a second legend.)
    lines = (
        alt.Chart(data)
        .mark_line(invalid=None, color=LINE_COLOUR, strokeWidth=1.5)
        .encode(x=x, y=y, detail="series:N", strokeDash=alt.StrokeDash("series:N", legend=None))
    )
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=70, opacity=1)
        .encode(
            x=x,
            y=y,
            # Twenty colours: the eleven member states each get their own.
            color=alt.Color("series:N", scale=alt.Scale(scheme="tableau20"), legend=legend),
            shape=alt.Shape("series:N", legend=legend),
        )
    )
    chart = (
        alt.layer(lines, points)
        .properties(width=WIDTH, height=HEIGHT, **({"title": note} if note else {}))
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_legend(labelFontSize=FONT_SIZE, labelLimit=200)
        .configure_title(fontSize=FONT_SIZE, color="#b00020")
    )
    svg = vl_convert.vegalite_to_svg(chart.to_dict(), format_locale=_number_locale(language))
    # The page gives the chart its name and a table of the same figures: the SVG itself is an
    # image to assistive technology, sized by the page.
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def _number_locale(language: str) -> dict:
    """d3's number locale with the separators Django writes in `language`, so that the axis
    reads as the table beside it (Spanish groups thousands with a no-break space)."""
    grouping = get_format("NUMBER_GROUPING", language) or 3
    return {
        "decimal": get_format("DECIMAL_SEPARATOR", language),
        "thousands": get_format("THOUSAND_SEPARATOR", language),
        "grouping": [grouping] if isinstance(grouping, int) else list(grouping),
        "currency": ["", ""],
    }
