#!/usr/bin/env python3
"""Loads a generate-assets review page in headless Chromium and reports what a reviewer would see.

Usage: check-review-page.py PAGE SCREENSHOT

Prints one JSON object: every image with its natural width, the browser console's messages, whether a
script on the page ran (window.pwned), the text of every prompt, which images each card shows, and the
files made from each image (path as shown, and its image's natural width).
Run by EndToEndTests/ReviewPageBrowserTests through `swift test`; needs chromium, chromium-driver and
the selenium package (Scripts/browser-test-env.sh makes a venv with it).
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def main():
    page, screenshot = sys.argv[1], sys.argv[2]
    driver = browser()
    try:
        driver.get("file://" + os.path.abspath(page))
        # Wait until every image has finished loading (or failed), at most 20 s.
        deadline = time.time() + 20
        while time.time() < deadline and not driver.execute_script("return [...document.images].every(i => i.complete)"):
            time.sleep(0.1)
        facts = driver.execute_script("""
            return {
              images: [...document.images].map(i => ({
                src: i.getAttribute('src'), naturalWidth: i.naturalWidth, complete: i.complete,
                role: i.closest('[data-role]') ? i.closest('[data-role]').dataset.role : null,
                asset: i.closest('[data-asset]') ? i.closest('[data-asset]').dataset.asset : null })),
              cards: [...document.querySelectorAll('[data-asset]')].map(c => ({
                asset: c.dataset.asset, status: c.dataset.status,
                roles: [...c.querySelectorAll('figure[data-role] img')].map(i => i.closest('figure').dataset.role),
                turns: [...c.querySelectorAll('[data-role=turn-text]')].map(t => t.textContent),
                files: [...c.querySelectorAll('figure[data-role=rendition]')].map(f => ({
                  path: f.dataset.path, shown: f.querySelector('[data-role=path]').textContent,
                  naturalWidth: f.querySelector('img') ? f.querySelector('img').naturalWidth : null })) })),
              prompts: [...document.querySelectorAll('[data-role=prompt]')].map(p => p.textContent),
              checks: [...document.querySelectorAll('[data-role=check]')].map(c => ({
                asset: c.closest('[data-asset]').dataset.asset, passed: c.dataset.passed, text: c.textContent,
                visible: c.getBoundingClientRect().height > 0 })),
              alts: [...document.querySelectorAll('[data-role=alt]')].map(a => ({
                asset: a.closest('[data-asset]').dataset.asset, text: a.textContent })),
              scripts: document.querySelectorAll('script').length,
              pwned: window.pwned === undefined ? null : String(window.pwned),
              title: document.title,
            };
        """)
        facts["console"] = [{"level": entry["level"], "message": entry["message"]} for entry in driver.get_log("browser")]
        height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 12000)")
        driver.set_window_size(1400, max(height, 600))
        time.sleep(0.3)
        driver.save_screenshot(screenshot)
        facts["screenshot"] = screenshot
        print(json.dumps(facts))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
