"""Which characters of a rendered conversation carry loss: the assistant turns only. Pure, stdlib only.

`render(messages, add_generation_prompt)` is the model's chat template (tools already bound). A trained
turn i spans from the end of render(messages[:i], add_generation_prompt=True) (the prompt, ending with
the assistant header) to the end of render(messages[:i+1]) (the turn with its end-of-turn token): the
model learns what it writes and when to stop, never the prompt, the user or the tool results.
Some templates render earlier turns differently from later ones (Qwen3 drops old reasoning), so a
prefix is not always a prefix of the whole; those conversations are split into one sample per trained
turn, each rendered up to that turn, which trains exactly the same tokens the model will generate.
"""
from .prepare import trained_turns


class TemplateMismatch(ValueError):
    """The template renders a conversation in a way the masking cannot follow."""


def build_samples(example, render, train_on="assistant"):
    """-> [{"text", "spans"}]; spans are (start, end) character ranges that carry loss, None for all text."""
    messages = example["messages"]
    turns = trained_turns(example, train_on)
    full = render(messages, False)
    if turns is None:
        return [{"text": full, "spans": None}]
    if not turns:
        return []
    spans = []
    for i in turns:
        before, through = _turn(messages, i, render)
        if not (through.startswith(before) and full.startswith(through)):
            return [_alone(messages, i, render) for i in turns]
        spans.append((len(before), len(through)))
    return [{"text": full, "spans": spans}]


def _turn(messages, i, render):
    return (render(messages[:i], True) if i else ""), render(messages[: i + 1], False)


def _alone(messages, i, render):
    before, through = _turn(messages, i, render)
    if not through.startswith(before):
        raise TemplateMismatch(
            "the chat template renders message %d differently with and without the generation prompt "
            "(prompt ends %r, turn starts %r)" % (i, before[-40:], through[max(0, len(before) - 40):len(before)])
        )
    return {"text": through, "spans": [(len(before), len(through))]}


def mask_from_offsets(offsets, spans):
    """Token (start, end) character offsets -> one bool per token: does it carry loss?"""
    if spans is None:
        return [True] * len(offsets)
    return [any(s <= start < e for s, e in spans) for start, _end in offsets]


def mask_from_boundaries(n_tokens, token_spans):
    """The same from token index ranges, for tokenizers without offsets."""
    mask = [False] * n_tokens
    for s, e in token_spans:
        for j in range(max(0, s), min(n_tokens, e)):
            mask[j] = True
    return mask


def truncate(ids, mask, max_len):
    """Cuts a sample to max_len tokens; -> (ids, mask, was_cut)."""
    if len(ids) <= max_len:
        return ids, mask, False
    return ids[:max_len], mask[:max_len], True
