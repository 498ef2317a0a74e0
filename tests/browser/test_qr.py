"""The QR codes scan: each one, as Chromium draws it, decodes to the address written beside it.

A QR code that does not scan is a silent failure in a training room. The codes are drawn by the
browser (the trainer's kit on screen: SVG files beside the page; each page's own address on paper: inline SVG), screenshot
at a phone camera's rather than a screen's resolution, and decoded with zbar (Debian's libzbar0,
through pyzbar). Without zbar the test is skipped, except with CI=true where it fails.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def sharp_page(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=3,
                                   service_workers="block")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["formateurs/", "en/formateurs/"])
def test_every_qr_code_of_the_trainers_kit_scans_to_its_address(sharp_page, site_url, qr_decode, path):
    sharp_page.goto(site_url + path, wait_until="load")
    figures = sharp_page.locator("figure.rse-kit__address")
    assert figures.count() >= 28  # 14+ pages, each with its address and its twin's
    for i in range(figures.count()):
        figure = figures.nth(i)
        written = figure.locator("figcaption a").inner_text().strip()
        image = figure.locator("img.rse-qr")  # a lazily loaded file beside the page: loaded once in view
        image.evaluate("img => { img.scrollIntoView({block: 'center'});"  # one round trip: in view, then loaded
                       " return img.complete && img.naturalWidth > 0 || new Promise(done => img.addEventListener('load', done)); }")
        assert qr_decode(image.screenshot()) == [written], (path, i, written)


@pytest.mark.parametrize("path,address", [
    ("contrastes/invitation/", "https://rse.example.org/contrastes/invitation/"),
    ("en/piliers/strategie/", "https://rse.example.org/en/piliers/strategie/"),
])
def test_the_printed_page_carries_a_qr_code_of_its_own_address(sharp_page, site_url, qr_decode, path, address):
    sharp_page.emulate_media(media="print")
    sharp_page.goto(site_url + path, wait_until="load")
    block = sharp_page.locator("[data-rse=print-address]")
    assert address in block.inner_text()
    assert qr_decode(block.locator("svg").screenshot()) == [address]
