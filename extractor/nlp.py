"""build_nlp(lang): a blank spaCy pipeline plus our components, in a fixed order.

=====================  =====================================================================
extractor_sentences    sentence starts: after . ! ? (and closing quotes) and after line breaks
extractor_quantities   doc.spans["quantities"] (extractor.components.quantities)
extractor_claims       doc._.claims: the Claims of the text (extractor.components.assemble),
                       read against doc._.published when it is set
=====================  =====================================================================

No model weights are downloaded: ``spacy.blank(lang)`` gives the tokenizer; everything else is
our own rules. The pipeline is built once per language and cached.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE: tuple[str, ...] = ("extractor_sentences", "extractor_quantities", "extractor_claims")
_TERMINAL = frozenset({".", "!", "?", "…", "。", "！", "？"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "」"})


TEXT_KEY = "extractor.text"  # doc.user_data: the Doc's text, joined once (Doc.text re-joins)
_TABLE_KEY = "extractor.token_table"  # doc.user_data: token offsets, read once per Doc


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (every access of Doc.text builds each Token anew)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _token_table(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets of every token, read as arrays (no Token objects), once
    per Doc: the sentence component and the claim layer both need them."""
    from spacy.attrs import IDX, LENGTH

    cached: tuple[list[int], list[int]] | None = doc.user_data.get(_TABLE_KEY)
    if cached is not None:
        return cached
    if not len(doc):
        return [], []
    table = doc.to_array([IDX, LENGTH])
    found = table[:, 0].tolist(), (table[:, 0] + table[:, 1]).tolist()
    doc.user_data[_TABLE_KEY] = found
    return found


def sentence_starts(doc: Doc) -> list[bool]:
    """Which tokens start a sentence (pure: tests call it on a blank Doc).

    The first token; a token that is not whitespace and follows a line break (in the previous
    token or its trailing whitespace); the first token after a terminal token (``.`` ``!`` ``?``
    ...), closing quotes and whitespace between, unless it begins in lower case. Only line breaks
    and terminal characters are visited, each token found by bisection: most tokens are never
    looked at (a Python loop over every token took a few percent of a check)."""
    full = text_of(doc)
    begins, ends = _token_table(doc)
    n = len(begins)
    starts = [False] * n
    if not n:
        return starts
    starts[0] = True
    for m in _BREAKS.finditer(full):
        at = m.start()
        if m.group() == "\n":
            i = bisect_right(begins, at)  # the first token after the break
            if i < n and not full[begins[i] : ends[i]].isspace():
                starts[i] = True
            continue
        k = bisect_left(begins, at)
        if k == n or begins[k] != at or ends[k] != at + 1:
            continue  # part of a longer token ("3.9", "U.S.", "...")
        j = k + 1
        while j < n and _closes_or_spaces(full[begins[j] : ends[j]]):
            j += 1
        if j < n and not full[begins[j] : begins[j] + 1].islower():
            starts[j] = True
    return starts


_BREAKS = re.compile("[\n" + "".join(sorted(_TERMINAL)) + "]")


def _closes_or_spaces(token: str) -> bool:
    return token in _CLOSERS or token.isspace()


def paragraphs(doc: Doc) -> list[tuple[int, int, int]]:
    """(start char, end char, paragraph index) of each sentence; a line break starts a paragraph."""
    out: list[tuple[int, int, int]] = []
    para = 0
    full = text_of(doc)
    for sent_start, sent_end in _sentence_chars(doc):
        raw = full[sent_start:sent_end]
        text = raw.rstrip()
        if not text.strip():
            continue
        start = sent_start + (len(raw) - len(raw.lstrip()))
        if out and "\n" in full[out[-1][1] : start]:
            para += 1
        out.append((start, sent_start + len(text), para))
    return out


def _sentence_chars(doc: Doc) -> list[tuple[int, int]]:
    """(start char, end char) of each sentence, from the boundaries our component set."""
    from spacy.attrs import SENT_START

    begins, ends = _token_table(doc)
    if not begins:
        return []
    flags = doc.to_array([SENT_START]).reshape(-1).tolist()
    cuts = [i for i, f in enumerate(flags) if f == 1 or i == 0] + [len(begins)]
    return [(begins[a], ends[b - 1]) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _register() -> None:
    import numpy
    from spacy.attrs import SENT_START
    from spacy.language import Language
    from spacy.tokens import Doc

    for name in ("claims", "published"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)

    @Language.component("extractor_sentences", assigns=["token.is_sent_start"])
    def extractor_sentences(doc: Doc) -> Doc:
        """Sentence boundaries from punctuation and line breaks (headlines have no full stop)."""
        if len(doc):
            starts = numpy.array(sentence_starts(doc), dtype=bool)
            values = numpy.where(starts, 1, -1).astype("int64").view("uint64")
            doc.from_array([SENT_START], values.reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    Language.component(
        "extractor_claims",
        requires=["doc.spans", "token.is_sent_start"],
        assigns=["doc._.claims"],
        func=claims_component,
    )


def claims_component(doc: Doc) -> Doc:
    """The claims of the Doc (see extractor.components.assemble), read against doc._.published."""
    from extractor.components.assemble import assemble_claims

    quantities = [span._.quantity for span in doc.spans.get("quantities", [])]
    lang = doc.lang_ or "en"
    doc._.claims = assemble_claims(
        text_of(doc), paragraphs(doc), [q for q in quantities if q], doc._.published, lang
    )
    return doc


@lru_cache(maxsize=4)
def build_nlp(lang: str = "en") -> Language:
    """The pipeline for ``lang`` (cached: built once per process)."""
    import spacy

    import extractor.components.quantities  # noqa: F401  (registers extractor_quantities)

    _register()
    nlp = spacy.blank(lang)
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
