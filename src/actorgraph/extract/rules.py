"""The rule engine: the fact families run over a document's sentences in a fixed order.

Rule families (names appear in every claim's `rule`), one module each over `extract/base.py`:
  candidacy.*    vote shares bound to the candidate they follow, candidate cues, won/lost, advanced
  office.*       titles before a name, in apposition after it, "The X of Y, Name", "he was X in 1994-96"
  membership.*   leader/secretary/member of a party, "Party leader Name"
  endorsement.*  calls to vote, direct and passive backing, nomination, "Kremlin-backed", "Moscow favourite"
  recognition.*  "recognized by A, B and C", "A recognized X", negation, withdrawal, "occupied territory"
  turnout.*      turnout figures with over/about/partial qualifiers
Cue words live in ontology/lexicon/*.json.
"""

from __future__ import annotations

from actorgraph.extract import RuleFailure
from actorgraph.extract.base import Drafting, Family, claims
from actorgraph.extract.candidate_lists import CandidacyRules
from actorgraph.extract.context import DocumentContext
from actorgraph.extract.diplomacy import DiplomacyRules
from actorgraph.extract.endorsement import EndorsementRules
from actorgraph.extract.membership import MembershipRules
from actorgraph.extract.office_phrases import OfficeRules
from actorgraph.extract.recognition import RecognitionRules
from actorgraph.extract.secession import SecessionRules
from actorgraph.extract.turnout import TurnoutRules
from actorgraph.records import Claim

FAMILIES: tuple[type[Family], ...] = (
    CandidacyRules,
    OfficeRules,
    MembershipRules,
    EndorsementRules,
    RecognitionRules,
    SecessionRules,
    DiplomacyRules,
    TurnoutRules,
)


class RuleEngine:
    def __init__(self, context: DocumentContext, families: tuple[type[Family], ...] = FAMILIES) -> None:
        self.drafting = Drafting(context)
        self.families = [family(self.drafting) for family in families]

    def run(self) -> list[Claim]:
        sentences = len(self.drafting.ctx.sentences)
        for index in range(sentences):
            for family in self.families:
                try:
                    family.sentence(index)
                except Exception as error:
                    raise RuleFailure(family.name, index, error) from error
        for family in self.families:
            try:
                family.finish()
            except Exception as error:
                raise RuleFailure(family.name, sentences - 1, error) from error
        return claims(self.drafting)
