"""DPO training, for a job whose method is "dpo" (imported by train.py only; needs torch, transformers, peft,
trl and datasets).

The model: the base (Unsloth's FastLanguageModel when Unsloth is installed, else transformers, 4-bit when
asked and possible), and
- when the job continues an adapter the agent trained (config "init_adapter", an SFT run or checkpoint),
  that adapter loaded twice, as the trainable "default" adapter and as a frozen "reference" adapter, with
  DPOConfig(model_adapter_name="default", ref_adapter_name="reference"): TRL's documented way to use a
  PEFT model as its own reference. A TRL without those settings (they left in 0.29) gets the reference as
  a second, frozen copy of the base with the adapter, passed as ref_model (more GPU memory; an event says so).
- otherwise a fresh LoRA on the base, with the base itself as the reference (TRL switches the adapter off).
The saved adapter is the trained "default" adapter alone, on the same base, so inference serves it as it
serves an SFT adapter. With Unsloth, its PatchDPOTrainer() is applied before TRL's DPOTrainer is imported.

Data: preference pairs (preference.py) rendered with the model's chat template (tools included, as for SFT)
to prompt / chosen / rejected texts. Metrics: TRL's logs mapped by protocol.from_trl_dpo_logs."""
import dataclasses
import inspect
import os

from transformers import set_seed

from .hf import can_load_in_4bit, load_kwargs
from .preference import RenderError, convert_preference_file, render_pair
from .protocol import from_trl_dpo_logs
from .train_data import DataError, renders_tools
from .train_loop import Protocol, apply_chat_template, common_args, eval_args, export, load_model

TRAIN, REFERENCE = "default", "reference"


def train(config, out, use_unsloth):
    s = config["settings"]
    set_seed(s["seed"])
    if use_unsloth:
        from unsloth import PatchDPOTrainer

        PatchDPOTrainer()
    from trl import DPOConfig, DPOTrainer
    import trl

    start = config.get("init_adapter")
    two_adapters = start and "ref_adapter_name" in {f.name for f in dataclasses.fields(DPOConfig)}
    reference = ("the adapter of %s, frozen" % config.get("parent_model") if start
                 else "the base model (the new adapter switched off)")
    out.status("DPO on %s with %s (TRL %s), beta=%s, %s; reference: %s" % (
        config.get("parent_model") or config["model"],
        "Unsloth (PatchDPOTrainer)" if use_unsloth else "transformers + peft", trl.__version__, s["beta"],
        "4-bit" if s["load_in_4bit"] else "16-bit", reference))
    if start:
        model, tokenizer = load_with_adapter(config["base_model"], start, s, out, use_unsloth, two_adapters)
    else:
        model, tokenizer = load_model(config["base_model"], s, out, use_unsloth)
    if not (start and getattr(tokenizer, "chat_template", None)):
        # An adapter's saved tokenizer already has the template its SFT run applied (and trained on).
        apply_chat_template(tokenizer, s.get("chat_template"), use_unsloth)
    if not getattr(tokenizer, "chat_template", None):
        raise DataError(0, "The model %s has no chat template; set chat_template on the job." % config["model"])
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    ref_model = None
    if start and not two_adapters:
        out.status("TRL %s has no ref_adapter_name: the reference is a second copy of the base with the adapter of %s "
                   "(it needs the base's memory once more)" % (trl.__version__, config.get("parent_model")), "warn")
        ref_model = load_reference(config["base_model"], start, s)
    train_set, n_tokens = read(config, tokenizer, s, out, "training_file")
    valid_set, _ = read(config, tokenizer, s, out, "validation_file")
    args = dpo_args(DPOConfig, config, s, len(train_set), bool(valid_set), two_adapters)
    kwargs = dict(model=model, ref_model=ref_model, args=args, train_dataset=dataset(train_set),
                  eval_dataset=dataset(valid_set) if valid_set else None,
                  callbacks=[DPOProtocol(out, tokenizer, bool(valid_set))])
    params = inspect.signature(DPOTrainer.__init__).parameters
    kwargs["processing_class" if "processing_class" in params else "tokenizer"] = tokenizer
    trainer = DPOTrainer(**kwargs)
    resume = config.get("resume_from")
    if resume:
        out.status("Resuming from %s" % resume)
    trainer.train(resume_from_checkpoint=resume or None)
    if start and two_adapters:
        model.delete_adapter(REFERENCE)  # the saved adapter (and any merge) is the trained one alone
    adapter = os.path.join(config["output_dir"], "adapter")
    model.save_pretrained(adapter)
    tokenizer.save_pretrained(adapter)
    export(model, tokenizer, config, s, out, use_unsloth)
    return {"trained_tokens": int(n_tokens * max(1.0, trainer.state.epoch or 1.0)), "model_dir": adapter}


def _base(base, s, out, use_unsloth):
    """The base model, prepared for training an adapter on it (k-bit preparation or gradient checkpointing)."""
    if use_unsloth:
        from unsloth import FastLanguageModel

        model, _tok = FastLanguageModel.from_pretrained(model_name=base, max_seq_length=s["max_seq_length"],
                                                        dtype=None, load_in_4bit=s["load_in_4bit"])
        return model
    from peft import prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM

    if s["load_in_4bit"] and not can_load_in_4bit():
        out.status("load_in_4bit needs bitsandbytes and a CUDA GPU; loading in 16-bit instead", "warn")
    kwargs = load_kwargs(s["load_in_4bit"])
    model = AutoModelForCausalLM.from_pretrained(base, **kwargs)
    model.config.use_cache = False
    if "quantization_config" in kwargs:
        return prepare_model_for_kbit_training(model, use_gradient_checkpointing=True)
    model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    model.enable_input_require_grads()
    return model


def _tokenizer(base, adapter):
    """The tokenizer the adapter was trained with (saved beside it, chat template included), else the base's."""
    from transformers import AutoTokenizer

    has = os.path.isfile(os.path.join(adapter, "tokenizer_config.json"))
    return AutoTokenizer.from_pretrained(adapter if has else base)


def load_with_adapter(base, adapter, s, out, use_unsloth, two_adapters):
    """The base with the trained adapter as the trainable "default" adapter (and, for TRL's two-adapter
    reference, the same adapter again as the frozen "reference" one)."""
    from peft import PeftModel

    model = PeftModel.from_pretrained(_base(base, s, out, use_unsloth), adapter, adapter_name=TRAIN, is_trainable=True)
    if two_adapters:
        model.load_adapter(adapter, adapter_name=REFERENCE, is_trainable=False)
        model.set_adapter(TRAIN)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    if not trainable:
        raise RuntimeError("the adapter %s loaded without trainable weights" % adapter)
    return model, _tokenizer(base, adapter)


def load_reference(base, adapter, s):
    """A frozen copy of base + adapter, for a TRL that takes the reference only as a separate model."""
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    kwargs = load_kwargs(s["load_in_4bit"])
    ref = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base, **kwargs), adapter)
    if "quantization_config" not in kwargs:
        ref = ref.merge_and_unload()
    ref.eval()
    for p in ref.parameters():
        p.requires_grad_(False)
    return ref


def read(config, tokenizer, s, out, param):
    """A preference file -> rendered pairs [{"prompt", "chosen", "rejected"}] and their token count."""
    path = config.get(param)
    if not path:
        return [], 0
    with open(path, "rb") as f:
        samples = convert_preference_file(f.read())
    what = param.replace("_", " ")
    if any(x["tools"] for x in samples) and not renders_tools(tokenizer):
        out.status("The chat template of %s does not render tools, so the tools listed in the %s are not shown to "
                   "the model (tools described in the system prompt are)." % (config["model"], what), "warn")
    pairs, tokens, too_long, longest = [], 0, 0, 0
    for sample in samples:
        try:
            pair = render_pair(sample, tokenizer, tokenizer.eos_token)
        except RenderError as e:
            err = DataError(e.line, "does not fit the chat template of %s: %s" % (config["model"], e))
            err.param = param
            raise err
        prompt = len(tokenizer(pair["prompt"], add_special_tokens=False)["input_ids"])
        sizes = [prompt + len(tokenizer(pair[k], add_special_tokens=False)["input_ids"]) + 1
                 for k in ("chosen", "rejected")]
        longest = max(longest, *sizes)
        too_long += max(sizes) > s["max_seq_length"]
        tokens += sum(sizes)
        pairs.append(pair)
    if too_long:
        out.status("max_seq_length=%d is too short for the %s: %d of %d pairs are longer with this model's tokenizer "
                   "(the longest has %d tokens) and are cut. Set max_seq_length to %d or more."
                   % (s["max_seq_length"], what, too_long, len(pairs), longest, longest), "warn")
    out.status("%s: %d preference pairs, %d tokens" % (what.capitalize(), len(pairs), tokens))
    return pairs, tokens


def dataset(pairs):
    from datasets import Dataset

    return Dataset.from_list(pairs)


def dpo_args(DPOConfig, config, s, n_pairs, has_eval, two_adapters):
    """SFT's training arguments, and DPO's: beta, lengths, the reference adapter's name. Only the fields this
    TRL's DPOConfig has are passed (they change between versions)."""
    kw, total = common_args(config, s, n_pairs)
    # Tool lists make long prompts and tool calls short replies: up to 3/4 of the length for the prompt
    # (TRL before 0.12 cut prompts to 128 tokens when this was unset; from 0.29 it is gone).
    kw.update(beta=s["beta"], gradient_checkpointing=False, max_length=s["max_seq_length"],
              max_prompt_length=max(1, s["max_seq_length"] * 3 // 4), precompute_ref_log_probs=False)
    if two_adapters:
        kw.update(model_adapter_name=TRAIN, ref_adapter_name=REFERENCE)
    fields = {f.name for f in dataclasses.fields(DPOConfig)}
    if has_eval:
        eval_args(kw, total, fields)
    return DPOConfig(**{k: v for k, v in kw.items() if k in fields})


class DPOProtocol(Protocol):
    """As SFT's Protocol (checkpoints, epoch-end evaluation), with TRL's DPO logs mapped to metrics lines."""

    def on_log(self, args, state, control, logs=None, **kwargs):
        metrics = from_trl_dpo_logs(logs or {})
        if metrics:
            self.out.emit(type="metrics", step=state.global_step, total_steps=state.max_steps, epoch=state.epoch,
                          **metrics)
