"""The report as plain text (format "txt"): the Markdown rendering without its markup."""

from kieumau.reports.document import Report
from kieumau.reports.renderers.text import to_text

EXTENSION = "txt"
CONTENT_TYPE = "text/plain; charset=utf-8"


def render(report: Report) -> bytes:
    return to_text(report, markup=False).encode()
