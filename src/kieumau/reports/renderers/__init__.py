"""The report renderers, by format: each module exposes ``EXTENSION``, ``CONTENT_TYPE`` and
``render(report: Report) -> bytes``. Modules are imported when first used, so the heavy
libraries (python-docx, WeasyPrint, openpyxl) load only for their format."""

from importlib import import_module
from types import ModuleType

RENDERERS = {
    "docx": "kieumau.reports.renderers.docx",
    "pdf": "kieumau.reports.renderers.pdf",
    "xlsx": "kieumau.reports.renderers.xlsx",
    "md": "kieumau.reports.renderers.text",
    "txt": "kieumau.reports.renderers.text_plain",
}
FORMATS = tuple(RENDERERS)
TEXT_FORMATS = ("md", "txt")


class UnknownFormat(LookupError):
    pass


def renderer(format: str) -> ModuleType:
    """The module rendering ``format``; UnknownFormat (a LookupError) for any other."""
    try:
        path = RENDERERS[format]
    except KeyError:
        raise UnknownFormat(format) from None
    return import_module(path)
