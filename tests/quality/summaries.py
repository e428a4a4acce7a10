"""Summaries: one plain sentence, at most 25 words, easy enough to read."""

from __future__ import annotations

import re

from .text import clip, plain

MAX_SENTENCE_WORDS = 25
"""GOV.UK's style guide: sentences of 25 words at most."""

MIN_READING_EASE = 15.0
"""Lowest Flesch reading-ease score a summary may have (textstat; 100 is easiest).

GOV.UK writes for a reading age of 9, a score of about 90. Our summaries cannot
get there: they must name laws and bodies ("Unaccompanied Asylum-Seeking
Children", "the Information Commissioner's Office"), and Flesch scores those long
words as hard however plainly the rest is written. Measured on the 61 real
summaries (60 items and the decision flow, November 2026): median 50, lowest
16.8 ("Where to find the Information Commissioner's Office and practice guidance
on sharing adult safeguarding information."); a glossary line as plain as "UASC
is short for Unaccompanied Asylum-Seeking Children." scores 18.4. Two summaries
that strung legal adjectives together scored 10.6 and 11.5 and were rewritten.

So the floor is 15, a little below the plainest possible name-heavy summary: not
a target but a tripwire for legalese, which scores far lower even within 25
words. "Notwithstanding any statutory obligation of confidentiality, disclosure
is permissible where necessary or expedient for the purposes of this Act."
scores -26; "A data controller shall implement appropriate technical and
organisational measures to ensure a level of security appropriate to the risk."
scores 0.4. Scores are textstat 0.7.8's, with syllables from the CMU pronouncing
dictionary; another textstat version may score a point or two differently.
"""

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "cf.",
    "no.",
    "nos.",
    "para.",
    "paras.",
    "art.",
    "s.",
    "ss.",
    "v.",
    "vs.",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "st.",
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"\S*[A-Za-z0-9]\S*")


def sentences(text: str) -> list[str]:
    """The sentences of a plain text (a full stop after e.g., s., No. and the like does not end one)."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.end()].split()
        if before and before[-1].lower().rstrip("\"'”’)]") in _ABBREVIATIONS:
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        found.append(rest)
    return found


def word_count(text: str) -> int:
    """Words as a reader counts them: "co-operate" and "2(1)" are one word each."""
    return len(_WORD.findall(text))


def reading_ease(text: str) -> float:
    """Flesch reading-ease score of the text (textstat), higher is easier."""
    import textstat  # imported here: loading its pronouncing dictionary takes a second

    return float(textstat.flesch_reading_ease(text))


def summary_problems(text: str, *, where: str = "summary") -> list[str]:
    """A summary is one plain sentence: at most 25 words, and easy enough to read."""
    text = " ".join(text.split())
    if not text:
        return [f"{where}: the summary is empty: write one plain sentence saying what this is."]
    problems = []
    found = sentences(plain(text))
    if len(found) > 1:
        problems.append(
            f"{where}: the summary has {len(found)} sentences; a summary is one sentence. "
            "Keep the most important one and move the rest into the text."
        )
    if not re.search(r"[.!?][\"'”’)]*$", text):
        problems.append(f"{where}: the summary is one sentence, so end it with a full stop.")
    for sentence in found:
        words = word_count(sentence)
        if words > MAX_SENTENCE_WORDS:
            problems.append(
                f"{where}: a sentence has {words} words, more than {MAX_SENTENCE_WORDS} "
                f'("{clip(sentence)}"). Cut it down or split the detail out into the text.'
            )
    score = reading_ease(plain(text))
    if score < MIN_READING_EASE:
        problems.append(
            f"{where}: the summary is hard to read (Flesch reading ease {score:.0f}, lowest allowed "
            f"{MIN_READING_EASE:.0f}). Use shorter, everyday words: 'share' not 'disclose', "
            "'needed' not 'necessary', 'may' not 'is permissible'."
        )
    return problems
