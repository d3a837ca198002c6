"""Image blocks keep their alt text in Wagtail's ImageBlock (home/blocks.py FigureBlock); the
heading level is no longer searchable text. Existing alt text is carried over unchanged."""

import wagtail.fields
from django.db import migrations

from home.alt_text_migrations import move_image_alt_into_image_block


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_outgoing_email_staff"),
    ]

    operations = [
        migrations.AlterField(
            model_name="homepage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("paragraph", 0),
                    ("heading", 3),
                    ("image", 6),
                    ("quote", 9),
                    ("callout", 12),
                    ("embed", 13),
                ],
                blank=True,
                block_lookup={
                    0: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "description": "Rich text",
                            "features": [
                                "h2",
                                "h3",
                                "bold",
                                "italic",
                                "link",
                                "ol",
                                "ul",
                                "hr",
                                "document-link",
                            ],
                            "icon": "pilcrow",
                            "preview_value": "<p>Small, steady routines make a difference over weeks, not days.</p>",
                            "template": "blocks/paragraph-block.html",
                        },
                    ),
                    1: ("wagtail.blocks.CharBlock", (), {"max_length": 200}),
                    2: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("h2", "Heading 2"),
                                ("h3", "Heading 3"),
                                ("h4", "Heading 4"),
                            ],
                            "help_text": "Use Heading 2 for sections and lower levels inside them.",
                        },
                    ),
                    3: ("wagtail.blocks.StructBlock", [[("text", 1), ("level", 2)]], {}),
                    4: ("wagtail.images.blocks.ImageBlock", [], {}),
                    5: ("wagtail.blocks.CharBlock", (), {"max_length": 250, "required": False}),
                    6: ("wagtail.blocks.StructBlock", [[("image", 4), ("caption", 5)]], {}),
                    7: ("wagtail.blocks.TextBlock", (), {}),
                    8: ("wagtail.blocks.CharBlock", (), {"max_length": 200, "required": False}),
                    9: ("wagtail.blocks.StructBlock", [[("quote", 7), ("attribution", 8)]], {}),
                    10: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    11: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "ul", "ol"]},
                    ),
                    12: ("wagtail.blocks.StructBlock", [[("title", 10), ("text", 11)]], {}),
                    13: (
                        "wagtail.embeds.blocks.EmbedBlock",
                        (),
                        {
                            "description": "An embedded video or audio",
                            "help_text": "A video or audio URL, e.g. from YouTube or Vimeo.",
                            "icon": "media",
                            "template": "blocks/embed-block.html",
                        },
                    ),
                },
            ),
        ),
        migrations.AlterField(
            model_name="standardpage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("paragraph", 0),
                    ("heading", 3),
                    ("image", 6),
                    ("quote", 9),
                    ("callout", 12),
                    ("embed", 13),
                ],
                block_lookup={
                    0: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "description": "Rich text",
                            "features": [
                                "h2",
                                "h3",
                                "bold",
                                "italic",
                                "link",
                                "ol",
                                "ul",
                                "hr",
                                "document-link",
                            ],
                            "icon": "pilcrow",
                            "preview_value": "<p>Small, steady routines make a difference over weeks, not days.</p>",
                            "template": "blocks/paragraph-block.html",
                        },
                    ),
                    1: ("wagtail.blocks.CharBlock", (), {"max_length": 200}),
                    2: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("h2", "Heading 2"),
                                ("h3", "Heading 3"),
                                ("h4", "Heading 4"),
                            ],
                            "help_text": "Use Heading 2 for sections and lower levels inside them.",
                        },
                    ),
                    3: ("wagtail.blocks.StructBlock", [[("text", 1), ("level", 2)]], {}),
                    4: ("wagtail.images.blocks.ImageBlock", [], {}),
                    5: ("wagtail.blocks.CharBlock", (), {"max_length": 250, "required": False}),
                    6: ("wagtail.blocks.StructBlock", [[("image", 4), ("caption", 5)]], {}),
                    7: ("wagtail.blocks.TextBlock", (), {}),
                    8: ("wagtail.blocks.CharBlock", (), {"max_length": 200, "required": False}),
                    9: ("wagtail.blocks.StructBlock", [[("quote", 7), ("attribution", 8)]], {}),
                    10: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    11: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "ul", "ol"]},
                    ),
                    12: ("wagtail.blocks.StructBlock", [[("title", 10), ("text", 11)]], {}),
                    13: (
                        "wagtail.embeds.blocks.EmbedBlock",
                        (),
                        {
                            "description": "An embedded video or audio",
                            "help_text": "A video or audio URL, e.g. from YouTube or Vimeo.",
                            "icon": "media",
                            "template": "blocks/embed-block.html",
                        },
                    ),
                },
            ),
        ),
        *move_image_alt_into_image_block("home", "homepage"),
        *move_image_alt_into_image_block("home", "standardpage"),
    ]
