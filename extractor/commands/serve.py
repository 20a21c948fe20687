"""``factcheck serve``: the web page for editors (and its JSON API) on this machine."""

from __future__ import annotations

import argparse
import ipaddress
import sys

HELP = (
    "serve the web page for editors and the JSON API (loopback only unless --host says otherwise)"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="seconds one check may take (default 30)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes that run checks (default: one per core, at most 4; each ~125 MB)",
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=2 * 1024 * 1024,
        help="largest request body accepted, in bytes (default 2 MiB)",
    )


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    from extractor.errors import UsageError

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be 0..65535, not {args.port}")
    if args.timeout <= 0 or args.max_bytes <= 0:
        raise UsageError("--timeout and --max-bytes must be positive")
    if args.workers is not None and not 1 <= args.workers <= 64:
        raise UsageError(f"--workers must be 1..64, not {args.workers}")
    if not is_loopback(args.host):
        print(
            f"factcheck serve: warning: binding {args.host}, not loopback: anyone who can reach "
            "this machine can use the page. There is no login.",
            file=sys.stderr,
        )

    import uvicorn

    from extractor.config import load_config
    from extractor.web import WebSettings, create_app

    workers = {} if args.workers is None else {"workers": args.workers}
    settings = WebSettings(max_bytes=args.max_bytes, timeout=args.timeout, **workers)
    app = create_app(load_config("."), settings=settings)
    print(f"factcheck serve: http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
