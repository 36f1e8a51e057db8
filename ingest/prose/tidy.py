"""Running text made readable before any sentence is decided: pinyin ruby, stray spaces of PDF exports, a '.' used as a full stop."""

from __future__ import annotations

import re

# pinyin ruby: after a Chinese character, or anywhere when it carries a tone mark ('P(guān)CT')
_RUBY = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]+\)"
                   r"|\((?=[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜń])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]+\)")

_STOP_AS_DOT = re.compile(r"(?<=[\u3400-\u9fff%])\.(?=[\u3400-\u9fff]|\d{4}年)")
_SPACE = re.compile(r"\s")
_SPACE_IN_QUANTITY = re.compile(r"(?<=\d)\s+(?=[万亿年月日件个家项%元人分笔倍])")
_SPACE_IN_WORDS = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff\d])|(?<=[\u3400-\u9fff\d%])\s+(?=[\u3400-\u9fff])")


def drop_ruby(text: str) -> str:
    """Pinyin ruby dropped ('紹興(xīng)市' -> '紹興市'), lines kept: what titles and place names are read from."""
    return _RUBY.sub("", text) if "(" in text else text


def tidy(text: str) -> str:
    """Drop pinyin ruby '发(fā)' and the spaces PDF exports put between numbers, units and years
    ('129820 件', '2018 年', '较 上年')."""
    s = _RUBY.sub("", text) if "(" in text else text
    if "." in s:
        s = _STOP_AS_DOT.sub("。", s)
    if not _SPACE.search(s):
        return s
    s = _SPACE_IN_QUANTITY.sub("", s)
    return _SPACE_IN_WORDS.sub("", s)
