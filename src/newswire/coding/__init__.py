"""Event coding: patterns over dependency parses turn sentences into CAMEO/PLOVER events.

``code_events(analysis)`` fills ``analysis.events`` using newswire's own patterns
(``data/patterns/*.yaml``) and code tables; ``Coder`` codes with any other PatternSet, such as
PETRARCH verb dictionaries read by :func:`read_petrarch_verbs`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from newswire.coding.coder import Coder
from newswire.coding.patterns import Pattern, PatternSet, default_patterns, load_pattern_file
from newswire.coding.petrarch import read_petrarch_verbs
from newswire.coding.tables import CodeInfo, CodeTable, OpenTable, TableError, default_table
from newswire.components import component
from newswire.model import Analysis

__all__ = ["Coder", "CodeInfo", "CodeTable", "Pattern", "PatternSet", "TableError", "code_events",
           "default_coder", "default_patterns", "default_table", "load_pattern_file", "OpenTable",
           "read_petrarch_verbs"]


@functools.lru_cache(maxsize=1)
def default_coder() -> Coder:
    """The coder with newswire's bundled patterns and tables (loaded once per process)."""
    return Coder(default_patterns(), default_table())


def code_events(analysis: Analysis) -> None:
    """Fill ``analysis.events``; an article without a parse gets none."""
    analysis.events = default_coder().code(analysis)


@component("events", needs_parse=True)
def _events(context) -> Callable[[Analysis], None]:
    """Events coded from the parse with the bundled patterns."""
    return code_events
