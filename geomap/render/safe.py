"""Article text is untrusted: every piece of it is escaped before it reaches the page.

Two contexts matter. HTML (layer names, the title), where ``html_text`` escapes & < > " '; popups and
tooltips are built by geomap.js with textContent from plain fields, so they never parse article text.
And the <script> the map's data sits in, where ``script_json`` keeps the JSON from closing the element
(</script>), starting a comment (<!--), or breaking a line (U+2028/2029). The data is a JSON literal, never
a JavaScript template literal, so backticks, ``${`` and backslash-digit sequences stay plain characters.
"""

from __future__ import annotations

import html
import json
from urllib.parse import urlparse

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def html_text(value: object) -> str:
    """Text for HTML element content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL for a link (set as a DOM property, not spliced into HTML); javascript:, data: dropped."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return None
    return url.strip()


def script_json(data: object) -> str:
    """JSON that can stand inside a <script> element as a JavaScript expression."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for char, replacement in _SCRIPT_UNSAFE.items():
        text = text.replace(char, replacement)
    return text
