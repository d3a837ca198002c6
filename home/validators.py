import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError

# Unicode categories no domain name may hold: controls, format characters (U+202E and the other
# direction overrides, zero-width spaces, soft hyphens), surrogates, private use, unassigned.
UNMAILABLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def validate_phone_number(value):
    """Accept a number a US visitor could dial (phonenumbers does the parsing)."""
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException as error:
        raise ValidationError("Enter a valid phone number, e.g. 1-888-555-0142.") from error
    if not phonenumbers.is_possible_number(number):
        raise ValidationError("Enter a valid phone number, e.g. 1-888-555-0142.")


def phone_href(value, extension=""):
    """The `tel:` URI for a number, with the extension as a pause-and-dial suffix."""
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return ""
    uri = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
    return f"{uri};ext={extension}" if extension else uri


def validate_mailable_email(value):
    """Refuse an address whose domain mail cannot be sent to, though Django's EmailValidator
    accepts it: one that does not encode to IDNA (the sending fails later), or one with invisible
    characters (some are silently dropped in sending, so the email would reach another address).
    The local part is ASCII already (EmailValidator)."""
    _, at, domain = str(value).rpartition("@")
    if not at:
        return  # not an address at all: EmailValidator says so
    message = (
        "The part after the @ has a character email cannot be sent to. "
        "Type the address again, like name@example.com."
    )
    if any(unicodedata.category(character) in UNMAILABLE_CATEGORIES for character in domain):
        raise ValidationError(message, code="unmailable")
    try:
        domain.encode("idna")  # what Django's mail does to a non-ASCII domain
    except UnicodeError as error:
        raise ValidationError(message, code="unmailable") from error
