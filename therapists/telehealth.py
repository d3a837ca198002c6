"""Who may see a state's residents online: the state filter for online therapists (finder.py)
and Browse Locations' "online in this state" (views.py) both ask here.

A therapist may see clients by telehealth where they are licensed: the states they tick as
their online states, the state of their main license and of each further state license, and,
for psychologists who take part in PSYPACT, every PSYPACT state (states.py).
"""

from django.db.models import Q

from .models import StateLicense, TherapistProfilePage
from .models.practice import PSYCHOLOGIST_SLUG
from .states import PSYPACT_STATES


def serves_state_online_q(state):
    """Profiles that may see residents of `state` (a code) online; `offers_online` is the
    caller's to add."""
    listed = TherapistProfilePage.online_states.through.objects.filter(state_id=state)
    licensed = StateLicense.objects.filter(state=state)
    condition = (
        Q(pk__in=listed.values("therapistprofilepage_id"))
        | Q(license_state=state)
        | Q(pk__in=licensed.values("profile_id"))
    )
    if state in PSYPACT_STATES:
        condition |= Q(psypact=True, profession__slug=PSYCHOLOGIST_SLUG)
    return condition
