"""What visitors type, made safe to store and to show: one place for every public text input.

- `clean_text`: NFC, Unix newlines, and no invisible characters that change how text reads.
  Unicode *format* characters (category Cf: the bidirectional overrides and isolates U+202A–202E
  and U+2066–2069, the marks U+200E/200F, zero-width spaces, soft hyphens, the BOM, …) let
  "Admin\u202etoor\u202c" display as something else, so they go; so do control characters (Cc)
  other than newline and tab, and the line/paragraph separators. Kept: ZERO WIDTH NON-JOINER and
  JOINER (U+200C/U+200D), which Persian, the Indic scripts and emoji sequences need to be
  written at all, and which cannot reorder text.
- `PlainTextField`: a CharField that cleans with `clean_text` before validating, so limits and
  "required" apply to what is kept. Every public form's free text uses it (comments, contact
  messages, joining); a form that keeps newlines says `multiline=True`.
- `is_ascii_digits` / `to_ascii_digits`: Python's `isdigit()` and `int()` accept "²", "٩" and
  other digits that libraries (the ZIP list) and databases do not, so a value meant as digits is
  checked with `is_ascii_digits`, or, where people type numbers (a ZIP code), read with
  `to_ascii_digits` first ("９７２１４" is 97214).
"""

import re
import unicodedata

from django import forms

# Format characters that scripts need to be written at all; they cannot reorder text.
KEPT_FORMAT = {"\u200c", "\u200d"}
BLANK_LINES = re.compile(r"\n{3,}")


def _replacement(char, multiline):
    """What stands for `char` in clean text: itself, a space, a newline or nothing."""
    if char == "\n" or char == "\t":
        return char if multiline else " "
    category = unicodedata.category(char)
    if category == "Cf":
        return char if char in KEPT_FORMAT else ""
    if category in {"Zl", "Zp"}:
        return "\n" if multiline else " "
    if category == "Cc":
        return ""
    return char


def clean_text(value, *, multiline=False):
    """`value` without invisible format and control characters (see the module's docstring).

    One line (`multiline=False`): whitespace runs become one space. Several lines: Unix newlines,
    no trailing spaces, at most one blank line in a row."""
    value = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(char if char.isalnum() else _replacement(char, multiline) for char in value)
    if not multiline:
        return " ".join(value.split())
    value = "\n".join(line.rstrip() for line in value.split("\n"))
    return BLANK_LINES.sub("\n\n", value).strip()


class PlainTextField(forms.CharField):
    """A CharField whose value is `clean_text`-ed before it is validated."""

    def __init__(self, *args, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value, multiline=self.multiline) if value else value


TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_token(value):
    """True for what a random URL token (secrets.token_urlsafe) can be: looked up in the
    database only then, so a NUL or 10,000 characters are simply "no such link"."""
    return isinstance(value, str) and TOKEN.fullmatch(value) is not None


def is_ascii_digits(value):
    """True for a non-empty string of 0-9 only (not "²", "٩" or "９", which isdigit() accepts)."""
    return isinstance(value, str) and value.isascii() and value.isdigit()


def to_ascii_digits(value):
    """`value` with every Unicode decimal digit written 0-9 ("٩٧٢١٤" → "97214"), the rest kept.
    Superscripts ("²") are not decimal digits and stay as they are."""
    return "".join(
        str(unicodedata.decimal(char)) if char.isdecimal() and not char.isascii() else char
        for char in str(value)
    )
