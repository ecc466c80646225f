// axe-core on the built example sites in headless Chromium: every page at
// 1366 px, and one page of each kind (home, each section's index and page,
// the 404) at 1366 and 390 px, light and dark, with the search list and
// the phone menu open where they are. Any violation fails, named with its
// page, view and nodes.
//
// Run with `npm test` in this folder after `cargo build`; VIAL_BIN picks
// another binary.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PATIENCE, VIEWS, axeViolations, builtSite, pageKinds } from "./site.mjs";

for (const name of ["skincare", "houseplants"]) {
  describe(`axe on the ${name} example`, () => {
    const ctx = builtSite(name);

    async function check(view, urlPath, prepare) {
      const context = await ctx.browser.newContext({
        viewport: view.viewport,
        colorScheme: view.colorScheme,
      });
      const page = await context.newPage();
      try {
        await page.goto(`${ctx.site.url}${urlPath.slice(1)}`, { waitUntil: "load" });
        if (prepare) await prepare(page);
        return await axeViolations(page, `${urlPath} at ${view.name}`);
      } finally {
        await context.close();
      }
    }

    test("every page at 1366 px: no violation", async () => {
      const found = [];
      for (const urlPath of ctx.site.pages) found.push(...(await check(VIEWS[0], urlPath)));
      assert.deepEqual(found, [], `\n${found.join("\n")}`);
    });

    test("a page of each kind at 1366 and 390 px, light and dark: no violation", async () => {
      const found = [];
      const kinds = pageKinds(ctx.site);
      for (const required of ["home", "products page", "categories page", "compare page", "guides page", "404"]) {
        assert.ok(kinds.has(required), `the site has a ${required}`);
      }
      for (const [, urlPath] of kinds) {
        for (const view of VIEWS.slice(1)) found.push(...(await check(view, urlPath)));
      }
      assert.deepEqual(found, [], `\n${found.join("\n")}`);
    });

    test("search results and the phone menu, open: no violation", async () => {
      const found = [];
      const searched = async (page) => {
        await page.click("#site-search-input");
        await page.keyboard.type(name === "skincare" ? "ampoule" : "feed");
        await page.waitForSelector(".search-result", { timeout: PATIENCE });
      };
      const menu = async (page) => {
        await page.click(".menu-button");
        await page.waitForSelector(".site-nav.is-open", { timeout: PATIENCE });
      };
      for (const view of VIEWS) {
        found.push(...(await check(view, "/", searched)));
        if (view.viewport.width < 600) found.push(...(await check(view, "/", menu)));
      }
      assert.deepEqual(found, [], `\n${found.join("\n")}`);
    });
  });
}
