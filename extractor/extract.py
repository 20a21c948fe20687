"""The entry point of the claim layer: text in, Claims out.

>>> from extractor.extract import extract_claims
>>> [(c.text, c.kind) for c in extract_claims("Exports rose 3.9% to 9.8 trillion yen in March 2025.")]
[('3.9%', 'change'), ('9.8 trillion yen', 'level')]

("rose" governs "3.9%": it becomes the change claim's direction, not a claim of its own; in
"surged to 9 trillion yen" the verb governs no percentage and is a direction claim.)
What a Claim carries is documented in :mod:`extractor.model`. Conventions of this layer:

- a claim's span covers its own words only: the figure, the direction word, the record or
  streak phrase;
- the period is the phrase bound to the figure ("349.9 billion yen *in the same month last
  year*" is a level for the month a year earlier), else the nearest period of the sentence,
  else the article's current period (a headline takes the first period of the body);
- the base of a comparison ("4.4% on July 2023", "smaller than in 2022", "from 8.9 trillion yen
  in November 2023") is not the period of the sentence; a level written with its base period
  is a claim about that period;
- a partner holds from where it is named ("exports *to China* rose ..., and imports ...") until
  a contrast ("while"), a "total" cue or the end of the sentence; the next sentence of the
  paragraph keeps it only when it points back ("exports *there*", "the region");
- an amount after "topped", "exceeded" keeps its level claim with the hedge "more than";
- a claim about a period that had not ended at publication is excluded as ``forecast``;
- **a wrong fiscal-year definition** ("the March-April fiscal period") is signalled by a claim
  whose span is the period phrase itself, kind ``level``, ``period`` = the fiscal year the
  writer meant, and ``notes`` containing ``"period.fiscal_definition: March-April"``
  (the verifier turns that note into ``wrong_period``);
- a bare year read as a fiscal year ("the 2024 trade statistics" released in April 2025) carries
  the note ``period.year_read_as_fiscal: 2024``;
- claims that are out of scope keep ``excluded`` set to the reason: ``tariff``, ``forecast``,
  ``target``, ``stock_index``, ``services``, ``other_country``, ``company`` ("Toyota's exports"),
  ``other_statistic`` (consumer prices, interest rates, "in volume terms"),
  ``commodity``, ``ranking``
  ("the largest export destination for three consecutive years"), ``unnamed_partner``
  ("other Asian economies"), ``other_currency``;
- every claim says in ``notes`` how its period, partner and metric were resolved, exactly one
  note each (the verifier stays quiet about a mismatch that may be an attribution slip):

  ``attr.period:stated``     a period phrase of the claim's own sentence (relative ones too:
                             "a year earlier") or a definition phrase;
  ``attr.period:inherited``  the article's current period, carried from another sentence (or a
                             figure repeated from an earlier sentence);
  ``attr.period:published``  nothing stated or carried: only the publication date was left,
                             which may leave ``period`` None;
  ``attr.partner:stated``    a partner or a "total" cue in the sentence, or an unmarked figure in
                             a paragraph that has not been about any partner (Japan's total);
  ``attr.partner:inherited`` carried from the previous sentence ("exports *there*", "the
                             region") or from an earlier mention of the same figure;
  ``attr.partner:default``   World only because nothing is named, although the paragraph was
                             about a partner;
  ``attr.metric:stated``     a metric word in the sentence ("exports", "purchases from abroad");
  ``attr.metric:inherited``  carried from the previous sentence (or unresolved: ``other`` with
                             ``metric.unresolved``);
- bare counts ("90-day", "I agree 0") are not claims; counts inside streak and record phrases
  are read by those phrases.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from extractor.errors import InputError
from extractor.model import Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_doc(text: str, published: dt.date | None = None, nlp: Any = None) -> Doc:
    """Run the pipeline over ``text``; the Doc holds sentences, quantities and ``doc._.claims``."""
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}")
    if published is not None and not isinstance(published, dt.date):
        raise InputError(f"published must be a date, not {type(published).__name__}")
    if nlp is None:
        from extractor.nlp import build_nlp

        nlp = build_nlp("en")
    from extractor.nlp import TEXT_KEY

    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text  # the components read it instead of re-joining the tokens
    doc._.published = published
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def claims_on(doc: Doc, published: dt.date | None) -> list[Claim]:
    """The claims of an already processed ``doc`` read against another publication date.

    Only the claim layer runs again (tokens, sentences and quantities do not depend on the date);
    when the date would not change the reference date the claims were read against (the one
    stated in the text, used when ``published`` was None), the claims are returned as they are.
    """
    from extractor.components.assemble import reference_date
    from extractor.nlp import claims_component, text_of

    if published is not None and not isinstance(published, dt.date):
        raise InputError(f"published must be a date, not {type(published).__name__}")
    lang = doc.lang_ or "en"
    text = text_of(doc)
    before = reference_date(text, doc._.published, lang)
    if reference_date(text, published, lang) == before and doc._.claims is not None:
        return list(doc._.claims)
    doc._.published = published
    return list(claims_component(doc)._.claims or [])


def extract_claims(text: str, published: dt.date | None = None, nlp: Any = None) -> list[Claim]:
    """Every claim in ``text``, sorted by start offset (see the module docstring)."""
    if not text.strip() if isinstance(text, str) else False:
        return []
    return list(extract_doc(text, published, nlp)._.claims or [])
