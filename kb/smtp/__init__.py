"""Mail knowledge in plain Python, with no Django import (tests/test_layering.py checks it).

- ``codes``: the one grammar of SMTP codes, their classes and subjects;
- ``text``: Turkish folding, Markdown as plain text, address masking;
- ``decoder``: finds the code that caused a bounce;
- ``search``: the in-memory, Turkish-aware search index.
"""
