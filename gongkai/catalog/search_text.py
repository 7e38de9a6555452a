"""How an item's text is cut into search tokens: jieba words, character bigrams and characters.

jieba (rjieba, search mode) gives words, which rank whole-word matches; but a word that a query
contains can sit across jieba's boundaries in a document (力保 in 有力保障, 金发 in 资金发放), so every
text is also indexed as overlapping character bigrams. A query term of two or more characters
matches a document exactly when its bigrams occur at consecutive positions there (a phrase of
bigrams): that is substring matching, whatever the segmentation. One-character terms match the
characters. Whitespace separates runs; no bigram spans it, and in a bigram field a run boundary
is marked by a separator token, so that no phrase matches across it.
"""

from __future__ import annotations

from gongkai.lib.segment import normalise, search_tokens

# A token of its own between runs: never a bigram (one character) and never typed (a control character).
RUN_BREAK = "\x1f"
MAX_WORD = 64  # longer "words" (a URL, a long number) are left to the bigrams


def one_line(text: str) -> str:
    return " ".join(normalise(text).split())


def entry_text(title_line: str, extra_line: str, body: str) -> str:
    """The normalised text an entry keeps: title line, keywords-and-summary line, then the body."""
    return f"{one_line(title_line)}\n{one_line(extra_line)}\n{normalise(body)}"


def split_entry_text(text: str) -> tuple[str, str]:
    """(title part, rest) of an entry's text."""
    title, _, rest = text.partition("\n")
    return title, rest


def bigrams(text: str) -> list[str]:
    """Every two consecutive characters of each whitespace-free run, in order."""
    out: list[str] = []
    for run in text.split():
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def bigram_field(text: str) -> str:
    """Bigrams joined by spaces, with RUN_BREAK between runs, for a whitespace-tokenised field."""
    runs = []
    for run in text.split():
        if len(run) > 1:
            runs.append(" ".join(run[i : i + 2] for i in range(len(run) - 1)))
    return f" {RUN_BREAK} ".join(runs)


def char_field(text: str) -> str:
    return " ".join("".join(text.split()))


def word_field(text: str) -> str:
    return " ".join(w for w in search_tokens(text) if len(w) <= MAX_WORD and " " not in w)


def database_tokens(text: str, *, repeat_limit: int = 20_000) -> str:
    """Tokens for the database engine's full-text column: jieba words, then bigrams. Bigrams repeat
    as they occur in the first ``repeat_limit`` of them and are listed once after that, which keeps
    a very long body within PostgreSQL's tsvector size."""
    grams = bigrams(text)
    head = grams[:repeat_limit]
    seen = set(head)
    tail = [g for g in dict.fromkeys(grams[repeat_limit:]) if g not in seen]
    return " ".join([word_field(text), *head, *tail]).strip()
