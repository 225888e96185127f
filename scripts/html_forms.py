"""The fields a browser would submit from a page's forms, for the scripts and tests that
drive the site over HTTP as a browser would (scripts/loadtest.py, tests/test_two_servers.py).

Submit buttons and unchecked boxes are left out; a checked box without a value sends "on";
a select sends its selected options, or its first one; a textarea drops the newline right
after its start tag, as the HTML parser of a browser does."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    id: str
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.textarea: str | None = None
        self.text = ""
        self.select: tuple[str, bool] | None = None
        self.options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.form = Form(attributes.get("id") or "", attributes.get("action") or "")
            self.forms.append(self.form)
            return
        name = attributes.get("name")
        if self.form is None or not (name or tag == "option"):
            return
        if tag == "input":
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            value = attributes.get("value") or ("on" if kind == "checkbox" else "")
            self.form.fields.append((name, value))
        elif tag == "textarea":
            self.textarea, self.text = name, ""
        elif tag == "select":
            self.select, self.options = (name, "multiple" in attributes), []
        elif tag == "option" and self.select:
            self.options.append((attributes.get("value", ""), "selected" in attributes))

    def handle_endtag(self, tag) -> None:
        if self.form is None:
            return
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea:
            newline = "\r\n" if self.text.startswith("\r\n") else "\n"
            self.form.fields.append((self.textarea, self.text.removeprefix(newline)))
            self.textarea = None
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.form.fields += [(name, value) for value in chosen]
            self.select = None

    def handle_data(self, data) -> None:
        if self.textarea:
            self.text += data


def forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def form_fields(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    """The fields of the form with this id, or of every form on the page."""
    return [f for form in forms(html) if form_id in (None, form.id) for f in form.fields]


def form_with_field(html: str, name: str) -> Form:
    """The first form that has a field of this name."""
    return next(form for form in forms(html) if any(field[0] == name for field in form.fields))
