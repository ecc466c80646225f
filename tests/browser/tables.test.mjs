// Comparison tables in headless Chromium, on the built example sites: at
// 390 px no cell is out of view unless its table scrolls with a visible
// cue; sorting follows the declared order with blanks last; and the HTML
// is valid as built and after the script has added its controls (the W3C
// Nu checker, vnu-jar, which needs Java).
//
// Run with `npm test` in this folder after `cargo build`; VIAL_BIN picks
// another binary.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { SITES, VIEWS, builtSite, pageKinds } from "./site.mjs";

const vnuJar = createRequire(import.meta.url)("vnu-jar");
const PHONE = VIEWS[1];
const DESKTOP = VIEWS[0];

/**
 * What is wrong with the tables of the open page: cells out of view with
 * no visible scroll cue, a scroll region that cannot be focused or has no
 * name, a page wider than the screen, the page's own product not first.
 */
function tableProblems() {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  }
  const shown = (el) => el && el.checkVisibility({ visibilityProperty: true });
  for (const table of document.querySelectorAll("main table")) {
    if (!shown(table)) continue;
    const name = (table.caption?.textContent || table.rows[0]?.textContent || "").trim().slice(0, 60);
    const scroller = table.closest(".table-scroll");
    const frame = table.closest(".table-frame");
    const view = scroller ? scroller.getBoundingClientRect() : { left: 0, right: width };
    const left = Math.max(view.left, 0);
    const right = Math.min(view.right, width);
    const hidden = Array.from(table.querySelectorAll("th, td")).filter((cell) => {
      const r = cell.getBoundingClientRect();
      return shown(cell) && r.width > 0 && (r.left < left - 1 || r.right > right + 1);
    });
    const current = table.querySelector("thead th.current, tbody th.current");
    if (current) {
      const first = table.classList.contains("comparison-side-by-side")
        ? table.tHead.rows[0].cells[1]
        : table.tBodies[0].rows[0].cells[0];
      if (first !== current) problems.push(`${name}: the page's product is not first`);
      if (hidden.includes(current)) problems.push(`${name}: the page's product is out of view`);
    }
    if (hidden.length === 0) continue;
    const what = `${name}: ${hidden.length} cells out of view`;
    if (!scroller || !frame) {
      problems.push(`${what}, in no scroll region`);
      continue;
    }
    if (scroller.scrollWidth <= scroller.clientWidth) problems.push(`${what}, cut off`);
    if (!frame.classList.contains("is-overflowing") || !frame.classList.contains("has-more-right")) {
      problems.push(`${what}, no edge shadow`);
    }
    if (!shown(frame.querySelector(".scroll-hint"))) problems.push(`${what}, no visible scroll hint`);
    if (scroller.tabIndex !== 0) problems.push(`${what}, its region not focusable`);
    if (!scroller.getAttribute("aria-label") && !scroller.getAttribute("aria-labelledby")) {
      problems.push(`${what}, its region unnamed`);
    }
  }
  return problems;
}

for (const name of Object.keys(SITES)) {
  describe(`comparison tables of the ${name} example`, () => {
    const ctx = builtSite(name);

    test("at 390 px no column is hidden without a scroll cue", async () => {
      const context = await ctx.browser.newContext({ viewport: PHONE.viewport });
      const page = await context.newPage();
      const problems = [];
      let tables = 0;
      for (const urlPath of ctx.site.pages) {
        if (!ctx.site.html(urlPath).includes("<table")) continue;
        await page.goto(`${ctx.site.url}${urlPath.slice(1)}`, { waitUntil: "load" });
        tables += await page.locator("main table").count();
        for (const p of await page.evaluate(tableProblems)) problems.push(`${urlPath}: ${p}`);
      }
      await context.close();
      assert.ok(tables > 10, `only ${tables} tables were looked at`);
      assert.deepEqual(problems, [], `\n${problems.join("\n")}`);
    });

    test("side-by-side tables offer no sort; tables with a row per product one button a header", async () => {
      const context = await ctx.browser.newContext({ viewport: DESKTOP.viewport });
      const page = await context.newPage();
      for (const [kind, urlPath] of pageKinds(ctx.site)) {
        if (!["products page", "categories page", "compare page"].includes(kind)) continue;
        await page.goto(`${ctx.site.url}${urlPath.slice(1)}`, { waitUntil: "load" });
        const found = await page.evaluate(() =>
          Array.from(document.querySelectorAll("table.comparison"), (table) => ({
            columns: table.classList.contains("comparison-side-by-side"),
            sortable: table.hasAttribute("data-sortable"),
            buttons: table.querySelectorAll("button").length,
            stops: Array.from(table.tHead.rows[0].cells, (th) =>
              th.querySelectorAll("a[href], button, input, [tabindex]:not([tabindex='-1'])").length,
            ),
          })),
        );
        assert.ok(found.length > 0, `${urlPath} has a comparison table`);
        for (const t of found) {
          if (t.columns) {
            assert.equal(t.buttons, 0, `${urlPath}: a side-by-side table has sort buttons`);
          } else if (t.sortable) {
            assert.ok(t.stops.every((n) => n === 1), `${urlPath}: tab stops per header ${t.stops}`);
          }
        }
      }
      await context.close();
    });

    test("every product page prints on one or two A4 pages", async () => {
      const page = await ctx.browser.newPage();
      const long = [];
      const products = ctx.site.pages.filter((p) => /^\/products\/[^/]+\/$/.test(p));
      assert.ok(products.length > 5, `products: ${products}`);
      for (const urlPath of products) {
        await page.goto(`${ctx.site.url}${urlPath.slice(1)}`, { waitUntil: "load" });
        const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
        const pages = pdf.match(/\/Type\s*\/Page(?!s)/g).length;
        if (pages > 2) long.push(`${urlPath}: ${pages} pages`);
      }
      await page.close();
      assert.deepEqual(long, []);
    });

    test("the HTML is valid as built and after the script has run", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vial-vnu-"));
      const files = ctx.site.pages.map((p) => path.join(ctx.site.output, p, "index.html"));
      files.push(path.join(ctx.site.output, "404.html"));
      let n = 0;
      for (const view of [DESKTOP, PHONE]) {
        const context = await ctx.browser.newContext({ viewport: view.viewport });
        const page = await context.newPage();
        for (const [kind, urlPath] of pageKinds(ctx.site)) {
          await page.goto(`${ctx.site.url}${urlPath.slice(1)}`, { waitUntil: "load" });
          // Everything the script adds, in use: a sorted table, the
          // differences filter on, the phone menu open.
          const sort = page.locator("table[data-sortable] button.sort").nth(1);
          if (await sort.count()) await sort.click();
          const filter = page.locator("input.only-differences").first();
          if (await filter.count()) await filter.check();
          const menu = page.locator(".menu-button");
          if (await menu.isVisible()) await menu.click();
          const html = await page.evaluate(() => `<!DOCTYPE html>\n${document.documentElement.outerHTML}`);
          const file = path.join(dir, `${String(n++).padStart(2, "0")}-${view.name}-${kind}.html`.replace(/ /g, "_"));
          fs.writeFileSync(file, html);
          files.push(file);
        }
        await context.close();
      }
      const run = spawnSync("java", ["-jar", vnuJar, "--format", "json", "--exit-zero-always", ...files], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.equal(run.error, undefined, `java could not run the Nu checker: ${run.error}`);
      assert.equal(run.status, 0, `the Nu checker failed:\n${run.stderr}`);
      const messages = JSON.parse(run.stderr || run.stdout).messages.filter((m) => m.type === "error");
      const shown = messages.map((m) => `${path.basename(m.url)}:${m.lastLine}: ${m.message}\n    ${m.extract}`);
      fs.rmSync(dir, { recursive: true, force: true });
      assert.deepEqual(shown, [], `\n${shown.join("\n")}`);
    });
  });
}

describe("sorting a category's comparison", () => {
  const ctx = builtSite("skincare");

  // Texture is declared out of alphabetical order in the example's
  // site.yaml; the ampoule category has products without it.
  const declared = fs
    .readFileSync(path.join(SITES.skincare.root, "site.yaml"), "utf8")
    .match(/key: texture[^\n]*\n(?:[^\n]*\n)*?\s+values: \[([^\]]*)\]/)[1]
    .split(",")
    .map((v) => v.trim());

  /** The column's cells, top to bottom: text, or null for a blank. */
  async function column(page, label) {
    return page.evaluate((label) => {
      const table = document.querySelector("table[data-sortable]");
      const index = Array.from(table.tHead.rows[0].cells).findIndex((th) =>
        th.textContent.trim().startsWith(label),
      );
      return Array.from(table.tBodies[0].rows, (row) => {
        const cell = row.cells[index];
        return cell.classList.contains("blank") ? null : cell.textContent.trim().toLowerCase();
      });
    }, label);
  }

  async function sortBy(page, label, direction) {
    const th = page.locator("table[data-sortable] thead th", { hasText: label });
    await th.locator("button.sort").click();
    assert.equal(await th.getAttribute("aria-sort"), direction);
    const others = await page.locator("table[data-sortable] thead th[aria-sort]").count();
    assert.equal(others, 1, "one column is marked as sorted");
  }

  for (const view of [DESKTOP, PHONE]) {
    test(`at ${view.name}: enums in declared order, numbers as numbers, blanks last`, async () => {
      assert.deepEqual(declared, ["water", "gel", "milky", "oil", "cream"]);
      const context = await ctx.browser.newContext({ viewport: view.viewport });
      const page = await context.newPage();
      await page.goto(`${ctx.site.url}categories/ampoule/`, { waitUntil: "load" });

      const ranked = (values) => values.filter((v) => v !== null).map((v) => declared.indexOf(v));
      const blanksLast = (values) => values.indexOf(null) === -1 || values.slice(values.indexOf(null)).every((v) => v === null);

      await sortBy(page, "Texture", "ascending");
      let values = await column(page, "Texture");
      assert.ok(values.includes(null), "the column has blanks");
      assert.ok(ranked(values).every((r) => r >= 0), `known values ${values}`);
      assert.deepEqual(ranked(values), [...ranked(values)].sort((a, b) => a - b), `ascending: ${values}`);
      assert.ok(new Set(ranked(values)).size > 2, `several textures: ${values}`);
      assert.ok(blanksLast(values), `blanks last: ${values}`);

      await sortBy(page, "Texture", "descending");
      values = await column(page, "Texture");
      assert.deepEqual(ranked(values), [...ranked(values)].sort((a, b) => b - a), `descending: ${values}`);
      assert.ok(blanksLast(values), `blanks last, descending too: ${values}`);

      await sortBy(page, "Volume", "ascending");
      values = await column(page, "Volume");
      const numbers = values.filter((v) => v !== null).map(Number);
      assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), `numbers: ${values}`);
      assert.ok(blanksLast(values), `blanks last: ${values}`);
      await context.close();
    });
  }
});

