"""Whether a number is a relative change (同比增长X%, 下降X%, 提高X个百分点, 是…的N倍): value_kind change, never a level."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.vocabulary import CHANGE_COMPARISONS, CHANGE_LINKS, CHANGE_NOUNS_AFTER, CHANGE_VERBS, RATE_LINKS, RATE_NOUNS, any_of

# '同比增长', '较2015年分别增长了', '增幅达': the words before a change's number
CHANGE_BEFORE = re.compile(
    r"(?:" + any_of(CHANGE_COMPARISONS) + r")?(?:分别|均)?"
    r"(?:" + any_of(CHANGE_VERBS) + r")(?:" + any_of(CHANGE_LINKS) + r")?$")

# '30%的增速': the change named after its number
CHANGE_AFTER = re.compile(r"^的?(" + any_of(CHANGE_NOUNS_AFTER) + ")")

# '是2015年的2.5倍', '增长了1.5倍': a multiple is a change only after these
TIMES_BEFORE = re.compile(r"(?:是|为)[^,;。]{0,12}的$|增长$|增长了$")

# the comparison and change verb at the end of a change's label ('有效注册商标数量比2015年增长了'), cut to
# find the indicator it is about
_CHANGE_TAIL = re.compile(CHANGE_BEFORE.pattern)

# a rate indicator stated as a level ('年均增长率达到15%', '增长率为27%') is typed by its time like the same
# indicator in a table; only a change stated with a verb ('同比增长X%', '增幅X%') is value_kind change
RATE_LEVEL = re.compile(r"(?:" + any_of(RATE_NOUNS) + r")(?:" + any_of(RATE_LINKS) + r")$")


@dataclass(frozen=True)
class ChangeCue:
    """The words that make a number a change."""

    verb: str        # as they join the change's label ('同比增长', '是…的', '增速')
    width: int       # characters they take right before the number (0: after it, or a multiple's 是…的)
    with_verb: bool  # a change verb before the number ('增长率达到'), which may instead name a rate's level


def change_cue(before: str, after: str, unit: str | None) -> ChangeCue | None:
    """The change words around the number between `before` and `after`, if any."""
    if m := CHANGE_BEFORE.search(before.rstrip()):
        return ChangeCue(m.group(0), len(m.group(0)), True)
    if unit == "倍" and (m := TIMES_BEFORE.search(before)):
        return ChangeCue(m.group(0), 0, False)
    if m := CHANGE_AFTER.match(after):
        return ChangeCue(m.group(1), 0, False)
    return None


def is_rate_level(cue: ChangeCue, before: str) -> bool:
    """'平均增长率达到17.5%': the change words name a rate indicator whose level this is."""
    return cue.with_verb and RATE_LEVEL.search(before.rstrip()) is not None


def strip_change(label: str) -> str:
    """A change's label without its comparison and verb: the indicator it is about."""
    return _CHANGE_TAIL.sub("", label)
