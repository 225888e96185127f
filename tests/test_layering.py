"""The architecture the folders promise: kb/smtp/ is mail knowledge without Django, and each
concept has one home."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMTP = ROOT / "kb" / "smtp"


def test_importing_the_mail_knowledge_loads_no_django():
    code = (
        "import sys, kb.smtp.codes, kb.smtp.text, kb.smtp.decoder, kb.smtp.search; "
        "sys.exit('django' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_no_module_of_the_mail_knowledge_names_django_or_the_site():
    offenders = [
        str(path.relative_to(ROOT))
        for path in SMTP.rglob("*.py")
        if re.search(r"^\s*(from|import)\s+(django|kb\.(?!smtp))", path.read_text(), re.M)
    ]
    assert offenders == []


def test_no_blanket_except_in_the_mail_knowledge():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in SMTP.rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.match(r"\s*except\s*(Exception|BaseException)?\s*(as \w+)?:", line)
    ]
    assert offenders == []


def test_only_the_code_grammar_spells_out_what_a_code_looks_like():
    spelled = re.compile(r"\[245\]\\\\?\.|\[1-5\]\[0-9\]\[0-9\]|\[2-5\]\[0-5\]")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "kb").rglob("*.py")
        if "migrations" not in path.parts
        and path != SMTP / "codes.py"
        and spelled.search(path.read_text())
    ]
    assert offenders == []


def test_no_module_of_the_site_passes_350_lines():
    long = {
        str(path.relative_to(ROOT)): count
        for path in (ROOT / "kb").rglob("*.py")
        if "migrations" not in path.parts and (count := len(path.read_text().splitlines())) > 350
    }
    assert long == {}
