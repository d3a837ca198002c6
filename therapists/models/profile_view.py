"""What the profile page shows beyond its own fields, and its contact form's POST: the page's
own request handling, so it lives beside the models it serves (as Wagtail's form pages keep
theirs on the page); TherapistProfilePage.get_context and serve call it. Imports nothing from
outside `models` but `home`.
"""

from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from home.absolute import page_url
from home.mail import email_builder, send_later
from home.models import SiteSettings
from home.rate_limits import over_address_limit, refuse_form

from .alternatives import nearby_alternatives
from .availability import accepting_cutoff
from .messages import ContactForm, ContactMessage
from .profile_lists import profile_lists
from .similar import similar_profiles

CONTACT_RATE = "5/h"
# The sender's confirmation goes to an address a visitor typed: at most this often per address,
# so the form cannot be used to fill someone else's inbox.
CONFIRMATION_RATE = "3/h"
# What senders are told to expect; the reminder to the therapist (replies.py) comes at this age.
REPLY_EXPECTED_WORKING_DAYS = 3


def json_ld(profile, locations, request):
    addresses = []
    geos = []
    for location in locations:
        address = {
            "@type": "PostalAddress",
            "addressLocality": location.city,
            "addressRegion": location.state,
            "postalCode": location.zip_code,
            "addressCountry": "US",
        }
        if location.street:
            address["streetAddress"] = location.street
        addresses.append(address)
        if location.latitude is not None:
            geos.append(
                {
                    "@type": "GeoCoordinates",
                    "latitude": round(location.latitude, 5),
                    "longitude": round(location.longitude, 5),
                }
            )
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalBusiness",
        "name": profile.display_name,
        "url": page_url(profile, request),
        "description": profile.statement,
        "founder": {
            "@type": "Person",
            "name": profile.title,
            **({"honorificSuffix": profile.credentials} if profile.credentials else {}),
            **({"jobTitle": profile.profession.name} if profile.profession else {}),
        },
    }
    # One location: a single object; several: a list, in the profile's order.
    if addresses:
        data["address"] = addresses[0] if len(addresses) == 1 else addresses
    if geos:
        data["geo"] = geos[0] if len(geos) == 1 else geos
    if profile.phone:
        data["telephone"] = profile.phone
    if profile.fee_min is not None:
        data["priceRange"] = (
            f"${profile.fee_min}–${profile.fee_max}"
            if profile.fee_max and profile.fee_max != profile.fee_min
            else f"${profile.fee_min}"
        )
    return data


def profile_context(profile, request):
    locations = list(profile.locations.all())
    availability = profile.get_availability()
    cutoff = accepting_cutoff(SiteSettings.for_request(request))
    lists = profile_lists(profile, preview=getattr(request, "is_preview", False))
    return {
        **lists,
        "locations": locations,
        "availability": availability,
        "accepting_now": availability.is_current(cutoff),
        "usual_reply_days": availability.usual_reply_days,
        "licensed_in": profile.licensed_in(profile.state_licenses.all()),
        "similar_profiles": similar_profiles(profile, locations, lists["issues"], cutoff),
        "json_ld": json_ld(profile, locations, request),
        "contact_form": ContactForm(),
        "can_contact": bool(profile.recipient_email),
        "directory_url": profile.get_parent().url if profile.depth > 1 else "/",
    }


def _render_profile(profile, request, form, status):
    context = profile.get_context(request)
    context["contact_form"] = form
    response = TemplateResponse(request, profile.get_template(request), context, status=status)
    return response


def handle_contact(profile, request):
    """A POST of the contact form: refused (no address, rate limit, invalid form) with the
    page and the visitor's text, or saved, its email to the therapist queued, and redirected."""
    form = ContactForm(request.POST)
    if not profile.recipient_email:
        messages.error(request, "This therapist does not take messages through the site yet.")
        return HttpResponseRedirect(profile.url)
    refusal = refuse_form(
        request,
        form,
        lambda form, status: _render_profile(profile, request, form, status),
        group="therapists.contact",
        rate=CONTACT_RATE,
        limited_message="You have sent several messages in a short time. Please try again in "
        "an hour, or call the therapist.",
    )
    if refusal:
        return refusal
    message = form.save(commit=False)
    message.profile = profile
    message.save()
    # Queued: the task worker writes and sends it (home/mail.py), so the answer never waits.
    send_later(contact_email, message.pk, recipient=profile.recipient_email)
    if not over_address_limit(
        request, "therapists.contact-confirmation", message.email, CONFIRMATION_RATE
    ):
        send_later(sender_confirmation, message.pk, recipient=message.email)
    messages.success(
        request,
        f"Thank you. Your message was sent to {profile.title}, who will reply to you by email.",
    )
    return HttpResponseRedirect(reverse("therapists:message_sent", args=[profile.pk]))


def what_to_expect(profile):
    """The sentence a sender reads about when to hear back."""
    days = profile.get_availability().usual_reply_days
    if days:
        return (
            f"{profile.title} usually replies within {days} day{'s' if days != 1 else ''}, "
            "by email or phone."
        )
    return (
        f"Therapists here are asked to reply within {REPLY_EXPECTED_WORKING_DAYS} working days, "
        "by email or phone."
    )


@email_builder("Confirmation to a visitor who wrote to a therapist")
def sender_confirmation(message_id):
    """Says what happens next, without repeating the message (the address is the visitor's
    word only, so nothing they wrote goes to it)."""
    message = ContactMessage.objects.select_related("profile").filter(pk=message_id).first()
    if message is None:
        return None
    profile = message.profile
    site_name = SiteSettings.name_for()
    cutoff = accepting_cutoff(SiteSettings.for_default_site())
    lines = [
        f"Your message to {profile.title} was passed on through {site_name}.",
        "",
        what_to_expect(profile),
        "Check your spam folder too. If you do not hear back, these therapists nearby are "
        "accepting new clients:",
        "",
    ]
    for other in nearby_alternatives(profile, cutoff):
        lines.append(f"- {other.display_name}, {other.nearby_city}: {page_url(other)}")
    lines += [
        "",
        "If you are in crisis, call or text 988 now rather than waiting for a reply.",
        "",
        "--",
        f"You get this because someone wrote to a therapist on {site_name} with this address. "
        "If it was not you, ignore it: nothing else will be sent.",
    ]
    return EmailMessage(
        subject=f"Your message to {profile.title}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.email],
    )


def _mark_sent(message_id):
    ContactMessage.objects.filter(pk=message_id).update(email_sent=True)


@email_builder("Contact message to a therapist", on_sent=_mark_sent)
def contact_email(message_id):
    """Written by the task worker (home/mail.py) from the stored message; until it is sent,
    staff see email_sent=False in the admin."""
    message = ContactMessage.objects.select_related("profile").filter(pk=message_id).first()
    if message is None or not message.profile.recipient_email:
        return None
    profile = message.profile
    sender = " ".join(message.name.split())
    lines = [
        f"{sender} sent you a message through your profile: {page_url(profile)}",
        "Reply to this email to answer them directly.",
        "",
        f"Name: {sender}",
        f"Email: {message.email}",
    ]
    if message.phone:
        lines.append(f"Phone: {message.phone}")
    lines += [
        "",
        message.message,
        "",
        "--",
        "They agreed to share these details with you. Please keep them confidential.",
    ]
    return EmailMessage(
        subject=f"New message from {sender} via {SiteSettings.name_for()}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[profile.recipient_email],
        reply_to=[message.email],
    )
