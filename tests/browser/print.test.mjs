// Paper, as Chromium prints it (A4, the theme's print.css): every product
// page of both example sites has its usage card on one sheet and takes one
// or two sheets, and every category page's comparison table starts on the
// sheet of its heading, with its first row.
//
// Where something landed is read from the PDF itself: a link is a PDF
// annotation holding its address, so the sheet an element is printed on is
// the one whose PDF holds the address of a marker link put into it. Printed
// one sheet at a time (`pageRanges`), each PDF holds only that sheet's.
//
// Run with `node --test print.test.mjs` in this folder after `cargo build`.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { SITES, builtSite } from "./site.mjs";

/**
 * Puts a marker link named `name` at the start or the end of the element
 * `selector` finds (its last line, for the end): a character of text, so
 * it takes next to no room.
 */
async function mark(page, selector, name, atEnd) {
  await page.emulateMedia({ media: "print" });
  await page.evaluate(
    ([selector, name, atEnd]) => {
      let where = document.querySelector(selector);
      // The end of the last element printed (the page is in print media).
      const printed = (e) => e && e.getClientRects().length > 0;
      while (atEnd && printed(where.lastElementChild)) where = where.lastElementChild;
      const a = document.createElement("a");
      a.href = `https://marker.invalid/${name}`;
      a.textContent = ".";
      if (atEnd) where.append(a);
      else where.prepend(a);
    },
    [selector, name, atEnd],
  );
}

/** Per sheet, the addresses of the links printed on it. */
async function linksPerSheet(page) {
  const whole = (await page.pdf({ format: "A4" })).toString("latin1");
  const sheets = whole.match(/\/Type\s*\/Page(?!s)/g).length;
  const found = [];
  for (let n = 1; n <= sheets; n++) {
    const pdf = (await page.pdf({ format: "A4", pageRanges: String(n) })).toString("latin1");
    found.push(new Set([...pdf.matchAll(/\/URI\s*\(([^)]*)\)/g)].map((m) => m[1])));
  }
  return found;
}

/** The sheet (1-based) whose links include `address`; 0 if none. */
function sheetOf(sheets, address) {
  return sheets.findIndex((links) => [...links].some((l) => l.endsWith(address))) + 1;
}

for (const name of Object.keys(SITES)) {
  describe(`print of the ${name} example`, () => {
    const ctx = builtSite(name);

    test("a product's usage card is printed on one sheet, the page on one or two", async () => {
      const page = await ctx.browser.newPage();
      const split = [];
      const products = ctx.site.pages.filter((p) => /^\/products\/[^/]+\/$/.test(p));
      assert.ok(products.length > 5);
      for (const urlPath of products) {
        await page.goto(`${ctx.site.url}${urlPath.slice(1)}`, { waitUntil: "load" });
        await mark(page, "main .usage-card", "card-start", false);
        await mark(page, "main .usage-card", "card-end", true);
        const sheets = await linksPerSheet(page);
        const start = sheetOf(sheets, "/card-start");
        const end = sheetOf(sheets, "/card-end");
        assert.ok(start > 0 && end > 0, `${urlPath}: the markers are in the PDF`);
        console.log(`${urlPath}: ${sheets.length} sheets, the card on ${start === end ? start : `${start}-${end}`}`);
        if (start !== end) split.push(`${urlPath}: the card runs from sheet ${start} to ${end}`);
        if (sheets.length > 2) split.push(`${urlPath}: ${sheets.length} sheets`);
      }
      await page.close();
      assert.deepEqual(split, []);
    });

    test("a category's table starts on the sheet of its heading, with its first row", async () => {
      const page = await ctx.browser.newPage();
      const apart = [];
      const categories = ctx.site.pages.filter((p) => /^\/categories\/[^/]+\/$/.test(p));
      let checked = 0;
      for (const urlPath of categories) {
        await page.goto(`${ctx.site.url}${urlPath.slice(1)}`, { waitUntil: "load" });
        const marked = await page.evaluate(() => {
          const table = document.querySelector("main table.comparison");
          if (!table || table.tBodies[0].rows.length < 1) return false;
          // Its heading: the last h2 before the table's frame.
          const frame = table.closest(".table-frame") || table;
          const heading = Array.from(document.querySelectorAll("main h2"))
            .filter((h) => h.compareDocumentPosition(frame) & Node.DOCUMENT_POSITION_FOLLOWING)
            .pop();
          heading.setAttribute("data-marked", "");
          table.tBodies[0].rows[0].setAttribute("data-marked", "1");
          return true;
        });
        if (!marked) continue;
        await mark(page, "main h2[data-marked]", "heading", true);
        // No frame round the table on paper: where it breaks between rows,
        // Chromium draws one down to the foot of the sheet, empty below the
        // last row that fits.
        const frame = await page.evaluate(() => {
          const style = getComputedStyle(document.querySelector("main table.comparison"));
          return [style.borderLeftWidth, style.borderRightWidth, style.borderBottomWidth];
        });
        assert.deepEqual(frame, ["0px", "0px", "0px"], `${urlPath}: the table has a frame`);
        await mark(page, 'tr[data-marked="1"] > :first-child', "row-1", true);
        const sheets = await linksPerSheet(page);
        const heading = sheetOf(sheets, "/heading");
        const first = sheetOf(sheets, "/row-1");
        console.log(`${urlPath}: heading on sheet ${heading}, the first row on ${first}`);
        assert.ok(heading > 0 && first > 0, `${urlPath}: the markers are in the PDF`);
        if (first !== heading) apart.push(`${urlPath}: heading on sheet ${heading}, the first row on ${first}`);
        checked += 1;
      }
      await page.close();
      assert.ok(checked > 1, "tables were checked");
      assert.deepEqual(apart, []);
    });
  });
}
