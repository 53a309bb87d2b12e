"""A static net under the browser test: no template of ours holds inline script or style.

The browser test opens the main pages; this reads every template and static SVG in the package,
so a page the browser test does not open cannot bring inline code either.
"""

import re
from pathlib import Path

import kieumau

PACKAGE = Path(kieumau.__file__).parent
INLINE = re.compile(
    r"""style\s*=            # a style attribute
      | <style\b             # a style element
      | <script\b(?![^>]*\bsrc=)(?![^>]*type="application/json")  # a script without src
      | \son[a-z]+\s*=       # an event handler attribute
      | javascript:          # a script URL""",
    re.IGNORECASE | re.VERBOSE,
)


def _served_files() -> list[Path]:
    files = [*PACKAGE.rglob("templates/**/*.html"), *PACKAGE.rglob("static/**/*.svg")]
    return sorted(path for path in files if path.is_file())


def test_templates_and_svg_files_hold_no_inline_script_or_style():
    offending = {
        str(path.relative_to(PACKAGE)): [match.group(0) for match in INLINE.finditer(text)]
        for path in _served_files()
        if INLINE.search(text := path.read_text(encoding="utf-8"))
    }

    assert offending == {}
    assert len(_served_files()) > 50  # the glob found the templates


def test_the_pattern_finds_what_it_looks_for():
    samples = [
        '<p style="color:red">',
        "<style>p{}</style>",
        "<script>alert(1)</script>",
        '<button onclick="x()">',
        '<a href="javascript:x()">',
    ]

    assert [bool(INLINE.search(sample)) for sample in samples] == [True] * 5
    assert not INLINE.search('<script src="/static/web/app.js" defer></script>')
    assert not INLINE.search('<link rel="stylesheet" href="/static/web/site.css">')
