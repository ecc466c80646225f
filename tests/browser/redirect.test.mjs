// An old address (`aliases:`) in a browser: the houseplant example's
// Fernhollow Orchid Feed was once `/products/orchid-feed/`; opening that
// address, in English or in German, lands on the product's page, with no
// script involved (the redirect is a meta refresh).
//
// Run with `node --test redirect.test.mjs` in this folder after `cargo build`.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PATIENCE, builtSite } from "./site.mjs";

describe("an old address", () => {
  const ctx = builtSite("houseplants");

  for (const [old, now, name] of [
    ["products/orchid-feed/", "products/fernhollow-orchid-feed/", "Fernhollow Orchid Feed"],
    ["de/products/orchid-feed/", "de/products/fernhollow-orchid-feed/", "Fernhollow Orchideendünger"],
  ]) {
    test(`/${old} lands on /${now}`, async () => {
      const page = await ctx.browser.newPage({ javaScriptEnabled: false });
      try {
        await page.goto(ctx.site.url + old);
        await page.waitForURL(ctx.site.url + now, { timeout: PATIENCE });
        assert.equal((await page.locator("h1").first().textContent()).trim(), name);
      } finally {
        await page.close();
      }
    });
  }
});
