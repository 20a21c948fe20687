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

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE: tuple[str, ...] = ("extractor_sentences", "extractor_quantities", "extractor_claims")
_TERMINAL = frozenset({".", "!", "?", "…", "。", "！", "？"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "」"})


def sentence_starts(doc: Doc) -> list[bool]:
    """Which tokens start a sentence (pure: tests call it on a blank Doc)."""
    starts = [False] * len(doc)
    after_stop = False
    for i, tok in enumerate(doc):
        if i == 0:
            starts[i] = True
        elif tok.is_space:
            pass
        elif "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_:
            starts[i] = True
        elif after_stop and tok.text not in _CLOSERS and not tok.text[:1].islower():
            starts[i] = True
        if tok.text in _TERMINAL:
            after_stop = True
        elif tok.text not in _CLOSERS and not tok.is_space:
            after_stop = False
    return starts


def paragraphs(doc: Doc) -> list[tuple[int, int, int]]:
    """(start char, end char, paragraph index) of each sentence; a line break starts a paragraph."""
    out: list[tuple[int, int, int]] = []
    para = 0
    full = doc.text  # Doc.text joins every token: read it once
    for sent in doc.sents:
        raw = full[sent.start_char : sent.end_char]
        text = raw.rstrip()
        if not text.strip():
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        if out and "\n" in full[out[-1][1] : start]:
            para += 1
        out.append((start, sent.start_char + len(text), para))
    return out


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
        doc.text, paragraphs(doc), [q for q in quantities if q], doc._.published, lang
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
