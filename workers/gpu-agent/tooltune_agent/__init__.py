"""ToolTune GPU agent: the subset of OpenAI's files / fine-tuning / chat API that ToolTune uses,
served from a GPU machine that trains LoRA adapters (Unsloth, or transformers + peft)."""

__version__ = "0.1.0"
