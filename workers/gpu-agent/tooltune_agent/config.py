"""A create-job request -> the job's echoed settings and the training config the child reads.

OpenAI's fields (model, training_file, validation_file, suffix, seed, metadata, hyperparameters or
method.supervised.hyperparameters) mean what they mean there. LoRA settings are extra fields, given
either at the top level or inside a `"lora": {...}` object (not both for one field); see LORA_DEFAULTS.
`hyperparameters.batch_size` is the per-device batch (the effective batch is batch_size x
gradient_accumulation_steps), `n_epochs` "auto" is 3, and the learning rate is `learning_rate` x
`learning_rate_multiplier` ("auto" = 1).

`method: {"type": "dpo", "dpo": {"hyperparameters": {"beta", ...}}}` trains on preference pairs with TRL's
DPOTrainer; its `model` is usually a model the agent trained (see jobs.Jobs.create)."""
import json

from . import checks
from .errors import bad_request, unknown_argument
from .prepare import TRAIN_ON

DEFAULT_SEED = 3407
DEFAULT_EPOCHS = 3
DEFAULT_BETA = 0.1  # TRL's DPOConfig default
DPO_LEARNING_RATE = 5e-6  # Unsloth's DPO notebook (LoRA); SFT's 2e-4 pulls far from the reference
ADAPTER_SHAPE = ("r", "lora_alpha", "target_modules", "use_rslora")
INHERITED = ("load_in_4bit", "max_seq_length", "chat_template", "lora_dropout")
TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
SCHEDULERS = ["linear", "cosine", "constant", "constant_with_warmup", "cosine_with_restarts", "polynomial"]
SAVE_METHODS = ["lora", "merged_16bit", "merged_4bit"]

LORA_DEFAULTS = {
    "max_seq_length": 2048,
    "load_in_4bit": True,
    "r": 16,
    "lora_alpha": 16,
    "lora_dropout": 0.0,
    "target_modules": TARGET_MODULES,
    "use_rslora": False,
    "chat_template": None,  # None: the model's own; else an Unsloth template name or a Jinja template
    "learning_rate": 2e-4,
    "max_steps": None,  # None: train n_epochs; a number overrides the epochs
    "per_device_train_batch_size": 2,
    "gradient_accumulation_steps": 4,
    "warmup_steps": 5,
    "weight_decay": 0.001,
    "lr_scheduler_type": "linear",
    "optim": None,  # None: adamw_8bit when bitsandbytes is installed, else adamw_torch
    "train_on": "assistant",  # loss on: every assistant turn of weight 1 | the last one | all tokens
    "save_method": "lora",  # also save merged weights: merged_16bit | merged_4bit
    "gguf_quantization": None,  # e.g. "q4_k_m", "q8_0": also export GGUF (needs Unsloth)
}


def _target_modules(param, v):
    if v == "all-linear":
        return v
    checks.array(param, v)
    if not v or len(v) > 64 or not all(isinstance(x, str) and x for x in v):
        raise bad_request("Invalid '%s': expected \"all-linear\" or 1 to 64 module names." % param, param, "invalid_value")
    return v


CHECK = {
    "max_seq_length": lambda p, v: checks.integer(p, v, 64, 262144),
    "load_in_4bit": checks.boolean,
    "r": lambda p, v: checks.integer(p, v, 1, 1024),
    "lora_alpha": lambda p, v: checks.number(p, v, 0, 65536, exclusive_min=True),
    "lora_dropout": lambda p, v: checks.number(p, v, 0, 0.9),
    "target_modules": _target_modules,
    "use_rslora": checks.boolean,
    "chat_template": lambda p, v: checks.string(p, v, 1, 200000, nullable=True),
    "learning_rate": lambda p, v: checks.number(p, v, 0, 1, exclusive_min=True),
    "max_steps": lambda p, v: checks.integer(p, v, 1, 10000000, nullable=True),
    "per_device_train_batch_size": lambda p, v: checks.integer(p, v, 1, 256),
    "gradient_accumulation_steps": lambda p, v: checks.integer(p, v, 1, 1024),
    "warmup_steps": lambda p, v: checks.integer(p, v, 0, 1000000),
    "weight_decay": lambda p, v: checks.number(p, v, 0, 1),
    "lr_scheduler_type": lambda p, v: checks.one_of(p, v, SCHEDULERS),
    "optim": lambda p, v: checks.string(p, v, 1, 64, nullable=True),
    "train_on": lambda p, v: checks.one_of(p, v, list(TRAIN_ON)),
    "save_method": lambda p, v: checks.one_of(p, v, SAVE_METHODS),
    "gguf_quantization": lambda p, v: checks.string(p, v, 1, 32, nullable=True),
}

OPENAI_KEYS = ("model", "training_file", "validation_file", "suffix", "seed", "metadata", "integrations",
               "hyperparameters", "method")
CREATE_KEYS = set(OPENAI_KEYS) | {"lora"} | set(LORA_DEFAULTS)
HP_KEYS = ("batch_size", "learning_rate_multiplier", "n_epochs")


def check_create(body):
    """Validates a create-job body; -> the method ("supervised" | "dpo"), its hyperparameters, the LoRA settings
    with defaults filled, and the names of the LoRA settings the body gave."""
    checks.obj("body", body)
    for key in body:
        if key not in CREATE_KEYS:
            raise unknown_argument(key)
    checks.string("model", checks.required(body, "model"), 1, 1000)
    checks.string("training_file", checks.required(body, "training_file"), 1, 200)
    checks.string("validation_file", body.get("validation_file"), 1, 200, nullable=True)
    checks.string("suffix", body.get("suffix"), 1, 64, nullable=True)
    checks.integer("seed", body.get("seed"), 0, 2147483647, nullable=True)
    checks.metadata(body.get("metadata"))
    if checks.array("integrations", body.get("integrations"), nullable=True):
        raise bad_request("Integrations (wandb) are not supported by the ToolTune agent.", "integrations",
                          "unsupported_parameter")
    method, hp = _hyperparameters(body)
    lora, given = _lora(body)
    _check_batch_conflict(body, hp)
    return method, hp, lora, given


METHODS = ("supervised", "dpo")


def _hyperparameters(body):
    """-> (method type, hyperparameters). OpenAI's FineTuneMethod: `type` names the one method object given
    beside it (supervised or dpo); DPO adds `beta` ("auto" or a number > 0 and <= 2)."""
    top = checks.obj("hyperparameters", body.get("hyperparameters"), nullable=True)
    method = checks.obj("method", body.get("method"), nullable=True)
    kind, under = "supervised", None
    if method is not None:
        checks.no_unknown(method, ("type", "supervised", "dpo", "reinforcement"), "method.")
        kind = checks.required(method, "type", "method.")
        checks.one_of("method.type", kind, ["supervised", "dpo", "reinforcement"])
        if kind not in METHODS:
            raise bad_request("The ToolTune agent trains with the supervised and dpo methods, not '%s'." % kind,
                              "method.type", "unsupported_method")
        for other in ("supervised", "dpo", "reinforcement"):
            if other != kind and method.get(other) is not None:
                raise bad_request("Invalid 'method': 'method.%s' was given with type '%s'; give only 'method.%s'."
                                  % (other, kind, kind), "method.%s" % other, "invalid_value")
        sub = checks.obj("method.%s" % kind, method.get(kind), nullable=True) or {}
        checks.no_unknown(sub, ("hyperparameters",), "method.%s." % kind)
        under = checks.obj("method.%s.hyperparameters" % kind, sub.get("hyperparameters"), nullable=True)
    if top is not None and under is not None:
        raise bad_request("Specify hyperparameters either under 'method' or at the top level, not both.",
                          "hyperparameters")
    keys = HP_KEYS + (("beta",) if kind == "dpo" else ())
    hp, prefix = (top, "hyperparameters.") if top is not None else (under or {}, "method.%s.hyperparameters." % kind)
    if top is not None and "beta" in top:
        raise bad_request("Unknown parameter: 'hyperparameters.beta'. Give beta under method.dpo.hyperparameters.",
                          "hyperparameters.beta", "unknown_parameter")
    checks.no_unknown(hp, keys, prefix)
    out = {k: hp.get(k, "auto") for k in keys}
    for key, check in (("batch_size", lambda p, v: checks.integer(p, v, 1, 256)),
                       ("learning_rate_multiplier", lambda p, v: checks.number(p, v, 0, None, exclusive_min=True)),
                       ("n_epochs", lambda p, v: checks.integer(p, v, 1, 50)),
                       ("beta", _beta)):
        if key in out and out[key] != "auto":
            check(prefix + key, out[key])
    return kind, out


def _beta(param, value):
    if isinstance(value, str):
        raise bad_request("Invalid value for '%s': %s. Expected \"auto\" or a number > 0 and <= 2."
                          % (param, json.dumps(value)), param, "invalid_value")
    if not checks.is_number(value):
        raise checks.type_error(param, value, "number")
    return checks.number(param, value, 0, 2, exclusive_min=True)


def _lora(body):
    nested = checks.obj("lora", body.get("lora"), nullable=True) or {}
    checks.no_unknown(nested, LORA_DEFAULTS, "lora.")
    settings, given = dict(LORA_DEFAULTS), set()
    for key in LORA_DEFAULTS:
        if key in body and key in nested:
            raise bad_request("Specify '%s' either at the top level or under 'lora', not both." % key, key)
        if key in body or key in nested:
            param = key if key in body else "lora." + key
            settings[key] = CHECK[key](param, body[key] if key in body else nested[key])
            given.add(key)
    return settings, given


def resolve(hp, lora, seed):
    """"auto" and the LoRA settings -> the numbers training uses, and the hyperparameters the job echoes
    (with `beta` for a DPO job; "auto" is 0.1, TRL's default)."""
    batch = lora["per_device_train_batch_size"] if hp["batch_size"] == "auto" else hp["batch_size"]
    multiplier = 1 if hp["learning_rate_multiplier"] == "auto" else hp["learning_rate_multiplier"]
    epochs = DEFAULT_EPOCHS if hp["n_epochs"] == "auto" else hp["n_epochs"]
    echoed = {"batch_size": batch, "learning_rate_multiplier": multiplier, "n_epochs": epochs}
    training = dict(lora, per_device_train_batch_size=batch, n_epochs=epochs,
                    learning_rate=lora["learning_rate"] * multiplier,
                    seed=DEFAULT_SEED if seed is None else seed)
    if "beta" in hp:
        echoed["beta"] = training["beta"] = DEFAULT_BETA if hp["beta"] == "auto" else hp["beta"]
    return echoed, training


def inherit(lora, given, parent):
    """A DPO job that continues a trained adapter: the adapter's shape (r, lora_alpha, target_modules,
    use_rslora) is the parent's and may not be changed; how it loads and renders (load_in_4bit,
    max_seq_length, chat_template, lora_dropout) defaults to the parent's; the learning rate defaults to
    DPO's. -> the settings, or a 400 naming the shape setting that differs."""
    out = dict(lora)
    for key in ADAPTER_SHAPE:
        if key in given and lora[key] != parent[key]:
            raise bad_request("'%s' is %s on the adapter this DPO job continues, which cannot change; leave %s unset "
                              "(got %s)." % (key, json.dumps(parent[key]), key, json.dumps(lora[key])), key,
                              "invalid_value")
        out[key] = parent[key]
    for key in INHERITED:
        if key not in given and key in parent:
            out[key] = parent[key]
    return dpo_defaults(out, given)


def dpo_defaults(lora, given):
    out = dict(lora)
    if "learning_rate" not in given:
        out["learning_rate"] = DPO_LEARNING_RATE
    return out


def _check_batch_conflict(body, hp):
    """hyperparameters.batch_size and per_device_train_batch_size name one setting: they must agree."""
    nested = body.get("lora") or {}
    given = body.get("per_device_train_batch_size", nested.get("per_device_train_batch_size"))
    if given is not None and hp["batch_size"] != "auto" and given != hp["batch_size"]:
        raise bad_request("hyperparameters.batch_size (%s) and per_device_train_batch_size (%s) disagree; they are "
                          "the same setting, give one." % (hp["batch_size"], given), "per_device_train_batch_size")
