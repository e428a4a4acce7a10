"""A seeded synthetic corpus for the benchmark: items of every kind with prose bodies.

The same N gives the same items every time. Kinds, folders and whether a kind has pages of its own
come from the generator's schema (``macros.schema.KINDS``), so the corpus is one the generator accepts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from macros.schema import KINDS

SEED = 20261126

# A fixed word list; bodies draw from it with Zipf-like weights so common words repeat as in prose.
WORDS = """
the of and to a in that is for it as with be on not this by are or from at which you
your their they can may should must will would if when where who what how any all
information share sharing shared child children young people person family parent parents
carer carers practitioner practitioners professional professionals agency agencies
partner partners safeguarding welfare risk harm abuse neglect concern concerns safety safe
consent lawful basis law legal duty duties power powers public interest confidential
confidentiality personal data protection record records decision decisions reason reasons
judgement advice guidance policy procedure procedures local authority authorities police
health school schools education social care service services team teams meeting meetings
case cases plan plans assessment assessments referral referrals request requests response
disclosure disclose disclosed scheme schemes request requested proportionate necessary
relevant adequate accurate timely secure securely purpose purposes lawfully fairly openly
honest open early help support supporting needs need vulnerable adult adults victim victims
offender offenders court courts order orders section sections act acts regulation regulations
article articles right rights privacy private life family home correspondence balance
balancing test tests consider considered considering decide deciding document documented
explain explained explaining inform informed informing tell telling told ask asked asking
seek sought agreement agree agreed refuse refused refusal withdraw withdrawn capacity
mental age ages assessment review reviewed reviews owner owners partnership partnerships
board boards manager managers lead leads named designated officer officers nurse nurses
doctor doctors general practice teacher teachers worker workers youth offending team
housing probation prison custody court hearing evidence statement statements report reports
incident incidents emergency immediate urgent serious significant likely suffer suffering
protect protecting protection prevent preventing prevention detect detecting crime crimes
disorder community communities area areas region county council councils trust trusts
phone telephone email letter post secure portal system systems network networks access
accessed accessing store stored storing retain retained retention delete deleted breach
breaches report reporting incident notify notified notification commissioner office
principle principles rule rules golden seven eight caldicott guardian guardians
myth myths barrier barriers fact facts common mistaken belief beliefs answer answers
question questions example examples situation situations circumstance circumstances
first second third next then also however therefore because although unless until while
before after during within without between across about under over into onto through
always never often sometimes usually generally only even still already yet again
clear clearly simple simply full fully careful carefully appropriate appropriately
important necessary possible available relevant specific particular general special
new existing current previous other another each every both either neither same different
time times day days week weeks month months year years date dates period periods
work working works worked make making made take taking taken give giving given keep
keeping kept use using used help helping helped know knowing known think thinking
way ways part parts point points level levels number numbers form forms kind kinds
""".split()

TITLE_WORDS = [w for w in WORDS if len(w) > 3]
ABBREVIATION_LETTERS = "ABCDEFGHJKLMNPRSTUVWY"

# How a corpus of N items divides between kinds (macros.schema.KINDS); the remainder goes to topics.
KIND_SHARES = {
    "legislation": 0.15,
    "myth": 0.14,
    "glossary-term": 0.15,
    "principle-set": 0.04,
    "consideration": 0.06,
    "resource": 0.05,
    "disclosure-scheme": 0.03,
}
# Topics first, so their serial numbers (and the seeded ids) do not move when a share changes.
KIND_ORDER = ["topic", *KIND_SHARES]


@dataclass
class Synth:
    id: str
    kind: str
    title: str
    members: int = 0  # for principle sets: how many rules, so refs can cite #rule-N
    abbreviation: str = ""

    @property
    def folder(self) -> str:
        return KINDS[self.kind].folder

    @property
    def doc(self) -> str:
        """Its page file under docs/; "" for a kind without pages of its own (glossary terms)."""
        return f"{self.folder}/{self.id}.md" if KINDS[self.kind].own_page else ""


class Writer:
    """Seeded prose: sentences, paragraphs, headings and lists from the word list."""

    def __init__(self, rng: random.Random, items: list[Synth]) -> None:
        self.rng = rng
        self.items = items
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]
        self.abbreviations = [item.abbreviation for item in items if item.abbreviation]

    def words(self, n: int) -> list[str]:
        return self.rng.choices(WORDS, self.weights, k=n)

    def target(self) -> str:
        item = self.rng.choice(self.items)
        if item.members and self.rng.random() < 0.4:
            return f"{item.id}#rule-{self.rng.randint(1, item.members)}"
        return item.id

    def sentence(self, refs: bool = True) -> tuple[str, int]:
        n = self.rng.randint(6, 20)
        words = self.words(n)
        words[0] = words[0][0].upper() + words[0][1:]
        if self.abbreviations and self.rng.random() < 0.2:
            words[self.rng.randrange(1, n)] = self.rng.choice(self.abbreviations)
        if self.rng.random() < 0.15:
            start = self.rng.randrange(0, n - 2)
            words[start] = f"**{words[start]}"
            words[start + 1] = f"{words[start + 1]}**"
        if refs and self.rng.random() < 0.12:
            words.insert(self.rng.randrange(1, n), f"{{{{ ref('{self.target()}') }}}}")
        return " ".join(words) + ".", n

    def paragraph(self, sentences: tuple[int, int] = (2, 5)) -> tuple[str, int]:
        parts, count = [], 0
        for _ in range(self.rng.randint(*sentences)):
            text, n = self.sentence()
            parts.append(text)
            count += n
        return " ".join(parts), count

    def title(self, lo: int = 2, hi: int = 5) -> str:
        text = " ".join(self.rng.choice(TITLE_WORDS) for _ in range(self.rng.randint(lo, hi)))
        return text[0].upper() + text[1:]

    def body(self) -> str:
        goal = self.rng.randint(140, 540)  # the last block overshoots: ~150-600 words
        blocks, count = [], 0
        first, n = self.paragraph()
        blocks.append(first)
        count += n
        while count < goal:
            roll = self.rng.random()
            if roll < 0.55:
                text, n = self.paragraph()
            elif roll < 0.7:
                heading = self.title(2, 4)
                para, n = self.paragraph()
                text, n = f"## {heading}\n\n{para}", n + len(heading.split())
            elif roll < 0.88:
                lines, n = [], 0
                for _ in range(self.rng.randint(3, 6)):
                    line, k = self.sentence()
                    lines.append(f"- {line}")
                    n += k
                text = "\n".join(lines)
            else:
                lines, n = [], 0
                for number in range(1, self.rng.randint(3, 6) + 1):
                    line, k = self.sentence()
                    lines.append(f"{number}. {line}")
                    n += k
                text = "\n".join(lines)
            blocks.append(text)
            count += n
        return "\n\n".join(blocks) + "\n"


def plan_items(n: int, rng: random.Random) -> list[Synth]:
    counts = {kind: max(1, round(n * share)) for kind, share in KIND_SHARES.items()}
    counts["topic"] = max(1, n - sum(counts.values()))
    items: list[Synth] = []
    used_abbreviations: set[str] = set()
    serial = 0
    for kind in KIND_ORDER:
        for _ in range(counts[kind]):
            serial += 1
            stem = "-".join(rng.sample(TITLE_WORDS, rng.randint(2, 3)))
            item = Synth(id=f"{stem}-{serial}", kind=kind, title="")
            if kind == "principle-set":
                item.members = rng.randint(4, 10)
            if kind == "glossary-term":
                while True:
                    abbreviation = "".join(rng.choices(ABBREVIATION_LETTERS, k=rng.randint(2, 5)))
                    if abbreviation not in used_abbreviations:
                        used_abbreviations.add(abbreviation)
                        item.abbreviation = abbreviation
                        break
            items.append(item)
    return items


def item_front_matter(item: Synth, writer: Writer, rng: random.Random) -> dict[str, Any]:
    title = writer.title(3, 7)
    data: dict[str, Any] = {"kind": item.kind, "id": item.id}
    if item.kind == "legislation":
        year = rng.randint(1972, 2024)
        section = str(rng.randint(1, 250))
        data["title"] = f"The {title} Act {year}, section {section}"
        data["short_title"] = f"{title} Act {year}"
        data["sections"] = [section] + ([f"{rng.randint(1, 250)}({rng.randint(1, 9)})"] if rng.random() < 0.4 else [])
        if rng.random() < 0.15:
            data["articles"] = [str(rng.randint(1, 20))]
    elif item.kind == "myth":
        data["title"] = f"Myth: {title.lower()}"
        data["short_title"] = title
    elif item.kind == "glossary-term":
        data["title"] = title
    else:
        data["title"] = title
        if rng.random() < 0.3:
            data["short_title"] = " ".join(title.split()[:3])
    item.title = data["title"]
    summary, _ = writer.sentence(refs=False)
    data["summary"] = summary.replace("**", "")
    if rng.random() < 0.5:
        data["aliases"] = [writer.title(1, 3) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.3:
        data["keywords"] = [rng.choice(TITLE_WORDS) for _ in range(rng.randint(1, 4))]
    related = {writer.target() for _ in range(rng.randint(0, 4))}
    related.discard(item.id)
    if related:
        data["related"] = sorted(related)
    if rng.random() < 0.6:
        data["sources"] = [
            {"title": writer.title(3, 6), "url": f"https://www.example.gov.uk/{item.id}/{k}"}
            for k in range(rng.randint(1, 2))
        ]
    if rng.random() < 0.7:
        data["guidance_section"] = f"{rng.randint(1, 9)}. {writer.title(2, 4)} > {writer.title(2, 5)}"
    data["owner"] = "Synthetic Safeguarding Partnership"
    overdue = rng.random() < 0.05
    data["status"] = "reviewed"
    data["reviewed_by"] = "Synthetic reviewer"
    data["last_reviewed"] = "2024-03-01" if overdue else "2026-06-15"
    data["review_due"] = "2025-03-01" if overdue else "2027-06-15"
    if item.kind == "disclosure-scheme":
        data["commenced"] = f"{rng.randint(2008, 2020)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    elif item.kind == "principle-set":
        data["member_label"] = rng.choice(["Rule", "Principle", "Golden rule"])
        data["anchor_prefix"] = "rule"
        data["members"] = []
        for _ in range(item.members):
            text, _ = writer.paragraph((1, 3))
            data["members"].append({"name": writer.title(2, 5), "text": text})
    elif item.kind == "myth":
        answered = {writer.target() for _ in range(rng.randint(1, 3))} - {item.id}
        data["answered_by"] = sorted(answered) or [next(i.id for i in writer.items if i.id != item.id)]
    elif item.kind == "resource":
        data["links"] = [
            {"title": writer.title(3, 6), "url": f"https://www.example.org.uk/{item.id}/link-{k}"}
            for k in range(rng.randint(2, 8))
        ]
    elif item.kind == "glossary-term":
        data["abbreviation"] = item.abbreviation
    return data
