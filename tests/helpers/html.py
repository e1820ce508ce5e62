"""Pages and forms parsed with the standard library, as tests look at them.

``HtmlPage`` finds elements by tag and attributes; ``form_fields`` lists what a browser
would submit from one form of a page (``tests.helpers.admin.browser_form`` posts it
back through the test client, ``tests/serving`` through real sockets).
"""

from html.parser import HTMLParser


class HtmlElement:
    """One element of a page: its tag, attributes, ancestors and all the text inside it."""

    def __init__(self, tag, attrs, ancestors):
        self.tag, self.attrs, self.ancestors = tag, attrs, ancestors
        self._text = []

    @property
    def text(self):
        return " ".join("".join(self._text).split())

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class HtmlPage:
    """A page parsed with the standard library, to look elements up by tag and attributes.

    ``page.find_all("a", class_="kicker", within=element)``; ``class_`` matches one of
    the element's classes, other attributes match exactly, ``True`` means "present".
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, response_or_html):
        content = getattr(response_or_html, "content", response_or_html)
        self.html = content.decode() if isinstance(content, bytes) else content
        self.elements, stack = [], []
        page = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                element = HtmlElement(tag, {k: v or "" for k, v in attrs}, list(stack))
                page.elements.append(element)
                if tag not in page.VOID:
                    stack.append(element)

            def handle_startendtag(self, tag, attrs):
                page.elements.append(HtmlElement(tag, {k: v or "" for k, v in attrs}, list(stack)))

            def handle_endtag(self, tag):
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i].tag == tag:
                        del stack[i:]
                        break

            def handle_data(self, data):
                for element in stack:
                    element._text.append(data)

        parser = Parser(convert_charrefs=True)
        parser.feed(self.html)
        parser.close()

    def find_all(self, tag=None, *, within=None, **attrs):
        found = []
        for element in self.elements:
            if tag and element.tag != tag:
                continue
            if within is not None and within not in element.ancestors:
                continue
            if all(self._matches(element, name, value) for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag=None, *, within=None, **attrs):
        """The one element that matches; fails the test if there are none or several."""
        found = self.find_all(tag, within=within, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}: {found}"
        return found[0]

    def meta(self, key):
        """The content of every <meta property=key> or <meta name=key>, in order."""
        return [
            element.get("content")
            for element in self.find_all("meta")
            if key in (element.get("property"), element.get("name"))
        ]

    @staticmethod
    def _matches(element, name, value):
        name = name.rstrip("_").replace("_", "-")
        if name not in element.attrs:
            return value is False
        if value is True:
            return True
        if name == "class":
            return value in element.attrs[name].split()
        return element.attrs[name] == value


class FormParser(HTMLParser):
    """The fields a browser would submit from one ``<form id=…>`` of a page."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "chosen": []}
        elif tag == "option" and self._select is not None:
            self._select.setdefault("first", attrs.get("value", ""))
            if "selected" in attrs:
                self._select["chosen"].append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            # As in a browser, the newline right after <textarea> is not part of the value.
            if not self._textarea[1] and data.startswith("\n"):
                data = data[1:]
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            chosen = select["chosen"]
            if not chosen and not select["multiple"] and "first" in select:
                chosen = [select["first"]]
            self.fields.extend([select["name"], value] for value in chosen)


def form_fields(html, form_id):
    """The ``(name, value)`` pairs a browser submits from ``<form id=form_id>``, in order."""
    parser = FormParser(form_id)
    parser.feed(html)
    parser.close()
    return [tuple(pair) for pair in parser.fields]
