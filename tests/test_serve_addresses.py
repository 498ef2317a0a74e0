"""Issue 21, item 6: in `mkdocs serve` (./dev serve), what a trainer hands out -- the kit, the cards,
the printed corner of every page -- carries the public address (SITE_URL, or mkdocs.yml's site_url),
never the local server's, which MkDocs puts in ``config.site_url`` while it serves
(mkdocs_internals.served_locally). A build "in serve mode", without a server: the configuration
MkDocs' serve command gives the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from rse.public import qr_image_name
from sitebuild import ROOT
from sitehtml import page_path

PUBLIC = "https://team.github.io/rse/"
LOCAL = "http://127.0.0.1:8742/rse/"  # mkdocs serve: http://HOST:PORT/ + the configured path


@pytest.fixture(scope="module")
def served_site(tmp_path_factory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("served")
    env = pytest.MonkeyPatch()
    env.setenv("SITE_URL", PUBLIC)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), dev_addr="127.0.0.1:8742")
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = LOCAL  # as mkdocs.commands.serve does before each build
        try:
            build(config, serve_url=LOCAL)
        finally:
            config.plugins.on_shutdown()
    finally:
        env.undo()
    return site_dir


def handed_out(site: Path, base: str, lang: str, selector: str) -> BeautifulSoup:
    soup = BeautifulSoup(page_path(site, base, lang).read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one(selector)
    assert found is not None, f"{base} ({lang}): no {selector}"
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_kit_the_cards_and_the_printed_corner_carry_the_public_address_in_serve(served_site, lang):
    root = PUBLIC + ("en/" if lang == "en" else "")
    kit = handed_out(served_site, "formateurs/index", lang, ".rse-kit")
    deck = handed_out(served_site, "formateurs/cartes", lang, ".rse-deck")
    corner = handed_out(served_site, "contrastes/invitation", lang, ".rse-print-address")
    for part in (kit, deck, corner):
        assert "127.0.0.1" not in str(part)
        assert not part.select(".rse-nopublic, .rse-nopublic__short")  # a public address is known
    assert corner.get_text(strip=True).endswith(root + "contrastes/invitation/")
    addresses = [a["href"] for a in kit.select(".rse-kit__address a")] + [c["data-address"] for c in deck.select(".rse-card--front")]
    assert addresses and all(a.startswith(PUBLIC) for a in addresses)
    folders = {"formateurs/index": kit, "formateurs/cartes": deck}
    for base, part in folders.items():  # each QR code image is named by the public address it encodes (rse.public)
        names = {img["src"] for img in part.select("img.rse-qr")}
        wanted = {qr_image_name(a) for a in addresses if qr_image_name(a) in names}
        assert names and names == wanted, base
        assert all((page_path(served_site, base, lang).parent / n).is_file() for n in names)
    slides = (page_path(served_site, "formateurs/index", lang).parent / "slides-contrast.txt").read_text(encoding="utf-8")
    assert "127.0.0.1" not in slides and re.search(rf"^{re.escape(root)}contrastes/invitation/$", slides, re.M)
