import phonenumbers
from django.core.exceptions import ValidationError


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
