"""The inference backend: `python -m tooltune_agent.infer_worker`, a persistent child of the agent.

JSON lines on stdin/stdout (protocol in inference.py). Keeps one model in memory: the base (4-bit when
the job trained in 4-bit and bitsandbytes is there) with the LoRA adapter of the trained model or
checkpoint on top, or a merged model folder. Greedy decoding. The reply is the raw generated text; the
agent turns it into content and tool_calls. Loads with transformers + peft (Unsloth is not needed)."""
import json
import os
import sys

END_TOKENS = ("<|im_end|>", "<|eot_id|>", "<|end_of_text|>", "<|endoftext|>", "<end_of_turn>", "<|eom_id|>",
              "</s>", "<|end|>", "<|return|>")


class Worker:
    def __init__(self):
        self.key = None
        self.model = None
        self.tokenizer = None
        self.tokenizers = {}  # (base_model, chat_template) -> tokenizer, for token_lengths (no model loaded)

    def token_lengths(self, req):
        """{"op": "token_lengths", "base_model", "model_name", "chat_template", "examples" (converted lines),
        "max_seq_length", "train_on"} -> {"report": train_data.token_report(...)}: the tokenizer alone, so the
        check costs no GPU memory and leaves the loaded model in place."""
        from .train_data import DataError, apply_chat_template, token_report

        key = (req["base_model"], req.get("chat_template"))
        tok = self.tokenizers.get(key)
        if tok is None:
            try:
                from transformers import AutoTokenizer
            except ImportError as e:
                return {"error": {"code": "tokenizer_unavailable",
                                  "message": "transformers is not installed in the inference worker's Python (%s)" % e}}
            tok = AutoTokenizer.from_pretrained(req["base_model"])
            try:
                import importlib.util

                apply_chat_template(tok, req.get("chat_template"), importlib.util.find_spec("unsloth") is not None)
            except DataError as e:
                return {"error": {"code": "template_error", "message": str(e)}}
            if len(self.tokenizers) >= 4:
                self.tokenizers.pop(next(iter(self.tokenizers)))
            self.tokenizers[key] = tok
        if not getattr(tok, "chat_template", None):
            return {"error": {"code": "template_error", "message": "The model %s has no chat template; set chat_template "
                                                                   "on the run." % req.get("model_name")}}
        try:
            return {"report": token_report(req["examples"], tok, int(req["max_seq_length"]),
                                           req.get("train_on") or "assistant", req.get("model_name") or "the model")}
        except DataError as e:
            return {"error": {"code": "template_error", "message": str(e), "line": e.line}}

    def load(self, req):
        key = (req["base_model"], req.get("model_dir"), bool(req.get("load_in_4bit")), req.get("chat_template"))
        if key == self.key:
            return
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        from .hf import load_kwargs

        self.model = self.tokenizer = self.key = None
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        model_dir = req.get("model_dir")
        is_adapter = bool(model_dir) and os.path.isfile(os.path.join(model_dir, "adapter_config.json"))
        weights = model_dir if model_dir and not is_adapter else req["base_model"]
        has_tokenizer = model_dir and os.path.isfile(os.path.join(model_dir, "tokenizer_config.json"))
        tokenizer = AutoTokenizer.from_pretrained(model_dir if has_tokenizer else req["base_model"])
        template = req.get("chat_template")
        if template and ("{%" in template or "{{" in template) and not has_tokenizer:
            tokenizer.chat_template = template
        model = AutoModelForCausalLM.from_pretrained(weights, **load_kwargs(req.get("load_in_4bit")))
        if is_adapter:
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, model_dir)
        model.eval()
        self.model, self.tokenizer, self.key = model, tokenizer, key

    def generate(self, req):
        import torch

        self.load(req)
        tok = self.tokenizer
        kwargs = {"tokenize": False, "add_generation_prompt": True}
        if req.get("tools"):
            kwargs["tools"] = req["tools"]
        text = tok.apply_chat_template(req["messages"], **kwargs)
        enc = tok(text, add_special_tokens=False, return_tensors="pt").to(self.model.device)
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        with torch.no_grad():
            out = self.model.generate(**enc, max_new_tokens=int(req["max_tokens"]), do_sample=False, temperature=None,
                                      top_p=None, top_k=None, pad_token_id=pad)
        new = out[0][enc["input_ids"].shape[1]:].tolist()
        reply = tok.decode(new, skip_special_tokens=False)
        ends = {t for t in END_TOKENS + (tok.eos_token or "", tok.pad_token or "") if t}
        for t in ends:
            reply = reply.replace(t, "")
        eos = tok.eos_token_id if isinstance(tok.eos_token_id, list) else [tok.eos_token_id]
        stopped = bool(new) and new[-1] in eos
        return {"text": reply, "prompt_tokens": int(enc["input_ids"].shape[1]), "completion_tokens": len(new),
                "finish_reason": "stop" if stopped or len(new) < int(req["max_tokens"]) else "length"}


def main():
    # Libraries print to stdout; the protocol gets a private copy of it and everything else goes to stderr.
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    worker = Worker()
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            reply = worker.token_lengths(req) if req.get("op") == "token_lengths" else worker.generate(req)
        except Exception as e:
            oom = type(e).__name__ == "OutOfMemoryError" or "out of memory" in str(e).lower()
            code = ("tokenizer_load_failed" if req.get("op") == "token_lengths" else "out_of_memory" if oom
                    else "model_load_failed" if worker.key is None else "inference_failed")
            reply = {"error": {"message": "%s: %s" % (type(e).__name__, e), "code": code}}
            print("inference error: %r" % (e,), file=sys.stderr, flush=True)
        reply["id"] = req.get("id")
        protocol.write(json.dumps(reply) + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()
