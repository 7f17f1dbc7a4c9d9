"""Provenance links between articles: duplicates, near-copies, translations, rewrites, shared
quotes and shared templates, each a typed `newsdesk.types.Link` with its evidence.

Phases (map → group → reduce) are plain functions over plain data so that the same code runs
locally (`link_corpus`, `LinkIndex`) and on Spark:

    duplicate / near-copy  map     fingerprints.fingerprint(ids, texts) -> Fingerprints
                           group   near_copies.duplicate_groups, candidate_edges (band keys),
                                   candidate_groups (connected components)
                           reduce  near_copies.score_group (exact Jaccard per component)
    same-template          map     templates.template_lines(text, title)
                           group   templates.shared_template_pairs (by normalised line)
    shares-quotes          map     quotes.extract_quotes(text)
                           group   quotes.shared_quote_pairs (by 8-word runs),
                                   quotes.paraphrase_candidates (by rare quote words)
                           reduce  quotes.lexical_matches / semantic_matches (embeddings)
    translation-of         map     candidates.cheap_features(text)
                           group   candidates.candidate_pairs (by rare names/numbers/stems)
                           reduce  translations.embed_sentences + alignment.align per pair
    rewrite-of             map     candidates.cheap_features (names/numbers), rewrites.sentence_stems
                           group   candidates.candidate_pairs (same language too; cross-language
                                   pairs are the translation candidates), rewrites.lexical_coverage
                           reduce  rewrites.measure + is_rewrite on the same embeddings;
                                   rewrites.is_faithful_translation keeps translations apart
    direction              direction.orient(a, b) on every edge

`link_documents` runs them all on one machine (the fingerprint map phase in `workers`
processes); `LinkIndex` runs them for new documents against stored ones.
"""

from newsdesk.link.corpus import LinkResult, link_corpus, link_documents
from newsdesk.link.docs import LinkDoc
from newsdesk.link.index import LinkIndex

__all__ = ["LinkDoc", "LinkIndex", "LinkResult", "link_corpus", "link_documents"]
