"""Types of the Quotemap engine's results (the extension module ``quotemap._native``)."""

from typing import Iterable, List, Optional, Tuple, TypedDict

__version__: str
ENGINE_VERSION: str

Span = Tuple[int, int]

class QuotemapError(ValueError):
    """Input the engine refuses; the message is the one the command gives."""

class Quote(TypedDict):
    start: int
    end: int
    text: str
    kind: str  # "direct", "indirect" or "mixed"
    speaker: Optional[str]
    speaker_span: Optional[Span]
    cue: Optional[str]
    cue_span: Optional[Span]
    confidence: float
    group: int
    nested: bool
    rule: str

class AnalyzedQuote(Quote):
    speaker_index: Optional[int]
    said_on: Optional[str]

class Speaker(TypedDict):
    name: str
    kind: str  # "person", "organisation" or "anonymous"
    role: Optional[str]
    affiliation: Optional[str]

class Entity(TypedDict):
    kind: str  # "person", "organisation", "country", "city" or "date"
    name: str
    detail: Optional[str]
    mentions: List[Span]

class Evidence(TypedDict):
    start: int
    end: int
    text: str

# Functional syntax: "from" is a Python keyword.
Relation = TypedDict(
    "Relation",
    {
        "kind": str,  # "affiliation", "met_with", "said_about", "cooperation" or "opposition"
        "from": int,  # index into Analysis["entities"]
        "to": int,
        "from_name": str,
        "to_name": str,
        "stance": str,  # "supportive", "critical" or "neutral"
        "place": Optional[str],
        "date": Optional[str],
        "evidence": List[Evidence],
    },
)

class Analysis(TypedDict):
    quotes: List[AnalyzedQuote]
    speakers: List[Speaker]
    entities: List[Entity]
    relations: List[Relation]

class Page(TypedDict):
    text: str
    title: Optional[str]
    author: Optional[str]
    published: Optional[str]
    site_name: Optional[str]

def extract(text: str, *, nested: bool = False) -> List[Quote]: ...
def extract_batch(texts: Iterable[str], *, nested: bool = False) -> List[List[Quote]]: ...
def analyze(text: str, published: Optional[str] = None) -> Analysis: ...
def analyze_batch(
    texts: Iterable[str], published: Optional[Iterable[Optional[str]]] = None
) -> List[Analysis]: ...
def parse_html(html: str, url: Optional[str] = None) -> Page: ...
