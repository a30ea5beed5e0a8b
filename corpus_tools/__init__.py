"""corpus_tools: read, clean, tokenize and analyse Russian-language news corpora.

The public functions are re-exported here (``corpus_tools.network`` is the function; its module's
other helpers, e.g. ``to_csv``, import as ``from corpus_tools.network import to_csv``). Where a
function has its module's name (``cooccurrence``, ``evaluations``, ``frequency``, ``keyness``,
``kwic``, ``network``, ``quotes``, ``tfidf``), ``help(corpus_tools.<name>)`` shows the function,
so its Notes section repeats what the module's docstring documents (measures, tables, rules);
the module itself is ``importlib.import_module("corpus_tools.<name>")``. Importing the package loads nothing heavy (the
morphological analyser is built on first use, matplotlib only when ``corpus_tools.plots`` is
used) and configures no logging.

Every table these functions return records where it came from in ``attrs["provenance"]``
(versions, options, input digest; see :mod:`corpus_tools.provenance`).
"""

import importlib

from corpus_tools import provenance as _provenance
from corpus_tools.actors import actor_table, find_actors, load_actors, save_actors
from corpus_tools.cooccurrence import collocates, cooccurrence
from corpus_tools.corpus import CorpusError, cleaning_log, input_warnings, iter_corpus, read_corpus, skipped_files
from corpus_tools.dates import timeline
from corpus_tools.evaluations import evaluation_contexts, evaluations
from corpus_tools.focus import largest_first, lump, main_actors, main_terms, top_groups
from corpus_tools.frames import frame_document_scores, frame_hits, frame_scores, hit_sentences, load_frames
from corpus_tools.frequency import frequency, terms, word_forms
from corpus_tools.keyness import keyness
from corpus_tools.kwic import kwic
from corpus_tools.language import detect_language
from corpus_tools.morphology import tag_words
from corpus_tools.names import harmonize_names
from corpus_tools.ner import find_entities
from corpus_tools.network import edges_table, ego, network, to_gexf
from corpus_tools.quotes import quotes
from corpus_tools.store import StoreError, ingest, load, read_docs, read_tokens
from corpus_tools.summary import corpus_summary, too_small
from corpus_tools.syndication import near_duplicates, syndicated_mask
from corpus_tools.tfidf import DocumentTermMatrix, analyzer, dtm, tfidf
from corpus_tools.tokens import document_text, tokenize

__all__ = [
    "actor_table",
    "CorpusError",
    "StoreError",
    "DocumentTermMatrix",
    "analyzer",
    "cleaning_log",
    "collocates",
    "cooccurrence",
    "corpus_summary",
    "detect_language",
    "document_text",
    "dtm",
    "edges_table",
    "ego",
    "evaluation_contexts",
    "evaluations",
    "find_actors",
    "find_entities",
    "frame_document_scores",
    "frame_hits",
    "frame_scores",
    "frequency",
    "harmonize_names",
    "hit_sentences",
    "ingest",
    "input_warnings",
    "iter_corpus",
    "keyness",
    "kwic",
    "largest_first",
    "load",
    "load_actors",
    "load_frames",
    "lump",
    "main_actors",
    "main_terms",
    "near_duplicates",
    "network",
    "plots",
    "quotes",
    "read_corpus",
    "read_docs",
    "read_tokens",
    "save_actors",
    "skipped_files",
    "syndicated_mask",
    "tag_words",
    "terms",
    "tfidf",
    "timeline",
    "to_gexf",
    "tokenize",
    "too_small",
    "top_groups",
    "word_forms",
]
__version__ = "0.1.0"

# the public functions that return tables record their provenance (corpus_tools.provenance)
_RECORDED = (
    "actor_table", "cleaning_log", "collocates", "cooccurrence", "corpus_summary", "document_text", "edges_table",
    "evaluation_contexts", "evaluations", "find_actors", "find_entities", "frame_document_scores", "frame_hits",
    "frame_scores", "frequency", "harmonize_names", "hit_sentences", "input_warnings", "keyness", "kwic", "load_actors", "load_frames",
    "main_actors", "main_terms", "near_duplicates", "quotes", "read_corpus", "skipped_files", "syndicated_mask", "tag_words",
    "terms", "tfidf", "timeline", "tokenize", "too_small", "word_forms",
)  # fmt: skip
for _name in _RECORDED:
    globals()[_name] = _provenance.recorded(globals()[_name])
del _name


def __getattr__(name):
    # `corpus_tools.plots` imports matplotlib, so it is loaded on first access only
    if name == "plots":
        return importlib.import_module("corpus_tools.plots")
    raise AttributeError(f"module 'corpus_tools' has no attribute {name!r}")
