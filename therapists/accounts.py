"""Therapist accounts: joining, verifying the email address, changing it, removing the listing.

Links in emails are signed with SECRET_KEY (Django's signing) and expire; each names the account
and the address it was sent to, so a link for an old address or another account is refused.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Collection, GroupCollectionPermission

from home.absolute import absolute_url
from home.groups import THERAPISTS
from home.mail import email_builder, send_later

from .access import UPLOAD_PERMISSIONS, UPLOADS_COLLECTION, restrict_uploads
from .geo import lookup_zip
from .models import PracticeLocation, TherapistAccount, TherapistIndexPage, TherapistProfilePage
from .states import STATE_NAMES

JOIN_SALT = "therapists.join"
EMAIL_CHANGE_SALT = "therapists.email-change"
LINK_VALID_DAYS = 3


class DirectoryMissing(Exception):
    """There is no directory page to put profiles under (a site still being set up)."""


class LinkError(Exception):
    """A link that cannot be used; `reason` is "forged" or "expired"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def make_link_token(user, email, salt):
    return signing.dumps({"u": user.pk, "e": email.lower()}, salt=salt, compress=True)


def read_link_token(token, salt):
    """(user id, email) from a token, or LinkError("forged" | "expired")."""
    try:
        data = signing.loads(token, salt=salt, max_age=timedelta(days=LINK_VALID_DAYS))
    except signing.SignatureExpired as error:
        raise LinkError("expired") from error
    except signing.BadSignature as error:
        raise LinkError("forged") from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or "e" not in data:
        raise LinkError("forged")
    return data["u"], data["e"]


def _message(template, to, subject, context):
    text = render_to_string(f"therapists/emails/{template}.txt", context)
    return EmailMultiAlternatives(subject, text, to=[to])


# The emails below are written by the task worker (home/mail.py) from ids and addresses, so the
# signed links are made when the email goes out and a form never waits for the mail server.


@email_builder("Therapist sign-up link")
def join_email(user_id, email):
    """Nothing once the sign-up is gone (expired and deleted) or already verified."""
    account = (
        TherapistAccount.objects.select_related("user")
        .filter(user_id=user_id, user__email__iexact=email, verified_at__isnull=True)
        .first()
    )
    if account is None:
        return None
    token = make_link_token(account.user, email, JOIN_SALT)
    return _message(
        "join-verify",
        email,
        "Confirm your email address to list your practice",
        {
            "name": account.name,
            "link": absolute_url(reverse("therapist_verify", args=[token])),
            "days": LINK_VALID_DAYS,
        },
    )


@email_builder("Therapist new address link")
def email_change_email(user_id, new_email):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    token = make_link_token(user, new_email, EMAIL_CHANGE_SALT)
    return _message(
        "email-change",
        new_email,
        "Confirm your new email address",
        {
            "name": user.get_full_name() or user.username,
            "link": absolute_url(reverse("therapist_email_confirm", args=[token])),
            "days": LINK_VALID_DAYS,
        },
    )


@email_builder("Therapist address change notice")
def email_change_notice(user_id, old_email, new_email):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    return _message(
        "email-change-notice",
        old_email,
        "Your email address is being changed",
        {"name": user.get_full_name() or user.username, "new_email": new_email},
    )


@email_builder("Join attempt with an existing address")
def join_existing_email(user_id):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return None
    account = TherapistAccount.objects.filter(user=user).first()
    return _message(
        "join-existing",
        user.email,
        "Someone tried to join with your email address",
        {
            "name": account.name if account else user.get_full_name() or user.email,
            "removed": bool(account and account.removed_at and not user.is_active),
            "login": absolute_url(reverse("wagtailadmin_login")),
            "reset": absolute_url(reverse("wagtailadmin_password_reset")),
        },
    )


def tell_existing(user, data):
    """Someone tried to join with the address of an existing account: tell its owner by email
    (log in or reset the password; a removed listing: how to get it back) and change nothing.
    The password is hashed all the same, so this answer takes as long as a real sign-up."""
    make_password(data["password1"])
    if user.email:
        send_later(join_existing_email, user.pk, recipient=user.email)


def expired_signups():
    """Unverified accounts whose link has run out: they can do nothing and are removed."""
    cutoff = timezone.now() - timedelta(days=LINK_VALID_DAYS)
    return TherapistAccount.objects.filter(verified_at__isnull=True, created_at__lt=cutoff)


def delete_expired_signups():
    users = get_user_model().objects.filter(
        therapist_account__in=expired_signups(), is_active=False, last_login__isnull=True
    )
    count = users.count()
    users.delete()
    return count


@transaction.atomic
def register(data):
    """Create (or refresh, for a second attempt) an inactive account and email its link.

    `data` is JoinForm.cleaned_data; the form has refused addresses of active or closed accounts.
    """
    User = get_user_model()
    email = data["email"].lower()
    user = User.objects.filter(email__iexact=email, is_active=False).first()
    if user is None:
        user = User(username=email, email=email)
    first, _, last = data["name"].partition(" ")
    user.first_name, user.last_name = first[:150], last[:150]
    user.is_active = False
    user.set_password(data["password1"])
    user.save()
    TherapistAccount.objects.update_or_create(
        user=user,
        defaults={
            "name": data["name"],
            "profession": data["profession"],
            "license_type": data["license_type"],
            "license_number": data["license_number"],
            "license_state": data["license_state"],
            "zip_code": data["zip_code"],
            "terms_accepted_at": timezone.now(),
            "created_at": timezone.now(),
        },
    )
    send_later(join_email, user.pk, email, recipient=email)
    return user


def _unique_slug(index, name):
    base = slugify(name)[:70] or "therapist"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken or slug == "locations":
        slug, number = f"{base}-{number}", number + 1
    return slug


def _own_collection(user, account):
    parent = Collection.objects.filter(depth=2, name=UPLOADS_COLLECTION).first()
    if parent is None:
        parent = Collection.get_first_root_node().add_child(name=UPLOADS_COLLECTION)
    # The user's id keeps names unique; the name helps staff find a therapist's files.
    return parent.add_child(name=f"{account.name} (#{user.pk})")


def give_own_uploads(user, account):
    """The therapist's own collection and a group of their own allowed to upload into it."""
    if account.collection is None:
        account.collection = _own_collection(user, account)
    if account.uploads_group is None:
        account.uploads_group, _ = Group.objects.get_or_create(name=f"Therapist uploads #{user.pk}")
    for app_label, codename in UPLOAD_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=account.uploads_group,
            collection=account.collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    restrict_uploads(account.collection.pk, account.uploads_group.pk)
    user.groups.add(account.uploads_group, Group.objects.get_or_create(name=THERAPISTS)[0])
    account.save()


def create_draft_profile(user, account):
    """The therapist's one profile: a draft below the directory, filled from the join form."""
    index = TherapistIndexPage.objects.order_by("depth", "path").first()
    if index is None:
        raise DirectoryMissing("There is no directory page to add profiles to.")
    info = lookup_zip(account.zip_code)
    place = f"{info.city.title()}, {info.state}" if info else STATE_NAMES[account.license_state]
    profession = account.profession.name if account.profession else "Therapist"
    profile = TherapistProfilePage(
        title=account.name,
        slug=_unique_slug(index, account.name),
        owner=user,
        live=False,
        profession=account.profession,
        statement=f"{profession} in {place}.",
        license_type=account.license_type,
        license_number=account.license_number,
        license_state=account.license_state,
    )
    if info is not None:
        profile.locations = [
            PracticeLocation(city=info.city.title(), state=info.state, zip_code=info.zip_code)
        ]
    index.add_child(instance=profile)
    profile.save_revision(user=user, log_action=True)
    return profile


@transaction.atomic
def verify(user_id, email):
    """Activate the account a join link names; returns (user, "verified" | "already")."""
    account = (
        # Locks the account row (two clicks at once create one profile); `of` keeps the lock
        # off the joined user row, which PostgreSQL would refuse for a nullable join anyway.
        TherapistAccount.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(user_id=user_id, user__email__iexact=email)
        .first()
    )
    if account is None:
        raise LinkError("forged")
    user = account.user
    if account.is_verified:
        return user, "already"
    user.is_active = True
    user.save(update_fields=["is_active"])
    account.verified_at = timezone.now()
    give_own_uploads(user, account)
    if account.profile is None:
        account.profile = create_draft_profile(user, account)
    account.save()
    return user, "verified"


def request_email_change(user, new_email):
    send_later(email_change_email, user.pk, new_email, recipient=new_email)
    if user.email:
        send_later(email_change_notice, user.pk, user.email, new_email, recipient=user.email)


@transaction.atomic
def confirm_email_change(user, token):
    """Apply a change-of-email link for `user`; LinkError if it is not theirs or is stale."""
    user_id, email = read_link_token(token, EMAIL_CHANGE_SALT)
    if user_id != user.pk:
        raise LinkError("forged")
    User = get_user_model()
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise LinkError("taken")
    if user.username.lower() == user.email.lower():
        user.username = email  # therapists sign in with their email address
    user.email = email
    user.save(update_fields=["username", "email"])


@transaction.atomic
def remove_listing(user):
    """Unpublish the therapist's profile and close the account (staff can restore both)."""
    account = TherapistAccount.objects.filter(user=user).first()
    for profile in TherapistProfilePage.objects.filter(owner=user, live=True):
        # Therapists may not unpublish in the admin; removing their listing is the exception.
        UnpublishPageAction(profile, user=user, log_action=True).execute(
            skip_permission_checks=True
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    if account is not None:
        account.removed_at = timezone.now()
        account.save(update_fields=["removed_at"])


@transaction.atomic
def restore_listing(account, by_user):
    """Staff undo "remove my listing": the account works again and the profile is republished."""
    user = account.user
    user.is_active = True
    user.save(update_fields=["is_active"])
    account.removed_at = None
    account.save(update_fields=["removed_at"])
    profile = account.profile
    if profile is not None and not profile.live:
        revision = profile.get_latest_revision()
        if revision is not None:
            revision.publish(user=by_user)
