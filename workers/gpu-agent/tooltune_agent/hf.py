"""How the trainer and the inference worker load a base model with transformers (torch needed here).

One place for the dtype (bf16 where the GPU has it, else fp16; fp32 on the CPU), 4-bit through
bitsandbytes when asked and possible, and the keyword transformers wants for the dtype (`dtype`
from 4.56, `torch_dtype` before; transformers 5 warns on the old name)."""
import torch
import transformers


def compute_dtype():
    if not torch.cuda.is_available():
        return torch.float32
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def has_bitsandbytes():
    try:
        import bitsandbytes  # noqa: F401
        return True
    except Exception:
        return False


def can_load_in_4bit():
    return has_bitsandbytes() and torch.cuda.is_available()


def dtype_keyword():
    major, minor = (int(x) for x in transformers.__version__.split(".")[:2])
    return "dtype" if (major, minor) >= (4, 56) else "torch_dtype"


def load_kwargs(load_in_4bit):
    """-> keyword arguments for AutoModelForCausalLM.from_pretrained; 4-bit only where can_load_in_4bit()."""
    dtype = compute_dtype()
    kwargs = {dtype_keyword(): dtype}
    if torch.cuda.is_available():
        kwargs["device_map"] = {"": 0}
    if load_in_4bit and can_load_in_4bit():
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                                                           bnb_4bit_use_double_quant=True,
                                                           bnb_4bit_compute_dtype=dtype)
    return kwargs
