// The page holds still while its scripts run: one page of each kind (home,
// each section's index and page, the 404) of both example sites at 1366
// and 390 px, its cumulative layout shift measured once the scripts have
// done what they do on load, and the header the same on every page of a
// width (two rows at most, at 768 px too, the same height everywhere).
//
// Both examples declare their menus (`menus:` in site.yaml); the skincare
// example is measured once more without them, with the navigation vial
// makes.
//
// The figures are printed (`CLS <site> <width> <kind>: <n>`) so a change
// can quote them.
//
// Run with `node --test layout.test.mjs` in this folder after `cargo build`.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { SITES, builtSite, pageKinds } from "./site.mjs";

const WIDTHS = [
  { width: 1366, height: 900 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];
/** Google's "good" is 0.1; the pages have nothing that should move at all. */
const MOST_SHIFT = 0.05;

/**
 * The page's layout shifts since it started loading, summed (not windowed:
 * the sum is never less than the CLS a browser reports), and the header:
 * its height and how many rows its parts sit on. Read once the load event
 * has passed, the network is quiet (the scripts' data files fetched) and
 * two frames have been drawn after that.
 */
async function measure(page) {
  await page.waitForLoadState("networkidle");
  return page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const shifts = await new Promise((done) => {
      const found = [];
      const observer = new PerformanceObserver((list) => found.push(...list.getEntries()));
      observer.observe({ type: "layout-shift", buffered: true });
      // The buffered entries arrive in the observer's first callback, which
      // a task queued now runs after.
      setTimeout(() => {
        found.push(...observer.takeRecords());
        observer.disconnect();
        done(found);
      });
    });
    // The parts of the header: the title, the search box, and the menu
    // button or each section's link. A part starts a new row when it is
    // wholly below the row before.
    const parts = document.querySelectorAll(
      ".site-header .wrap > :not(.site-nav), .site-nav .menu-button, .site-nav li",
    );
    const boxes = Array.from(parts)
      .filter((part) => getComputedStyle(part).visibility !== "hidden")
      .map((part) => part.getBoundingClientRect())
      .filter((box) => box.height > 0)
      .sort((a, b) => a.top - b.top);
    let rows = 0;
    let bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom - 1) rows += 1;
      bottom = Math.max(bottom, box.bottom);
    }
    return {
      cls: shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0),
      moved: shifts.flatMap((s) =>
        s.sources.map((source) => source.node?.className || source.node?.nodeName || "?"),
      ),
      header: Math.round(document.querySelector(".site-header").getBoundingClientRect().height),
      rows,
    };
  });
}

/** The site.yaml of the site copied to `dir` without its `menus:`. */
function withoutMenus(dir) {
  const file = path.join(dir, "site.yaml");
  const text = fs.readFileSync(file, "utf8");
  const at = text.search(/^menus:/m);
  assert.ok(at > 0, "the example declares no menus");
  fs.writeFileSync(file, text.slice(0, at));
}

const VARIANTS = [
  ...Object.keys(SITES).map((name) => [name, name, undefined]),
  ["skincare (no menus)", "skincare", withoutMenus],
];

for (const [name, site, edit] of VARIANTS) {
  describe(`layout of the ${name} example`, () => {
    const ctx = builtSite(site, edit);

    test("no page kind shifts by 0.05 or more once its scripts run; the header has two rows at most, the same on every page", async () => {
      const problems = [];
      for (const viewport of WIDTHS) {
        const context = await ctx.browser.newContext({ viewport });
        const page = await context.newPage();
        const headers = new Map();
        for (const [kind, urlPath] of pageKinds(ctx.site)) {
          await page.goto(`${ctx.site.url}${urlPath.slice(1)}`, { waitUntil: "load" });
          const { cls, moved, header, rows } = await measure(page);
          console.log(`CLS ${name} ${viewport.width} ${kind}: ${cls.toFixed(4)} (header ${header} px, ${rows} rows)`);
          const where = `${urlPath} at ${viewport.width} px`;
          if (cls >= MOST_SHIFT) problems.push(`${where}: layout shift ${cls.toFixed(3)} (moved: ${moved.join(", ")})`);
          if (rows > 2) problems.push(`${where}: the header has ${rows} rows`);
          headers.set(`${header} px, ${rows} rows`, [...(headers.get(`${header} px, ${rows} rows`) || []), kind]);
        }
        if (headers.size !== 1) {
          const list = [...headers].map(([h, kinds]) => `${h}: ${kinds.join(", ")}`).join("; ");
          problems.push(`at ${viewport.width} px the header differs between pages: ${list}`);
        }
        await context.close();
      }
      assert.deepEqual(problems, [], `\n${problems.join("\n")}`);
    });
  });
}
