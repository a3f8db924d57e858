"""Production-like servers for the soak scripts: gunicorn, DEBUG off, loopback only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SECRET = "soak-only-secret-key-" + "s" * 40
# The servers write each mail to a file here; the scripts follow the sign-up links in them.
MAIL_DIR = ROOT / "var" / "soak" / "mail"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database_url: str = "", redis_url: str = "", data_dir: str = "") -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DEBUG", "EMAIL_HOST"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CACHE_KEY_PREFIX="soak",
        # Request warnings (404, 410) too: the log is checked for share tokens and links.
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(Path(data_dir or ROOT / "var" / "soak") / "static"),
        EMAIL_FILE_PATH=str(MAIL_DIR),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    if data_dir:
        env["DATA_DIR"] = data_dir
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


class Gunicorn:
    def __init__(self, env: dict[str, str], port: int | None = None, workers: int = 2) -> None:
        self.env = env
        self.port = port or free_port()
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Gunicorn:
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "rothsite.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                "4",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(ROOT / "var" / "soak" / f"gunicorn-{self.port}.log", "wb"),  # noqa: SIM115
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/", timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn on {self.port} did not start")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
