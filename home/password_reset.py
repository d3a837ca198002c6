"""Wagtail's password reset (/admin/password_reset/), rate-limited.

Wagtail's view sends a reset email on every post, so anyone could flood one inbox or try address
after address. This subclass keeps its form, templates and emails and first counts the post:
per client (home/client_identity.py) and per address typed, whether or not an account has it, so
the 429 says nothing about which addresses exist. urls.py routes it ahead of Wagtail's admin.
"""

from wagtail.admin.views.account import PasswordResetView

from .rate_limits import over_address_limit, over_rate_limit

CLIENT_RATE = "5/h"
ADDRESS_RATE = "3/h"
CLIENT_LIMITED = (
    "There have been several password resets from your connection. Try again in an hour."
)
ADDRESS_LIMITED = (
    "Several password resets were asked for this address in the last hour. Check your inbox "
    "(and spam folder) for the emails already sent, or try again in an hour."
)


class RateLimitedPasswordResetView(PasswordResetView):
    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if over_rate_limit(request, "home.password-reset", CLIENT_RATE):
            return self.refuse(form, CLIENT_LIMITED)
        if form.is_valid() and over_address_limit(
            request, "home.password-reset", form.cleaned_data["email"], ADDRESS_RATE
        ):
            return self.refuse(form, ADDRESS_LIMITED)
        if not form.is_valid():
            return self.render_form(form, 400)  # Wagtail's answer is a 200
        return self.form_valid(form)

    def refuse(self, form, message):
        form.is_valid()
        form.add_error(None, message)
        return self.render_form(form, 429)

    def render_form(self, form, status):
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = status
        return response
