"""User text shown through Streamlit's markdown as exactly what was typed (the one edge function).

Streamlit renders captions, notices, titles, labels and tooltips as markdown (GFM tables and
autolinks, KaTeX between ``$``, colour directives such as ``:red[…]``, icon and emoji
shortcodes). ``escape_markdown`` is applied once, where a user's string (a name, a note,
a file name, a URL value) meets such an element: every ASCII punctuation character gets a
backslash (CommonMark makes each of them literal), an indent that would start a code
block becomes no-break spaces, line ends
stay line ends, and the bare ``http://``, ``www.`` and ``name@host`` that GFM would still
turn into links after unescaping get an invisible word joiner (U+2060) that breaks the
pattern without changing what the reader sees.
"""

from __future__ import annotations

import re
from typing import Final

_PUNCTUATION: Final = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
WORD_JOINER: Final = "\u2060"
# What GFM's literal autolinks look for in text: a scheme before "://" or ":", "www." and
# the "@" of an e-mail address.
_AUTOLINK: Final = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)(?=[:.])|(?<=[\w.+-])(?=@)")
_LEADING_SPACE: Final = re.compile(r"^(?: {4,}| *\t[ \t]*)", re.MULTILINE)  # a code block


def escape_markdown(text: object) -> str:
    """``text`` for a markdown element, shown as typed: no link, image, emphasis, formula,
    colour, table, heading, list, icon or HTML comes out of it."""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    value = _AUTOLINK.sub(lambda m: (m.group(1) or "") + WORD_JOINER, value)
    value = _PUNCTUATION.sub(r"\\\1", value)
    value = _LEADING_SPACE.sub(lambda m: "\u00a0" * len(m.group(0).expandtabs(4)), value)
    return value.replace("\n", "  \n")
