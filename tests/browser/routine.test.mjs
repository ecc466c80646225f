// The routine builder in a real browser, on a copy of the skincare example
// served below /kb/: a reader finds products by typing, adds one from its
// page, sees the cautions of the site's rules, shares the routine by its
// address and prints it on one page; axe-core finds nothing on /routine/
// at 1366 and 390 px, light and dark.
//
// Run with `npm test` in this folder after `cargo build`; VIAL_BIN picks
// another binary. Every wait is bounded.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PATIENCE, launch, repo, serveCopy } from "./vial.mjs";
import { axeViolations } from "./site.mjs";

/** Waits until the builder has laid out `n` products. */
async function ready(page, n) {
  await page.waitForSelector(`.routine-app[data-ready="${n}"]`, { timeout: PATIENCE });
}

/** Types `query` into the builder's search and picks the option `title`. */
async function add(page, query, title) {
  await page.fill("#routine-search-input", "");
  await page.click("#routine-search-input");
  await page.keyboard.type(query);
  const option = page.locator(".routine-result", { hasText: title }).first();
  await option.waitFor({ timeout: PATIENCE });
  await option.click();
}

/** The cautions shown: rule key and the text of each line. */
async function cautions(page) {
  return page.$$eval(".routine-caution", (items) =>
    items.map((li) => ({
      rule: li.getAttribute("data-rule"),
      lines: Array.from(li.querySelectorAll(".routine-caution-detail li"), (x) => x.textContent),
    })),
  );
}

/** Product names per row of each week table, by its caption. */
async function plan(page) {
  return page.$$eval("table.routine-week", (tables) =>
    Object.fromEntries(
      tables.map((t) => [
        t.caption.textContent,
        Array.from(t.tBodies[0].rows, (r) => ({
          name: r.querySelector("th a").textContent,
          days: Array.from(r.cells)
            .slice(1)
            .map((c) => (c.classList.contains("on") ? 1 : 0))
            .join(""),
        })),
      ]),
    ),
  );
}

describe("the routine builder on the skincare example below /kb/", () => {
  let site;
  let browser;

  before(async () => {
    site = await serveCopy(repo, "/kb/", {}, ["site.yaml", "content", "themes"]);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    site?.stop();
  });

  test("three products with a known conflict: the caution names the rule and the products", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}routine/`);
    await ready(page, 0);
    assert.ok(await page.isVisible(".routine-empty"));

    await add(page, "hyaluronic ampoules", "Hyaluronic Ampoules");
    await ready(page, 1);
    assert.match(await page.innerText(".routine-status"), /Hyaluronic Ampoules added/);
    await add(page, "hydra flood", "Hydra Flood Ampoules");
    await add(page, "cloud gel", "Cloud Gel Moisturizer");
    await ready(page, 3);
    assert.equal(
      new URL(page.url()).searchParams.get("p"),
      "ampoule/hyaluronic-ampoules,ampoule/hydra-flood-ampoules,moisturizer/cloud-gel-moisturizer",
    );

    // Two ampoules share both slots every day; nothing follows them with
    // sunscreen in the morning.
    const found = await cautions(page);
    assert.deepEqual(
      found.map((c) => c.rule),
      ["sunscreen-after-ampoule", "one-ampoule-at-a-time"],
    );
    assert.deepEqual(found[1].lines, [
      "Hyaluronic Ampoules and Hydra Flood Ampoules · Morning: daily",
      "Hyaluronic Ampoules and Hydra Flood Ampoules · Evening: daily",
    ]);
    assert.deepEqual(found[0].lines, ["Hyaluronic Ampoules and Hydra Flood Ampoules · Morning: daily"]);
    assert.match(
      await page.innerText('.routine-caution[data-rule="one-ampoule-at-a-time"]'),
      /One ampoule at a time/,
    );
    // Laid out per slot in step order, every day.
    const days = await plan(page);
    assert.deepEqual(Object.keys(days), ["Morning", "Evening"]);
    assert.deepEqual(
      days.Morning.map((r) => `${r.name} ${r.days}`),
      ["Hyaluronic Ampoules 1111111", "Hydra Flood Ampoules 1111111", "Cloud Gel Moisturizer 1111111"],
    );
    assert.equal(await page.locator("td.clash").count(), 28);
    // A day with a caution is told apart by more than colour: a mark
    // shown, and a word a screen reader reads.
    const marks = await page.$$eval("td.on", (cells) =>
      cells.map((td) => ({
        clash: td.classList.contains("clash"),
        mark: td.querySelector(".routine-dot").textContent,
        said: td.querySelector(".visually-hidden").textContent,
      })),
    );
    assert.ok(marks.some((m) => !m.clash));
    for (const m of marks) {
      assert.deepEqual(
        m,
        m.clash
          ? { clash: true, mark: "!", said: "used, with a caution" }
          : { clash: false, mark: "", said: "used" },
      );
    }

    // The sunscreen, added from its own page, ends the morning caution.
    await page.goto(`${site.url}products/daylight-fluid-spf50/`);
    const button = page.locator("main header button.routine-add");
    assert.equal(await button.innerText(), "Add to my routine");
    assert.equal(await button.getAttribute("aria-pressed"), "false");
    await button.click();
    // A toggle: the label stays, the state is aria-pressed.
    assert.equal(await button.innerText(), "Add to my routine");
    assert.equal(await button.getAttribute("aria-pressed"), "true");
    await page.goto(`${site.url}routine/`);
    await ready(page, 4);
    assert.deepEqual(
      (await cautions(page)).map((c) => c.rule),
      ["one-ampoule-at-a-time"],
    );
    const morning = (await plan(page)).Morning.map((r) => r.name);
    assert.equal(morning.at(-1), "Daylight Fluid SPF 50", "protect is the last step");

    // Removing one ampoule ends the other caution.
    await page.click('button[aria-label="Remove Hydra Flood Ampoules"]');
    await ready(page, 3);
    assert.equal(await page.locator(".routine-caution").count(), 0);
    assert.ok(await page.isVisible(".routine-no-cautions"));
    await context.close();
  });

  test("a shared link: weekly products go to days apart, rare ones to their own list", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const keys = [
      "serum/retinal-night-serum",
      "ampoule/retinal-intensive-ampoules",
      "ampoule/clarity-ampoules",
      "ampoule/centella-rescue-ampoules",
      "ampoule/meso-ampoule",
      "serum/no-such-serum",
    ];
    await page.goto(`${site.url}routine/?p=${keys.join(",")}`);
    await ready(page, 5);
    assert.match(await page.innerText(".routine-status"), /no longer on the site/);
    assert.ok(!page.url().includes("no-such-serum"));
    const evening = Object.fromEntries((await plan(page)).Evening.map((r) => [r.name, r.days]));
    // Three evenings of retinal serum, and the retinal ampoule on a fourth.
    const serum = parseInt(evening["Retinal Night Serum"], 2);
    const ampoule = parseInt(evening["Retinal Intensive Ampoules"], 2);
    assert.equal(evening["Retinal Night Serum"].replaceAll("0", ""), "111");
    assert.equal(evening["Retinal Intensive Ampoules"].replaceAll("0", ""), "1");
    assert.equal(serum & ampoule, 0, JSON.stringify(evening));
    // The meso ampoule goes last, after the moisturizer step.
    assert.equal((await plan(page)).Evening.at(-1).name, "Meso Ampoule");
    const found = await cautions(page);
    const rules = found.map((c) => c.rule);
    assert.ok(!rules.includes("one-retinoid-a-night"), JSON.stringify(found));
    // Above 5% niacinamide: the product alone.
    assert.deepEqual(found.find((c) => c.rule === "strong-niacinamide").lines, ["Clarity Ampoules"]);
    assert.match(await page.innerText(".routine-later"), /Centella Rescue Ampoules/);
    await context.close();
  });

  test("the routine prints on one page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const keys = [
      "cleanser/soft-milk-cleanser",
      "toner/quiet-water-toner",
      "serum/vitamin-c-morning-serum",
      "serum/retinal-night-serum",
      "ampoule/hyaluronic-ampoules",
      "moisturizer/barrier-cream",
      "sunscreen/daylight-fluid-spf50",
    ];
    await page.goto(`${site.url}routine/?p=${keys.join(",")}`);
    await ready(page, 7);
    await page.emulateMedia({ media: "print" });
    assert.ok(!(await page.isVisible(".routine-pick")));
    assert.ok(!(await page.isVisible(".site-header")));
    assert.ok(await page.isVisible("table.routine-week"));
    const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
    assert.equal(pdf.match(/\/Type\s*\/Page\b/g).length, 1);
    await context.close();
  });

  test("axe-core: no violation on /routine/ at 1366 and 390 px, light and dark", async () => {
    const found = [];
    const views = [
      { width: 1366, height: 900 },
      { width: 390, height: 844 },
    ];
    for (const viewport of views) {
      for (const colorScheme of ["light", "dark"]) {
        const where = `${viewport.width} px ${colorScheme}`;
        const context = await browser.newContext({ viewport, colorScheme });
        const page = await context.newPage();
        // Empty, as a first visit finds it.
        await page.goto(`${site.url}routine/`);
        await ready(page, 0);
        found.push(...(await axeViolations(page, `${where}, empty`)));
        // With products, cautions and the search list open.
        await page.goto(
          `${site.url}routine/?p=ampoule/hyaluronic-ampoules,ampoule/hydra-flood-ampoules,serum/retinal-night-serum,ampoule/centella-rescue-ampoules`,
        );
        await ready(page, 4);
        await page.click("#routine-search-input");
        await page.keyboard.type("serum");
        await page.waitForSelector(".routine-results:not([hidden]) .routine-result", { timeout: PATIENCE });
        await page.keyboard.press("ArrowDown");
        found.push(...(await axeViolations(page, `${where}, a routine`)));
        // A product page's header with its button shown (the rest of the
        // page is the other pages' tests').
        await page.goto(`${site.url}products/meso-ampoule/`);
        await page.waitForSelector("main header button.routine-add:not([hidden])", { timeout: PATIENCE });
        found.push(...(await axeViolations(page, `${where}, a product`, "main header")));
        await context.close();
      }
    }
    assert.deepEqual(found, [], `\n${found.join("\n")}`);
  });
});
