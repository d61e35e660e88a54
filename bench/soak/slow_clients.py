#!/usr/bin/env python3
"""Slow and idle clients for the soak benchmark (bench/soak/run), alongside wrk.

  slow_clients.py HOST PORT TOKEN [IDLE] [SLOW]

IDLE connections sit open: half never send a byte, half send one request and
then keep the connection alive without using it; when the server closes one
(its read timeout), it is opened again. SLOW clients each loop on a GET
written one byte every 20 ms, with the answer read 256 bytes at a time with
a pause between reads. Runs until SIGTERM or SIGINT, then prints one line:
  SLOW requests=<n> ok=<n> failed=<n> idle_reopened=<n>
"""
import signal
import socket
import sys
import threading
import time

host, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
idle_count = int(sys.argv[4]) if len(sys.argv) > 4 else 32
slow_count = int(sys.argv[5]) if len(sys.argv) > 5 else 8
stop = threading.Event()
lock = threading.Lock()
stats = {"requests": 0, "ok": 0, "failed": 0, "idle_reopened": 0}
failures = []


def bump(key, detail=None):
    with lock:
        stats[key] += 1
        if detail and len(failures) < 5:
            failures.append(detail)


def request_bytes(path):
    return (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
            f"User-Agent: soak-slow\r\n\r\n").encode()


def read_response(sock, chunk, pause):
    """Reads one response with Content-Length; returns its status."""
    data = b""
    while b"\r\n\r\n" not in data:
        part = sock.recv(chunk)
        if not part:
            raise ConnectionError("closed before the headers")
        data += part
        if pause:
            time.sleep(pause)
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        part = sock.recv(chunk)
        if not part:
            raise ConnectionError("closed inside the body")
        body += part
        if pause:
            time.sleep(pause)
    return status


def idle(n):
    sends = n % 2 == 1
    while not stop.is_set():
        try:
            with socket.create_connection((host, port), timeout=120) as sock:
                if sends:
                    sock.sendall(request_bytes("/api/health"))
                    if read_response(sock, 4096, 0) != 200:
                        bump("failed", "idle: health not 200")
                # Wait for the server to close it, or for the end.
                sock.settimeout(0.5)
                while not stop.is_set():
                    try:
                        if not sock.recv(1):
                            break
                    except socket.timeout:
                        continue
            if not stop.is_set():
                bump("idle_reopened")
        except OSError as e:
            if not stop.is_set():
                bump("failed", f"idle: {e}")
                time.sleep(0.5)


def slow(n):
    paths = ["/api/courses?page_size=20", "/api/me/enrollments", "/api/courses/1", "/api/me/stats"]
    i = n
    while not stop.is_set():
        path = paths[i % len(paths)]
        i += 1
        try:
            with socket.create_connection((host, port), timeout=60) as sock:
                for byte in request_bytes(path):
                    if stop.is_set():
                        return
                    sock.sendall(bytes([byte]))
                    time.sleep(0.02)
                status = read_response(sock, 256, 0.01)
            bump("requests")
            if status in (200, 404):  # course 1 may not be published
                bump("ok")
            else:
                bump("failed", f"slow {path}: {status}")
        except OSError as e:
            if not stop.is_set():
                bump("requests")
                bump("failed", f"slow {path}: {e}")


signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())
threads = [threading.Thread(target=idle, args=(n,), daemon=True) for n in range(idle_count)]
threads += [threading.Thread(target=slow, args=(n,), daemon=True) for n in range(slow_count)]
for t in threads:
    t.start()
while not stop.is_set():
    stop.wait(0.5)
time.sleep(1)
print(f"SLOW requests={stats['requests']} ok={stats['ok']} failed={stats['failed']} "
      f"idle_reopened={stats['idle_reopened']}", flush=True)
for f in failures:
    print(f"SLOW failure: {f}", flush=True)
