// The compare picker in headless Chromium on the built example sites:
// three products ticked on the product list and compared, the same three
// opened from a shared link, products added and removed on /compare/ and
// its readable address, the stored picks shown without `?p=`, the rows of
// the category and the taxonomies (strengths included), what shows without
// JavaScript, and axe-core on the compare page with a picked set at 1366
// and 390 px.
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
  const categoryName = Object.fromEntries(settings.categories);
  const rows = [];
  const row = (label, cells) => {
    const given = cells.filter((v) => v !== null);
    if (given.length === 0) return;
    rows.push({ label, differs: given.some((v) => v !== given[0]), cells });
  };
  row(settings.category, keys.map((k) => categoryName[k.split("/")[0]]));
  settings.fields.forEach((label, i) => row(label, picked.map((p) => p.v[i] ?? null)));
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

    test("on /compare/ products are added and removed, and the address follows them, readable", async () => {
      const context = await ctx.browser.newContext({ viewport: VIEWS[0].viewport });
      const page = await context.newPage();
      await page.goto(`${ctx.site.url}products/`);
      const all = await tickKeys(page);
      const [a, b, c, d] = threeKeys(all).concat(all.filter((k) => !threeKeys(all).includes(k)));
      await page.goto(`${ctx.site.url}compare/?p=${a},${b}`);
      const settings = await settingsOf(page);
      assert.deepEqual((await drawnTable(page)).names.length, 2);
      // Add: a category, then one of its products.
      const add = async (key) => {
        await page.selectOption(".picked-category", key.split("/")[0]);
        await page.waitForSelector(`.picked-product option[value="${key}"]`, { state: "attached", timeout: PATIENCE });
        await page.selectOption(".picked-product", key);
        await page.click(".picked-add-button");
      };
      await add(c);
      await page.waitForFunction(() => document.querySelectorAll("section.picked thead th").length === 4);
      assert.deepEqual(await drawnTable(page), await expectedTable(page, settings, [a, b, c]));
      // The address names them with a plain `/` and reads back the same.
      const search = new URL(page.url()).search;
      assert.equal(search, `?p=${a},${b},${c}`);
      assert.ok(!page.url().includes("%2F"));
      assert.deepEqual(new URL(page.url()).searchParams.get("p").split(","), [a, b, c]);
      // A fourth fills the table: no fifth.
      await add(d);
      await page.waitForFunction(() => document.querySelectorAll("section.picked thead th").length === 5);
      assert.ok(await page.locator(".picked-add-button").isDisabled());
      assert.ok(await page.locator(".picked-full").isVisible());
      // Remove the first: the focus goes to the next Remove button.
      const first = page.locator("section.picked thead .picked-remove").first();
      assert.match(await first.getAttribute("aria-label"), /./);
      await first.click();
      await page.waitForFunction(() => document.querySelectorAll("section.picked thead th").length === 4);
      assert.deepEqual(await drawnTable(page), await expectedTable(page, settings, [b, c, d]));
      assert.equal(new URL(page.url()).search, `?p=${b},${c},${d}`);
      assert.ok(await page.evaluate(() => document.activeElement.classList.contains("picked-remove")));
      assert.ok(!(await page.locator(".picked-add-button").isDisabled()));
      // The picks are the ones kept: the product list ticks them.
      await page.goto(`${ctx.site.url}products/`);
      const ticked = await page.$$eval("label.pick input", (boxes) => boxes.filter((x) => x.checked).map((x) => x.value));
      assert.deepEqual(ticked.sort(), [b, c, d].sort());
      await context.close();
    });

    test("/compare/ without ?p= shows the products picked on other pages", async () => {
      const context = await ctx.browser.newContext({ viewport: VIEWS[0].viewport });
      const page = await context.newPage();
      await page.goto(`${ctx.site.url}products/`);
      const boxes = page.locator("label.pick input");
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      const keys = [await boxes.nth(0).getAttribute("value"), await boxes.nth(1).getAttribute("value")];
      // The bar's link is readable too.
      const href = await page.locator(".compare-go").getAttribute("href");
      assert.ok(href.endsWith(`?p=${keys.join(",")}`), href);
      await page.goto(`${ctx.site.url}compare/`);
      const settings = await settingsOf(page);
      assert.deepEqual(await drawnTable(page), await expectedTable(page, settings, keys));
      assert.equal(new URL(page.url()).search, `?p=${keys.join(",")}`, "the address becomes one to share");
      await context.close();
    });

    test("the category and each taxonomy have a row, with the strength where the data has one", async () => {
      const context = await ctx.browser.newContext({ viewport: VIEWS[0].viewport });
      const page = await context.newPage();
      await page.goto(`${ctx.site.url}compare/`);
      const settings = await settingsOf(page);
      // Two products whose terms of a taxonomy with strengths carry one,
      // from two categories where the site has them.
      const taxonomy = name === "skincare" ? "Actives" : "Nutrients";
      const at = settings.fields.indexOf(taxonomy);
      assert.ok(at >= 0, `${taxonomy} is a row of the picker`);
      const strong = [];
      for (const [category] of settings.categories) {
        const data = await page.evaluate(async (u) => (await fetch(u)).json(), `${settings.data}${category}.json`);
        strong.push(...data.products.filter((p) => /\d/.test(p.v[at] ?? "")).map((p) => `${category}/${p.s}`));
      }
      const keys = threeKeys(strong).slice(0, 2);
      assert.equal(keys.length, 2);
      await page.goto(`${ctx.site.url}compare/?p=${keys.join(",")}`);
      const drawn = await drawnTable(page);
      assert.deepEqual(drawn, await expectedTable(page, settings, keys));
      const categoryRow = drawn.rows.find((r) => r.label === settings.category);
      const names = Object.fromEntries(settings.categories);
      assert.deepEqual(categoryRow.cells, keys.map((k) => names[k.split("/")[0]]));
      const strengths = drawn.rows.find((r) => r.label === taxonomy);
      // `Niacinamide 10%`, `Nitrogen 3%`: a term and its strength with the unit.
      for (const cell of strengths.cells) assert.match(cell, /\p{L} \d+(\.\d+)?\s?%/u);
      await context.close();
    });

    test("without JavaScript the ticks stay hidden and the compare page explains", async () => {
      const context = await ctx.browser.newContext({ viewport: VIEWS[1].viewport, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${ctx.site.url}products/`);
      assert.equal(await page.locator("label.pick:visible").count(), 0);
      assert.ok(!(await page.locator(".compare-bar").isVisible()));
      await page.goto(`${ctx.site.url}compare/?p=a,b`);
      assert.ok(await page.locator(".picked-how").isVisible());
      assert.ok(!(await page.locator(".picked-add").isVisible()));
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
