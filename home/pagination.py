"""One pagination rule for every listing: a bad or out-of-range `?page=` is a 404, never a 500."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, object_list, per_page, param="page"):
    """The requested page of `object_list`; page 1 when the parameter is absent.

    Anything but a whole number within range (text, zero, negatives, huge values, repeats of the
    parameter) raises Http404 with a message the 404 page shows.
    """
    raw = request.GET.getlist(param)
    if len(raw) > 1:
        raise Http404("Give one page number.")
    number = raw[0] if raw else 1
    paginator = Paginator(object_list, per_page)
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404(f"There is no page {str(number)[:20]!r} of these results.") from error
    # For includes/pagination.html: 1 … 4 5 [6] 7 8 … 20
    page.elided_range = list(
        paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page
