#!/usr/bin/env python3
"""Load for benchmarks/soak.sh: several users viewing pages, submitting and cancelling tasks,
while upstream faults rotate and backups run. Standard library only.

Prints one JSON object at the end: requests, unexpected (with examples), submits, cancels,
backups, backup_failures.
"""
import http.cookiejar
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ["SOAK_BASE"]
SIMULATOR = os.environ["SOAK_SIMULATOR"]
ORG = os.environ["SOAK_ORG"]
EMAIL = os.environ["SOAK_EMAIL"]
PASSWORD = os.environ["SOAK_PASSWORD"]
SECONDS = float(os.environ["SOAK_SECONDS"])
USERS = int(os.environ.get("SOAK_USERS", "4"))
BIN = os.environ["SOAK_BIN"]
DATA = os.environ["SOAK_DATA"]
DRAMAS = [int(d) for d in os.environ["SOAK_DRAMAS"].split(",")]

lock = threading.Lock()
stats = {"requests": 0, "unexpected": 0, "examples": [], "submits": 0, "cancels": 0, "backups": 0, "backup_failures": 0}
stop = threading.Event()


def note(unexpected=None):
    with lock:
        stats["requests"] += 1
        if unexpected:
            stats["unexpected"] += 1
            if len(stats["examples"]) < 10:
                stats["examples"].append(unexpected)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class User:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.tasks = []

    def csrf(self):
        return next((c.value for c in self.jar if c.name.endswith("showrunner_csrf")), "")

    def request(self, path, form=None, expect=(200,)):
        data = None
        headers = {"Accept": "text/html"}
        if form is not None:
            form = list(form) + [("_csrf", self.csrf())]
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(BASE + path, data=data, headers=headers, method="POST" if form is not None else "GET")
        try:
            with self.opener.open(request, timeout=60) as response:
                status, body, location = response.status, response.read(), response.headers.get("Location")
        except urllib.error.HTTPError as error:
            status, body, location = error.code, error.read(), error.headers.get("Location")
        except Exception as error:  # connection refused, reset, timeout
            note(f"{path}: {type(error).__name__} {error}")
            return None, b"", None
        note(None if status in expect else f"{'POST' if form is not None else 'GET'} {path}: HTTP {status}")
        return status, body, location

    def login(self):
        self.request("/login")
        status, _, _ = self.request("/login", [("email", EMAIL), ("password", PASSWORD)], expect=(303, 302))
        return status in (302, 303)

    def view(self):
        drama = random.choice(DRAMAS)
        path = random.choice([
            f"/o/{ORG}", f"/o/{ORG}/projects", f"/o/{ORG}/dramas/{drama}", f"/o/{ORG}/dramas/{drama}?page=2",
            f"/o/{ORG}/tasks", f"/o/{ORG}/tasks?status=running", f"/o/{ORG}/search?q=" + urllib.parse.quote(random.choice(["总裁", "hospital", "妈", "the"])),
            f"/o/{ORG}/dramas/{drama}/characters", f"/o/{ORG}/dramas/{drama}/uploads",
        ] + [f"/o/{ORG}/tasks/{t}" for t in self.tasks[-3:]] + [f"/o/{ORG}/episodes/{e}/storyboard" for e in storyboard_episodes()])
        self.request(path)

    def submit(self):
        drama = random.choice(DRAMAS)
        first = random.randint(1, 40)
        form = [("submitted", "1"), ("episodes", f"{first}-{first + random.randint(0, 2)}"), ("mode", "short_drama"), ("language", "en"),
                ("require_json", "on"), ("require_xlsx", "on"), ("concurrency", "100")]
        status, body, _ = self.request(f"/o/{ORG}/dramas/{drama}/tasks/review", form, expect=(200, 422))
        if status != 200:
            return
        fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', body.decode("utf-8", "replace"))
        fields = [(k, v.replace("&quot;", '"').replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                  for k, v in fields if k != "_csrf"]
        status, _, location = self.request(f"/o/{ORG}/dramas/{drama}/tasks", fields, expect=(303,))
        match = re.search(r"/tasks/(\d+)", location or "")
        if match:
            self.tasks.append(int(match.group(1)))
            with lock:
                stats["submits"] += 1

    def cancel(self):
        if not self.tasks:
            return
        task = random.choice(self.tasks[-5:])
        # Answered with a redirect either way; the flash says whether it could still be cancelled.
        status, _, _ = self.request(f"/o/{ORG}/tasks/{task}/cancel", [], expect=(303, 409))
        if status == 303:
            with lock:
                stats["cancels"] += 1


_storyboards = {"at": 0.0, "ids": []}


def storyboard_episodes():
    return _storyboards["ids"]


def refresh_storyboards():
    while not stop.is_set():
        try:
            output = subprocess.run(["sqlite3", f"{DATA}/showrunner.sqlite", "SELECT DISTINCT episodeId FROM storyboardRun ORDER BY RANDOM() LIMIT 5"],
                                    capture_output=True, text=True, timeout=10).stdout
            _storyboards["ids"] = [int(line) for line in output.split() if line.isdigit()]
        except Exception:
            pass
        stop.wait(15)


def user_loop(user):
    if not user.login():
        note("login failed")
        return
    while not stop.is_set():
        roll = random.random()
        # About one submit every 10 s across 4 users: with a status check and a download each,
        # that is what one account's 1 request/second carries with room for polling and retries.
        if roll < 0.015:
            user.submit()
        elif roll < 0.022:
            user.cancel()
        else:
            user.view()
        time.sleep(random.uniform(0.0, 0.05))


FAULTS = [
    {},
    {"server_error_next_requests": 4, "server_error_status": 503},
    {"response_delay_ms": 2500},
    {"drop_callbacks": True},
    {"rate_limit_next_requests": 3},
    {"truncate_zip": True},
    {"drop_callbacks": True, "response_delay_ms": 800},
]


def set_faults(faults):
    request = urllib.request.Request(SIMULATOR + "/_simulator/faults", data=json.dumps(faults).encode(), method="PUT",
                                     headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=10).read()
    except Exception as error:
        print(f"could not set faults: {error}", file=sys.stderr)


def fault_loop():
    index = 0
    while not stop.is_set():
        set_faults(FAULTS[index % len(FAULTS)])
        index += 1
        stop.wait(20)
    set_faults({})


def backup_loop():
    number = 0
    while not stop.wait(45):
        number += 1
        target = f"{DATA}/soak-backup-{number}.sqlite"
        result = subprocess.run([BIN, "backup", "--data-dir", DATA, target], capture_output=True, text=True)
        with lock:
            stats["backups"] += 1
            if result.returncode != 0:
                stats["backup_failures"] += 1
                stats["examples"].append("backup: " + (result.stderr or result.stdout).strip()[:200])
        try:
            os.remove(target)
        except OSError:
            pass


threads = [threading.Thread(target=user_loop, args=(User(),), daemon=True) for _ in range(USERS)]
threads += [threading.Thread(target=fault_loop, daemon=True), threading.Thread(target=backup_loop, daemon=True),
            threading.Thread(target=refresh_storyboards, daemon=True)]
for thread in threads:
    thread.start()
deadline = time.time() + SECONDS
while time.time() < deadline:
    time.sleep(1)
stop.set()
for thread in threads:
    thread.join(timeout=90)
set_faults({})
print(json.dumps(stats))
