"""Right / wrong / missing per metadata field when read_corpus guesses from plain text, on real corpora.

Usage (from the project root)::

    .venv/bin/python benchmarks/metadata_guess.py [--examples 5]

Each corpus is read with ``metadata=False`` (no sidecar), so every value comes from the text (or,
for the ``+folder`` run, from the folder layout) and is compared with the true metadata kept
beside it in ``../shared/data/corpora`` (see its README):

- ``ru_news_mix``: the 2,000-document sample, ``sample/raw/<platform>/<outlet>/<YYYY-MM>/*.txt``,
  truth ``sample/metadata.csv`` (Telegram and VK posts have no title: any guessed one is wrong);
  read twice, as plain text and with ``source_from="folder"``;
- ``tgcontest``: the 34 naive HTML-to-text dumps ``messy/tgcontest_html/*.dump.txt``, truth the
  page title from ``messy/manifest_extras.csv``, the outlet (``site=``) from the same file and the
  date from the page's ``article:published_time``;
- ``bsnlp``: ``messy/bsnlp_web_boilerplate/*.txt`` (a 5-line metadata header inside the text),
  truth ``bsnlp_web_boilerplate/manifest.csv``;
- ``ria``: ``messy/ria_html_in_text/*.txt`` (lower-cased HTML bodies with a dateline «москва,
  1 дек — риа новости.»), truth the title from ``manifest_extras.csv`` and the outlet РИА Новости.

Per corpus and field: ``right`` (the value found equals the truth), ``wrong`` (a value found that
differs, or one found where the truth has none), ``missing`` (nothing found, a truth exists),
``none`` (nothing found and nothing to find). Titles are compared lowercased with ё as е,
punctuation and spacing ignored; outlets likewise after transliteration, a permalink domain
matching its name (``eadaily.com`` ~ EADaily); dates by calendar day (within 14 hours when the
truth has a time, for time zones). ``--examples N`` prints N wrong values per field.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

import corpus_tools as ct

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared/data/corpora"
FIELDS = ("title", "source", "date")
_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f h ts ch sh sch _ y _ e yu ya".split(),
    )
)


def _squash(text: str) -> str:
    text = str(text).lower().replace("ё", "е").replace("+", "plus")
    text = "".join(_LATIN.get(ch, ch) for ch in text).replace("_", "")
    return re.sub(r"[^0-9a-z]", "", text)


def _title_key(text) -> str:
    return re.sub(r"[^0-9a-zа-я]+", " ", str(text).lower().replace("ё", "е")).strip()


def same_source(found: str, truth: str) -> bool:
    keys = {_squash(found)}
    if "." in found:  # a domain: its name without the top-level domain also counts
        keys.add(_squash(found.rsplit(".", 1)[0].split(".")[-1]))
    return bool(keys & {_squash(truth), _squash(truth.split(".")[0])})


def same_date(found: pd.Timestamp, truth: str) -> bool:
    stamp = pd.Timestamp(truth)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(None)
    if len(truth) <= 10:
        return found.normalize() == stamp
    return abs(found - stamp) <= pd.Timedelta(hours=14)


def _read(path: Path, **options) -> pd.DataFrame:
    try:
        return ct.read_corpus(path, metadata=False, **options)
    except TypeError as err:  # an option this version does not have
        print(f"  ({path.name}: {err})")
        return None


def _found(docs: pd.DataFrame, field: str, doc_id: str):
    row = docs.loc[doc_id]
    if row[f"{field}_from"] == "missing":
        return None
    return row[field]


def score(name: str, docs: pd.DataFrame, truth: pd.DataFrame, examples: int) -> list[dict]:
    """Compare ``docs`` (indexed by doc_id) with ``truth`` (doc_id index, columns of FIELDS)."""
    rows = []
    for field in FIELDS:
        if field not in truth.columns:
            continue
        counts = dict.fromkeys(("right", "wrong", "missing", "none"), 0)
        wrong = []
        for doc_id, true in truth[field].items():
            found = _found(docs, field, doc_id)
            true = None if pd.isna(true) or str(true).strip() == "" else str(true)
            if found is None or (isinstance(found, float) and pd.isna(found)):
                counts["missing" if true is not None else "none"] += 1
                continue
            if true is None:
                ok = False
            elif field == "title":
                ok = _title_key(found) == _title_key(true)
            elif field == "source":
                ok = same_source(str(found), true)
            else:
                ok = same_date(pd.Timestamp(found), true)
            counts["right" if ok else "wrong"] += 1
            if not ok:
                wrong.append((doc_id, found, true, docs.loc[doc_id, f"{field}_from"]))
        rows.append({"corpus": name, "field": field, **counts})
        for doc_id, found, true, origin in wrong[:examples]:
            print(f"  wrong {name} {field} [{origin}] {doc_id}: {str(found)[:70]!r} (true: {str(true)[:50]!r})")
    return rows


def ru_news_mix() -> tuple[Path, pd.DataFrame]:
    sample = CORPORA / "ru_news_mix/sample"
    truth = pd.read_csv(sample / "metadata.csv", dtype=str, keep_default_na=False)
    return sample / "raw", truth.set_index("doc_id")[list(FIELDS)]


def tgcontest() -> tuple[Path, pd.DataFrame]:
    folder = CORPORA / "messy/tgcontest_html"
    extras = pd.read_csv(CORPORA / "messy/manifest_extras.csv", dtype=str, keep_default_na=False)
    rows = []
    for file, title in zip(extras.file, extras.title):
        if not file.endswith(".dump.txt"):
            continue
        page = file.removesuffix(".dump.txt") + ".html"
        kind = extras.loc[extras.file == page, "kind"].iloc[0]
        site = re.search(r"site=([^,]+)", kind).group(1).strip()
        html = (CORPORA / "messy" / page).read_text(encoding="utf-8", errors="replace")
        m = re.search(r'article:published_time"\s+content="([^"]+)"', html)
        rows.append({"doc_id": Path(file).name.removesuffix(".txt"), "title": title, "source": site, "date": m.group(1) if m else ""})
    return folder, pd.DataFrame(rows).set_index("doc_id")


def bsnlp() -> tuple[Path, pd.DataFrame]:
    folder = CORPORA / "messy/bsnlp_web_boilerplate"
    truth = pd.read_csv(folder / "manifest.csv", dtype=str, keep_default_na=False)
    truth["doc_id"] = truth.file.str.removesuffix(".txt")
    return folder, truth.set_index("doc_id")[list(FIELDS)]


def ria() -> tuple[Path, pd.DataFrame]:
    folder = CORPORA / "messy/ria_html_in_text"
    extras = pd.read_csv(CORPORA / "messy/manifest_extras.csv", dtype=str, keep_default_na=False)
    extras = extras[extras.file.str.startswith("ria_html_in_text/")]
    truth = pd.DataFrame({"doc_id": extras.file.map(lambda f: Path(f).stem), "title": extras.title, "source": "РИА Новости"})
    return folder, truth.set_index("doc_id")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5, help="wrong values printed per field")
    args = parser.parse_args(argv)
    rows = []
    runs = [("ru_news_mix", ru_news_mix, {}), ("ru_news_mix+folder", ru_news_mix, {"source_from": "folder"}),
            ("tgcontest", tgcontest, {}), ("bsnlp", bsnlp, {}), ("ria", ria, {})]  # fmt: skip
    for name, load, options in runs:
        folder, truth = load()
        docs = _read(folder, **options)
        if docs is None:
            continue
        rows += score(name, docs.set_index("doc_id"), truth, args.examples)
    table = pd.DataFrame(rows)
    print()
    print(table.to_string(index=False))
    print("\nall corpora, read as plain text (the +folder run left out):")
    plain = table[table.corpus != "ru_news_mix+folder"]
    print(plain.groupby("field", sort=False)[["right", "wrong", "missing", "none"]].sum().to_string())


if __name__ == "__main__":
    sys.exit(main())
