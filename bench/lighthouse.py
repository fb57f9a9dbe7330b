"""Lighthouse on the public portal, phone profile (Lighthouse's default: Moto G-class screen, throttled
4G and CPU), with the local Chromium: prints the accessibility and performance score of each page.

Figures only, never asserted (issue 20 asks for accessibility >= 95 and performance >= 90). Run against a
server with the demo (`make demo` in another terminal):

    CHROME_PATH=/usr/bin/chromium .venv/bin/python bench/lighthouse.py [http://127.0.0.1:8000 [council id]]

Without a council id, the first council of the national index is measured.

Lighthouse comes from npm through `npx --yes lighthouse@12` (fetched once into npm's cache).
"""

import json
import os
import re
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


def pages(base: str, council: int | None) -> list[str]:
    c = council or first_council(base)
    sections = ["", "dai-bieu/", "ky-hop/", "nghi-quyet/", "van-ban/", "giam-sat/", "kien-nghi/", "tiep-cong-dan/"]
    return [
        f"{base}/",
        f"{base}/cong-khai/",
        *[f"{base}/cong-khai/{c}/{s}" for s in sections],
        f"{base}/cong-khai/{c}/tim-kiem/?q=duong",
    ]


def scores(url: str) -> tuple[float | None, float | None]:
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
        return None, None
    categories = json.loads(done.stdout)["categories"]

    def pct(key: str) -> float | None:
        score = categories.get(key, {}).get("score")
        return None if score is None else round(score * 100)

    return pct("accessibility"), pct("performance")


def main() -> None:
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
    print(f"{'trang':<60} {'tiếp cận':>9} {'hiệu năng':>10}")
    council = int(sys.argv[2]) if len(sys.argv) > 2 else None
    for url in pages(base, council):
        a11y, perf = scores(url)
        shown = ["—" if v is None else str(v) for v in (a11y, perf)]
        print(f"{url.removeprefix(base):<60} {shown[0]:>9} {shown[1]:>10}")


if __name__ == "__main__":
    main()
