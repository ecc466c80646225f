// `vial serve` in a real browser: headless Debian Chromium (playwright-core,
// never its own browser download) opens a served page while the test edits
// the site's files, and watches the page reload, swap styles and show and
// clear the error overlay.
//
// Run with `npm test` in this folder after `cargo build`; VIAL_BIN picks
// another binary. Every wait is a bounded poll for an outcome.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PATIENCE, binary, launch, repo, startServe, until } from "./vial.mjs";

const PRODUCT = "content/products/boost-ampoule.yaml";

/** The basic fixture in a temp folder, served; `url` without a trailing slash. */
async function serveFixture() {
  assert.ok(fs.existsSync(binary), `no ${binary}: run cargo build first`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "vial-browser-"));
  fs.cpSync(path.join(repo, "tests/fixtures/basic"), root, { recursive: true });
  const site = await startServe(root);
  return { ...site, url: site.url.replace(/\/$/, "") };
}

describe("vial serve in Chromium", () => {
  let site;
  let browser;
  let page;

  before(async () => {
    site = await serveFixture();
    browser = await launch();
    page = await browser.newPage();
  });

  after(async () => {
    await browser?.close();
    site?.stop();
  });

  async function openListening(urlPath) {
    await page.goto(`${site.url}${urlPath}`);
    await page.waitForFunction(() => window.__vial?.connected === true, null, {
      timeout: PATIENCE,
    });
  }

  async function bodyShows(text) {
    await page.waitForFunction((t) => document.body?.innerText.includes(t), text, {
      timeout: PATIENCE,
    });
  }

  test("an edit reloads the open page with the new text", async () => {
    await openListening("/products/boost-ampoule/");
    await bodyShows("A five-day vitamin C course.");
    const reloaded = page.waitForEvent("load", { timeout: PATIENCE });
    const text = site.read(PRODUCT);
    site.write(PRODUCT, text.replace("A five-day vitamin C course.", "Edited from the test."));
    await reloaded;
    await bodyShows("Edited from the test.");
  });

  test("a broken file shows the overlay; fixing it reloads and clears it", async () => {
    await openListening("/products/boost-ampoule/");
    const good = site.read(PRODUCT);
    site.write(PRODUCT, good.replace(/^name: .*$/m, "name: [<b>broken</b>"));
    const overlay = await page.waitForSelector("#vial-error-overlay", { timeout: PATIENCE });
    const shown = await overlay.innerText();
    assert.match(shown, /content\/products\/boost-ampoule\.yaml:1:7/);
    assert.match(shown, /<b>broken<\/b>/, "the snippet is shown as text");
    assert.equal(await overlay.$("b"), null, "nothing from the file becomes HTML");
    // The last good page is still what is served underneath.
    assert.match(await page.innerText("main"), /Boost Ampoule/);

    const reloaded = page.waitForEvent("load", { timeout: PATIENCE });
    site.write(PRODUCT, good.replace(/^summary: .*$/m, "summary: Fixed again."));
    await reloaded;
    await bodyShows("Fixed again.");
    assert.equal(await page.$("#vial-error-overlay"), null);
  });

  test("a page opened while the build is broken shows the overlay at once", async () => {
    const good = site.read(PRODUCT);
    const failures = () => site.log().split("rebuild failed").length;
    const before = failures();
    site.write(PRODUCT, good.replace(/^brand: .*$/m, "brand: [unclosed"));
    await until("the failed rebuild", async () => failures() > before, site.log);
    await page.goto(`${site.url}/`);
    await page.waitForSelector("#vial-error-overlay", { timeout: PATIENCE });
    const reloaded = page.waitForEvent("load", { timeout: PATIENCE });
    site.write(PRODUCT, good);
    await reloaded;
    await page.waitForSelector("#vial-error-overlay", { state: "detached", timeout: PATIENCE });
  });

  test("a stylesheet edit applies without a reload", async () => {
    const css = "static/style.css";
    const theme = fs.readFileSync(path.join(repo, "themes/default/static/style.css"), "utf8");
    // No page is open while the site changes under it, until the server
    // said it rebuilt: a reload the edit sends could otherwise cut the
    // navigation below short.
    await page.goto("about:blank");
    site.write(css, `${theme}\nbody { background-color: rgb(1, 2, 3); }\n`);
    await until(
      "the site's stylesheet",
      async () =>
        // The folder is new: the line names it, or the file in it.
        site.log().includes("rebuilt static") &&
        (await fetch(`${site.url}/style.css`).then((r) => r.text())).includes("rgb(1, 2, 3)"),
      site.log,
    );
    await openListening("/");
    await page.evaluate(() => (window.__sameDocument = true));
    site.write(css, `${theme}\nbody { background-color: rgb(4, 5, 6); }\n`);
    await page.waitForFunction(
      () => getComputedStyle(document.body).backgroundColor === "rgb(4, 5, 6)",
      null,
      { timeout: PATIENCE },
    );
    assert.equal(await page.evaluate(() => window.__sameDocument), true, "the page did not reload");
  });
});
