"""Helpers the per-app demo loaders share (see the load_demo_content command)."""

import os
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from wagtail.models import Site

DEFAULT_DEMO_PASSWORD = "mindwell-demo"


@dataclass
class DemoContext:
    """What one run of load_demo_content carries from app to app."""

    stdout: object
    password: str = field(
        default_factory=lambda: os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
    )
    users: dict = field(default_factory=dict)
    _password_hash: str = field(default="", init=False, repr=False)

    @property
    def site(self):
        return Site.objects.get(is_default_site=True)

    @property
    def home(self):
        return self.site.root_page.specific

    def log(self, message):
        self.stdout.write(f"  {message}")

    def password_hash(self, stored=""):
        """DEMO_PASSWORD hashed once per run, not once per account: each hash takes the better
        part of a second by design, and the demo accounts share the password anyway. An
        account's stored hash is reused when it already matches."""
        if not self._password_hash:
            matches = stored and check_password(self.password, stored)
            self._password_hash = stored if matches else make_password(self.password)
        return self._password_hash

    def ensure_user(
        self,
        username,
        *,
        email,
        first_name="",
        last_name="",
        groups=(),
        superuser=False,
    ):
        """Create or refresh a demo account; its password always follows DEMO_PASSWORD."""
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"email": email, "first_name": first_name, "last_name": last_name},
        )
        user.email = email
        user.first_name = first_name
        user.last_name = last_name
        user.is_active = True
        user.is_staff = superuser or user.is_staff
        user.is_superuser = superuser
        user.password = self.password_hash(user.password)
        user.save()
        for group_name in groups:
            user.groups.add(Group.objects.get_or_create(name=group_name)[0])
        self.users[username] = user
        if created:
            self.log(f"account {username}")
        return user


def ensure_page(parent, model, *, slug, publish=True, user=None, **fields):
    """Return the child of `parent` with this slug, creating (and publishing) it if missing.

    An existing page is left as it is, so re-running never overwrites an editor's changes.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, owner=user, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page
