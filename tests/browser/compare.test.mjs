// The compare picker in headless Chromium on the built example sites:
// three products ticked on the product list and compared, the same three
// opened from a shared link, what shows without JavaScript, and axe-core
// on the compare page with a picked set at 1366 and 390 px.
//
// Run with `npm test` in this folder after `cargo build`; VIAL_BIN picks
// another binary.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PATIENCE, SITES, VIEWS, axeViolations, builtSite } from "./site.mjs";

/** The picker's settings, as /compare/ holds them. */
async function settingsOf(page) {
  return page.evaluate(() => JSON.parse(document.querySelector("script.picker-settings").textContent));
}

/** The drawn table: product names, and per row its label, classes and cells. */
async function drawnTable(page) {
  await page.waitForSelector("section.picked table.comparison", { timeout: PATIENCE });
  return page.evaluate(() => {
    const table = document.querySelector("section.picked table.comparison");
    return {
      names: Array.from(table.tHead.rows[0].cells)
        .slice(1)
        .map((th) => th.querySelector("a").textContent),
      rows: Array.from(table.tBodies[0].rows).map((tr) => ({
        label: tr.cells[0].textContent.trim(),
        differs: tr.classList.contains("differs"),
        cells: Array.from(tr.cells)
          .slice(1)
          .map((td) => (td.classList.contains("blank") ? null : td.textContent)),
      })),
    };
  });
}

/** Every product key (`<category>/<slug>`) a page ticks, in page order. */
async function tickKeys(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("label.pick input")).map((input) => input.value),
  );
}

/** What the drawn table must say of `keys`, worked out from the data files. */
async function expectedTable(page, settings, keys) {
  const products = {};
  for (const category of new Set(keys.map((k) => k.split("/")[0]))) {
    const data = await page.evaluate(async (u) => (await fetch(u)).json(), `${settings.data}${category}.json`);
    for (const p of data.products) products[`${category}/${p.s}`] = p;
  }
  const picked = keys.map((k) => products[k]);
  const rows = [];
  settings.fields.forEach((label, i) => {
    const cells = picked.map((p) => p.v[i] ?? null);
    const given = cells.filter((v) => v !== null);
    if (given.length === 0) return;
    rows.push({ label, differs: given.some((v) => v !== given[0]), cells });
  });
  return { names: picked.map((p) => p.n), rows };
}

/** Three keys, from at least two categories where the site has two. */
function threeKeys(keys) {
  const byCategory = {};
  for (const key of keys) (byCategory[key.split("/")[0]] ??= []).push(key);
  const lists = Object.values(byCategory);
  const picked = [];
  while (picked.length < 3 && lists.some((l) => l.length)) {
    for (const list of lists) {
      if (list.length && picked.length < 3) picked.push(list.shift());
    }
  }
  return picked;
}

for (const name of Object.keys(SITES)) {
  describe(`compare picker of the ${name} example`, () => {
    const ctx = builtSite(name);

    test("three products ticked on the product list show side by side", async () => {
      const context = await ctx.browser.newContext({ viewport: VIEWS[0].viewport });
      const page = await context.newPage();
      await page.goto(`${ctx.site.url}products/`);
      const boxes = page.locator("label.pick input");
      await boxes.first().waitFor({ state: "visible", timeout: PATIENCE });
      assert.ok(!(await page.locator(".compare-bar").isVisible()), "the bar waits for a tick");
      const slugs = [];
      for (let i = 0; i < 3; i++) {
        await boxes.nth(i).check();
        slugs.push(await boxes.nth(i).getAttribute("value"));
      }
      const bar = page.locator(".compare-bar");
      assert.ok(await bar.isVisible());
      assert.match(await bar.locator(".compare-bar-count").textContent(), /3/);
      // A fourth is allowed, a fifth is not.
      await boxes.nth(3).check();
      assert.ok(await boxes.nth(4).isDisabled());
      await boxes.nth(3).uncheck();
      assert.ok(!(await boxes.nth(4).isDisabled()));
      await bar.locator(".compare-go").click();
      await page.waitForURL(/\/compare\/\?p=/);
      assert.deepEqual(new URL(page.url()).searchParams.get("p").split(","), slugs);
      const settings = await settingsOf(page);
      assert.deepEqual(await drawnTable(page), await expectedTable(page, settings, slugs));
      // Picks last across pages: a category page shows its ticked ones.
      await page.goto(`${ctx.site.url}products/`);
      await boxes.first().waitFor({ state: "visible", timeout: PATIENCE });
      assert.ok(await boxes.nth(0).isChecked());
      await bar.locator(".compare-clear").click();
      assert.ok(!(await boxes.nth(0).isChecked()));
      assert.ok(!(await bar.isVisible()));
      await context.close();
    });

    test("a shared link shows the same three, axe-clean at 1366 and 390 px", async () => {
      for (const view of VIEWS.slice(0, 2)) {
        const context = await ctx.browser.newContext({ viewport: view.viewport, colorScheme: view.colorScheme });
        const page = await context.newPage();
        await page.goto(`${ctx.site.url}products/`);
        const slugs = threeKeys(await tickKeys(page));
        await page.goto(`${ctx.site.url}compare/`);
        const settings = await settingsOf(page);
        await page.goto(`${ctx.site.url}compare/?p=${slugs.join(",")}`);
        const drawn = await drawnTable(page);
        assert.deepEqual(drawn, await expectedTable(page, settings, slugs));
        assert.equal(drawn.names.length, 3);
        // Rows come in the declared order.
        const order = drawn.rows.map((r) => settings.fields.indexOf(r.label));
        assert.deepEqual(order, order.slice().sort((a, b) => a - b));
        assert.deepEqual(await axeViolations(page), [], `${view.name}`);
        if (view.viewport.width < 500) {
          const wide = await page.evaluate(
            () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
          );
          assert.ok(!wide, "the page is wider than the screen");
        }
        await context.close();
      }
    });

    test("without JavaScript the ticks stay hidden and the compare page explains", async () => {
      const context = await ctx.browser.newContext({ viewport: VIEWS[1].viewport, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${ctx.site.url}products/`);
      assert.equal(await page.locator("label.pick:visible").count(), 0);
      assert.ok(!(await page.locator(".compare-bar").isVisible()));
      await page.goto(`${ctx.site.url}compare/?p=a,b`);
      assert.ok(await page.locator(".picked-how").isVisible());
      await context.close();
    });

    test("a product list with the bar up is axe-clean at 1366 and 390 px", async () => {
      for (const view of VIEWS.slice(0, 2)) {
        const context = await ctx.browser.newContext({ viewport: view.viewport });
        const page = await context.newPage();
        await page.goto(`${ctx.site.url}products/`);
        const boxes = page.locator("label.pick input");
        await boxes.first().waitFor({ state: "visible", timeout: PATIENCE });
        await boxes.nth(0).check();
        await boxes.nth(1).check();
        assert.deepEqual(await axeViolations(page), [], `${view.name}`);
        await context.close();
      }
    });
  });
}
