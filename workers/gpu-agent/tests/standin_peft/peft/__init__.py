"""A STAND-IN for peft's LoRA, to run the real trainer where peft cannot be installed.

Debian packages torch and transformers but not peft, so this lets `python -m tooltune_agent.selftest`
run the agent's real training and inference path (torch, transformers' Trainer, the chat template,
masking, checkpoints, generate) on such a machine: put this folder on PYTHONPATH. It implements only
what tooltune_agent uses (LoraConfig, get_peft_model, prepare_model_for_kbit_training,
PeftModel.from_pretrained, save_pretrained of the adapter, merge_and_unload) with plain LoRA:
y = W x + (alpha / r) * B A dropout(x), A random, B zero, the base frozen. transformers finds it and
imports PeftModel and PeftMixedModel, but the model it trains is never an instance of them, so it is
treated as a plain model whose LoRA weights alone train. Never install it where peft itself is wanted."""
import json
import math
import os

import torch
from torch import nn

CONFIG = "adapter_config.json"
WEIGHTS = "adapter_model.safetensors"


class LoraConfig:
    def __init__(self, r=8, lora_alpha=8, lora_dropout=0.0, bias="none", target_modules=None, task_type=None,
                 use_rslora=False, **_ignored):
        self.r, self.lora_alpha, self.lora_dropout, self.bias = r, lora_alpha, lora_dropout, bias
        self.target_modules, self.task_type, self.use_rslora = target_modules, task_type, use_rslora

    def to_dict(self):
        return dict(vars(self), peft_type="LORA", standin=True)


class LoraLinear(nn.Module):
    def __init__(self, base, cfg):
        super().__init__()
        self.base_layer = base
        kw = {"dtype": base.weight.dtype, "device": base.weight.device}
        self.lora_A = nn.Linear(base.in_features, cfg.r, bias=False, **kw)
        self.lora_B = nn.Linear(cfg.r, base.out_features, bias=False, **kw)
        nn.init.kaiming_uniform_(self.lora_A.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B.weight)
        self.scaling = cfg.lora_alpha / (math.sqrt(cfg.r) if cfg.use_rslora else cfg.r)
        self.dropout = nn.Dropout(cfg.lora_dropout) if cfg.lora_dropout else nn.Identity()

    def forward(self, x):
        return self.base_layer(x) + self.lora_B(self.lora_A(self.dropout(x))) * self.scaling

    def merged(self):
        base = self.base_layer
        with torch.no_grad():
            base.weight += (self.lora_B.weight @ self.lora_A.weight) * self.scaling
        return base


def _targets(model, cfg):
    wanted = cfg.target_modules
    out = []
    for parent_name, parent in model.named_modules():
        for name, child in parent.named_children():
            if not isinstance(child, nn.Linear) or name == "lm_head":
                continue
            if wanted == "all-linear" or name in (wanted or ()):
                out.append((parent, name, child))
    return out


def _inject(model, cfg):
    for p in model.parameters():
        p.requires_grad_(False)
    targets = _targets(model, cfg)
    if not targets:
        raise ValueError("Target modules %s not found in the base model." % (cfg.target_modules,))
    for parent, name, child in targets:
        setattr(parent, name, LoraLinear(child, cfg))
    model.peft_config = {"default": cfg}
    model.save_pretrained = lambda folder, **kw: _save(model, folder)
    model.merge_and_unload = lambda: _merge(model)
    return model


def _lora_state(model):
    return {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items() if ".lora_" in k}


def _save(model, folder, **_kw):
    from safetensors.torch import save_file

    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, CONFIG), "w") as f:
        json.dump(model.peft_config["default"].to_dict(), f, indent=2)
    save_file(_lora_state(model), os.path.join(folder, WEIGHTS))
    # transformers' Trainer resumes a checkpoint of a non-peft model from model.safetensors (loaded with
    # strict=False): the same LoRA weights under that name let resume_from_checkpoint work with this stand-in.
    save_file(_lora_state(model), os.path.join(folder, "model.safetensors"))


def _merge(model):
    for parent_name, parent in list(model.named_modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, LoraLinear):
                setattr(parent, name, child.merged())
    for attr in ("save_pretrained", "merge_and_unload", "peft_config"):
        model.__dict__.pop(attr, None)
    return model


def get_peft_model(model, cfg):
    return _inject(model, cfg)


def prepare_model_for_kbit_training(model, use_gradient_checkpointing=True, **_kw):
    if use_gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    return model


class PeftModel:
    @staticmethod
    def from_pretrained(model, folder, **_kw):
        from safetensors.torch import load_file

        with open(os.path.join(folder, CONFIG)) as f:
            raw = json.load(f)
        _inject(model, LoraConfig(**raw))
        state = load_file(os.path.join(folder, WEIGHTS))
        missing = set(_lora_state(model)) - set(state)
        if missing:
            raise ValueError("The adapter in %s lacks %d LoRA weights, e.g. %s" % (folder, len(missing), min(missing)))
        model.load_state_dict(state, strict=False)
        return model


class PeftMixedModel:
    """Imported by transformers (trainer_utils); nothing is ever an instance of it."""
