"""The page data's JSON (maps.escape.to_script_json): the same bytes as the standard
library's sorted, compact JSON with the script-unsafe characters escaped, and safe
inside a ``<script>`` element, for any text and nesting."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from maps.escape import to_script_json

# Floats as the pages hold them (coordinates, amounts): orjson writes one under 1e-4
# without an exponent, which the standard library would not; NaN is never page data.
NUMBERS = st.one_of(st.integers(-2**63, 2**64 - 1), st.booleans(), st.none(),
                    st.floats(allow_nan=False, allow_infinity=False).filter(
                        lambda x: x == 0 or abs(x) >= 1e-4))
TEXT = st.text(st.characters(blacklist_categories=("Cs",)))  # no lone surrogates: not UTF-8
VALUES = st.recursive(st.one_of(NUMBERS, TEXT),
                      lambda inner: st.one_of(st.lists(inner, max_size=5),
                                              st.dictionaries(TEXT, inner, max_size=5)),
                      max_leaves=30)


def standard(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_same_bytes_as_the_standard_library(value):
    text = to_script_json(value)
    assert text == standard(value)
    assert json.loads(text) == value
    assert not any(c in text for c in "<>&\u2028\u2029")


def test_hostile_text_cannot_close_the_script():
    value = {"title": "</script><script>alert(1)</script><!-- \u2028 & ${x}", "z": ["<b>"]}
    text = to_script_json(value)
    assert "</script" not in text.lower() and "<!--" not in text
    assert json.loads(text) == value


def test_what_orjson_refuses_is_still_written():
    # integer keys and integers beyond 64 bits: the standard library's encoder writes them
    value = {"b": {2: "two", 10: "ten"}, "a": 2**70, "c": (1, "<")}
    assert to_script_json(value) == standard(value)
