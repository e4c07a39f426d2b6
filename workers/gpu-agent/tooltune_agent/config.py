"""A create-job request -> the job's echoed settings and the training config the child reads.

OpenAI's fields (model, training_file, validation_file, suffix, seed, metadata, hyperparameters or
method.supervised.hyperparameters) mean what they mean there. LoRA settings are extra fields, given
either at the top level or inside a `"lora": {...}` object (not both for one field); see LORA_DEFAULTS.
`hyperparameters.batch_size` is the per-device batch (the effective batch is batch_size x
gradient_accumulation_steps), `n_epochs` "auto" is 3, and the learning rate is `learning_rate` x
`learning_rate_multiplier` ("auto" = 1)."""
from . import checks
from .errors import bad_request, unknown_argument
from .prepare import TRAIN_ON

DEFAULT_SEED = 3407
DEFAULT_EPOCHS = 3
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
    """Validates a create-job body; -> the OpenAI part (dict) and the LoRA settings with defaults filled."""
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
    hp = _hyperparameters(body)
    lora = _lora(body)
    _check_batch_conflict(body, hp)
    return hp, lora


def _hyperparameters(body):
    top = checks.obj("hyperparameters", body.get("hyperparameters"), nullable=True)
    method = checks.obj("method", body.get("method"), nullable=True)
    under = None
    if method is not None:
        checks.no_unknown(method, ("type", "supervised"), "method.")
        kind = checks.required(method, "type", "method.")
        if kind != "supervised":
            checks.one_of("method.type", kind, ["supervised", "dpo", "reinforcement"])
            raise bad_request("The ToolTune agent trains with the supervised method only, not '%s'." % kind,
                              "method.type", "unsupported_method")
        sup = checks.obj("method.supervised", method.get("supervised"), nullable=True) or {}
        checks.no_unknown(sup, ("hyperparameters",), "method.supervised.")
        under = checks.obj("method.supervised.hyperparameters", sup.get("hyperparameters"), nullable=True)
    if top is not None and under is not None:
        raise bad_request("Specify hyperparameters either under 'method' or at the top level, not both.",
                          "hyperparameters")
    hp, prefix = (top, "hyperparameters.") if top is not None else (under or {}, "method.supervised.hyperparameters.")
    checks.no_unknown(hp, HP_KEYS, prefix)
    out = {k: hp.get(k, "auto") for k in HP_KEYS}
    for key, check in (("batch_size", lambda p, v: checks.integer(p, v, 1, 256)),
                       ("learning_rate_multiplier", lambda p, v: checks.number(p, v, 0, None, exclusive_min=True)),
                       ("n_epochs", lambda p, v: checks.integer(p, v, 1, 50))):
        if out[key] != "auto":
            check(prefix + key, out[key])
    return out


def _lora(body):
    nested = checks.obj("lora", body.get("lora"), nullable=True) or {}
    checks.no_unknown(nested, LORA_DEFAULTS, "lora.")
    settings = dict(LORA_DEFAULTS)
    for key in LORA_DEFAULTS:
        if key in body and key in nested:
            raise bad_request("Specify '%s' either at the top level or under 'lora', not both." % key, key)
        if key in body or key in nested:
            param = key if key in body else "lora." + key
            settings[key] = CHECK[key](param, body[key] if key in body else nested[key])
    return settings


def resolve(hp, lora, seed):
    """"auto" and the LoRA settings -> the numbers training uses, and the hyperparameters the job echoes."""
    batch = lora["per_device_train_batch_size"] if hp["batch_size"] == "auto" else hp["batch_size"]
    multiplier = 1 if hp["learning_rate_multiplier"] == "auto" else hp["learning_rate_multiplier"]
    epochs = DEFAULT_EPOCHS if hp["n_epochs"] == "auto" else hp["n_epochs"]
    echoed = {"batch_size": batch, "learning_rate_multiplier": multiplier, "n_epochs": epochs}
    training = dict(lora, per_device_train_batch_size=batch, n_epochs=epochs,
                    learning_rate=lora["learning_rate"] * multiplier,
                    seed=DEFAULT_SEED if seed is None else seed)
    return echoed, training


def _check_batch_conflict(body, hp):
    """hyperparameters.batch_size and per_device_train_batch_size name one setting: they must agree."""
    nested = body.get("lora") or {}
    given = body.get("per_device_train_batch_size", nested.get("per_device_train_batch_size"))
    if given is not None and hp["batch_size"] != "auto" and given != hp["batch_size"]:
        raise bad_request("hyperparameters.batch_size (%s) and per_device_train_batch_size (%s) disagree; they are "
                          "the same setting, give one." % (hp["batch_size"], given), "per_device_train_batch_size")
