"""`python -m tooltune_agent --host 0.0.0.0 --port 8700 --token $TOKEN --data-dir /var/lib/tooltune`

Prints `LISTENING <port>` once it accepts requests (with --port 0 the port is chosen by the system).
SIGTERM / SIGINT stop it; a training child still running is stopped too, and its job is reported as
failed (with where its checkpoints are) when the agent starts again."""
import argparse
import os
import shlex
import signal
import sys
import threading

from .inference import Backend
from .jobs import Jobs
from .scheduler import Scheduler
from .server import App, make_server
from .store import Store

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m tooltune_agent", description="ToolTune GPU agent")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8700, help="port; 0 picks a free one (default 8700)")
    p.add_argument("--token", default=os.environ.get("TOOLTUNE_AGENT_TOKEN"),
                   help="bearer token every request must carry (or env TOOLTUNE_AGENT_TOKEN, or --token-file)")
    p.add_argument("--token-file", help="read the token from this file")
    p.add_argument("--data-dir", required=True, help="where files, jobs, checkpoints and adapters are kept")
    p.add_argument("--models-dir", action="append", default=[], help="a folder of base models (repeatable)")
    p.add_argument("--allow-download", action="store_true",
                   help="accept Hugging Face ids that are not in the local cache (the trainer downloads them)")
    p.add_argument("--allow-any-model-path", action="store_true",
                   help="accept base models given as paths outside --models-dir and the Hugging Face cache")
    p.add_argument("--max-connections", type=int, default=64,
                   help="connections served at once; more get 503 at once (default 64)")
    p.add_argument("--request-timeout", type=float, default=30.0,
                   help="seconds a client may take to send a request's headers, or stay silent while sending its "
                        "body (default 30)")
    p.add_argument("--gpus", default=os.environ.get("TOOLTUNE_AGENT_GPUS"),
                   help="comma-separated GPU ids, one training job at a time on each (default: one slot, "
                        "the devices the agent sees)")
    p.add_argument("--trainer-cmd", default=os.environ.get("TOOLTUNE_AGENT_TRAINER"),
                   help="training command; gets --job-dir DIR (default: python -m tooltune_agent.train)")
    p.add_argument("--inference-cmd", default=os.environ.get("TOOLTUNE_AGENT_INFERENCE"),
                   help="inference backend command (default: python -m tooltune_agent.infer_worker)")
    p.add_argument("--inference-timeout", type=float, default=600.0, help="seconds per chat completion")
    p.add_argument("--max-tokens-limit", type=int, default=4096, help="largest max_tokens a request may ask for")
    p.add_argument("--max-upload-mb", type=int, default=512, help="largest upload accepted")
    p.add_argument("--cancel-grace", type=float, default=10.0, help="seconds between SIGTERM and SIGKILL")
    p.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = p.parse_args(argv)
    if args.token_file:
        with open(args.token_file) as f:
            args.token = f.read().strip()
    if not args.token:
        p.error("a token is required: --token, --token-file or env TOOLTUNE_AGENT_TOKEN")
    if len(args.token) < 16:
        print("warning: the token is short; use at least 32 random characters", file=sys.stderr)
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [PACKAGE_PARENT, os.environ.get("PYTHONPATH")])),
           "PYTHONUNBUFFERED": "1"}
    if not args.allow_download:
        env["HF_HUB_OFFLINE"] = "1"
    python = [sys.executable]
    trainer = shlex.split(args.trainer_cmd) if args.trainer_cmd else python + ["-m", "tooltune_agent.train"]
    infer = shlex.split(args.inference_cmd) if args.inference_cmd else python + ["-m", "tooltune_agent.infer_worker"]
    slots = [g.strip() for g in args.gpus.split(",") if g.strip()] if args.gpus else [None]

    store = Store(args.data_dir)
    jobs = Jobs(store, args.models_dir, args.allow_download, args.allow_any_model_path)
    scheduler = Scheduler(jobs, trainer, slots, grace_s=args.cancel_grace, env=env)
    backend = Backend(infer, args.inference_timeout, os.path.join(store.root, "inference.log"), env)
    app = App(store, jobs, scheduler, backend, args.token, args.models_dir, args.max_upload_mb << 20,
              args.max_tokens_limit, args.verbose, request_timeout=args.request_timeout)
    server = make_server(args.host, args.port, app, max_connections=args.max_connections)
    scheduler.start()

    def stop(_signum, _frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("LISTENING %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        scheduler.shutdown()
        backend.close()
        server.server_close()


if __name__ == "__main__":
    main()
