"""Screenshots of every page at desktop (1280 px) and phone (390 px) widths, for the README.

Builds an index of ``archive/`` (or uses ``--index``), serves the app on a free local port in
a thread, and drives Debian's Chromium through Playwright's Python driver:

    .venv/bin/python scripts/screenshots.py            # -> docs/screenshots/*.png
"""

from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from onrecord.index import current_generation
from onrecord.ingest import ingest
from onrecord.search import SearchRequest, search
from onrecord.webapp import create_app

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
WIDTHS = {"desktop": (1280, 900, 1100), "phone": (390, 844, 1400)}  # width, viewport h, max h


def pages(index_dir: Path) -> dict[str, str]:
    """Page name -> path, picking a speaker, quote and article that exist in the index."""
    generation = current_generation(index_dir)
    result = search(generation, SearchRequest(per_page=50))
    by_speaker: dict[str, int] = {}
    for hit in result.hits:
        sid = hit.record.get("speaker_id")
        if sid:
            by_speaker[sid] = by_speaker.get(sid, 0) + 1
    record = next(h.record for h in result.hits if h.record.get("speaker_id"))
    speaker = max(by_speaker, key=by_speaker.get) if by_speaker else record["speaker_id"]
    word = record["text"].split()[2] if len(record["text"].split()) > 2 else "the"
    return {
        "search-empty": "/",
        "search-results": f"/?q={word}&kind=direct&kind=indirect",
        "speakers": "/speakers",
        "speaker": f"/speakers/{speaker}",
        "quote": f"/quotes/{record['id']}",
        "article": f"/articles/{record['article']}",
        "error-query": "/?q=%28strike",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, help="an existing index (default: build one)")
    parser.add_argument("--archive", type=Path, default=REPO / "archive")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index
        if index_dir is None:
            index_dir = Path(tmp) / "index"
            ingest(args.archive, index_dir)
        app = create_app({"INDEX_DIR": str(index_dir), "ARCHIVE_DIR": str(args.archive)})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_port}"
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for device, (width, height, max_height) in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    for name, path in pages(index_dir).items():
                        page.goto(base + path)
                        full = page.evaluate("document.documentElement.scrollHeight")
                        target = args.out / f"{name}-{device}.png"
                        page.screenshot(
                            path=str(target),
                            full_page=True,
                            clip={"x": 0, "y": 0, "width": width, "height": min(full, max_height)},
                        )
                        print(target.relative_to(REPO), f"{target.stat().st_size // 1024} KiB")
                    context.close()
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
