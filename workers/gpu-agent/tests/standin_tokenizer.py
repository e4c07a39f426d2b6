"""TEST STAND-IN tokenizer: a ChatML/Hermes template in Python and a tokenizer of words and characters, for the
masking tests and the stand-in inference worker's token_lengths."""
import json
import re


def chatml(messages, add_generation_prompt, tools=None):
    """A ChatML/Hermes-style template in Python (what Qwen's Jinja template renders)."""
    out = ""
    if tools:
        out += "<|im_start|>system\n<tools>%s</tools><|im_end|>\n" % json.dumps(tools)
    for m in messages:
        body = m["content"]
        for call in m.get("tool_calls", []):
            body += "<tool_call>%s</tool_call>" % json.dumps(call["function"])
        out += "<|im_start|>%s\n%s<|im_end|>\n" % (m["role"], body)
    return out + ("<|im_start|>assistant\n" if add_generation_prompt else "")


class StandInTokenizer:
    """Tokens are special markers, words and single other characters; offsets like a fast tokenizer's."""

    chat_template = "{% for m in messages %}...{% if tools %}{{ tools }}{% endif %}"
    PATTERN = re.compile(r"<\|im_(?:start|end)\|>|\w+|\s|.")

    def __init__(self, offsets=True, template=chatml):
        self.offsets, self.template = offsets, template

    def apply_chat_template(self, messages, tools=None, tokenize=False, add_generation_prompt=False):
        return self.template(messages, add_generation_prompt, tools)

    def __call__(self, text, add_special_tokens=False, return_offsets_mapping=False):
        if return_offsets_mapping and not self.offsets:
            raise NotImplementedError("slow tokenizer")
        tokens = list(self.PATTERN.finditer(text))
        out = {"input_ids": [hash(t.group()) % 50000 for t in tokens]}
        if return_offsets_mapping:
            out["offset_mapping"] = [t.span() for t in tokens]
        return out

    def text_of(self, text, mask):
        tokens = [t.group() for t in self.PATTERN.finditer(text)]
        return "".join(t for t, m in zip(tokens, mask) if m)
