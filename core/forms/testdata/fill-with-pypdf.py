"""Fills a PDF form's fields with pypdf (Debian: python3-pypdf), as a PDF tool other than the app would.

Usage: fill-with-pypdf.py IN.pdf OUT.pdf VALUES.json
VALUES.json maps field names to values: text as typed, a choice's printed option, "/Yes" or "/Off"
for a check box. A field name missing from the form is an error (the test must not pass by filling
nothing).
"""
import json
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

src, dst, values_file = sys.argv[1:4]
with open(values_file, encoding="utf-8") as f:
    values = json.load(f)

reader = PdfReader(src)
writer = PdfWriter()
writer.clone_reader_document_root(reader)

found = set()
texts = {k: v for k, v in values.items() if not v.startswith("/")}
for page in writer.pages:
    # Text and choice fields through pypdf's own form filling.
    writer.update_page_form_field_values(page, texts)
    for ref in page.get("/Annots", []) or []:
        annot = ref.get_object()
        field = annot if "/T" in annot else annot.get("/Parent", annot).get_object()
        name = field.get("/T")
        if name not in values:
            continue
        found.add(name)
        value = values[name]
        if field.get("/FT") == "/Btn":
            # A check box: the field's value and the widget's appearance state are both names.
            field[NameObject("/V")] = NameObject(value)
            annot[NameObject("/AS")] = NameObject(value)
        elif field.get("/V") != value:
            sys.exit("pypdf did not set " + name)

missing = set(values) - found
if missing:
    sys.exit("no such fields in the form: " + ", ".join(sorted(missing)))
writer.set_need_appearances_writer()
with open(dst, "wb") as f:
    writer.write(f)
