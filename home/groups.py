"""The names of the site's user groups, in one place (Django groups are found by name).

Each app grants its own permissions to them: articles/publishing.py (Writers, Editors),
articles/moderation.py (Moderators, Editors), therapists/access.py (Therapists, and Editors as
the directory's staff). Migrations keep the literal names they were written with, as history.
An administrator may rename a group; the set-up code then leaves the renamed group alone.
"""

# Write articles and submit them for review; upload to their own image collection.
WRITERS = "Writers"
# Publish articles, moderate comments, verify therapists' licenses and approve profiles.
EDITORS = "Editors"
# Moderate readers' comments and nothing else (Wagtail creates the group; we narrow it).
MODERATORS = "Moderators"
# Listed therapists: each edits their own profile and sees their own messages.
THERAPISTS = "Therapists"
# Credentialed clinicians who approve the "Clinical review" step of the article workflow; each
# needs a Clinical reviewer record (articles) saying who they are and what license they hold.
CLINICAL_REVIEWERS = "Clinical reviewers"
