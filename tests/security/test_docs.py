"""docs/security.md names real tests: each ``tests/…py::test_name`` it cites exists."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CITED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def test_every_test_named_in_the_security_page_exists():
    page = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    cited = set(CITED.findall(page))

    missing = sorted(
        f"{path}::{name}"
        for path, name in cited
        if not (REPO / path).is_file()
        or not re.search(rf"^def {name}\(", (REPO / path).read_text(encoding="utf-8"), re.M)
    )

    assert missing == []
    assert len(cited) > 80
