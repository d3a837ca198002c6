"""Editorial content checks shown in the editor's Checks panel beside Wagtail's accessibility ones.

The article's preview marks its body with what it found (`data-content-checks`, only in
previews); axe rules in the userbar's content checker (wagtail_hooks.py) turn each mark into a
named problem. The words are read here, in Python, because axe's configuration can only name
built-in check functions: the rules just look for the mark.
"""

import re

from django.utils.html import strip_tags

# Statements about what helps, harms or works: such an article should cite its sources.
HEALTH_CLAIM = re.compile(
    r"\b(treat(s|ed|ing|ment|ments)?|cures?|symptoms?|diagnos\w*|medications?|"
    r"antidepressants?|dosage|side effects?|clinically|studies (show|suggest|find|found)|"
    r"research (shows|suggests|finds|found)|evidence (shows|suggests)|proven|"
    r"(reduces?|lowers?|increases?|improves?) (the )?(risk|symptoms|anxiety|depression))\b",
    re.IGNORECASE,
)
SELF_HARM = re.compile(
    r"\b(suicid\w*|self[- ]harm\w*|self[- ]injur\w*|kill(ing)? (myself|themselves|yourself)|"
    r"end (my|their|your) life|cutting myself|overdos\w*)\b",
    re.IGNORECASE,
)
CRISIS_BLOCK = "crisis_resources"

NO_SOURCES = "health-claims-without-sources"
NO_CRISIS_BLOCK = "self-harm-without-crisis-block"

# axe rules: each fails on an article body carrying its mark. Their one check reuses axe's
# built-in "attribute is non-empty" function on an attribute nothing has, so it always fails on
# the elements the rule's selector picks (a check named by a function axe knows needs no JS).
MARK_CHECK = "mindwell-content-check-mark"
AXE_CHECKS = [
    {
        "id": MARK_CHECK,
        "evaluate": "attr-non-space-content-evaluate",
        "options": {"attribute": "data-content-check-cleared"},
    }
]
AXE_RULES = [
    {
        "id": rule_id,
        "impact": "serious",
        "selector": f'#article-body[data-content-checks~="{rule_id}"]',
        "tags": ["editorial"],
        "any": [MARK_CHECK],
        "enabled": True,
    }
    for rule_id in (NO_SOURCES, NO_CRISIS_BLOCK)
]
AXE_MESSAGES = {
    NO_SOURCES: {
        "error_name": "Health claims without sources",
        "help_text": "Add the studies or guidelines behind them under References and cite "
        "them as [1], [2]…",
    },
    NO_CRISIS_BLOCK: {
        "error_name": "Mentions suicide or self-harm without crisis resources",
        "help_text": "Add a “Crisis resources” block so readers at risk see where to get help.",
    },
}


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type", "image", "level"):
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def content_warnings(article):
    """The checks this article fails, as the marks the preview puts on its body."""
    blocks = list(article.body.raw_data)
    text = " ".join(
        [article.title, article.standfirst]
        + [strip_tags(piece) for block in blocks for piece in _texts(block.get("value"))]
    )
    warnings = []
    if HEALTH_CLAIM.search(text) and not len(article.references):
        warnings.append(NO_SOURCES)
    if SELF_HARM.search(text) and not any(block["type"] == CRISIS_BLOCK for block in blocks):
        warnings.append(NO_CRISIS_BLOCK)
    return warnings
