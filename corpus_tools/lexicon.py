"""Shipped analyses of frequent Russian word forms, so a cold run skips pymorphy3 for them.

``tokenize`` analyses each distinct ``(token, proper)`` key of a corpus once, and a cold run
spends most of that time inside pymorphy3 (about 30 µs per form with our rules on top). The
table ``data/lexicon.parquet`` holds, for the most frequent Cyrillic word forms of Russian, the
exact :class:`~corpus_tools.morphology.Analysis` that ``morphology.analyse`` gives: each form in
lower case, and capitalized both out of and in proper context. The forms come from the
``large_ru`` list of wordfreq 3.1.1 (Speer, *wordfreq*, doi:10.5281/zenodo.7199437; data
CC BY-SA 4.0), not from any corpus used in this project's benchmarks; the analyses are computed
by this package (``python -m corpus_tools.lexicon``).

The table is a cache with a fingerprint, not a second source of truth: it is used only while its
fingerprint equals :func:`fingerprint` (the versions of pymorphy3 and its dictionaries and the
bytes of ``morphology.py`` and ``lemma_overrides.csv``). Otherwise a warning is logged once and
every form is analysed live, so a stale table can slow a run down but never change its output;
``tests/test_lexicon.py`` fails on a stale table, and ``make lexicon`` rebuilds it from the forms
it already holds.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import os
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from corpus_tools import provenance
from corpus_tools.resources import data_path

log = logging.getLogger(__name__)

LEXICON = "lexicon.parquet"
FORMAT = 1
# a form worth shipping: Cyrillic letters, optionally hyphenated ("из-за", "кто-то")
_FORM = re.compile(r"[а-яё]+(?:-[а-яё]+)*")


def fingerprint() -> str:
    """The digest a usable table must carry: everything a per-form analysis depends on."""
    from corpus_tools import morphology

    found = []
    for name in ("pymorphy3", "pymorphy3-dicts-ru", "DAWG2"):
        try:
            found.append(version(name))
        except PackageNotFoundError:
            found.append(None)
    return provenance.digest(
        FORMAT, found, Path(morphology.__file__).read_bytes(), data_path("lemma_overrides.csv").read_bytes()
    )


class Lexicon:
    """The loaded table: :meth:`get` answers the ``(word, proper)`` keys it covers, else None.

    On disk, each form has one row for its lower-case reading; a capitalized form («Песков»)
    has a row of its own only where its reading differs, out of proper context (``proper``
    False) or in it (True); otherwise it reads as the lower-case form, in proper context as out
    of it. This keeps the table at about one row per form (a few 10k exceptions), which is what
    loading costs.
    """

    def __init__(self, table):
        def values(name):
            column = table.column(name).combine_chunks()
            return column.indices.to_numpy().tolist(), column.dictionary.to_pylist()

        words = table.column("word").to_numpy(zero_copy_only=False)
        propers = table.column("proper").to_numpy(zero_copy_only=False)
        self._lemmas = table.column("lemma").to_numpy(zero_copy_only=False).tolist()
        self._pos, self._pos_names = values("pos")
        self._upos, self._upos_names = values("upos")
        self._tags, self._tag_names = values("tag")
        self._forms = {}  # lower-case form -> row of its reading
        self._capital = ({}, {})  # lower-case form -> row of its capitalized reading, out of / in proper context
        for proper in (False, True):
            rows = np.flatnonzero(propers == proper)
            for word, row in zip(words[rows].tolist(), rows.tolist()):
                if word[:1].isupper():
                    self._capital[proper][word[:1].lower() + word[1:]] = row
                elif not proper:
                    self._forms[word] = row

    def __len__(self) -> int:
        return len(self._forms)

    def get(self, word: str, proper: bool):
        """The shipped analysis of ``word`` in (or out of) proper context, or None."""
        return self.get_many([(word, proper)])[0]

    def get_many(self, keys) -> list:
        """:meth:`get` of every ``(word, proper)`` key."""
        from corpus_tools.morphology import Analysis

        forms, capital_plain, capital_proper = self._forms, self._capital[False], self._capital[True]
        lemmas, pos, pos_names, upos, upos_names, tags, tag_names = (
            self._lemmas, self._pos, self._pos_names, self._upos, self._upos_names, self._tags, self._tag_names
        )
        found = []
        for word, proper in keys:
            first = word[:1]
            if first.isupper():
                form = first.lower() + word[1:]
                row = forms.get(form)
                if row is not None and first + form[1:] != word:
                    row = None  # "ЕЩЁ", "МИДа": only "Ещё" is covered
                elif row is not None:
                    row = capital_plain.get(form, row)
                    if proper:
                        row = capital_proper.get(form, row)
            else:
                row = None if proper else forms.get(word)  # proper context is for capitalized words
            found.append(None if row is None else Analysis(lemmas[row], pos_names[pos[row]], upos_names[upos[row]], tag_names[tags[row]]))
        return found


_LOADED: Lexicon | None | bool = False  # False: not tried yet; None: missing or stale


def lexicon() -> Lexicon | None:
    """The shipped table if it is present and current, else None (read once per process).

    ``CORPUS_TOOLS_LEXICON=0`` switches it off, e.g. to time the live path.
    """
    global _LOADED
    if _LOADED is False:
        _LOADED = None
        if os.environ.get("CORPUS_TOOLS_LEXICON", "1") != "0":
            _LOADED = _load()
    return _LOADED


def forget() -> None:
    """Drop the loaded table; the next :func:`lexicon` call checks the fingerprint again."""
    global _LOADED
    _LOADED = False


def _load() -> Lexicon | None:
    import pyarrow.parquet as pq

    try:
        path = data_path(LEXICON)
    except FileNotFoundError:
        log.info("no %s: every word form is analysed by pymorphy3", LEXICON)
        return None
    stored = (pq.read_schema(path).metadata or {}).get(b"fingerprint", b"").decode()
    if stored != fingerprint():
        log.warning(
            "%s was built for another pymorphy3, dictionary or morphology.py (fingerprint %s, now %s); "
            "it is ignored and every form is analysed live (same results, slower). Rebuild it with `make lexicon`.",
            path, stored or "none", fingerprint(),
        )
        return None
    return Lexicon(pq.read_table(path, read_dictionary=["pos", "upos", "tag"]))


def keys_of(forms) -> list[tuple[str, bool]]:
    """The keys the table holds for lower-case ``forms``: each as it is, and capitalized out of
    and in proper context.

    >>> keys_of(["песков"])
    [('песков', False), ('Песков', False), ('Песков', True)]
    """
    keys = []
    for form in forms:
        capital = form[:1].upper() + form[1:]
        keys += [(form, False), (capital, False), (capital, True)]
    return keys


def build(forms, out: Path) -> int:
    """Analyse ``forms`` live and write the table to ``out`` atomically; return its rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus_tools import morphology

    forms = sorted({form for form in forms if _FORM.fullmatch(form)})
    keys = keys_of(forms)
    analyses = morphology.analyse_many(keys, yo="keep", lexicon=False)
    rows = []
    for start in range(0, len(keys), 3):
        lower, capital, proper = analyses[start : start + 3]
        rows.append((keys[start], lower))
        if capital != lower:
            rows.append((keys[start + 1], capital))
        if proper != capital:
            rows.append((keys[start + 2], proper))
    table = pa.table(
        {
            "word": pa.array([word for (word, _), _ in rows], pa.string()),
            "proper": pa.array([proper for (_, proper), _ in rows], pa.bool_()),
            "lemma": pa.array([a.lemma for _, a in rows], pa.string()),
            "pos": pa.array([a.pos for _, a in rows], pa.string()).dictionary_encode(),
            "upos": pa.array([a.upos for _, a in rows], pa.string()).dictionary_encode(),
            "tag": pa.array([a.tag for _, a in rows], pa.string()).dictionary_encode(),
        }
    ).replace_schema_metadata({"fingerprint": fingerprint(), "forms": str(len(forms))})
    tmp = out.with_name(out.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd", compression_level=19)
    os.replace(tmp, out)
    return len(table)


def shipped_forms() -> list[str]:
    """The lower-case forms of the shipped table (stale or not), to rebuild it from."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(data_path(LEXICON), columns=["word", "proper"])
    words = table.filter(pc.invert(table.column("proper"))).column("word").to_pylist()
    return [word for word in words if not word[:1].isupper()]


def wordfreq_forms(path: Path, limit: int) -> list[str]:
    """The first ``limit`` entries of a wordfreq ``large_ru.msgpack.gz`` that are Cyrillic forms."""
    import msgpack

    buckets = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)[1:]
    ranked = [word for bucket in buckets for word in bucket][:limit]
    return [word for word in ranked if _FORM.fullmatch(word)]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Rebuild data/lexicon.parquet (analyses of frequent forms).")
    parser.add_argument("--wordfreq", type=Path, help="take the forms from this wordfreq large_ru.msgpack.gz (needs msgpack)")
    parser.add_argument("--limit", type=int, default=300_000, help="entries of the wordfreq list to consider")
    parser.add_argument("--out", type=Path, help="where to write (default: the shipped table)")
    args = parser.parse_args(argv)
    forms = wordfreq_forms(args.wordfreq, args.limit) if args.wordfreq else shipped_forms()
    out = args.out or (data_path("lemma_overrides.csv").parent / LEXICON)
    rows = build(forms, out)
    print(f"{out}: {rows:,} rows for {len(set(forms)):,} forms, fingerprint {fingerprint()}")


if __name__ == "__main__":
    main()
