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


def apply_chat_template(tokenizer, template, use_unsloth):
    """None keeps the model's own; a Jinja template replaces it; a name is one of Unsloth's templates."""
    if not template:
        return
    if "{%" in template or "{{" in template:
        tokenizer.chat_template = template
        return
    if not use_unsloth:
        raise DataError(0, "chat_template %r is an Unsloth template name, and Unsloth is not installed; pass the "
                           "Jinja template itself, or leave chat_template unset to use the model's own." % template)
    from unsloth.chat_templates import get_chat_template

    patched = get_chat_template(tokenizer, chat_template=template)
    tokenizer.chat_template = patched.chat_template


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
    """-> (samples [{"input_ids", "labels"}], stats). stats: "samples" kept, their "tokens"; "truncated":
    kept but cut to max_seq_length; "dropped": cut so short that no trained token was left; "skipped": no
    trained token for another reason; "longest": the longest sample before cutting."""
    samples, stats = [], {"samples": 0, "tokens": 0, "truncated": 0, "dropped": 0, "skipped": 0, "longest": 0}
    for ex in examples:
        try:
            pieces = build_samples(ex, renderer(tokenizer, ex["tools"]), train_on)
        except TemplateMismatch as e:
            raise DataError(ex["line"], "does not fit the chat template of %s: %s" % (model_name, e))
        except Exception as e:  # jinja2 errors ("roles must alternate"), templates that reject tools, ...
            raise DataError(ex["line"], "does not fit the chat template of %s: %s: %s" % (model_name, type(e).__name__, e))
        for piece in pieces:
            ids, mask = encode(tokenizer, piece)
            stats["longest"] = max(stats["longest"], len(ids))
            ids, mask, cut = truncate(ids, mask, max_seq_length)
            if not any(mask):
                stats["dropped" if cut else "skipped"] += 1
                continue
            stats["truncated"] += cut
            samples.append({"input_ids": ids, "labels": [t if m else IGNORE for t, m in zip(ids, mask)]})
            stats["tokens"] += len(ids)
    stats["samples"] = len(samples)
    return samples, stats


def length_warning(stats, max_seq_length, what="training file"):
    """A warning when samples did not fit max_seq_length (None when all did): how many were cut, how many
    lost their whole reply and were left out, and the max_seq_length that would fit them all."""
    cut, dropped = stats["truncated"], stats["dropped"]
    if not cut and not dropped:
        return None
    total = stats["samples"] + dropped + stats["skipped"]
    parts = []
    if dropped:
        parts.append("%d %s left out: cutting removed %s whole assistant reply"
                     % (dropped, "was" if dropped == 1 else "were", "its" if dropped == 1 else "their"))
    if cut:
        parts.append("%d %s cut and train%s on part of %s reply"
                     % (cut, "was" if cut == 1 else "were", "s" if cut == 1 else "", "its" if cut == 1 else "their"))
    return ("max_seq_length=%d is too short for the %s: %d of %d samples are longer with this model's tokenizer "
            "(the longest has %d tokens). %s. Set max_seq_length to %d or more."
            % (max_seq_length, what, cut + dropped, total, stats["longest"], "; ".join(parts).capitalize(),
               stats["longest"]))


def token_report(examples, tokenizer, max_seq_length, train_on="assistant", model_name="the model"):
    """What training would make of these examples with this tokenizer, before a run starts: per example the
    tokens of its longest sample, how many samples would be cut or left out at max_seq_length, the
    warning the trainer would give, and the smallest max_seq_length that fits them all (rounded up to 64)."""
    lengths = []
    totals = {"samples": 0, "tokens": 0, "truncated": 0, "dropped": 0, "skipped": 0, "longest": 0}
    for ex in examples:
        _samples, stats = encode_examples([ex], tokenizer, max_seq_length, train_on, model_name)
        lengths.append(stats["longest"])
        for key in totals:
            totals[key] = max(totals[key], stats[key]) if key == "longest" else totals[key] + stats[key]
    longest = totals["longest"]
    return {"examples": len(examples), "samples": totals["samples"], "truncated": totals["truncated"],
            "dropped": totals["dropped"], "longest": longest, "lengths": lengths,
            "over": sum(1 for n in lengths if n > max_seq_length),
            "fits_max_seq_length": -(-longest // 64) * 64 if longest else None,
            "warning": length_warning(totals, max_seq_length, "examples checked")}
