"""Type stubs for quotelens (the Rust extension quotelens._quotelens)."""

from typing import Iterable, List, Literal, Optional, Tuple, TypedDict

__version__: str
#: language codes accepted by ``lang`` ("en", "de")
LANGUAGES: List[str]

class Quote(TypedDict):
    """One quotation: the record of ``quotelens extract --jsonl``. Offsets are code points."""

    start: int
    """``text[start:end]`` is the quote (direct quotes include their marks)."""
    end: int
    text: str
    kind: Literal["direct", "mixed", "indirect"]
    speaker: Optional[str]
    """The most complete name the article gives; None when unattributed."""
    speaker_kind: Optional[str]
    """"person", "organisation", "unknown" (or a kind added later); None when unattributed."""
    speaker_mentions: List[List[int]]
    """``[start, end]`` of each mention of the speaker the attribution used ("she", "the firm")."""
    cue: Optional[List[int]]
    """``[start, end]`` of the speech cue ("said", "according to", ":"), if any."""
    rule: str
    """The id of the rule that attributed the quote ("trailing-cue", "indirect-verb", ...)."""
    confidence: float
    """0..1, two decimals: the rule's measured reliability, not a probability for this quote."""

class HtmlResult(TypedDict):
    text: str
    """The article's blocks (headline, paragraphs, ...) joined by blank lines."""
    quotes: List[Quote]
    """Offsets into ``text``."""

def extract(
    text: str,
    *,
    indirect: bool = True,
    min_confidence: float = 0.0,
    lang: Optional[str] = None,
) -> List[Quote]:
    """Every quotation in ``text`` (one paragraph per line) and who said it.

    ``indirect=False`` leaves out reported speech; ``min_confidence`` (0..1) drops quotes below
    it; ``lang`` ("en", "de") overrides the detected language. Raises ``ValueError`` for a bad
    option, ``TypeError`` when ``text`` is not a str.
    """

def extract_html(
    html: str,
    *,
    indirect: bool = True,
    min_confidence: float = 0.0,
    lang: Optional[str] = None,
) -> HtmlResult:
    """Every quotation in a saved web page: ``{"text": article_text, "quotes": [...]}``."""

def extract_many(
    texts: Iterable[str],
    jobs: Optional[int] = None,
    *,
    indirect: bool = True,
    min_confidence: float = 0.0,
    lang: Optional[str] = None,
) -> List[List[Quote]]:
    """``extract`` on each text, on ``jobs`` threads (default: every core), GIL released.

    Returns one list of quotes per text, in input order. Raises ``TypeError`` naming the index
    of an item that is not a str, ``ValueError`` for ``jobs < 1``.
    """
