"""Training samples from converted examples: render with the model's chat template (tools included),
tokenize, and label only the assistant turns (-100 elsewhere). Needs a tokenizer with
`apply_chat_template` and `__call__`, nothing else, so tests drive it with a stand-in tokenizer."""
from .masking import TemplateMismatch, build_samples, mask_from_boundaries, mask_from_offsets, truncate

IGNORE = -100


class DataError(ValueError):
    """A line the chat template cannot take; `line` is 1-based in the uploaded file."""

    def __init__(self, line, message):
        super().__init__("Line %d %s" % (line, message) if line else message)
        self.line = line


def renders_tools(tokenizer):
    """Whether the chat template reads `tools` at all (if not, tools in the data are not shown to the model)."""
    template = getattr(tokenizer, "chat_template", None)
    if isinstance(template, dict):
        template = " ".join(template.values())
    return bool(template) and "tools" in template


def renderer(tokenizer, tools):
    def render(messages, add_generation_prompt):
        kwargs = {"tokenize": False, "add_generation_prompt": add_generation_prompt}
        if tools:
            kwargs["tools"] = tools
        return tokenizer.apply_chat_template(messages, **kwargs)

    return render


def encode(tokenizer, sample):
    """-> (input_ids, loss mask). Character offsets when the tokenizer has them (fast tokenizers);
    otherwise token counts of prefixes, which can be off by a token where BPE merges across a boundary."""
    text, spans = sample["text"], sample["spans"]
    try:
        enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        return list(enc["input_ids"]), mask_from_offsets(enc["offset_mapping"], spans)
    except (NotImplementedError, TypeError, ValueError, KeyError):
        pass

    def count(t):
        return len(tokenizer(t, add_special_tokens=False)["input_ids"])

    ids = list(tokenizer(text, add_special_tokens=False)["input_ids"])
    if spans is None:
        return ids, [True] * len(ids)
    return ids, mask_from_boundaries(len(ids), [(count(text[:s]), count(text[:e])) for s, e in spans])


def encode_examples(examples, tokenizer, max_seq_length, train_on="assistant", model_name="the model"):
    """-> (samples [{"input_ids", "labels"}], stats {"samples", "tokens", "truncated", "skipped"})."""
    samples, stats = [], {"samples": 0, "tokens": 0, "truncated": 0, "skipped": 0}
    for ex in examples:
        try:
            pieces = build_samples(ex, renderer(tokenizer, ex["tools"]), train_on)
        except TemplateMismatch as e:
            raise DataError(ex["line"], "does not fit the chat template of %s: %s" % (model_name, e))
        except Exception as e:  # jinja2 errors ("roles must alternate"), templates that reject tools, ...
            raise DataError(ex["line"], "does not fit the chat template of %s: %s: %s" % (model_name, type(e).__name__, e))
        for piece in pieces:
            ids, mask, cut = truncate(*encode(tokenizer, piece), max_seq_length)
            stats["truncated"] += cut
            if not any(mask):
                stats["skipped"] += 1
                continue
            samples.append({"input_ids": ids, "labels": [t if m else IGNORE for t, m in zip(ids, mask)]})
            stats["tokens"] += len(ids)
    stats["samples"] = len(samples)
    return samples, stats
