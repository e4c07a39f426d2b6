"""Base models on this machine and the models the agent trained: job validation and GET /v1/models.

A base model is a local directory (an absolute path, or a name under one of --models-dir) or a Hugging
Face id found in the local Hugging Face cache. The GPU machine may have no internet, so an id that is
not cached is refused unless the agent runs with --allow-download."""
import glob
import os
import re

from .errors import bad_request

HF_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
WEIGHTS = ("*.safetensors", "*.bin", "*.safetensors.index.json", "*.gguf")


def hf_cache_dir():
    if os.environ.get("HF_HUB_CACHE"):
        return os.environ["HF_HUB_CACHE"]
    if os.environ.get("HF_HOME"):
        return os.path.join(os.environ["HF_HOME"], "hub")
    return os.path.join(os.path.expanduser("~"), ".cache", "huggingface", "hub")


def cached_snapshot(model_id):
    """The cached snapshot directory of a Hugging Face id (refs/main first), or None."""
    root = os.path.join(hf_cache_dir(), "models--" + model_id.replace("/", "--"))
    ref = os.path.join(root, "refs", "main")
    if os.path.isfile(ref):
        with open(ref) as f:
            snap = os.path.join(root, "snapshots", f.read().strip())
        if os.path.isfile(os.path.join(snap, "config.json")):
            return snap
    found = sorted(glob.glob(os.path.join(root, "snapshots", "*", "config.json")), key=os.path.getmtime)
    return os.path.dirname(found[-1]) if found else None


def has_weights(folder):
    return any(glob.glob(os.path.join(folder, pattern)) for pattern in WEIGHTS)


def _unavailable(model, why):
    return bad_request("Model %s is not available for fine-tuning or does not exist: %s" % (model, why), "model",
                       "model_not_available")


def _inside(path, roots):
    """True when path, with links resolved, lies below one of the roots (links resolved too)."""
    real = os.path.realpath(path)
    for root in roots:
        base = os.path.realpath(root)
        if real != base and os.path.commonpath([real, base]) == base:
            return True
    return False


def resolve_base(model, models_dirs=(), allow_download=False, allow_any_path=False):
    """-> {"load": what from_pretrained gets, "source": "local" | "hf-cache" | "download"}; 400 otherwise.

    A path must resolve inside --models-dir or the Hugging Face cache unless the agent runs with
    --allow-any-model-path; outside them the answer is the same whether the path exists or not, so a
    token holder cannot probe the machine's file system."""
    if model.startswith(("/", "./", "../", "~")):
        path = os.path.abspath(os.path.expanduser(model))
        if not allow_any_path and not _inside(path, list(models_dirs) + [hf_cache_dir()]):
            raise _unavailable(model, "a base model given as a path must lie inside --models-dir or the Hugging Face "
                                      "cache (start the agent with --allow-any-model-path to allow other folders).")
        if not os.path.isdir(path):
            raise _unavailable(model, "the directory %s does not exist on the GPU machine." % path)
        if not os.path.isfile(os.path.join(path, "config.json")):
            raise _unavailable(model, "the directory %s has no config.json (is it a Hugging Face model folder?)." % path)
        return {"load": path, "source": "local"}
    if model.startswith("ft:"):
        raise _unavailable(model, "supervised training starts from a base model; fine-tune its base model instead, "
                                  "or train this model further with DPO (method type \"dpo\").")
    for folder in models_dirs:
        path = os.path.join(folder, model)
        if _inside(path, [folder]) and os.path.isfile(os.path.join(path, "config.json")):
            return {"load": os.path.abspath(path), "source": "local"}
    if not HF_ID.match(model) or ".." in model:
        raise _unavailable(model, "it is neither a local directory nor a Hugging Face model id.")
    if cached_snapshot(model):
        return {"load": model, "source": "hf-cache"}
    if allow_download:
        return {"load": model, "source": "download"}
    raise _unavailable(model, "it is not a directory on the GPU machine and not in its Hugging Face cache (%s). "
                              "Download it there first (huggingface-cli download %s), or start the agent with "
                              "--allow-download." % (hf_cache_dir(), model))


def base_models(models_dirs=()):
    """Base models found under --models-dir and in the Hugging Face cache, as model entries."""
    out = []
    for folder in models_dirs:
        for cfg in sorted(glob.glob(os.path.join(folder, "*", "config.json"))):
            path = os.path.abspath(os.path.dirname(cfg))
            out.append(_entry(path, "base", "local", path, has_weights(path), os.path.getmtime(cfg)))
    for root in sorted(glob.glob(os.path.join(hf_cache_dir(), "models--*"))):
        model_id = os.path.basename(root)[len("models--"):].replace("--", "/")
        snap = cached_snapshot(model_id)
        if snap:
            out.append(_entry(model_id, "base", "huggingface-cache", snap, has_weights(snap), os.path.getmtime(snap)))
    return out


def _entry(model_id, kind, owned_by, path, available, created, **extra):
    entry = {"id": model_id, "object": "model", "created": int(created), "owned_by": owned_by, "kind": kind,
             "available": bool(available)}
    entry.update(extra)
    return entry, path


def trained_entry(model_id, kind, path, created, base_model, job_id):
    return _entry(model_id, kind, "tooltune", path, os.path.isdir(path), created, base_model=base_model, job_id=job_id)


def listing(entries):
    """GET /v1/models: OpenAI's list shape; each model also says its kind and whether it can be used now."""
    return {"object": "list", "data": [e for e, _path in entries]}
