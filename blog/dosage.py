"""How long, how often and on which sides, read from an exercise's words as she writes them:
"hold for one minute", "1 min", "each side", "repeat 8-10 times", "3 x 10", "2 sets of 10".

What is read is listed in `parsed`; words that look like a dosage but cannot be read
("hold for a few breaths", "1-2 minutes", "3 times a day") are listed in `flagged` and
leave their field empty: nothing is guessed.
"""

import re
from dataclasses import dataclass, field

UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {
    **{word: n for n, word in enumerate(UNITS, 1)},
    **{word: n for n, word in enumerate(TEENS, 10)},
    **{word: n for n, word in zip(range(20, 100, 10), TENS, strict=True)},
}
NUMBER_WORD = rf"(?:(?:{'|'.join(TENS)})(?:-(?:{'|'.join(UNITS)}))?|{'|'.join(TEENS + UNITS)})"
# Atomic, so "twenty-five" is one number and never the range "twenty" to "five".
NUMBER = rf"(?>\d+(?:\.\d+)?|{NUMBER_WORD}\b)"
RANGE = r"\s*(?:-|–|to|or)\s*"
MINUTE = r"(?:minutes?|mins?\b\.?)"
SECOND = r"(?:seconds?|secs?\b\.?|(?<=\d)s\b)"
UNIT = rf"(?:{MINUTE}|{SECOND})"
TIMES = r"(?:times|reps\b|repetitions?|x\b(?!\s*\d))"
SIDES = (
    r"(?:on\s+)?(?:(?:each|per|either)\s+(?:side|leg|arm|foot|hip)|both\s+sides"
    r"|(?:on\s+)?the\s+other\s+side|switch(?:ing)?\s+sides|(?:left|right)\s+and\s+(?:left|right))\b"
)
# A count per day or week is how often to practise, not a dosage the sequence can hold.
FREQUENCY = r"(?=\s*(?:a|per|each|every)\s+(?:day|week|morning|evening|night)\b|\s*daily\b)"
HOLD = (
    r"(?:(?:hold|holding|stay|remain)\s+"
    r"(?:(?:it|this|that|there|here|the\s+(?:stretch|pose|position))\s+)?)"
)
LEAD = r"(?:for\s+)?(?:about\s+|around\s+|at\s+least\s+|up\s+to\s+)?"
# Something else's length: a rest between rounds has no field here.
PAUSE = r"(?:rest|pause|wait|break|between)\s+(?:for\s+)?"

READ = [
    ("pause", re.compile(rf"\b{PAUSE}{NUMBER}\s*{UNIT}", re.I)),
    (
        "frequency",
        re.compile(rf"\b{NUMBER}(?:{RANGE}{NUMBER})?\s*(?:{TIMES}|{UNIT}){FREQUENCY}", re.I),
    ),
    ("hold_range", re.compile(rf"\b{HOLD}?{LEAD}{NUMBER}{RANGE}{NUMBER}\s*{UNIT}", re.I)),
    ("half", re.compile(rf"\b(?:{HOLD}(?:for\s+)?|for\s+)(?:about\s+)?half\s+a\s+minute\b", re.I)),
    (
        "a_unit",
        re.compile(
            rf"\b(?:{HOLD}{LEAD}|for\s+(?:about\s+)?)an?\s+({UNIT})(\s+and\s+a\s+half)?", re.I
        ),
    ),
    ("hold", re.compile(rf"\b{HOLD}?{LEAD}({NUMBER})(\s+and\s+a\s+half)?[\s-]*({UNIT})", re.I)),
    (
        "sets",
        re.compile(
            rf"\b(\d+)\s*[x×]\s*(\d+)(?:\s*[-–]\s*(\d+))?(?:\s*(?:times|reps|repetitions))?\b"
            rf"|\b({NUMBER})\s+(?:sets|rounds)(?:\s+of\s+({NUMBER})(?:{RANGE}({NUMBER}))?"
            rf"(?:\s*(?:times|reps|repetitions))?)?\b",
            re.I,
        ),
    ),
    (
        "times",
        re.compile(
            rf"\b(?:repeat\s+(?:this\s+|it\s+)?)?({NUMBER})(?:{RANGE}({NUMBER}))?\s*{TIMES}"
            rf"|\brepeat\s+(?:this\s+|it\s+)?({NUMBER})(?:{RANGE}({NUMBER}))?\b"
            rf"|\b({NUMBER})(?:{RANGE}({NUMBER}))?(?=\s+{SIDES})|\btwice\b",
            re.I,
        ),
    ),
    ("sides", re.compile(SIDES, re.I)),
]
UNREAD = re.compile(
    rf"\b{HOLD}(?:for\s+|as\s+long\s+as\b|until\b)[^.;:!?\x00]*"
    rf"|\b(?:a\s+few|a\s+couple(?:\s+of)?|several|some|many|multiple|a\s+number\s+of)\s+"
    rf"(?:more\s+)?(?:times|reps|repetitions|sets|rounds|minutes|seconds|breaths)\b"
    rf"|\bas\s+many\s+(?:times|reps|repetitions)\b[^.;:!?\x00]*"
    rf"|\b{NUMBER}(?:{RANGE}{NUMBER})?\s*(?:breaths?|{TIMES}|{UNIT}|sets|rounds)\b",
    re.I,
)
FIELDS = ("hold_seconds", "each_side", "sets", "repetitions", "repetitions_max")


@dataclass
class Dosage:
    hold_seconds: int | None = None
    each_side: bool | None = None
    sets: int | None = None
    repetitions: int | None = None
    repetitions_max: int | None = None
    parsed: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where its words are

    def values(self):
        return {name: getattr(self, name) for name in FIELDS}

    def is_blank(self):
        """Nothing read from the words and nothing flagged in them."""
        return not self.flagged and all(value is None for value in self.values().values())


def number(text):
    text = text.casefold()
    if text in ("a", "an"):
        return 1
    if text in WORD_VALUES:
        return WORD_VALUES[text]
    if "-" in text:
        tens, _, units = text.partition("-")
        return WORD_VALUES[tens] + WORD_VALUES[units]
    return float(text) if "." in text else int(text)


def whole(text):
    return "." not in text


def seconds(amount, unit):
    value = amount * (60 if unit.casefold().startswith("m") else 1)
    return int(value) if value == int(value) else None


def read(text):
    """The dosage in `text` (plain words)."""
    dosage = Dosage()
    found = {}  # field -> [(value, words)]
    masked = text

    def take(match, note=None, **values):
        nonlocal masked
        words = " ".join(match.group(0).split())
        start, end = match.span()
        masked = masked[:start] + "\x00" * (end - start) + masked[end:]
        dosage.spans.append((start, end))
        if note is not None:
            dosage.flagged.append(f"{words} ({note})" if note else words)
            return
        for name, value in values.items():
            found.setdefault(name, []).append((value, words, start))

    for kind, pattern in READ:
        for match in list(pattern.finditer(masked)):
            if "\x00" in match.group(0):
                continue
            groups = match.groups()
            if kind == "pause":
                take(match, "a rest, not a hold")
            elif kind == "frequency":
                take(match, "how often in a day or week, not a dosage")
            elif kind == "hold_range":
                take(match, "a range of holds: which one?")
            elif kind == "half":
                take(match, hold_seconds=30)
            elif kind == "a_unit":
                unit, half = groups
                take(match, hold_seconds=seconds(1.5 if half else 1, unit))
            elif kind == "hold":
                amount, half, unit = groups
                value = seconds(number(amount) + (0.5 if half else 0), unit)
                if value:
                    take(match, hold_seconds=value)
                else:
                    take(match, "not a whole number of seconds")
            elif kind == "sets":
                sets, reps, top = groups[:3] if groups[0] else groups[3:]
                if not all(whole(n) for n in (sets, reps, top) if n):
                    take(match, "not a whole number")
                    continue
                values = {"sets": int(number(sets))}
                if reps:
                    values.update(repetitions=int(number(reps)))
                    values.update(repetitions_max=int(number(top)) if top else None)
                take(match, **values)
            elif kind == "times":
                low, high = next(
                    ((groups[n], groups[n + 1]) for n in (0, 2, 4) if groups[n]), ("2", None)
                )
                if whole(low) and (high is None or whole(high)):
                    take(
                        match,
                        repetitions=int(number(low)),
                        repetitions_max=int(number(high)) if high else None,
                    )
                else:
                    take(match, "not a whole number")
            else:
                take(match, each_side=True)
    for match in UNREAD.finditer(masked):
        if match.group(0).strip("\x00 "):
            take(match, "")
    settle(dosage, found)
    dosage.spans.sort()
    return dosage


def settle(dosage, found):
    """Each field from what was read: one value, or two that disagree flagged and left out."""
    for name in FIELDS:
        readings = found.get(name, [])
        values = {value for value, _, _ in readings if value is not None}
        if len(values) > 1:
            words = "; ".join(dict.fromkeys(words for _, words, _ in readings))
            dosage.flagged.append(f"{words} (they disagree)")
            continue
        if values:
            setattr(dosage, name, values.pop())
    high, low = dosage.repetitions_max, dosage.repetitions
    if high is not None and (low is None or high <= low):
        dosage.repetitions_max = None
    described = {}  # (where, words) -> the fields they gave
    for name in FIELDS:
        for _, words, start in found.get(name, []):
            if getattr(dosage, name) is not None:
                described.setdefault((start, words), set()).add(name)
    for (_, words), names in sorted(described.items()):
        result = describe(names, dosage)
        dosage.parsed.append(words if words.casefold() == result else f"{words} -> {result}")


def describe(names, dosage):
    """What some words gave, as the parsed list says it: "60 s", "3 sets of 8-10"."""
    parts = []
    if "hold_seconds" in names:
        parts.append(f"{dosage.hold_seconds} s")
    count = dosage.repetitions
    if dosage.repetitions_max:
        count = f"{count}-{dosage.repetitions_max}"
    if "sets" in names:
        parts.append(
            f"{dosage.sets} sets of {count}" if "repetitions" in names else f"{dosage.sets} sets"
        )
    elif "repetitions" in names:
        parts.append(f"{count} times")
    if "each_side" in names:
        parts.append("each side")
    return ", ".join(parts)
