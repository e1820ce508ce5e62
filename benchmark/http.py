"""Requests per second over loopback: gunicorn on the benchmark's database, driven by wrk.

gunicorn runs with production settings (``DJANGO_DEBUG=false``, one worker per
core, the page cache in a redis-server of its own as in production; in each
worker's memory when redis-server is missing, which the table says) and is sent
``X-Forwarded-Proto: https`` as the TLS-terminating proxy would send it. wrk runs for
a fixed time against:

- the cached article page (one address, after a warm-up request per worker);
- the uncached article page: a Lua script walks distinct article addresses,
  each thread its own share of them, so every request is a page-cache miss
  (the script counts the responses' ``X-Cache`` to show it);
- a 304: the article page with the ``ETag`` (or ``Last-Modified``) it was sent;
- ``/healthz``, the cheapest thing the server answers.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
from django.conf import settings

from articles.models import Article

HEADERS = {"X-Forwarded-Proto": "https"}

WALK_SCRIPT = """
local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  paths = {}
  for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
  total = #paths
  position = id
  hits = 0
  misses = 0
end
function request()
  position = position + %(threads)d
  return wrk.format(nil, paths[(position %% #paths) + 1])
end
function response(status, headers, body)
  if headers["X-Cache"] == "hit" then hits = hits + 1 else misses = misses + 1 end
end
function done(summary, latency, requests)
  local h, m, n = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    m = m + thread:get("misses")
    n = thread:get("total")
  end
  io.write(string.format("X-Cache hits: %%d misses: %%d paths: %%d\\n", h, m, n))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=HEADERS | (headers or {}))  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def peak_memory(process):
    """Peak resident memory (VmHWM) in MiB; the current RSS where /proc has no VmHWM."""
    try:
        status = Path(f"/proc/{process.pid}/status").read_text()
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            return int(match.group(1)) / 1024
        return process.memory_info().rss / 1024 / 1024
    except (OSError, psutil.Error):
        return None


class RedisServer:
    """A throwaway redis-server on loopback (no disk), or None where there is none."""

    def __init__(self):
        self.process = None
        self.url = None

    def __enter__(self):
        binary = shutil.which("redis-server")
        if not binary:
            return self
        port = free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                self.url = f"redis://127.0.0.1:{port}/0"
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start within 10 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Gunicorn:
    def __init__(self, workdir, workers, cache_url=None):
        self.cache_url = cache_url
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.workers = workers
        self.process = None

    def __enter__(self):
        env = os.environ | {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or os.urandom(24).hex(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        if self.cache_url:
            env["CACHE_URL"] = self.cache_url
        self.log = open(self.workdir / "gunicorn.log", "wb")
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "think_tank.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.workdir / 'gunicorn.log'}")
            try:
                fetch(self.base + "/robots.txt")
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def memory(self):
        master = psutil.Process(self.process.pid)
        workers = [peak_memory(child) for child in master.children()]
        workers = [m for m in workers if m is not None]
        return {
            "master_mib": peak_memory(master),
            "worker_mib": max(workers) if workers else None,
            "workers": len(workers),
        }

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def wrk(url, *, duration, connections, threads, headers=None, script=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in (HEADERS | (headers or {})).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    result = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=False, timeout=duration + 60
    )
    if result.returncode:
        raise RuntimeError(f"wrk failed: {result.stdout[-500:]} {result.stderr[-500:]}")
    output = result.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    cache = re.search(r"X-Cache hits: (\d+) misses: (\d+) paths: (\d+)", output)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "bad_status": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "p50_ms": _ms(p50) if p50 else None,
        "cache": [int(g) for g in cache.groups()] if cache else None,
    }


def _ms(match):
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def measure_http(workdir, *, duration=10, connections=16, progress=print):
    """Requests per second of each case, the ratios' inputs, and the server's peak memory."""
    if not shutil.which("wrk"):
        return {"error": "wrk is not installed (Debian: apt-get install wrk); HTTP skipped"}
    workdir.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    threads = min(2, cores)
    public = Article.objects.published().order_by("-published_at")
    article_path = public.first().get_absolute_url()
    paths = _article_urls(public)
    paths_file = workdir / "article-paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    script = workdir / "walk.lua"
    script.write_text(WALK_SCRIPT % {"paths": paths_file, "threads": threads})

    with RedisServer() as redis, Gunicorn(workdir, workers=cores, cache_url=redis.url) as server:
        status, _h, _b = fetch(server.base + "/healthz")
        health_path = "/healthz" if status == 200 else "/robots.txt"
        for _ in range(cores * 4):  # every worker has the page cached
            status, headers, _body = fetch(server.base + article_path)
        if status != 200:
            raise RuntimeError(f"{article_path} answered {status} under gunicorn")
        validator = (
            {"If-None-Match": headers["ETag"]}
            if "ETag" in headers
            else {"If-Modified-Since": headers["Last-Modified"]}
            if "Last-Modified" in headers
            else None
        )
        not_modified = fetch(server.base + article_path, validator)[0] if validator else None
        run = {"duration": duration, "connections": connections, "threads": threads}
        results = {
            "health_path": health_path,
            "workers": cores,
            "cache": "Redis" if redis.url else "each worker's memory (no redis-server)",
            "validator": next(iter(validator)) if validator else None,
            "not_modified_status": not_modified,
            "distinct_articles": len(paths),
        }
        cases = [
            ("healthz", server.base + health_path, {}),
            ("cached", server.base + article_path, {}),
            ("uncached", server.base + "/", {"script": script}),
        ]
        if validator:
            cases.append(("not_modified", server.base + article_path, {"headers": validator}))
        for name, url, extra in cases:
            results[name] = wrk(url, **run, **extra)
            progress(f"  {name:13} {results[name]['rps']:9.1f} requests/s")
        results["memory"] = server.memory()
    return results


def _article_urls(public):
    # Oldest first: far from the page the cached run warmed, and never the same twice
    # unless wrk gets through every article.
    return [article.get_absolute_url() for article in public.order_by("published_at").only("slug")]
