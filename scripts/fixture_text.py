"""Print the Turkish prose of fixtures/codes.json for a spell-checker (`make spellcheck`).

Run from the project root as `python -m scripts.fixture_text`. Inline code, links and
quoted English server text are left out; example server responses are English and not
printed at all.
"""

import json
import re
import sys
from pathlib import Path

from kb.smtp.text import markdown_to_text

FIELDS = ("title", "meaning", "retry_note", "remedy_customer", "remedy_admin")


def prose(text: str) -> str:
    text = re.sub(r"`[^`]*`", " ", text)  # commands and DNS records are not Turkish
    text = re.sub(r"https?://\S+", " ", markdown_to_text(text))
    return re.sub(r'"[^"]*"', " ", text)  # quoted server text


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures/codes.json")
    for entry in json.loads(path.read_text(encoding="utf-8")):
        for field in FIELDS:
            print(prose(entry[field]))


if __name__ == "__main__":
    main()
