"""Post content → body blocks (articles/wordpress/markup.py and convert.py), case by case: what
the whole-file fixtures do not show. No database: images and embeds are stand-ins."""

from articles.wordpress.convert import ImageRef, to_blocks
from articles.wordpress.markup import resolve
from home.sanitize import clean_rich_text, plain_text

YOUTUBE = "https://www.youtube.com/watch?v=abc"


class Images:
    """Attachment 12 was imported (as image 5); nothing else was."""

    def find(self, attachment_id, src):
        if attachment_id == "12" or src.endswith("/2024/03/lake.jpg"):
            return ImageRef(pk=5, alt="A lake", title="lake")
        return None


def blocks(content, embeddable=(YOUTUBE,), reusable=None, attached=()):
    markup = resolve(content, reusable, attached)
    body = to_blocks(markup.body, Images(), lambda url: url in embeddable, {"old.example"})
    return body


def values(content, **options):
    return [(block["type"], block["value"]) for block in blocks(content, **options).blocks]


def figure(image, alt, caption=""):
    """An image block's raw value: Wagtail's ImageBlock (image, alt text) and the caption."""
    return {"image": {"image": image, "decorative": False, "alt_text": alt}, "caption": caption}


def test_blank_lines_are_paragraphs_and_inline_markup_stays():
    assert values("One <em>two</em>.\n\nThree\nfour.") == [
        ("paragraph", "<p>One <i>two</i>.</p><p>Three<br/>four.</p>")
    ]


def test_sanitising_drops_scripts_styles_handlers_and_javascript_links():
    html = (
        '<p style="color:red" onmouseover="x()">Hi <a href="javascript:alert(1)">there</a>'
        '<script>steal()</script><style>p{}</style> <a href="https://ok.example/">ok</a></p>'
        "<form><input name=q></form><p>end</p>"
    )
    assert values(html) == [
        ("paragraph", '<p>Hi there <a href="https://ok.example/">ok</a></p><p>end</p>')
    ]


def test_headings_map_to_three_levels_and_long_ones_stay_prose():
    long = "word " * 50
    assert values(f"<h1>Top</h1><h5>Deep</h5><h2>{long}</h2>") == [
        ("heading", {"text": "Top", "level": "h2"}),
        ("heading", {"text": "Deep", "level": "h4"}),
        ("paragraph", f"<p><b>{long.strip()}</b></p>"),
    ]


def test_images_by_attachment_id_or_url_and_missing_ones_left_out():
    body = blocks(
        '<p>Before <img class="wp-image-12" src="x.jpg" alt="">after</p>'
        '<img src="https://old.example/wp-content/uploads/2024/03/lake.jpg">'
        '<img src="https://elsewhere.example/hotlinked.png" alt="gone">'
    )
    assert [(b["type"], b["value"]) for b in body.blocks] == [
        ("paragraph", "<p>Before</p>"),
        ("image", figure(5, "A lake")),
        ("paragraph", "<p>after</p>"),
        ("image", figure(5, "A lake")),
    ]
    assert body.missing_images == ["https://elsewhere.example/hotlinked.png"]
    assert "<img" not in str(body.blocks)


def test_captions_old_and_new_style():
    image = '<img class="wp-image-12" src="a.jpg"'
    old = f'[caption id="attachment_12" caption="Calm water"]{image}>[/caption]'
    new = f'[caption id="attachment_12"]{image} alt="Mine"> Calm [/caption]'
    assert values(old)[0][1]["caption"] == "Calm water"
    assert values(new) == [("image", figure(5, "Mine", "Calm"))]


def test_galleries_become_images_by_id_or_by_attachment():
    assert [t for t, _ in values('[gallery ids="12,99"]')] == ["image"]
    assert [t for t, _ in values("[gallery]", attached=["12"])] == ["image"]


def test_embeds_from_shortcodes_iframes_and_bare_urls():
    iframe = '<iframe width="560" src="https://www.youtube.com/embed/abc"></iframe>'
    for content in (f"[embed]{YOUTUBE}[/embed]", f"\n{YOUTUBE}\n", iframe):
        assert values(content) == [("embed", YOUTUBE)], content


def test_an_embed_no_provider_answers_becomes_a_link():
    gutenberg = (
        '<!-- wp:embed {"url":"https://video.example/v/1"} --><figure class="wp-block-embed">'
        "https://video.example/v/1</figure><!-- /wp:embed -->"
    )
    body = blocks(gutenberg)
    assert body.blocks == [
        {
            "type": "paragraph",
            "value": '<p><a href="https://video.example/v/1">https://video.example/v/1</a></p>',
        }
    ]
    assert body.notes == [
        "an embed no provider answered for became a link: https://video.example/v/1"
    ]


def test_unknown_iframes_and_players_are_left_out_and_reported():
    body = blocks('<iframe src="https://maps.example/embed"></iframe><video src="a.mp4"></video>')
    assert body.blocks == []
    assert body.notes == [
        "an <iframe> (maps.example) was left out",
        "a <video> player was left out",
    ]


def test_tables_become_one_paragraph_per_row():
    html = "<table><tr><th>Day</th><th>Hours</th></tr><tr><td>Mon</td><td>7</td></tr></table>"
    body = blocks(html)
    assert body.blocks == [{"type": "paragraph", "value": "<p>Day · Hours</p><p>Mon · 7</p>"}]
    assert body.notes == ["a table became paragraphs (one per row)"]


def test_quotes_and_social_embeds():
    assert values("<blockquote><p>One.</p><p>Two.</p><footer>Ana</footer></blockquote>") == [
        ("quote", {"quote": "One.\n\nTwo.", "attribution": "Ana"})
    ]
    tweet = '<blockquote class="twitter-tweet"><p>Hi</p><a href="https://x.example/s/1">link</a></blockquote>'
    assert values(tweet, embeddable=("https://x.example/s/1",)) == [
        ("embed", "https://x.example/s/1")
    ]


def test_shortcodes_unknown_kept_escaped_unwrapped():
    markup = resolve("[contact-form-7 id=4] [[gallery]] [sic] [/contact-form-7]")
    assert markup.unknown_shortcodes == {"contact-form-7": 1, "sic": 1}
    assert markup.body == "[contact-form-7 id=4] [gallery] [sic] [/contact-form-7]"


def test_gutenberg_dynamic_unknown_and_reusable_blocks():
    content = (
        "<!-- wp:archives /--><!-- wp:acme/faq --><p>Q?</p><!-- /wp:acme/faq -->"
        '<!-- wp:block {"ref":7} /--><!-- wp:block {"ref":8} /-->'
    )
    markup = resolve(
        content, reusable={"7": "<!-- wp:paragraph --><p>Shared</p><!-- /wp:paragraph -->"}
    )
    assert markup.is_gutenberg
    assert markup.body == "<p>Q?</p><p>Shared</p>"
    assert markup.dropped_blocks == {"archives": 1, "block": 1}  # block 8 is not in the export
    assert markup.unsupported_blocks == {"acme/faq": 1}


def test_more_splits_the_teaser_and_keeps_the_whole_text():
    markup = resolve("Short teaser.<!--more Read on-->The rest.")
    assert markup.teaser == "Short teaser."
    assert markup.body == "Short teaser.The rest."


def test_links_to_the_old_site_become_relative():
    assert values(
        '<a href="https://old.example/2020/01/post/?x=1#top">a</a> <a href="/b/">b</a>'
    ) == [("paragraph", '<p><a href="/2020/01/post/?x=1#top">a</a> <a href="/b/">b</a></p>')]


def test_the_sanitiser_keeps_rich_text_and_plain_text():
    assert clean_rich_text('<h2 id="x">T</h2><img src=x onerror=y><hr>') == "<h2>T</h2><hr/>"
    assert plain_text("<p>Tea &amp; <b>toast</b></p><script>x</script>") == "Tea & toast"
