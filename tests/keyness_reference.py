"""The keyness implementation before the vectorised one-vs-rest pass (one comparison at a time
over a dense term × group table), kept as the reference the tests compare with."""

from __future__ import annotations

import numpy as np
import pandas as pd

from corpus_tools.frequency import as_terms
from corpus_tools.keyness import KEYNESS_COLUMNS, _empty, benjamini_hochberg, contingency_statistics
from corpus_tools.summary import attach


def reference_keyness(tokens, *, by="source", target=None, reference=None, docs=None, unit="lemma", negative=False, chi2=False):
    table = attach(as_terms(tokens, unit=unit), by, docs)
    term_codes, terms = pd.factorize(table["term"])
    group_codes, groups = pd.factorize(table[by].astype(str) if not isinstance(table[by].dtype, pd.CategoricalDtype) else table[by])
    keep = (term_codes >= 0) & (group_codes >= 0)
    flat = np.bincount(term_codes[keep].astype(np.int64) * len(groups) + group_codes[keep], minlength=len(terms) * len(groups))
    counts = pd.DataFrame(
        flat.reshape(len(terms), len(groups)),
        index=pd.Index(np.asarray(terms.astype(str) if hasattr(terms, "astype") else terms, dtype=object), name="term"),
        columns=pd.Index(np.asarray(groups.astype(str), dtype=object), name=by),
    )
    counts = counts.T.groupby(level=0).sum().T if counts.columns.duplicated().any() else counts
    counts = counts.sort_index(axis=0).sort_index(axis=1)
    names = set(counts.columns)
    if docs is not None and by in docs.columns:
        names |= set(docs[by].dropna().astype(str))
    names = sorted(names)
    refs = None
    if reference is not None:
        refs = [str(reference)] if isinstance(reference, str) else [str(r) for r in reference]
    counts = counts.reindex(columns=names, fill_value=0)
    targets = [str(target)] if target is not None else names
    parts, sizes = [], {}
    for t in targets:
        ref = [g for g in (refs or names) if g != t]
        sizes[t] = (int(counts[t].sum()), int(counts[ref].to_numpy().sum()))
        if 0 in sizes[t]:
            continue
        col = counts[t]
        r = counts[ref].sum(axis=1)
        part = pd.DataFrame({"n_target": col, "n_reference": r}).fillna(0).astype("int64")
        c, d = int(part["n_target"].sum()), int(part["n_reference"].sum())
        part = part[(part["n_target"] > 0) | (negative & (part["n_reference"] > 0))]
        if part.empty:
            continue
        s = contingency_statistics(part["n_target"].to_numpy(), part["n_reference"].to_numpy(), c, d, chi2=chi2)
        out = part.reset_index().rename(columns={"index": "term"})
        for name, values in s.items():
            out[name] = values
        out["p_adj"] = benjamini_hochberg(out["p"].to_numpy())
        out.insert(0, "group", t)
        parts.append(out)
    columns = KEYNESS_COLUMNS + (["chi2"] if chi2 else [])
    if not parts:
        result = _empty(chi2)
    else:
        result = pd.concat(parts, ignore_index=True)
        result["_under"] = result["log_ratio"] <= 0
        result["_effect"] = result["log_ratio"].abs()
        result = result.sort_values(
            ["group", "_under", "g2", "_effect", "term"], ascending=[True, True, False, False, True], kind="mergesort"
        )
        result = result[columns].reset_index(drop=True)
    result.attrs["sizes"] = sizes
    return result
