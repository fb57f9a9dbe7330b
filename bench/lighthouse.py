"""Lighthouse on the public portal, phone profile (Lighthouse's default: Moto G-class screen, throttled
4G and CPU), with the local Chromium: prints the accessibility and performance score of each page.

Figures only, never asserted (issue 20 asks for accessibility >= 95 and performance >= 90). Run against a
server with the demo (`make demo` in another terminal):

    CHROME_PATH=/usr/bin/chromium .venv/bin/python bench/lighthouse.py [http://127.0.0.1:8000 [council id]]

Without a council id, the first council of the national index is measured. Pages: the home page, the
national index, each section of the council's portal, its search, the first delegate, session, document
and draft under consultation its lists link to, the consultation list and the open-data pages.

RUNS=3 prints the median of three runs per page (one by default); ONLY=regex measures only the pages whose
address matches. The CPU column is Lighthouse's benchmark index of the host: a low one means a loaded
machine, whose performance figures vary from run to run.

Lighthouse comes from npm through `npx --yes lighthouse@12` (fetched once into npm's cache).
"""

import json
import os
import re
import statistics
import subprocess
import sys
import urllib.request

FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
FLAGS += " --disable-sync --no-first-run"


def first_council(base: str) -> int:
    """The first council the national index lists."""
    with urllib.request.urlopen(f"{base}/cong-khai/", timeout=30) as response:
        html = response.read().decode()
    found = re.search(r'href="/cong-khai/(\d+)/"', html)
    if not found:
        sys.exit("Không tìm thấy Hội đồng nào trên /cong-khai/: hãy chạy bản trình diễn (make demo).")
    return int(found.group(1))


def _first_link(base: str, path: str, pattern: str) -> str | None:
    """The first address on the page `path` matching `pattern` (a record's detail page), if any."""
    with urllib.request.urlopen(f"{base}{path}", timeout=60) as response:
        found = re.search(rf'href="({pattern})"', response.read().decode())
    return found.group(1) if found else None


def pages(base: str, council: int | None) -> list[str]:
    """The portal's sections, one record's page of each kind, the consultation and the open-data pages."""
    c = council or first_council(base)
    sections = ["", "dai-bieu/", "ky-hop/", "nghi-quyet/", "van-ban/", "giam-sat/", "kien-nghi/", "tiep-cong-dan/"]
    sections += ["bao-cao/", "tim-kiem/?q=duong"]
    paths = ["/", "/cong-khai/", *[f"/cong-khai/{c}/{s}" for s in sections]]
    details = [
        (f"/cong-khai/{c}/dai-bieu/", rf"/cong-khai/{c}/dai-bieu/\d+/"),
        (f"/cong-khai/{c}/ky-hop/", rf"/cong-khai/{c}/ky-hop/\d+/"),
        (f"/cong-khai/{c}/van-ban/", rf"/cong-khai/{c}/van-ban/\d+/"),
        (f"/y-kien-du-thao/{c}/", rf"/y-kien-du-thao/{c}/\d+/"),
    ]
    paths += [f"/y-kien-du-thao/{c}/", "/du-lieu-mo/", f"/du-lieu-mo/{c}/"]
    paths += [found for page, pattern in details if (found := _first_link(base, page, pattern))]
    return [f"{base}{path}" for path in paths]


def run_once(url: str) -> tuple[float | None, float | None, float | None]:
    """One Lighthouse run: (accessibility, performance, the host's CPU benchmark index)."""
    command = [
        "npx",
        "--yes",
        "lighthouse@12",
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        "--only-categories=accessibility,performance",
        f"--chrome-flags={FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0:
        print(f"  lỗi Lighthouse: {done.stderr.strip()[-300:]}", file=sys.stderr)
        return None, None, None
    report = json.loads(done.stdout)
    categories = report["categories"]

    def pct(key: str) -> float | None:
        score = categories.get(key, {}).get("score")
        return None if score is None else round(score * 100)

    return pct("accessibility"), pct("performance"), report.get("environment", {}).get("benchmarkIndex")


def scores(url: str, runs: int) -> tuple[float | None, float | None, float | None]:
    """The median of `runs` runs of each figure: on a loaded machine one run's performance varies by tens of
    points (Lighthouse's own advice is the median of several runs)."""
    results = [run_once(url) for _ in range(runs)]

    def median(i: int) -> float | None:
        values = [r[i] for r in results if r[i] is not None]
        return statistics.median(values) if values else None

    return median(0), median(1), median(2)


def main() -> None:
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
    council = int(sys.argv[2]) if len(sys.argv) > 2 else None
    runs = max(1, int(os.environ.get("RUNS", "1")))
    only = re.compile(os.environ.get("ONLY", ""))
    print(f"{'trang':<60} {'tiếp cận':>9} {'hiệu năng':>10} {'chỉ số CPU':>11}  ({runs} lần đo, trung vị)")
    for url in pages(base, council):
        if not only.search(url.removeprefix(base)):
            continue
        shown = ["—" if v is None else f"{v:.0f}" for v in scores(url, runs)]
        print(f"{url.removeprefix(base):<60} {shown[0]:>9} {shown[1]:>10} {shown[2]:>11}", flush=True)


if __name__ == "__main__":
    main()
