"""The torch side of training (imported by train.py only; torch, transformers and peft are needed here).

Model: Unsloth's FastLanguageModel + get_peft_model when Unsloth is installed, else
AutoModelForCausalLM (4-bit through bitsandbytes when asked and available) + peft's LoRA.
Loop: transformers' Trainer on our own tokenized samples (labels -100 outside assistant turns, so the
loss is on assistant responses only, weight-0 turns excluded), logging every step, evaluating a tenth
of the way and at each epoch end when there is a validation file, saving a checkpoint per epoch.
TRL's SFTTrainer is not needed: the samples are already tokenized and masked, which is the part it adds."""
import inspect
import math
import os

import torch
from transformers import Trainer, TrainerCallback, TrainingArguments, set_seed

from .hf import can_load_in_4bit, compute_dtype, load_kwargs
from .prepare import convert_file
from .train_data import DataError, apply_chat_template, encode_examples, length_warning, renders_tools


def train(config, out, use_unsloth):
    s = config["settings"]
    set_seed(s["seed"])
    base = config["base_model"]
    out.status("Loading %s with %s (%s)" % (config["model"], "Unsloth" if use_unsloth else "transformers + peft",
                                             "4-bit" if s["load_in_4bit"] else "16-bit"))
    model, tokenizer = load_model(base, s, out, use_unsloth)
    apply_chat_template(tokenizer, s.get("chat_template"), use_unsloth)
    if not getattr(tokenizer, "chat_template", None):
        raise DataError(0, "The model %s has no chat template; set chat_template on the job." % config["model"])
    train_set, valid_set = (read(config, tokenizer, s, out, param) for param in ("training_file", "validation_file"))
    if not train_set:
        raise DataError(0, "No training example has an assistant token left to learn from (check weights and "
                           "max_seq_length).")
    args = training_args(config, s, len(train_set), bool(valid_set))
    trainer = MetricsTrainer(model=model, args=args, train_dataset=train_set, eval_dataset=valid_set or None,
                             data_collator=Collator(tokenizer), callbacks=[Protocol(out, tokenizer, bool(valid_set))])
    resume = config.get("resume_from")  # set by the agent when it restarted during this job
    if resume:
        out.status("Resuming from %s" % resume)
    trainer.train(resume_from_checkpoint=resume or None)
    adapter = os.path.join(config["output_dir"], "adapter")
    model.save_pretrained(adapter)
    tokenizer.save_pretrained(adapter)
    export(model, tokenizer, config, s, out, use_unsloth)
    tokens = sum(len(x["input_ids"]) for x in train_set)
    return {"trained_tokens": int(tokens * max(1.0, trainer.state.epoch or 1.0)), "model_dir": adapter}


def load_model(base, s, out, use_unsloth):
    if use_unsloth:
        from unsloth import FastLanguageModel

        model, tokenizer = FastLanguageModel.from_pretrained(model_name=base, max_seq_length=s["max_seq_length"],
                                                             dtype=None, load_in_4bit=s["load_in_4bit"])
        model = FastLanguageModel.get_peft_model(
            model, r=s["r"], target_modules=s["target_modules"], lora_alpha=s["lora_alpha"],
            lora_dropout=s["lora_dropout"], bias="none", use_gradient_checkpointing="unsloth",
            random_state=s["seed"], use_rslora=s["use_rslora"], loftq_config=None)
        return model, tokenizer
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(base)
    if s["load_in_4bit"] and not can_load_in_4bit():
        out.status("load_in_4bit needs bitsandbytes and a CUDA GPU; loading in 16-bit instead", "warn")
    kwargs = load_kwargs(s["load_in_4bit"])
    quantized = "quantization_config" in kwargs
    model = AutoModelForCausalLM.from_pretrained(base, **kwargs)
    model.config.use_cache = False
    if quantized:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=True)
    else:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    lora = LoraConfig(r=s["r"], lora_alpha=s["lora_alpha"], lora_dropout=s["lora_dropout"], bias="none",
                      target_modules=s["target_modules"], task_type="CAUSAL_LM", use_rslora=s["use_rslora"])
    return get_peft_model(model, lora), tokenizer


def read(config, tokenizer, s, out, param):
    path = config.get(param)
    if not path:
        return []
    with open(path, "rb") as f:
        examples = convert_file(f.read())
    if any(e["tools"] for e in examples) and not renders_tools(tokenizer):
        out.status("The chat template of %s does not render tools, so the tools listed in the %s are not shown to "
                   "the model (tools described in the system prompt are)." % (config["model"], param.replace("_", " ")),
                   "warn")
    try:
        samples, stats = encode_examples(examples, tokenizer, s["max_seq_length"], s["train_on"], config["model"])
    except DataError as e:
        e.param = param
        raise
    warning = length_warning(stats, s["max_seq_length"], param.replace("_", " "))
    if warning:
        out.status(warning, "warn")
    out.status("%s: %d examples -> %d samples, %d tokens" % (param.replace("_", " ").capitalize(), len(examples),
                                                              stats["samples"], stats["tokens"]))
    return samples


def common_args(config, s, n_samples):
    """The TrainingArguments both trainers (SFT's, and DPO's DPOConfig) take from a job's settings, and the
    run's total steps."""
    steps_per_epoch = max(1, math.ceil(math.ceil(n_samples / s["per_device_train_batch_size"])
                                       / s["gradient_accumulation_steps"]))
    total = s["max_steps"] or steps_per_epoch * s["n_epochs"]
    dtype = compute_dtype()
    kw = dict(output_dir=os.path.join(config["output_dir"], "checkpoints"),
              per_device_train_batch_size=s["per_device_train_batch_size"],
              per_device_eval_batch_size=s["per_device_train_batch_size"],
              gradient_accumulation_steps=s["gradient_accumulation_steps"], learning_rate=s["learning_rate"],
              warmup_steps=s["warmup_steps"], weight_decay=s["weight_decay"], lr_scheduler_type=s["lr_scheduler_type"],
              optim=s["optim"] or ("adamw_8bit" if can_load_in_4bit() else "adamw_torch"),
              logging_steps=1, save_strategy="epoch", seed=s["seed"], data_seed=s["seed"], report_to="none",
              remove_unused_columns=False, disable_tqdm=True, bf16=dtype == torch.bfloat16,
              fp16=dtype == torch.float16, dataloader_num_workers=0)
    if s["max_steps"]:
        kw["max_steps"] = s["max_steps"]
    else:
        kw["num_train_epochs"] = s["n_epochs"]
    return kw, total


def eval_args(kw, total, names):
    """Evaluation every tenth of the run (`names`: the arguments class's parameter names)."""
    kw["eval_strategy" if "eval_strategy" in names else "evaluation_strategy"] = "steps"
    kw["eval_steps"] = max(1, total // 10)


def training_args(config, s, n_samples, has_eval):
    kw, total = common_args(config, s, n_samples)
    kw.update(dataloader_pin_memory=torch.cuda.is_available(), prediction_loss_only=True)
    if has_eval:
        eval_args(kw, total, inspect.signature(TrainingArguments.__init__).parameters)
    return TrainingArguments(**kw)


class Collator:
    """Right-pads a batch; padding is masked out of attention and of the loss."""

    def __init__(self, tokenizer):
        pad = tokenizer.pad_token_id
        self.pad = pad if pad is not None else tokenizer.eos_token_id

    def __call__(self, features):
        n = max(len(f["input_ids"]) for f in features)
        ids = [f["input_ids"] + [self.pad] * (n - len(f["input_ids"])) for f in features]
        labels = [f["labels"] + [-100] * (n - len(f["labels"])) for f in features]
        mask = [[1] * len(f["input_ids"]) + [0] * (n - len(f["input_ids"])) for f in features]
        return {"input_ids": torch.tensor(ids), "attention_mask": torch.tensor(mask), "labels": torch.tensor(labels)}


class MetricsTrainer(Trainer):
    """Adds mean token accuracy on the trained tokens to the train and eval logs, as TRL's SFTTrainer does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._acc = {"train": [0, 0], "eval": [0, 0]}

    def compute_loss(self, model, inputs, return_outputs=False, **kwargs):
        labels = inputs.get("labels")
        loss, outputs = super().compute_loss(model, inputs, return_outputs=True, **kwargs)
        try:
            self._count(outputs, labels, "train" if model.training else "eval")
        except Exception:
            pass  # Unsloth may not materialise logits; accuracy is optional
        return (loss, outputs) if return_outputs else loss

    def _count(self, outputs, labels, split):
        logits = outputs.get("logits") if isinstance(outputs, dict) else getattr(outputs, "logits", None)
        if labels is None or logits is None or logits.dim() != 3 or logits.shape[:2] != labels.shape:
            return
        with torch.no_grad():
            gold = labels[:, 1:]
            keep = gold != -100
            right = (logits[:, :-1].argmax(-1).eq(gold) & keep).sum().item()
        self._acc[split][0] += right
        self._acc[split][1] += keep.sum().item()

    def log(self, logs, *args, **kwargs):
        for split, trigger, key in (("train", "loss", "mean_token_accuracy"),
                                    ("eval", "eval_loss", "eval_mean_token_accuracy")):
            right, total = self._acc[split]
            if trigger in logs and total:
                logs[key] = right / total
                self._acc[split] = [0, 0]
        super().log(logs, *args, **kwargs)


class Protocol(TrainerCallback):
    """Every log step becomes a metrics line; every save a checkpoint line (with the tokenizer saved beside)."""

    def __init__(self, out, tokenizer, has_eval):
        self.out, self.tokenizer, self.has_eval = out, tokenizer, has_eval
        self.evaluated_at = None

    def on_train_begin(self, args, state, control, **kwargs):
        self.out.status("Training for %d steps" % state.max_steps)

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        common = dict(type="metrics", step=state.global_step, total_steps=state.max_steps, epoch=state.epoch)
        if "loss" in logs:
            self.out.emit(train_loss=logs["loss"], learning_rate=logs.get("learning_rate"),
                          train_mean_token_accuracy=logs.get("mean_token_accuracy"), **common)
        elif "eval_loss" in logs:
            self.out.emit(valid_loss=logs["eval_loss"], valid_mean_token_accuracy=logs.get("eval_mean_token_accuracy"),
                          **common)

    def on_evaluate(self, args, state, control, **kwargs):
        self.evaluated_at = state.global_step

    def on_epoch_end(self, args, state, control, **kwargs):
        # An epoch that ends on an eval step was just evaluated; a second pass would log the same point twice.
        if self.has_eval and self.evaluated_at != state.global_step:
            control.should_evaluate = True

    def on_save(self, args, state, control, **kwargs):
        path = os.path.join(args.output_dir, "checkpoint-%d" % state.global_step)
        if os.path.isdir(path):
            self.tokenizer.save_pretrained(path)
            self.out.emit(type="checkpoint", step=state.global_step, path=path)


def export(model, tokenizer, config, s, out, use_unsloth):
    """Merged weights and GGUF, when asked; a failed export is a warning, the adapter is already saved."""
    folder = config["output_dir"]
    try:
        if s["save_method"] != "lora":
            merged = os.path.join(folder, "merged")
            if use_unsloth:
                model.save_pretrained_merged(merged, tokenizer, save_method=s["save_method"])
            elif s["load_in_4bit"]:
                raise RuntimeError("merging into a 4-bit base without Unsloth is lossy; train with load_in_4bit=false "
                                   "or install Unsloth")
            else:
                model.merge_and_unload().save_pretrained(merged)
                tokenizer.save_pretrained(merged)
            out.status("Merged weights saved to %s" % merged)
        if s["gguf_quantization"]:
            if not use_unsloth:
                raise RuntimeError("GGUF export needs Unsloth")
            gguf = os.path.join(folder, "gguf")
            model.save_pretrained_gguf(gguf, tokenizer, quantization_method=s["gguf_quantization"])
            out.status("GGUF saved to %s" % gguf)
    except Exception as e:
        out.status("Export skipped: %s: %s (the LoRA adapter is saved)" % (type(e).__name__, e), "warn")
