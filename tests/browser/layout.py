"""What a reader sees go wrong in a page's layout, measured in the browser: the page scrolling
sideways, a word broken across two lines ("Conf / irma / da"), a select too narrow for the
option it shows ("Toc" for "Todos los tipos")."""

# Each word (split where a line may break: spaces, hyphens, slashes, dashes) is measured with a
# Range: a word broken inside has boxes on more than one line. Text hidden from sight (display
# none, .visually-hidden) is skipped.
_LAYOUT_PROBLEMS = """
() => {
  const problems = [];
  const shown = (element) => {
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const box = element.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  };
  const describe = (element) => {
    const name = element.tagName.toLowerCase();
    return element.id ? `${name}#${element.id}` : (element.className ? `${name}.${element.className}` : name);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.visually-hidden, script, style, option, [hidden]') || !shown(parent)) continue;
    const words = /[^\\s\\-\\/\\u2013\\u2014]+/g;
    for (let match = words.exec(node.data); match; match = words.exec(node.data)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set();
      for (const box of range.getClientRects()) if (box.width > 0) lines.add(Math.round(box.top));
      if (lines.size > 1) problems.push(`"${match[0]}" broken across ${lines.size} lines in ${describe(parent)}`);
    }
  }
  const canvas = document.createElement('canvas').getContext('2d');
  for (const select of document.querySelectorAll('select:not([multiple])')) {
    const option = select.options[select.selectedIndex];
    if (!option || !shown(select)) continue;
    const style = getComputedStyle(select);
    canvas.font = style.font;
    const needed = canvas.measureText(option.text).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    if (needed > select.clientWidth + 1) {
      problems.push(`${describe(select)} shows "${option.text}" in ${select.clientWidth} px of the ${Math.ceil(needed)} it needs`);
    }
  }
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow} px`);
  return problems;
}
"""


def layout_problems(page) -> list[str]:
    """Every broken word, cut select and sideways scroll of the page as it is now."""
    return page.evaluate(_LAYOUT_PROBLEMS)
