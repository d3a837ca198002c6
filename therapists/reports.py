""" "Report outdated or wrong information" on a profile: the form, its page and what follows.

The page (/directory/report/<profile id>/) is public and cacheable like the other public forms:
no CSRF token, the post's origin checked (home/public_forms.py), rate-limited per client and
with a honeypot (home/spam.py). A report is stored for staff (Listing reports, wagtail_hooks.py);
the therapist is told what was reported without who reported it, and the REPORTS_TO_FLAG-th open
report on one profile is emailed to staff.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from home.absolute import absolute_url, page_url
from home.forms import EmailAddressField, count_characters
from home.mail import email_builder, send_later
from home.models import SiteSettings
from home.public_forms import public_form
from home.rate_limits import refuse_form
from home.spam import HoneypotField
from home.text_input import clean_text

from .listing_checks import tell_staff
from .models import ListingReport, TherapistProfilePage
from .models.reports import REPORTS_TO_FLAG

REPORT_RATE = "5/h"


class ReportForm(forms.ModelForm):
    website = HoneypotField()

    class Meta:
        model = ListingReport
        fields = ["reason", "details", "reporter_email"]
        field_classes = {"reporter_email": EmailAddressField}
        labels = {
            "reason": "What is wrong?",
            "details": "Details",
            "reporter_email": "Your email (optional)",
        }
        help_texts = {
            "details": "What you found (at most 1,000 characters). The therapist will read "
            "this, so leave out anything about yourself.",
            "reporter_email": "Only if our staff may ask you more. It is never passed on to "
            "the therapist.",
        }
        widgets = {
            "details": forms.Textarea(attrs={"rows": 4}),
            "reporter_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        count_characters(self.fields["details"])
        self.fields["reason"].error_messages["required"] = "Choose what is wrong."
        self.fields["reason"].choices = [("", "Choose…"), *ListingReport.Reason.choices]

    def clean_details(self):
        return clean_text(self.cleaned_data["details"], multiline=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ListingReport.Reason.OTHER and not cleaned.get("details"):
            self.add_error("details", "Say what is wrong.")
        return cleaned


def _render(request, profile, form, status=200):
    return render(
        request, "therapists/report.html", {"profile": profile, "form": form}, status=status
    )


@public_form
@require_http_methods(["GET", "POST"])
def report_view(request, profile_id):
    profile = TherapistProfilePage.objects.live().filter(pk=profile_id).first()
    if profile is None:
        raise Http404("No such therapist profile.")
    if request.method != "POST":
        return _render(request, profile, ReportForm())
    form = ReportForm(request.POST)
    refusal = refuse_form(
        request,
        form,
        lambda form, status: _render(request, profile, form, status),
        group="therapists.report",
        rate=REPORT_RATE,
        limited_message="You have sent several reports in a short time. Please try again in "
        "an hour.",
    )
    if refusal:
        return refusal
    report = form.save(commit=False)
    report.profile = profile
    report.save()
    if profile.recipient_email:
        send_later(report_notice, report.pk, recipient=profile.recipient_email)
    open_reports = profile.reports.filter(status=ListingReport.Status.OPEN).count()
    if open_reports == REPORTS_TO_FLAG:
        flag_to_staff(profile, open_reports)
    messages.success(
        request,
        "Thank you. Our staff will check this profile, and its therapist is asked to correct it.",
    )
    return HttpResponseRedirect(profile.url)


def flag_to_staff(profile, count):
    listing = absolute_url(reverse("therapists_listingreport_modeladmin_index"))
    tell_staff(
        f"Directory: {count} open reports on {profile.title}",
        [
            f"Visitors have reported outdated or wrong details on {profile.title} "
            f"{count} times, and no report has been checked yet.",
            "",
            f"Profile: {page_url(profile)}",
            f"Reports: {listing}?profile__id__exact={profile.pk}",
        ],
    )


@email_builder("Listing report notice to a therapist")
def report_notice(report_id):
    """What was reported, never by whom."""
    report = (
        ListingReport.objects.select_related("profile", "profile__owner")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not report.profile.recipient_email:
        return None
    profile = report.profile
    lines = [
        f"Hello {profile.title},",
        "",
        "A visitor reported that something on your listing may be out of date:",
        "",
        f"  {report.get_reason_display()}",
    ]
    if report.details:
        lines += [f"  “{report.details}”"]
    lines += [
        "",
        "If it is right, nothing needs doing. If not, please correct your profile (changes go "
        "to our staff for review), or confirm your availability from your dashboard:",
        absolute_url(reverse("wagtailadmin_pages:edit", args=[profile.pk])),
        "",
        f"Your listing: {page_url(profile)}",
    ]
    return EmailMessage(
        subject=f"A visitor reported outdated details on your listing – {SiteSettings.name_for()}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[profile.recipient_email],
    )
