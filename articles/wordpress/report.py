"""The import's report: counts per kind and status, then every item that needs a person's eye."""

from collections import Counter, defaultdict

LIST_LIMIT = 100
SECTIONS = ["Authors", "Topics", "Tags", "Images", "Articles", "Pages", "Comments", "Redirects"]
# Statuses in the order the report lists them (WordPress's, then the comments').
STATUS_ORDER = """publish future private pending draft trash auto-draft approved spam rejected
pingbacks trackbacks""".split()


def _duration(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def _status_order(status):
    return (
        (STATUS_ORDER.index(status), "") if status in STATUS_ORDER else (len(STATUS_ORDER), status)
    )


class Report:
    def __init__(self, source="", dry_run=False):
        self.source = source
        self.dry_run = dry_run
        self.counts = defaultdict(Counter)  # section -> {(status, outcome): n}
        self.formats = Counter()
        self.shortcodes = Counter()
        self.shortcode_items = defaultdict(list)
        self.unsupported_blocks = Counter()
        self.dropped_blocks = Counter()
        self.skipped = []
        self.missing_media = []
        self.notes = []
        self.timings = []  # (phase, seconds)

    def count(self, section, status, outcome="", number=1):
        if number:
            self.counts[section][status, outcome] += number

    def total(self, section, outcome=None):
        return sum(n for (_, done), n in self.counts[section].items() if outcome in (None, done))

    def skip(self, label, reason):
        self.skipped.append(f"{label}: {reason}")

    def missing(self, label, what):
        self.missing_media.append(f"{label}: {what}")

    def note(self, label, message):
        self.notes.append(f"{label}: {message}")

    def content(self, label, markup):
        """What markup.resolve() found in one item's content."""
        self.formats["Gutenberg blocks" if markup.is_gutenberg else "classic HTML"] += 1
        for name, number in markup.unknown_shortcodes.items():
            self.shortcodes[name] += number
            if len(self.shortcode_items[name]) < 5:
                self.shortcode_items[name].append(label)
        self.unsupported_blocks.update(markup.unsupported_blocks)
        self.dropped_blocks.update(markup.dropped_blocks)

    # Rendering

    def _section(self, name):
        by_status = defaultdict(Counter)
        for (status, outcome), number in self.counts[name].items():
            by_status[status][outcome] += number
        parts = []
        for status, outcomes in sorted(by_status.items(), key=lambda pair: _status_order(pair[0])):
            total = sum(outcomes.values())
            detail = ", ".join(f"{n:,} {outcome}" for outcome, n in outcomes.items() if outcome)
            label = f"{status} {total:,}" if status else f"{total:,}"
            parts.append(f"{label} ({detail})" if detail else label)
        return f"{name}: " + ("; ".join(parts) if parts else "nothing this run")

    @staticmethod
    def _listing(title, lines):
        if not lines:
            return []
        out = [f"{title} ({len(lines):,}):"]
        out += [f"  {line}" for line in lines[:LIST_LIMIT]]
        if len(lines) > LIST_LIMIT:
            out.append(f"  … and {len(lines) - LIST_LIMIT:,} more")
        return out

    def render(self):
        heading = f"WordPress import from {self.source or 'an unnamed site'}"
        if self.dry_run:
            heading += " (dry run: nothing was saved)"
        lines = [heading, ""]
        lines += [self._section(name) for name in SECTIONS]
        if self.formats:
            formats = ", ".join(f"{n:,} {name}" for name, n in self.formats.most_common())
            lines.append(f"Content formats: {formats}")
        if self.timings:
            total = sum(seconds for _, seconds in self.timings)
            phases = ", ".join(f"{phase} {_duration(s)}" for phase, s in self.timings)
            lines.append(f"Time: {_duration(total)} ({phases})")
        lines.append("")
        shortcodes = [
            f"[{name}] ×{n:,} (in {', '.join(self.shortcode_items[name])}"
            + (" …)" if n > len(self.shortcode_items[name]) else ")")
            for name, n in self.shortcodes.most_common()
        ]
        lines += self._listing("Unknown shortcodes, kept as plain text", shortcodes)
        lines += self._listing(
            "Blocks of other plugins, converted from their saved HTML",
            [f"{name} ×{n:,}" for name, n in self.unsupported_blocks.most_common()],
        )
        lines += self._listing(
            "Dynamic blocks left out (WordPress drew them; nothing was saved in the post)",
            [f"{name} ×{n:,}" for name, n in self.dropped_blocks.most_common()],
        )
        lines += self._listing("Skipped", self.skipped)
        lines += self._listing("Missing media (left out)", self.missing_media)
        lines += self._listing("Notes", self.notes)
        return "\n".join(lines).rstrip() + "\n"
