"""System checks (`manage.py check`, run by `migrate` and `runserver` too): settings that would
only fail when the site first uses them. The email URL's own mistakes are refused earlier, when
the settings load (site/settings/parsers.py, email_settings)."""

import os
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def _nearest_existing(path):
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _directory_problem(configured):
    if not configured:
        return "The file email backend has no directory (EMAIL_FILE_PATH)."
    path = Path(configured)
    if path.exists() and not path.is_dir():
        return f"Emails are to be saved in {path}, which is not a directory."
    existing = _nearest_existing(path)
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"Emails are to be saved in {path}, but {existing} is not writable by this user."
    return None


@register()
def email_directory_writable(app_configs=None, **kwargs):
    """EMAIL_URL=file:///dir saves each email as a file there: the directory must be one this
    process can write (or create), or the first email fails."""
    if settings.EMAIL_BACKEND != FILE_BACKEND:
        return []
    problem = _directory_problem(getattr(settings, "EMAIL_FILE_PATH", None))
    if problem is None:
        return []
    hint = "Set EMAIL_URL to file:///a/writable/directory, or to an smtp:// URL to send emails."
    return [Error(problem, hint=hint, id="home.E001")]
