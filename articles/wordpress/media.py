"""WordPress attachments → Wagtail images in the "Imported" collection.

A file is taken from `--media-dir` at the attachment's `_wp_attached_file` path (relative to
wp-content/uploads, e.g. 2019/03/lake.jpg), else at the path after /uploads/ in its URL. Files
that are not there, are not images Wagtail takes, or that Pillow cannot read are reported as
missing, and posts leave those images out. Content finds images by their attachment id
(`wp-image-12`) or by URL, sizes (`-300x200`) and `-scaled` stripped.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.utils import get_allowed_image_extensions
from wagtail.models import Collection

from home.sanitize import plain_text

from .convert import ImageRef
from .ledger import digest

COLLECTION = "Imported"
SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated|e\d{10,})(?=\.[A-Za-z0-9]+$)")
TITLE_MAX, DESCRIPTION_MAX = 255, 255


def upload_key(url):
    """The part of an upload's URL or path that names the file, the same for every size."""
    path = unquote(urlparse(url.strip()).path)
    if "/uploads/" in path:
        path = path.split("/uploads/", 1)[1]
    path = path.lstrip("/").lower()
    for _ in range(3):
        path = SIZE_SUFFIX.sub("", path)
    return path


def imported_collection():
    collection = Collection.objects.filter(name=COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION)
    return collection


class Images:
    def __init__(self, run):
        self.run = run
        self.media_dir = Path(run.media_dir) if run.media_dir else None
        self.refs = {}  # attachment id -> ImageRef
        self.urls = {}  # attachment id -> old URL (for the upload redirects)
        self.by_key = {}  # upload_key -> attachment id
        self.missing = {}  # attachment id -> why
        self.stored_files = []  # written to storage: deleted if the run fails
        self.extensions = {extension.lower() for extension in get_allowed_image_extensions()}
        self.collection = None
        self.signature = ""

    def load(self, attachments):
        for wp_id, item in attachments.items():
            attached = item.meta.get("_wp_attached_file", "")
            for url in (item.attachment_url, attached, item.guid):
                if url:
                    self.by_key.setdefault(upload_key(url), wp_id)
            self.ensure(wp_id, item, attached)
        # Which images the posts can use: a post is converted again when this changes.
        self.signature = digest(
            sorted((wp_id, ref.pk, ref.alt) for wp_id, ref in self.refs.items())
        )

    def find(self, attachment_id, src):
        wp_id = attachment_id if attachment_id in self.refs else None
        if wp_id is None and src:
            wp_id = self.by_key.get(upload_key(src))
        return self.refs.get(wp_id) if wp_id else None

    def why_missing(self, src_or_id):
        """Why an image a post uses is not there, for the report."""
        wp_id = src_or_id.removeprefix("attachment ")
        wp_id = wp_id if wp_id in self.missing else self.by_key.get(upload_key(src_or_id))
        if wp_id in self.missing:
            return f"attachment {wp_id}: {self.missing[wp_id]}"
        return "not an attachment in this export"

    def ensure(self, wp_id, item, attached):
        name = attached or urlparse(item.attachment_url).path.split("/uploads/", 1)[-1]
        title = " ".join(plain_text(item.title).split())[:TITLE_MAX] or Path(name).stem
        alt = " ".join(plain_text(item.meta.get("_wp_attachment_image_alt", "")).split())
        alt = alt[:DESCRIPTION_MAX]
        extension = Path(name).suffix.lower().lstrip(".")
        label = f"attachment {wp_id} ({name or 'no file name'})"
        if extension not in self.extensions:
            self.run.report.skip(label, "not an image (only images are imported)")
            self.run.report.count("Images", "not an image", "skipped")
            return
        item_digest = digest({"title": title, "alt": alt, "file": name})
        entry = self.run.ledger.get("attachment", wp_id)
        Image = get_image_model()
        image = Image.objects.filter(pk=entry.object_id).first() if entry else None
        if image is not None:
            if entry.digest != item_digest:
                image.title, image.description = title, alt
                image.save(update_fields=["title", "description"])
                self.run.written[type(image)].add(image.pk)
                self.run.report.count("Images", "", "updated")
            else:
                self.run.report.count("Images", "", "unchanged")
        else:
            image = self.create(wp_id, label, name, title, alt)
            if image is None:
                return
        self.run.ledger.record("attachment", wp_id, image.pk, item_digest)
        self.refs[wp_id] = ImageRef(pk=image.pk, alt=alt, title=title)
        self.urls[wp_id] = (item.attachment_url, image)

    def locate(self, name):
        if self.media_dir is None:
            return None
        root = self.media_dir.resolve()
        for candidate in {name, unquote(name)}:
            path = (root / candidate.lstrip("/")).resolve()
            # Only files inside --media-dir, whatever "../" a hostile export contains.
            if path.is_relative_to(root) and path.is_file():
                return path
        return None

    def create(self, wp_id, label, name, title, alt):
        path = self.locate(name) if name else None
        if path is None:
            why = "no --media-dir given" if self.media_dir is None else "file not in --media-dir"
            self.missing[wp_id] = why
            self.run.report.missing(label, why)
            self.run.report.count("Images", "", "missing")
            return None
        try:
            with PILImage.open(path) as picture:
                picture.verify()
                width, height = picture.size
        except Exception:  # Pillow raises many kinds for a damaged or disguised file
            self.missing[wp_id] = "not a readable image"
            self.run.report.missing(label, "not a readable image")
            self.run.report.count("Images", "", "unreadable")
            return None
        if self.collection is None:
            self.collection = imported_collection()
        fields = {"title": title, "description": alt, "collection": self.collection}
        Image = get_image_model()
        if self.run.dry_run:
            # Nothing is written: the row (rolled back) names the file without copying it.
            image = Image(
                file=f"original_images/{path.name}",
                width=width,
                height=height,
                file_size=path.stat().st_size,
                **fields,
            )
            image.save()
        else:
            with path.open("rb") as handle:
                image = Image(file=ImageFile(handle, name=path.name), **fields)
                image._set_image_file_metadata()
                image.save()
            self.stored_files.append(image.file.name)
        self.run.written[type(image)].add(image.pk)
        self.run.report.count("Images", "", "imported")
        return image

    def delete_stored_files(self):
        """After a failed run: the rows are rolled back, the copied files must go too."""
        storage = get_image_model()._meta.get_field("file").storage
        for name in self.stored_files:
            storage.delete(name)
        self.stored_files = []
