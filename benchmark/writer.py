"""Made-up text for generated articles: titles, summaries, bodies with cited references.

Words are drawn from the seed documents' vocabulary (``words``) with Zipf-like
weights, so frequent words are frequent, as in real text (and in real search).
"""

import itertools

from .words import ARABIC, ENGLISH


def _zipf(words, s=1.0, offset=8):
    """Cumulative weights that make frequent words frequent, as in real text."""
    return list(itertools.accumulate(1 / (rank + offset) ** s for rank in range(len(words))))


AR_WEIGHTS = _zipf(ARABIC)
EN_WEIGHTS = _zipf(ENGLISH)


class Writer:
    """Made-up but realistic text from the seed documents' vocabulary."""

    def __init__(self, rng):
        self.rng = rng

    def words(self, n, english=False):
        vocabulary, weights = (ENGLISH, EN_WEIGHTS) if english else (ARABIC, AR_WEIGHTS)
        return self.rng.choices(vocabulary, cum_weights=weights, k=n)

    def sentence(self, english=False, low=8, high=24):
        words = self.words(self.rng.randint(low, high), english)
        if english:
            words[0] = words[0].capitalize()
        if len(words) > 10 and self.rng.random() < 0.5:
            i = self.rng.randint(4, len(words) - 4)
            words[i] += "," if english else "،"
        return " ".join(words) + "."

    def title(self, english=False):
        words = self.words(self.rng.randint(5, 11), english)
        if english:
            words = [w.capitalize() for w in words]
        if self.rng.random() < 0.3:
            words[self.rng.randint(1, len(words) - 2)] += ":"
        return " ".join(words)

    def summary(self, english=False):
        return " ".join(self.sentence(english, 12, 22) for _ in range(self.rng.randint(1, 2)))

    def body(self, words, references, english=False):
        """Paragraphs, headings, a list or a quotation now and then, and every reference
        cited with ``[n]`` (in order, a few twice)."""
        rng = self.rng
        sentences = []
        total = 0
        while total < words or len(sentences) < references:
            sentence = self.sentence(english)
            sentences.append(sentence)
            total += sentence.count(" ") + 1
        citations = sorted(rng.sample(range(len(sentences)), references))
        for number, index in enumerate(citations, start=1):
            sentences[index] = sentences[index][:-1] + f"[{number}]."
        for number in rng.sample(range(1, len(citations) + 1), len(citations) // 5):
            index = rng.randrange(len(sentences))
            sentences[index] = sentences[index][:-1] + f"[{number}]."
        blocks = []
        i = 0
        while i < len(sentences):
            if blocks and rng.random() < 0.18:
                blocks.append(f"<h2>{self.title(english).rstrip(':')}</h2>")
            kind = rng.random()
            take = rng.randint(2, 5)
            chunk = sentences[i : i + take]
            i += take
            if kind < 0.06 and len(chunk) > 2:
                items = "".join(f"<li>{s}</li>" for s in chunk)
                blocks.append(f"<ol>{items}</ol>" if kind < 0.03 else f"<ul>{items}</ul>")
            elif kind < 0.09:
                blocks.append(f"<blockquote><p>{' '.join(chunk)}</p></blockquote>")
            else:
                text = " ".join(chunk)
                if rng.random() < 0.15:
                    first, _space, rest = text.partition(" ")
                    text = f"<strong>{first}</strong> {rest}"
                blocks.append(f"<p>{text}</p>")
        return "".join(blocks)
