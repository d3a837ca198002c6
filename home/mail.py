"""Email off the request (docs/operations.md, "The task worker").

A view calls `send_later(builder, *arguments, recipient=...)`: it records an `OutgoingEmail` and
queues `send_outgoing_email` (django-tasks), then answers at once. The worker calls the builder
with the arguments (ids and strings only, so they survive the queue) to write the message from
what the database holds then, and sends it. A failed send is tried again later, waiting longer
each time (`retry_delay`), up to MAX_ATTEMPTS; then it stays in the outbox as failed, where staff
see the error and can send it again (home/wagtail_hooks.py). A sent email's row is deleted.

Builders are functions marked with `@email_builder("what it is")`; they return an EmailMessage,
or None when there is nothing to send any more (say, the comment was deleted meanwhile). They
may name `on_sent` and `on_failed` callbacks, called with the same arguments.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY_DELAY = timedelta(minutes=1)


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failure: 1, 4, 16, 64 minutes (about an hour
    and a half in all, enough to outlast a mail server's restart or a short outage)."""
    return FIRST_RETRY_DELAY * 4 ** (attempts - 1)


def email_builder(kind, on_sent=None, on_failed=None):
    """Mark a function as one the worker may call to write an email; `kind` is what staff see."""

    def mark(function):
        function.email_kind = kind
        function.email_on_sent = on_sent
        function.email_on_failed = on_failed
        return function

    return mark


def _path(function):
    return f"{function.__module__}.{function.__qualname__}"


def _builder(path):
    function = import_string(path)
    if not hasattr(function, "email_kind"):  # only marked functions, whatever a row says
        raise ValueError(f"{path} is not an email builder")
    return function


def send_later(builder, *arguments, recipient):
    """Queue the email `builder(*arguments)` writes; returns its OutgoingEmail."""
    if not hasattr(builder, "email_kind"):
        raise ValueError(f"{_path(builder)} is not marked with @email_builder")
    email = OutgoingEmail.objects.create(
        kind=builder.email_kind,
        builder=_path(builder),
        arguments=list(arguments),
        recipient=recipient[:254],
    )
    _schedule(email)
    return email


def retry(email):
    """Staff's "send again" on a failed (or stuck) email: a fresh round of attempts."""
    email.status = OutgoingEmail.Status.PENDING
    email.attempts = 0
    email.next_attempt_at = None
    email.save(update_fields=["status", "attempts", "next_attempt_at"])
    _schedule(email)


def _schedule(email, run_after=None):
    queued = send_outgoing_email.using(run_after=run_after) if run_after else send_outgoing_email
    try:
        queued.enqueue(email.pk)
    except Exception as error:  # the queue itself is down: staff see it and can retry
        logger.exception("Could not queue outgoing email %s", email.pk)
        _give_up(email, f"Could not queue: {type(error).__name__}: {error}")


def _give_up(email, error):
    logger.error("Outgoing email %s (%s) failed for good: %s", email.pk, email.kind, error)
    email.status = OutgoingEmail.Status.FAILED
    email.last_error = error[:2000]
    email.next_attempt_at = None
    email.save(update_fields=["status", "last_error", "next_attempt_at"])
    try:
        callback = _builder(email.builder).email_on_failed
        if callback:
            callback(*email.arguments)
    except Exception:
        logger.exception("The failure callback of outgoing email %s failed", email.pk)


@task()
def send_outgoing_email(email_id):
    """Write and send one queued email; on failure, queue the next attempt or give up."""
    email = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING).first()
    if email is None:
        return "gone"  # sent already, or staff deleted it
    email.attempts += 1
    email.last_attempt_at = timezone.now()
    try:
        builder = _builder(email.builder)
        message = builder(*email.arguments)
        if message is not None:
            message.send()
    except Exception as error:
        text = f"{type(error).__name__}: {error}"
        logger.warning("Outgoing email %s, attempt %s: %s", email.pk, email.attempts, text)
        can_wait = send_outgoing_email.get_backend().supports_defer
        if email.attempts >= MAX_ATTEMPTS or not can_wait:
            # The immediate backend (make run, tests) cannot wait: a failure is final there.
            email.save(update_fields=["attempts", "last_attempt_at"])
            _give_up(email, text)
            return "failed"
        email.last_error = text[:2000]
        email.next_attempt_at = email.last_attempt_at + retry_delay(email.attempts)
        email.save(update_fields=["attempts", "last_attempt_at", "last_error", "next_attempt_at"])
        _schedule(email, run_after=email.next_attempt_at)
        return "retrying"
    email.delete()
    if message is not None and builder.email_on_sent:
        try:
            builder.email_on_sent(*email.arguments)
        except Exception:  # sent is sent: never send it twice for a bookkeeping error
            logger.exception("The sent callback of outgoing email %s failed", email_id)
    return "sent"
