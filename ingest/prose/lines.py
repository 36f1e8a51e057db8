"""The pieces prose is read in: lines (a number broken across two lines joined), sentences with the text they quote, clauses."""

from __future__ import annotations

import re

from ingest import vocabulary as vocab

# a number at the end of a line whose unit starts the next line ('…拥有量达到 10⏎件，预计…'): a line
# break inside a sentence, common in texts copied from PDF plans
_ENDS_IN_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*$")
_STARTS_WITH_UNIT = re.compile(r"^\s*(?:万|亿)?(?:件|个|家|项|%|％|元|亿元|万元|人次|个百分点)(?![\u4e00-\u9fff]{0,1}[年月日])")

# a sentence ends at 。!? (after NFKC; the original text may use ！？)
_SENTENCE = re.compile(r"[^。!?]*[。!?]?")
_SENTENCE_ORIGINAL = re.compile(r"[^。!?！？]*[。!?！？]?")


def join_split_numbers(lines: list[str], skip: set[int]) -> list[str]:
    """The line that ends in a number gets the next line appended when that one starts with the number's
    unit (the figure and its quote stay on the first line); the next line is then empty."""
    out = list(lines)
    for i in range(len(out) - 1):
        if (i + 1) in skip or (i + 2) in skip:
            continue
        if re.search(r"[\u4e00-\u9fff]", out[i]) and _ENDS_IN_NUMBER.search(out[i]) and _STARTS_WITH_UNIT.match(out[i + 1]) and not vocab.HEADING_START.match(out[i + 1].strip()):
            out[i] = out[i].rstrip() + out[i + 1].strip()
            out[i + 1] = ""
    return out


def sentences(text: str, original: str) -> list[tuple[str, str]]:
    """Each sentence of the tidied `text` with the words it quotes from the `original` line: the same span
    when tidying kept the length, else the k-th sentence of the original (split on the same stops), else the
    whole line. Empty sentences are left out."""
    exact = len(text) == len(original)  # NFKC kept the length: quote the original characters
    # tidy() only removes characters inside sentences, so the k-th sentence of the text is the
    # k-th of the original line (split on the same stops, NFKC-mapped) when the lengths differ
    originals = [m.group(0) for m in _SENTENCE_ORIGINAL.finditer(original)]
    out = []
    for k, span in enumerate(_SENTENCE.finditer(text)):
        sentence = span.group(0)
        if not sentence.strip():
            continue
        quote = original[span.start():span.end()] if exact else (
            originals[k] if len(originals) == len(_SENTENCE.findall(text)) else original)
        out.append((sentence, quote))
    return out


def split_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence: split at ',' and ';' (a ',' between digits is a thousands separator)."""
    return [c for c in re.split(r"(?<!\d),|,(?!\d)|;", sentence)]
