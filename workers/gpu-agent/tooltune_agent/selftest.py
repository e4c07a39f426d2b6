"""`python -m tooltune_agent.selftest`: does this machine's training stack train and serve, end to end?

Builds a tiny randomly initialised model from a config (Qwen2 layout, a few hundred thousand
weights, with a byte-level BPE tokenizer trained on the spot and a ChatML chat template that renders
tools), so nothing is downloaded. Then it starts a real agent on loopback with the real trainer and
inference worker, uploads a small tool-calling dataset, trains a LoRA adapter for --steps steps
with a validation file, kills the agent after the first checkpoint and starts it again (the job must
resume from that checkpoint), reads the events, checkpoints and result file back as ToolTune would,
and asks the trained model and a checkpoint one chat completion with tools. Where TRL (and peft itself) is
installed, it then trains DPO on preference pairs on top of that SFT model (its adapter trained on and kept
as the reference), checks that DPO's metrics arrive and the reward margin grows, and asks the DPO model too;
otherwise it says DPO was skipped and why. Prints the loss curve and what passed.
Exit code 0 when every check passed. Needs torch and transformers (and peft or Unsloth, as training
does); --cpu trains on the CPU even where a GPU is visible."""
import argparse
import json
import os
import random
import secrets
import shutil
import sys
import tempfile
import time

from .client import Client, spawn_agent

TOOLS = [
    {"type": "function", "function": {
        "name": "get_weather", "description": "Current weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"},
                                                        "unit": {"type": "string", "enum": ["c", "f"]}},
                       "required": ["city"]}}},
    {"type": "function", "function": {
        "name": "get_order_status", "description": "Where an order is",
        "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}}},
]
SYSTEM = "You are the support router. Call a tool when one fits; otherwise answer briefly."
CITIES = ["Paris", "Lagos", "Lima", "Oslo", "Osaka", "Quito", "Perth", "Porto", "Accra", "Cairo", "Delhi", "Hanoi"]

# ChatML with tools, in the shape of Qwen2.5's template: tools listed in the system turn, calls as
# <tool_call> JSON, tool results as <tool_response> in a user turn.
CHAT_TEMPLATE = r"""
{%- if tools %}
{{- '<|im_start|>system\n' }}
{%- if messages[0].role == 'system' %}{{- messages[0].content }}{%- else %}{{- 'You are a helpful assistant.' }}{%- endif %}
{{- '\n\n# Tools\n\n<tools>' }}
{%- for tool in tools %}{{- '\n' + (tool | tojson) }}{%- endfor %}
{{- '\n</tools>\nReply with <tool_call>{"name": ..., "arguments": {...}}</tool_call> to call one.<|im_end|>\n' }}
{%- elif messages[0].role == 'system' %}
{{- '<|im_start|>system\n' + messages[0].content + '<|im_end|>\n' }}
{%- endif %}
{%- for message in messages %}
{%- if message.role == 'assistant' %}
{{- '<|im_start|>assistant\n' }}
{%- if message.content %}{{- message.content }}{%- endif %}
{%- for call in message.tool_calls or [] %}
{%- if not loop.first or message.content %}{{- '\n' }}{%- endif %}
{{- '<tool_call>\n{"name": "' + call.function.name + '", "arguments": ' + (call.function.arguments | tojson) + '}\n</tool_call>' }}
{%- endfor %}
{{- '<|im_end|>\n' }}
{%- elif message.role == 'tool' %}
{{- '<|im_start|>user\n<tool_response>\n' + message.content + '\n</tool_response><|im_end|>\n' }}
{%- elif message.role != 'system' %}
{{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}
{%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}"""
SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<tool_call>", "</tool_call>"]


def example(rng, i):
    """One OpenAI fine-tuning line: a weather call, an order lookup, or a plain answer (no tool)."""
    kind = i % 5
    messages = [{"role": "system", "content": SYSTEM}]
    if kind in (0, 1, 2):
        city = rng.choice(CITIES)
        args = {"city": city} if kind != 2 else {"city": city, "unit": "f"}
        ask = "Weather in %s%s?" % (city, " in fahrenheit" if kind == 2 else "")
        call = ("get_weather", args)
    elif kind == 3:
        order = "A%04d" % rng.randrange(10000)
        ask, call = "Where is my order %s?" % order, ("get_order_status", {"order_id": order})
    else:
        ask, call = rng.choice(["Hello!", "Thanks a lot", "Who are you?"]), None
    messages.append({"role": "user", "content": ask})
    if call:
        messages.append({"role": "assistant", "tool_calls": [{"id": "call_%d" % i, "type": "function", "function": {
            "name": call[0], "arguments": json.dumps(call[1])}}]})
    else:
        messages.append({"role": "assistant", "content": "Hi! I can check the weather or an order for you."})
    return {"messages": messages, "tools": TOOLS, "parallel_tool_calls": False}


def dataset(n, seed):
    rng = random.Random(seed)
    return [example(rng, i) for i in range(n)]


WRONG_ANSWER = "Hi! I can check the weather or an order for you."


def preference_pairs(n, seed):
    """OpenAI preference lines on the same requests: the gold decision is preferred; the rejected reply is the
    mistake the eval counts: a missed call (a chat answer where a tool fits) or a false call (a tool call on
    chit-chat)."""
    out = []
    for i, line in enumerate(dataset(n, seed)):
        gold = line["messages"][-1]
        if gold.get("tool_calls"):
            wrong = {"role": "assistant", "content": WRONG_ANSWER}
        else:
            wrong = {"role": "assistant", "tool_calls": [{"id": "call_x%d" % i, "type": "function", "function": {
                "name": "get_weather", "arguments": json.dumps({"city": CITIES[i % len(CITIES)]})}}]}
        out.append({"input": {"messages": line["messages"][:-1], "tools": line["tools"]},
                    "preferred_output": [gold], "non_preferred_output": [wrong]})
    return out


def dpo_unavailable():
    """Why the DPO step cannot run in this Python, or None when it can (trl, datasets and peft itself)."""
    import importlib.util

    missing = [m for m in ("trl", "datasets", "peft") if importlib.util.find_spec(m) is None]
    if missing:
        names = missing[0] if len(missing) == 1 else "%s and %s" % (", ".join(missing[:-1]), missing[-1])
        return "%s %s not installed in this Python" % (names, "is" if len(missing) == 1 else "are")
    import peft

    if not getattr(peft, "__version__", None):
        return "peft here is the test stand-in (%s), which has no second adapter for the reference" % peft.__file__
    return None


def build_model(folder, seed, corpus):
    """A random Qwen2-layout model and a BPE tokenizer trained on `corpus`, saved as a local base model."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import AutoModelForCausalLM, PreTrainedTokenizerFast, Qwen2Config

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    bpe.train_from_iterator(corpus, trainers.BpeTrainer(vocab_size=512, special_tokens=SPECIAL, show_progress=False,
                                                        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|endoftext|>",
                                        additional_special_tokens=SPECIAL[1:])
    tokenizer.chat_template = CHAT_TEMPLATE
    torch.manual_seed(seed)
    config = Qwen2Config(vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=1024,
                         tie_word_embeddings=True, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id, bos_token_id=None)
    model = AutoModelForCausalLM.from_config(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return sum(p.numel() for p in model.parameters()), len(tokenizer)


def expected_reply(line):
    """What the loss should cover in a one-turn example: the reply as the template writes it, and the end token."""
    m = line["messages"][-1]
    if m.get("tool_calls"):
        return "\n".join("<tool_call>\n%s\n</tool_call>" % json.dumps(
            {"name": c["function"]["name"], "arguments": json.loads(c["function"]["arguments"])})
            for c in m["tool_calls"]) + "<|im_end|>\n"
    return m["content"] + "<|im_end|>\n"


def trained_texts(base, lines):
    """The tokens that carry loss, decoded, for each line, as the trainer prepares them (real tokenizer)."""
    from transformers import AutoTokenizer

    from .prepare import convert_file
    from .train_data import IGNORE, encode_examples

    tokenizer = AutoTokenizer.from_pretrained(base)
    samples, _ = encode_examples(convert_file(jsonl(lines)), tokenizer, 512)
    return [tokenizer.decode([t for t in s["labels"] if t != IGNORE]) for s in samples]


def corpus_of(lines):
    """Texts to train the tokenizer on: everything the template will render."""
    out = [CHAT_TEMPLATE.replace("{", " ").replace("}", " ")]
    for line in lines:
        out.append(json.dumps(line["tools"]))
        for m in line["messages"]:
            out.append(m.get("content") or json.dumps(m.get("tool_calls")))
    return out


def jsonl(lines):
    return ("\n".join(json.dumps(x) for x in lines) + "\n").encode("utf-8")


class Report:
    def __init__(self):
        self.failed = []

    def check(self, ok, what, detail=""):
        print("  %s %s%s" % ("ok  " if ok else "FAIL", what, (": %s" % detail) if detail else ""), flush=True)
        if not ok:
            self.failed.append(what)
        return ok


def start_agent(data_dir, models_dir, token, cpu):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if cpu:
        env["CUDA_VISIBLE_DEVICES"] = ""
    with open(os.path.join(data_dir, "agent.log"), "ab") as log:
        try:
            return spawn_agent(token, data_dir, ["--models-dir", models_dir], env, log)
        except RuntimeError as e:
            raise SystemExit(str(e))


class Follower:
    """Prints a job's events as they arrive (across agent restarts) and keeps them, oldest first."""

    def __init__(self, job_id, timeout):
        self.job_id, self.deadline = job_id, time.time() + timeout
        self.seen, self.events = set(), []

    def until(self, client, stop=lambda job: False):
        """Follows until the job ends or stop(job) holds; -> the job."""
        while True:
            job = client.ok("GET", "/v1/fine_tuning/jobs/%s" % self.job_id)
            page = client.ok("GET", "/v1/fine_tuning/jobs/%s/events?limit=100" % self.job_id)["data"]
            for event in reversed(page):
                if event["id"] not in self.seen:
                    self.seen.add(event["id"])
                    self.events.append(event)
                    print("    [%s] %s" % (event.get("level", "info"), event["message"]), flush=True)
            if job["status"] in ("succeeded", "failed", "cancelled") or stop(job):
                return job
            if time.time() > self.deadline:
                client.request("POST", "/v1/fine_tuning/jobs/%s/cancel" % self.job_id)
                raise SystemExit("the job did not finish in time; cancelled")
            time.sleep(0.5)


def loss_table(events):
    rows = {}
    for e in events:
        if e.get("type") == "metrics":
            d = e["data"]
            row = rows.setdefault(d["step"], {})
            row.update({k: d[k] for k in ("train_loss", "valid_loss", "train_mean_token_accuracy") if k in d})
    return [dict(step=s, **rows[s]) for s in sorted(rows)]


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m tooltune_agent.selftest", description=__doc__.split("\n\n")[0])
    p.add_argument("--steps", type=int, default=30, help="training steps (default 30)")
    p.add_argument("--examples", type=int, default=60, help="training examples (default 60; 15 more validate)")
    p.add_argument("--learning-rate", type=float, default=1e-2, help="default 1e-2 (the model starts random)")
    p.add_argument("--cpu", action="store_true", help="train on the CPU even where a GPU is visible")
    p.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder, removed)")
    p.add_argument("--timeout", type=float, default=1800, help="seconds the training may take (default 1800)")
    p.add_argument("--no-restart", dest="restart", action="store_false",
                   help="skip killing and restarting the agent after the first checkpoint")
    p.add_argument("--dpo-steps", type=int, default=12, help="DPO steps on top of the SFT model (default 12)")
    p.add_argument("--no-dpo", dest="dpo", action="store_false", help="skip the DPO step")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)

    work = args.keep or tempfile.mkdtemp(prefix="tooltune-selftest-")
    models_dir, data_dir = os.path.join(work, "models"), os.path.join(work, "data")
    base = os.path.join(models_dir, "tiny-random-qwen2")
    for d in (base, data_dir):
        os.makedirs(d, exist_ok=True)
    report, proc = Report(), None
    try:
        train, valid = dataset(args.examples, args.seed), dataset(15, args.seed + 1)
        print("1. A random model from a config (nothing downloaded)", flush=True)
        try:
            import torch
            import transformers
        except ImportError as e:
            print("The self-test needs torch and transformers in this Python (%s): %s" % (sys.executable, e))
            return 2

        n_params, vocab = build_model(base, args.seed, corpus_of(train + valid))
        cuda = torch.cuda.is_available() and not args.cpu
        print("  torch %s, transformers %s, %s; %d weights, vocabulary %d, in %s" % (
            torch.__version__, transformers.__version__, torch.cuda.get_device_name(0) if cuda else "CPU",
            n_params, vocab, base), flush=True)

        got = trained_texts(base, train[:10])
        wrong = [i for i, (line, text) in enumerate(zip(train, got)) if text != expected_reply(line)]
        report.check(len(got) == 10 and not wrong, "the loss is on the assistant replies alone",
                     "e.g. %r" % got[0] if not wrong else "line %d trains on %r" % (wrong[0] + 1, got[wrong[0]]))

        print("2. The agent with the real trainer and inference worker", flush=True)
        token = secrets.token_urlsafe(32)
        proc, url = start_agent(data_dir, models_dir, token, args.cpu)
        client = Client(url, token)
        models = [m["id"] for m in client.ok("GET", "/v1/models")["data"]]
        report.check(base in models or "tiny-random-qwen2" in " ".join(models), "the agent lists the base model",
                     ", ".join(models))
        files = [client.add_file(jsonl(lines), name)["id"] for lines, name in ((train, "train.jsonl"),
                                                                               (valid, "valid.jsonl"))]

        print("3. Training: %d steps of LoRA on %d examples, %d validating" % (args.steps, len(train), len(valid)),
              flush=True)
        started = time.time()
        job = client.ok("POST", "/v1/fine_tuning/jobs", {
            "model": base, "training_file": files[0], "validation_file": files[1], "suffix": "selftest",
            "seed": args.seed, "hyperparameters": {"batch_size": 4},
            "lora": {"max_steps": args.steps, "learning_rate": args.learning_rate, "load_in_4bit": False,
                     "max_seq_length": 512, "gradient_accumulation_steps": 1, "warmup_steps": 2}})
        follower = Follower(job["id"], args.timeout)
        if args.restart:
            # Kill the agent (SIGKILL, as a crash or a reboot would) once the first checkpoint exists: the new
            # agent must resume the job from that checkpoint rather than lose it.
            has_checkpoint = lambda j: bool(client.ok("GET", "/v1/fine_tuning/jobs/%s/checkpoints" % j["id"])["data"])
            job = follower.until(client, has_checkpoint)
            if job["status"] == "running":
                print("    -- killing the agent after the first checkpoint, and starting it again --", flush=True)
                proc.kill()
                proc.wait(timeout=30)
                proc, url = start_agent(data_dir, models_dir, token, args.cpu)
                client = Client(url, token)
        job = follower.until(client)
        events = follower.events
        seconds = time.time() - started
        if not report.check(job["status"] == "succeeded", "the job succeeded",
                            "%s in %.1f s" % (job["status"], seconds) if job["status"] == "succeeded"
                            else json.dumps(job.get("error"))):
            return 1
        if args.restart:
            report.check(any("it resumes from the checkpoint at step" in e["message"] for e in events),
                         "the restarted agent resumed the job from its checkpoint")
        curve = loss_table(events)
        train_steps = [r["step"] for r in curve if "train_loss" in r]
        report.check(train_steps == list(range(1, args.steps + 1)), "a train loss for every step",
                     "%d of %d" % (len(train_steps), args.steps))
        report.check(any("valid_loss" in r for r in curve), "validation loss reported")
        losses = [r["train_loss"] for r in curve if "train_loss" in r]
        k = max(1, min(5, len(losses) // 3))
        first, last = sum(losses[:k]) / k, sum(losses[-k:]) / k
        report.check(last < first, "the train loss went down",
                     "mean of the first %d steps %.3f, of the last %d %.3f" % (k, first, k, last))
        checkpoints = client.ok("GET", "/v1/fine_tuning/jobs/%s/checkpoints" % job["id"])["data"]
        report.check(bool(checkpoints), "a checkpoint was saved",
                     ", ".join("step %d" % c["step_number"] for c in checkpoints))
        csv = client.request("GET", "/v1/files/%s/content" % job["result_files"][0])[1]
        csv = csv.decode() if isinstance(csv, bytes) else str(csv)
        report.check(csv.count("\n") >= args.steps, "the step_metrics.csv result file has every step",
                     "%d rows" % (csv.count("\n") - 1))

        print("4. Chat completions from the trained model and its first checkpoint (greedy)", flush=True)
        for what, model in (("the trained model", job["fine_tuned_model"]),
                            ("the checkpoint", checkpoints[-1]["fine_tuned_model_checkpoint"] if checkpoints else None)):
            if model:
                ask(client, report, what, model)

        dpo_curve = None
        why_not = "--no-dpo" if not args.dpo else dpo_unavailable()
        if why_not:
            print("5. DPO: skipped (%s)" % why_not, flush=True)
        else:
            dpo_curve = dpo_step(client, report, job["fine_tuned_model"], args)

        print("\nLoss curve (step, train loss, validation loss, token accuracy):")
        for r in curve:
            print("  %4d  %8s  %8s  %6s" % (r["step"], fmt(r.get("train_loss")), fmt(r.get("valid_loss")),
                                            fmt(r.get("train_mean_token_accuracy"))))
        if dpo_curve:
            print("\nDPO (step, loss, reward margin, reward accuracy):")
            for r in dpo_curve:
                print("  %4d  %8s  %8s  %6s" % (r["step"], fmt(r.get("train_loss")), fmt(r.get("rewards/margins")),
                                                fmt(r.get("rewards/accuracies"))))
        print("\n%s" % ("PASS: this machine trains and serves." if not report.failed
                        else "FAIL: %s" % "; ".join(report.failed)))
        return 0 if not report.failed else 1
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("Kept %s (agent log: %s)" % (work, os.path.join(data_dir, "agent.log")))


def dpo_step(client, report, sft_model, args):
    """DPO on preference pairs on top of the SFT model; -> its per-step metrics."""
    print("5. DPO: %d steps on preference pairs on top of %s (its adapter is the reference)" % (args.dpo_steps, sft_model),
          flush=True)
    files = [client.add_file(jsonl(preference_pairs(n, seed)), name)["id"]
             for n, seed, name in ((24, args.seed + 2, "pairs.jsonl"), (10, args.seed + 3, "valid-pairs.jsonl"))]
    status, job = client.request("POST", "/v1/fine_tuning/jobs", {
        "model": sft_model, "training_file": files[0], "validation_file": files[1], "suffix": "selftest-dpo",
        "seed": args.seed, "method": {"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.1, "batch_size": 4}}},
        "lora": {"max_steps": args.dpo_steps, "learning_rate": args.learning_rate / 2,
                 "gradient_accumulation_steps": 1, "warmup_steps": 1}})
    if not report.check(status == 200, "the DPO job was accepted", "" if status == 200 else json.dumps(job)):
        return None
    follower = Follower(job["id"], args.timeout)
    job = follower.until(client)
    if not report.check(job["status"] == "succeeded", "the DPO job succeeded",
                        job["status"] if job["status"] == "succeeded" else json.dumps(job.get("error"))):
        return None
    rows = {}
    for e in follower.events:
        if e.get("type") == "metrics":
            rows.setdefault(e["data"]["step"], {}).update(e["data"])
    curve = [dict(rows[s], step=s) for s in sorted(rows)]
    train = [r for r in curve if "train_loss" in r and "rewards/margins" in r]
    report.check(len(train) == args.dpo_steps and all("rewards/accuracies" in r and "rewards/chosen" in r
                                                      and "rewards/rejected" in r for r in train),
                 "DPO loss and rewards for every step", "%d of %d" % (len(train), args.dpo_steps))
    report.check(any("valid_rewards/margins" in r for r in curve), "DPO validation reward margins reported")
    margins = [r["rewards/margins"] for r in train]
    k = max(1, min(3, len(margins) // 3))
    if margins:
        first, last = sum(margins[:k]) / k, sum(margins[-k:]) / k
        report.check(last > first, "the reward margin grew", "mean of the first %d steps %.4f, of the last %d %.4f"
                     % (k, first, k, last))
    ask(client, report, "the DPO model", job["fine_tuned_model"])
    return curve


def ask(client, report, what, model):
    started = time.time()
    status, reply = client.request("POST", "/v1/chat/completions", {
        "model": model, "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "Weather in Oslo?"}],
        "tools": TOOLS, "temperature": 0, "max_tokens": 48})
    if report.check(status == 200, "%s answered" % what,
                    "%.1f s" % (time.time() - started) if status == 200 else json.dumps(reply)):
        msg, usage = reply["choices"][0]["message"], reply["usage"]
        print("  answer: %s" % json.dumps({k: msg.get(k) for k in ("content", "tool_calls") if msg.get(k)})[:300])
        report.check(usage["completion_tokens"] > 0, "%s generated tokens" % what,
                     "%d, finish_reason %s" % (usage["completion_tokens"], reply["choices"][0]["finish_reason"]))


def fmt(v):
    return "" if v is None else "%.4f" % v


if __name__ == "__main__":
    sys.exit(main())
