"""Quotations, speakers, entities and relations in news text: the Quotemap engine.

Every function returns plain dicts and lists whose keys are the fields of the
``quotemap`` command's JSON, with offsets in Unicode code points of the text
given (spans are ``(start, end)`` tuples, end exclusive).
"""

from ._native import (
    ENGINE_VERSION,
    QuotemapError,
    __version__,
    analyze,
    analyze_batch,
    extract,
    extract_batch,
    parse_html,
)

__all__ = [
    "ENGINE_VERSION",
    "QuotemapError",
    "__version__",
    "analyze",
    "analyze_batch",
    "extract",
    "extract_batch",
    "parse_html",
]
