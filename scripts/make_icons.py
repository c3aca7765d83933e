"""Render the app icons from binaumkm/core/static/core/icons/favicon.svg: PNGs with Chromium, the
root favicon.ico with Pillow. Run after changing the SVG: .venv/bin/python scripts/make_icons.py"""

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1] / "binaumkm" / "core"
ICONS = ROOT / "static" / "core" / "icons"
PUBLIC = ROOT / "public"
SVG = (ICONS / "favicon.svg").read_text()
# Maskable (Android adaptive icons): a full-bleed square, the shop inside the 80 % safe circle.
_INNER = (
    SVG.split(">", 1)[1]
    .rsplit("</svg>", 1)[0]
    .replace('<rect width="64" height="64" rx="14" fill="#146c43"/>', "")
)
MASKABLE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#146c43"/>'
    f'<g transform="translate(12.8 12.8) scale(.6)">{_INNER}</g></svg>'
)


def render(page, markup: str, size: int) -> Image.Image:
    page.set_viewport_size({"width": size, "height": size})
    sized = markup.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
    page.set_content(f'<html><body style="margin:0;background:transparent">{sized}</body></html>')
    shot = page.screenshot(omit_background=True, clip={"x": 0, "y": 0, "width": size, "height": size})
    return Image.open(io.BytesIO(shot))


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        for size in (180, 192, 512):
            render(page, SVG, size).save(ICONS / f"icon-{size}.png", optimize=True)
        render(page, MASKABLE, 512).save(ICONS / "icon-maskable-512.png", optimize=True)
        render(page, SVG, 256).save(PUBLIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        browser.close()


if __name__ == "__main__":
    main()
