"""Which unit should handle a new ticket, learned from past dispatches.

A multinomial naive Bayes over the words of past tickets' matters (segmented with jieba), one
class per lead unit. It is small, fast to retrain, and explainable: the words that weighed most
for the suggestion are shown to the operator.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache

from gongkai.hotline.models import Ticket
from gongkai.lib.segment import words

STOP = {
    "的",
    "了",
    "和",
    "是",
    "在",
    "我",
    "有",
    "要求",
    "反映",
    "希望",
    "问题",
    "请",
    "市民",
    "来电",
    "咨询",
    "情况",
}


def _features(text: str) -> list[str]:
    return [w for w in words(text) if len(w) > 1 and w not in STOP]


@dataclass
class Suggestion:
    organisation_id: int
    score: float  # posterior probability among the units considered
    reasons: list[str]  # the words that counted most


class Model:
    def __init__(self, docs: list[tuple[int, str]]):
        self.class_docs: Counter = Counter()
        self.word_counts: dict[int, Counter] = defaultdict(Counter)
        for org_id, text in docs:
            self.class_docs[org_id] += 1
            self.word_counts[org_id].update(_features(text))
        self.vocab = {w for c in self.word_counts.values() for w in c}
        self.totals = {org: sum(c.values()) for org, c in self.word_counts.items()}
        self.n_docs = sum(self.class_docs.values())

    def suggest(self, text: str, top: int = 3) -> list[Suggestion]:
        feats = [w for w in _features(text) if w in self.vocab]
        if not self.n_docs or not feats:
            return []
        v = len(self.vocab)
        logp: dict[int, float] = {}
        contrib: dict[int, dict[str, float]] = {}
        for org, ndocs in self.class_docs.items():
            counts, total = self.word_counts[org], self.totals[org]
            lp = math.log(ndocs / self.n_docs)
            per_word: dict[str, float] = {}
            for w in feats:
                p = (counts[w] + 1) / (total + v)
                lp += math.log(p)
                per_word[w] = per_word.get(w, 0.0) + math.log(p * v)  # above 0: typical of this unit
            logp[org], contrib[org] = lp, per_word
        best = max(logp.values())
        norm = sum(math.exp(x - best) for x in logp.values())
        ranked = sorted(logp, key=logp.get, reverse=True)[:top]
        return [
            Suggestion(
                organisation_id=org,
                score=math.exp(logp[org] - best) / norm,
                reasons=[w for w, s in sorted(contrib[org].items(), key=lambda kv: -kv[1]) if s > 0][:5],
            )
            for org in ranked
        ]


def model_for(district_id: int, *, limit: int = 20000) -> Model:
    """Trained on the district's recent dispatched tickets; cached for ten minutes."""
    key = f"hotline:suggest:{district_id}"
    model = cache.get(key)
    if model is None:
        docs = list(
            Ticket.objects.filter(district_id=district_id, lead__isnull=False)
            .order_by("-received_at")
            .values_list("lead_id", "matter")[:limit]
        )
        model = Model(docs)
        cache.set(key, model, 600)
    return model


def suggest(district_id: int, text: str) -> list[Suggestion]:
    return model_for(district_id).suggest(text)
