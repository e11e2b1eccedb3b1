"""quotelens: who said what in news articles.

Finds every quotation in an article -- direct, mixed and indirect (reported) speech -- and
resolves who said it ("the company said" -> "Kaspersky Lab"). The engine is Rust; it runs with
the GIL released, and ``extract_many`` uses every core.

Offsets are Unicode code points, as Python indexes a ``str``: ``text[q["start"]:q["end"]]``
is the quote. Every quote dict has the fields of ``quotelens extract --jsonl``::

    >>> import quotelens
    >>> [q["speaker"] for q in quotelens.extract('"We are ready," said Mayor Ana Silva.')]
    ['Ana Silva']
"""

from ._quotelens import LANGUAGES, __version__, extract, extract_html, extract_many

__all__ = ["extract", "extract_html", "extract_many", "LANGUAGES", "__version__"]
