"""CSL-JSON items written as BibTeX, RIS and CSL-JSON files.

Unicode is kept as it is (biber, bibtexparser and every reference manager read
UTF-8); braces around titles and institutions keep BibTeX from changing their
case or splitting them into first and last names.
"""

import json
import re

BIBTEX_TYPES = {
    "report": "techreport",
    "article-journal": "article",
    "article-newspaper": "article",
    "book": "book",
    "webpage": "online",
    "document": "misc",
}
RIS_TYPES = {
    "report": "RPRT",
    "article-journal": "JOUR",
    "article-newspaper": "NEWS",
    "book": "BOOK",
    "webpage": "ELEC",
    "document": "GEN",
}
_BIBTEX_SPECIAL = re.compile(r"([&%$#_])")
_SPACE = re.compile(r"\s+")


def _one_line(value):
    return _SPACE.sub(" ", str(value)).strip()


def _bibtex_text(value):
    """A value safe inside {…}: braces made parentheses (an odd one would end the
    field), the characters TeX reads as commands escaped."""
    text = _one_line(value).replace("\\", "/").replace("{", "(").replace("}", ")")
    return _BIBTEX_SPECIAL.sub(r"\\\1", text).replace("~", r"\~{}").replace("^", r"\^{}")


def _bibtex_name(name):
    if "family" in name:
        family = _bibtex_text(name["family"])
        return f"{{{family}}}, {{{_bibtex_text(name['given'])}}}" if name.get("given") else family
    return f"{{{_bibtex_text(name.get('literal', ''))}}}"


def _date(item, key):
    parts = (item.get(key) or {}).get("date-parts") or [[]]
    return parts[0]


def _bibtex_key(item):
    year = (_date(item, "issued") or [""])[0]
    return re.sub(r"[^A-Za-z0-9-]", "", item["id"]) + (f"-{year}" if year else "")


def bibtex_entry(item):
    kind = BIBTEX_TYPES.get(item["type"], "misc")
    fields = [("title", f"{{{_bibtex_text(item.get('title', ''))}}}")]  # braced again below
    if item.get("author"):
        fields.append(("author", " and ".join(_bibtex_name(name) for name in item["author"])))
    issued = _date(item, "issued")
    if issued:
        fields.append(("year", str(issued[0])))
        if len(issued) > 1:
            fields.append(("month", str(issued[1])))
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued))))
    elif (item.get("issued") or {}).get("literal"):
        fields.append(("note", _bibtex_text(item["issued"]["literal"])))
    publisher = item.get("publisher", "")
    if publisher:
        fields.append(("institution" if kind == "techreport" else "publisher", publisher))
    mapping = [
        ("container-title", "journal" if kind == "article" else "howpublished"),
        ("publisher-place", "address"),
        ("number", "number"),
        ("collection-title", "series"),
        ("DOI", "doi"),
        ("URL", "url"),
        ("language", "language"),
        ("abstract", "abstract"),
        ("keyword", "keywords"),
    ]
    fields += [(field, item[key]) for key, field in mapping if item.get(key)]
    if item.get("note") and not any(name == "note" for name, _value in fields):
        fields.append(("note", item["note"]))
    accessed = _date(item, "accessed")
    if accessed:
        fields.append(
            ("urldate", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(accessed)))
        )
    lines = []
    for name, value in fields:
        if name in ("title", "author"):
            text = f"{{{value}}}"  # the title's own braces inside: {{…}} keeps its case
        elif name == "url":
            text = "{" + _one_line(value).replace("{", "%7B").replace("}", "%7D") + "}"
        else:
            text = f"{{{_bibtex_text(value)}}}"
        lines.append(f"  {name} = {text}")
    return f"@{kind}{{{_bibtex_key(item)},\n" + ",\n".join(lines) + "\n}\n"


def bibtex(items):
    return "\n".join(bibtex_entry(item) for item in items)


def _ris_name(name):
    if "family" in name:
        return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]
    return name.get("literal", "")


def ris_entry(item):
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN")), ("TI", item.get("title", ""))]
    lines += [("AU", _ris_name(name)) for name in item.get("author", [])]
    issued = _date(item, "issued")
    if issued:
        lines.append(("PY", str(issued[0])))
        padded = [f"{p:02d}" if i else str(p) for i, p in enumerate(issued)]
        lines.append(("DA", "/".join(padded + [""] * (3 - len(padded))) + "/"))
    mapping = [
        ("container-title", "T2"),
        ("collection-title", "T3"),
        ("publisher", "PB"),
        ("publisher-place", "CY"),
        ("number", "SN" if item["type"] == "report" else "IS"),
        ("DOI", "DO"),
        ("URL", "UR"),
        ("language", "LA"),
        ("abstract", "AB"),
        ("note", "N1"),
    ]
    lines += [(tag, item[key]) for key, tag in mapping if item.get(key)]
    accessed = _date(item, "accessed")
    if accessed:
        lines.append(("Y2", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(accessed))))
    lines += [("KW", word) for word in item.get("keyword", "").split(", ") if word]
    body = "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines if _one_line(value))
    return body + "ER  - \r\n"


def ris(items):
    return "\r\n".join(ris_entry(item) for item in items)


def csl_json(items):
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
