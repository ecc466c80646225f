// Facet filters in headless Chromium on the built example sites: the
// largest category and the product list, each narrowed by two facets, show
// exactly the products and counts the data says, and keep the ticks in the
// address; a paginated list (the example with tiny pages) lists matches
// from every page; without JavaScript nothing changes; axe-core finds
// nothing with the panel open and filters ticked, at 1366 and 390 px.
//
// Run with `npm test` in this folder after `cargo build`; VIAL_BIN picks
// another binary.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { PATIENCE, SITES, VIEWS, axeViolations, builtSite } from "./site.mjs";

/** The page's filter settings and its products (`{key, p}`), from the data files. */
async function pageData(page) {
  return page.evaluate(async () => {
    const settings = JSON.parse(document.querySelector("script.filter-settings").textContent);
    const products = [];
    const categories =
      settings.categories || (await (await fetch(`${settings.data}index.json`)).json()).categories;
    for (const category of categories) {
      const data = await (await fetch(`${settings.data}${category}.json`)).json();
      for (const p of data.products) {
        if (settings.scope && !(p.k[settings.scope[0]] || []).includes(settings.scope[1])) continue;
        products.push({ key: `${category}/${p.s}`, p });
      }
    }
    return { settings, products };
  });
}

const has = (x, facet, value) => (x.p.k[facet] || []).includes(value);

/** Keys of the products passing `chosen` ({facet: [values]}), but `except`'s. */
function passing(products, chosen, except) {
  return products
    .filter((x) =>
      Object.entries(chosen).every(
        ([facet, values]) => facet === except || values.some((v) => has(x, facet, v)),
      ),
    )
    .map((x) => x.key);
}

/**
 * Two values of two facets that together leave some products but not all:
 * what a reader narrowing a list would tick.
 */
function twoTicks(settings, products) {
  const values = (facet) => [...new Set(products.flatMap((x) => x.p.k[facet.key] || []))];
  for (const a of settings.facets) {
    for (const b of settings.facets) {
      if (a.key >= b.key) continue;
      for (const va of values(a)) {
        for (const vb of values(b)) {
          const chosen = { [a.key]: [va], [b.key]: [vb] };
          const left = passing(products, chosen).length;
          if (left > 0 && left < passing(products, { [a.key]: [va] }).length) return chosen;
        }
      }
    }
  }
  throw new Error("no two facets narrow this list");
}

/** What the page shows: the visible cards' keys, the status, each option's count. */
async function shown(page) {
  return page.evaluate(() => ({
    keys: Array.from(document.querySelectorAll(".filter-scope [data-key]"))
      .filter((node) => node.offsetParent !== null)
      .map((node) => node.getAttribute("data-key"))
      .sort(),
    listed: Array.from(document.querySelectorAll(".filter-results:not([hidden]) li a")).map((a) =>
      a.textContent,
    ),
    status: document.querySelector(".facet-status").textContent,
    counts: Object.fromEntries(
      Array.from(document.querySelectorAll(".facet-option input")).map((box) => [
        `${box.name}=${box.value}`,
        Number(box.parentNode.querySelector(".facet-count").textContent.replace(/\D/g, "")),
      ]),
    ),
  }));
}

async function openPanel(page) {
  await page.locator("details.facets > summary").click();
  await page.locator(".facet-option input").first().waitFor({ state: "visible", timeout: PATIENCE });
}

/** Ticks two facets at `url` and checks the page against the data. */
async function narrowByTwo(page, url) {
  await page.goto(url);
  await openPanel(page);
  const { settings, products } = await pageData(page);
  assert.equal(settings.paged, false);
  const chosen = twoTicks(settings, products);
  for (const [facet, [value]] of Object.entries(chosen)) {
    await page.locator(`.facet-option input[name="${facet}"][value="${value}"]`).check();
  }
  const expected = passing(products, chosen).sort();
  const view = await shown(page);
  assert.deepEqual(view.keys, expected, url);
  assert.match(view.status, new RegExp(`\\b${expected.length}\\b.*\\b${products.length}\\b`));
  // Each option counts the products ticking it would leave.
  for (const [option, count] of Object.entries(view.counts)) {
    const [facet, value] = option.split("=");
    const left = passing(products, chosen, facet).filter((key) =>
      has(products.find((x) => x.key === key), facet, value),
    );
    assert.equal(count, left.length, `${url} ${option}`);
  }
  // The ticks are in the address: opening it shows the same.
  const address = new URL(page.url());
  for (const [facet, [value]] of Object.entries(chosen)) {
    assert.equal(address.searchParams.get(facet), value);
  }
  await page.goto(address.href);
  await page.locator(".facet-option input").first().waitFor({ state: "visible", timeout: PATIENCE });
  assert.deepEqual((await shown(page)).keys, expected, `${url} reopened`);
  // Clearing brings every product back.
  await page.locator(".facet-clear").click();
  assert.equal((await shown(page)).keys.length, products.length);
  assert.equal(new URL(page.url()).search, "");
}

for (const name of Object.keys(SITES)) {
  describe(`facet filters of the ${name} example`, () => {
    const ctx = builtSite(name);

    test("two facets narrow a category and the product list to what the data says, counts included", async () => {
      // The category with the most products, and the product list.
      const categories = ctx.site.pages.filter((p) => /^\/categories\/[^/]+\/$/.test(p));
      const size = (p) => (ctx.site.html(p).match(/data-key=/g) || []).length;
      const largest = categories.sort((a, b) => size(b) - size(a))[0];
      for (const url of [largest, "/products/"]) {
        const context = await ctx.browser.newContext({ viewport: VIEWS[0].viewport });
        const page = await context.newPage();
        await narrowByTwo(page, `${ctx.site.url}${url.slice(1)}`);
        await context.close();
      }
    });

    test("an address naming values no product has shows every product and drops them", async () => {
      const context = await ctx.browser.newContext({ viewport: VIEWS[1].viewport });
      const page = await context.newPage();
      await page.goto(`${ctx.site.url}products/?frequency=never-ever&no-such-facet=x`);
      await page.locator(".facet-option input").first().waitFor({ state: "visible", timeout: PATIENCE });
      const { products } = await pageData(page);
      assert.equal((await shown(page)).keys.length, products.length);
      const address = new URL(page.url());
      assert.equal(address.searchParams.get("frequency"), null);
      // What is not a facet is not the filters' business.
      assert.equal(address.searchParams.get("no-such-facet"), "x");
      await context.close();
    });

    test("without JavaScript the panel stays hidden and the list is whole", async () => {
      const context = await ctx.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      // A filtered address shows the whole list all the same.
      await page.goto(`${ctx.site.url}products/?frequency=daily`);
      assert.equal(await page.locator("details.facets").isVisible(), false);
      const all = await page.locator(".filter-scope li[data-key]").count();
      assert.ok(all > 2);
      assert.equal(await page.locator(".filter-scope li[data-key]:visible").count(), all);
      await context.close();
    });

    test("axe-core: nothing with the panel open and filters ticked, at 1366 and 390 px", async () => {
      for (const view of VIEWS) {
        const context = await ctx.browser.newContext({ viewport: view.viewport, colorScheme: view.colorScheme });
        const page = await context.newPage();
        const category = ctx.site.pages.find((p) => p.startsWith("/categories/") && p.split("/").length === 4 &&
          ctx.site.html(p).includes("filter-settings"));
        await page.goto(`${ctx.site.url}${category.slice(1)}`);
        await openPanel(page);
        await page.locator(".facet-option input:not([disabled])").first().check();
        assert.deepEqual(await axeViolations(page), [], `${category} ${view.name}`);
        await context.close();
      }
    });
  });
}

describe("facet filters of a list shown a few products a page", () => {
  // The skincare example with two products a page and a row per product.
  const ctx = builtSite("skincare", (root) => {
    const file = path.join(root, "site.yaml");
    const yaml = fs
      .readFileSync(file, "utf8")
      .replace(/side_by_side_max: \d+/, "side_by_side_max: 1")
      .replace(/(comparison:\n(?: {2}.*\n)*?) {2}page_size: \d+/, "$1  page_size: 2");
    fs.writeFileSync(file, `${yaml}\nlists:\n  page_size: 2\n`);
  });

  test("matches from every page are listed, and the page's own list hides", async () => {
    const context = await ctx.browser.newContext({ viewport: VIEWS[1].viewport });
    const page = await context.newPage();
    await page.goto(`${ctx.site.url}products/page/2/`);
    await openPanel(page);
    const { settings, products } = await pageData(page);
    assert.equal(settings.paged, true);
    const chosen = twoTicks(settings, products);
    for (const [facet, [value]] of Object.entries(chosen)) {
      await page.locator(`.facet-option input[name="${facet}"][value="${value}"]`).check();
    }
    const expected = passing(products, chosen);
    const names = products.filter((x) => expected.includes(x.key)).map((x) => x.p.n).sort();
    const view = await shown(page);
    assert.deepEqual(view.listed.slice().sort(), names);
    assert.equal(await page.locator(".filter-scope").isVisible(), false);
    // A category paginated by rows works the same way.
    const category = ctx.site.pages.find((p) => p.startsWith("/categories/") && p.includes("/page/2/"));
    await page.goto(`${ctx.site.url}${category.slice(1)}`);
    await openPanel(page);
    const rows = await pageData(page);
    assert.equal(rows.settings.paged, true);
    const first = rows.settings.facets[0].key;
    const value = await page.locator(`.facet-option input[name="${first}"]:not([disabled])`).first().getAttribute("value");
    await page.locator(`.facet-option input[name="${first}"][value="${value}"]`).check();
    const left = passing(rows.products, { [first]: [value] }).length;
    assert.equal((await shown(page)).listed.length, Math.min(left, 100));
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
});
