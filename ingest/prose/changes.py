"""Relative changes (同比增长X%, 下降X%, 提高X个百分点, 是…的N倍): recognised as value_kind change, never as levels."""

from __future__ import annotations

import re


_CHANGE_BEFORE = re.compile(
    r"(?:同比|环比|较上年同期|较上年|比上年|比去年底|较去年底|较去年同期|较去年|较上一年度|比上一年度|"
    r"较\d{4}年(?:底|末)?|比\d{4}年(?:底|末)?|较“?十[一二三四五六]五”?末)?(?:分别|均)?"
    r"(?:增长|增加|提高|提升|上升|下降|减少|降低|增幅|增速|增长率|下降率|降幅|(?<=同比|环比)[增降])(?:了|为|达到了|达到|达|约|近|超过|均超|均为)?$")

_CHANGE_AFTER = re.compile(r"^的?(增速|增幅|增长率)")

_TIMES_BEFORE = re.compile(r"(?:是|为)[^,;。]{0,12}的$|增长$|增长了$")

_CHANGE_TAIL = re.compile(_CHANGE_BEFORE.pattern)

# a rate indicator stated as a level ('年均增长率达到15%', '增长率为27%') is typed by its time like the same
# indicator in a table; only a change stated with a verb ('同比增长X%', '增幅X%') is value_kind change
_RATE_LEVEL = re.compile(r"(?:增长率|下降率|(?:年均|平均)(?:增幅|增速|降幅))(?:为|达到了|达到|达|超过|均超|均为)$")
