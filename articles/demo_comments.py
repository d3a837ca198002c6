# ruff: noqa: E501 (prose: the strings are wrapped by hand for reading)
"""Demo readers' comments and newsletter subscribers, written for this project. Loaded by
articles/demo.py after the articles.

Each comment: (name, website, hours after the article's publication, body); blank lines in the body
separate paragraphs. Readers and their addresses are invented (example.com / .org / .net); no
published comment links to a website, since an invented one would lead nowhere.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import ArticlePage, Comment, Subscriber

APPROVED = {
    "what-a-panic-attack-feels-like": [
        (
            "Rosalind",
            "",
            5,
            "The part about the alarm going off with no fire finally made it click for me. I used to think every attack meant something was physically wrong.\n\nNaming it as panic while it is happening does not stop it, but it shortens it.",
        ),
        (
            "Teo M.",
            "",
            19,
            "I keep a card in my wallet with the breathing steps written on it. On a bad day I cannot remember anything, so reading it helps.",
        ),
        (
            "Harriet",
            "",
            30,
            "Thank you for saying that avoiding places makes it worse over time. Nobody told me that for years, and my world got very small before it started to grow again.",
        ),
        (
            "jun",
            "",
            52,
            "Does anyone else get them at night, out of sleep? The article mentions it briefly. Mine happen around 3 a.m. and the dark makes it scarier.",
        ),
    ],
    "worry-time": [
        (
            "Marguerite",
            "",
            8,
            "I was skeptical, but writing worries down and saving them for 6 p.m. actually works for me. Half of them look smaller by then.",
        ),
        (
            "Sam O.",
            "",
            40,
            "My therapist suggested something similar. The hardest part is the first week, when the mind keeps trying to jump the queue.",
        ),
    ],
    "telling-sadness-from-depression": [
        (
            "Bea",
            "",
            3,
            "The two-week rule of thumb is useful. I kept telling myself it was just a rough patch, and it had been four months.",
        ),
        (
            "Nikolai",
            "",
            27,
            "Sharing this with my brother. He has stopped doing the things he loves and says he is only tired.",
        ),
        (
            "Ada L.",
            "",
            75,
            "It helped to read that depression can look like irritability, not only sadness. That was me, snapping at everyone and not knowing why.",
        ),
    ],
    "behavioral-activation": [
        (
            "Priyanka",
            "",
            12,
            "Ten-minute walk, every day, no matter what. Some days it is the only thing I do, and some days it leads to more. Either way it counts.",
        ),
    ],
    "sleep-and-mood": [
        (
            "Oskar",
            "",
            6,
            "Getting up at the same time every day, weekends included, changed more than any supplement I tried.",
        ),
        (
            "Leena",
            "",
            33,
            "Interesting that poor sleep can come before low mood and not only after it. I always assumed it was one-way.",
        ),
    ],
    "arguing-without-wounding": [
        (
            "Claire and Tom",
            "",
            20,
            "We tried the pause-and-return idea last weekend. Agreeing on the time to come back was the piece we had been missing: before, a pause felt like being walked out on.",
        ),
        (
            "Dev",
            "",
            48,
            "Criticizing the behavior instead of the person sounds obvious written down. In the moment it is very hard. Practising it helps.",
        ),
    ],
    "burnout-is-not-a-personal-failing": [
        (
            "Mireille",
            "",
            9,
            "I needed to read the title alone. Eleven years as a nurse and I had started to believe I was simply weak.",
        ),
        (
            "Gus",
            "",
            60,
            "Good point that rest alone does not fix it if nothing about the workload changes. Two weeks off and I was back where I started within a month.",
        ),
    ],
    "what-happens-in-a-first-therapy-session": [
        (
            "Wren",
            "",
            14,
            "I cancelled my first appointment twice because I did not know what would happen. Knowing it is mostly questions and getting to know each other would have helped.",
        ),
        (
            "Hector",
            "",
            90,
            "It is fine to ask the therapist about their approach and experience. I did, and they were glad I asked.",
        ),
    ],
}

PENDING = {
    "worry-time": [
        (
            "Fern",
            "",
            200,
            "Can worry time work for kids? My daughter is nine and worries at bedtime most nights.",
        ),
    ],
    "choosing-a-therapist-who-fits": [
        (
            "Best Deals Online",
            "https://deals.example.com",
            230,
            "Great article!! Visit www.deals.example.com for cheap offers every day http://deals.example.com/offers",
        ),
    ],
}

SUBSCRIBERS = [
    ("reader.one@example.com", Subscriber.Status.CONFIRMED),
    ("reader.two@example.org", Subscriber.Status.CONFIRMED),
    ("still.thinking@example.net", Subscriber.Status.PENDING),
]


def _email(name):
    local = "".join(ch for ch in name.lower() if ch.isalnum()) or "reader"
    return f"{local}@example.com"


def _published_at(article):
    """When the article appeared for readers: the shown date (the demo backdates it) at 8 a.m."""
    day = article.display_date or timezone.localdate()
    return timezone.make_aware(datetime.combine(day, time(8)))


def _ensure(article, status, entries, now):
    created = 0
    for name, website, hours, body in entries:
        existing = Comment.objects.filter(article=article, name=name, body=body)
        if existing.exists():
            # An earlier demo linked some readers' names to invented example.* websites.
            existing.filter(website__contains=".example.").exclude(website=website).update(
                website=website
            )
            continue
        created_at = min(_published_at(article) + timedelta(hours=hours), now)
        Comment.objects.create(
            article=article,
            name=name,
            email=_email(name),
            website=website,
            body=body,
            status=status,
            created_at=created_at,
            moderated_at=created_at + timedelta(hours=2) if status != "pending" else None,
        )
        created += 1
    return created


def load_comments(context):
    """Approved comments on the demo articles and a few pending ones for the moderation list;
    comments already there (same article, name and text) are left alone."""
    now = timezone.now()
    articles = {article.slug: article for article in ArticlePage.objects.all()}
    created = 0
    for status, groups in ((Comment.Status.APPROVED, APPROVED), (Comment.Status.PENDING, PENDING)):
        for slug, entries in groups.items():
            if slug in articles:
                created += _ensure(articles[slug], status, entries, now)
    context.log(
        f"{created} new comments ({Comment.objects.approved().count()} approved, "
        f"{Comment.objects.pending().count()} pending)"
    )

    for email, status in SUBSCRIBERS:
        Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": status,
                "consented_at": now,
                "confirmed_at": now if status == Subscriber.Status.CONFIRMED else None,
            },
        )
    context.log(f"{Subscriber.objects.count()} newsletter subscribers")
