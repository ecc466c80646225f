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

/**
 * The weeks drawn, by heading ("" when the plan has one week): per table
 * caption, each row's product and days, `1` a day of use, `o` a ring (a
 * course's day only if it lasts that long), `0` none.
 */
async function weeks(page) {
  return page.$$eval(".routine-weeks > *", (nodes) => {
    const out = {};
    let heading = "";
    for (const node of nodes) {
      if (node.matches("h3")) heading = node.textContent;
      const table = node.querySelector("table.routine-week");
      if (!table) continue;
      out[heading] ??= {};
      out[heading][table.caption?.textContent ?? ""] = Array.from(table.tBodies[0].rows, (r) => ({
        name: r.querySelector("th a").textContent,
        days: Array.from(r.cells)
          .slice(1)
          .map((c) => (c.classList.contains("maybe") ? "o" : c.classList.contains("on") ? 1 : 0))
          .join(""),
      }));
    }
    return out;
  });
}

/** The tables of the last week drawn: every week after the courses. */
async function plan(page) {
  return Object.values(await weeks(page)).at(-1);
}

/** `weeks`, as `name days` lines per heading and caption. */
async function rows(page) {
  const out = {};
  for (const [heading, tables] of Object.entries(await weeks(page))) {
    for (const [caption, list] of Object.entries(tables)) {
      out[`${heading}|${caption}`] = list.map((r) => `${r.name} ${r.days}`);
    }
  }
  return out;
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

  test("two short courses run one after the other, on the days they last", async () => {
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

    // Each course of 3-5 days is on days 1-3, days 4-5 as rings, and not
    // in the weeks after; one ampoule at a time puts the second after the
    // first. The moisturizer is every day of every week.
    const drawn = await rows(page);
    assert.deepEqual(drawn, {
      "Week 1|Morning": [
        "Hyaluronic Ampoules 111oo00",
        "Hydra Flood Ampoules 0000011",
        "Cloud Gel Moisturizer 1111111",
      ],
      "Week 1|Evening": [
        "Hyaluronic Ampoules 111oo00",
        "Hydra Flood Ampoules 0000011",
        "Cloud Gel Moisturizer 1111111",
      ],
      "Week 2|Morning": ["Hydra Flood Ampoules 1oo0000", "Cloud Gel Moisturizer 1111111"],
      "Week 2|Evening": ["Hydra Flood Ampoules 1oo0000", "Cloud Gel Moisturizer 1111111"],
      "From week 3|Morning": ["Cloud Gel Moisturizer 1111111"],
      "From week 3|Evening": ["Cloud Gel Moisturizer 1111111"],
    });
    assert.ok(await page.isVisible(".routine-maybe-note"));
    assert.equal(
      await page.locator("td.maybe:not(.clash) .visually-hidden").first().textContent(),
      "only if the course lasts that long",
    );
    // A ring day that also meets a caution says both.
    assert.equal(
      await page.locator("td.maybe.clash .visually-hidden").first().textContent(),
      "only if the course lasts that long; used, with a caution",
    );
    // The row says it is a course, and how long.
    assert.match(await page.locator("table.routine-week tbody tr").first().innerText(), /A course of 3–5 days/);

    // Nothing follows them with sunscreen in the morning, on their days.
    const found = await cautions(page);
    assert.deepEqual(
      found.map((c) => c.rule),
      ["sunscreen-after-ampoule"],
    );
    assert.deepEqual(found[0].lines, [
      "Hyaluronic Ampoules · Week 1 · Morning: Monday, Tuesday, Wednesday, Thursday and Friday",
      "Hydra Flood Ampoules · Week 1 · Morning: Saturday and Sunday",
      "Hydra Flood Ampoules · Week 2 · Morning: Monday, Tuesday and Wednesday",
    ]);
    assert.match(
      await page.innerText('.routine-caution[data-rule="sunscreen-after-ampoule"]'),
      /An ampoule in the morning is followed by sunscreen/,
    );
    // A day with a caution is told apart by more than colour: a mark
    // shown, and a word a screen reader reads.
    const marks = await page.$$eval("td.on", (cells) =>
      cells.map((td) => ({
        clash: td.classList.contains("clash"),
        mark: td.querySelector(".routine-dot").textContent,
        said: td.querySelector(".visually-hidden").textContent,
      })),
    );
    assert.ok(marks.some((m) => m.clash), "some day meets the caution");
    assert.ok(marks.some((m) => !m.clash));
    for (const m of marks) {
      if (m.clash) {
        assert.equal(m.mark, "!");
        assert.match(m.said, /used, with a caution$/);
      } else {
        assert.equal(m.mark, "");
        assert.notEqual(m.said, "used, with a caution");
      }
    }

    // The sunscreen, added from its own page, ends the caution.
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
    assert.equal(await page.locator(".routine-caution").count(), 0);
    assert.ok(await page.isVisible(".routine-no-cautions"));
    const morning = (await plan(page)).Morning.map((r) => r.name);
    assert.equal(morning.at(-1), "Daylight Fluid SPF 50", "protect is the last step");

    // Without courses the plan is one week, with no heading.
    await page.click('button[aria-label="Remove Hydra Flood Ampoules"]');
    await page.click('button[aria-label="Remove Hyaluronic Ampoules"]');
    await ready(page, 2);
    assert.deepEqual(Object.keys(await weeks(page)), [""]);
    assert.ok(!(await page.isVisible(".routine-maybe-note")));
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

// Schedules and rules the example does not have, on a copy with edits: a
// long course followed by a weekly one, a daily morning ampoule, a daily
// morning retinoid, and a rule like "one retinoid an evening" that names
// no slot.
describe("the routine builder on courses and rules across slots", () => {
  let site;
  let browser;

  before(async () => {
    site = await serveCopy(
      repo,
      "/",
      {
        "content/products/vitamin-c-boost-ampoules.yaml": [
          "frequency: course of 3-5 days",
          "frequency: a course of 3 weeks, then once a week",
        ],
        "content/products/hyaluronic-ampoules.yaml": [
          "frequency: course of 3-5 days\n  time: [am, pm]",
          "frequency: daily\n  time: [am]",
        ],
        "content/products/retinal-night-serum.yaml": [
          "frequency: 3 times a week\n  time: [pm]",
          "frequency: daily\n  time: [am]",
        ],
        "site.yaml": [
          "    - key: strong-niacinamide",
          "    - key: one-retinoid-a-day\n      message: One retinoid a day.\n      apart: [retinoids]\n    - key: strong-niacinamide",
        ],
      },
      ["site.yaml", "content", "themes"],
    );
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    site?.stop();
  });

  /** Opens /routine/ with `keys` and waits for them. */
  async function open(keys) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}routine/?p=${keys.join(",")}`);
    await ready(page, keys.length);
    return { context, page };
  }

  test("a course of 3 weeks, then once a week: daily in weeks 1-3, weekly after", async () => {
    const { context, page } = await open(["ampoule/vitamin-c-boost-ampoules", "moisturizer/cloud-gel-moisturizer"]);
    assert.deepEqual(await rows(page), {
      "Weeks 1–3|Morning": ["Vitamin C Boost Ampoules 1111111", "Cloud Gel Moisturizer 1111111"],
      "Weeks 1–3|Evening": ["Cloud Gel Moisturizer 1111111"],
      "From week 4|Morning": ["Vitamin C Boost Ampoules 1000000", "Cloud Gel Moisturizer 1111111"],
      "From week 4|Evening": ["Cloud Gel Moisturizer 1111111"],
    });
    // A course of a whole number of weeks has no day that may end sooner.
    assert.ok(!(await page.isVisible(".routine-maybe-note")));
    assert.match(await page.innerText("table.routine-week"), /A course of 3 weeks, then once a week/);
    await context.close();
  });

  test("a morning ampoule every day and an evening one on Monday meet on Monday", async () => {
    const { context, page } = await open([
      "ampoule/hyaluronic-ampoules",
      "ampoule/meso-ampoule",
      "sunscreen/daylight-fluid-spf50",
    ]);
    const found = await cautions(page);
    assert.deepEqual(found, [
      { rule: "one-ampoule-at-a-time", lines: ["Hyaluronic Ampoules and Meso Ampoule · Monday"] },
    ]);
    // Both days are marked, in each slot's table.
    assert.deepEqual(await rows(page), {
      "|Morning": ["Hyaluronic Ampoules 1111111", "Daylight Fluid SPF 50 1111111"],
      "|Evening": ["Meso Ampoule 1000000"],
    });
    const clashes = await page.$$eval("td.clash", (cells) =>
      cells.map((c) => `${c.closest("table").caption.textContent} ${c.parentElement.querySelector("th a").textContent} ${c.cellIndex}`),
    );
    assert.deepEqual(clashes, ["Morning Hyaluronic Ampoules 1", "Evening Meso Ampoule 1"]);
    await context.close();
  });

  test("a rule of one slot does not reach across slots; one of no slot does", async () => {
    const { context, page } = await open(["serum/retinal-night-serum", "ampoule/retinal-intensive-ampoules"]);
    // A retinoid every morning, another on an evening: the same day.
    assert.deepEqual(await rows(page), {
      "|Morning": ["Retinal Night Serum 1111111"],
      "|Evening": ["Retinal Intensive Ampoules 1000000"],
    });
    const found = await cautions(page);
    assert.deepEqual(
      found.map((c) => c.rule),
      ["one-retinoid-a-day"],
      "one-retinoid-a-night names the evening: a morning retinoid is no second one",
    );
    assert.deepEqual(found[0].lines, ["Retinal Intensive Ampoules and Retinal Night Serum · Monday"]);
    await context.close();
  });
});

describe("a product of any time of day (`time: any`)", () => {
  const it = {};
  before(async () => {
    const edit = { "content/products/cloud-gel-moisturizer.yaml": ["time: [am, pm]", "time: any"] };
    [it.site, it.browser] = await Promise.all([
      serveCopy(repo, "/", edit, ["site.yaml", "content", "themes"]),
      launch(),
    ]);
  });
  after(async () => {
    await it.browser?.close();
    it.site?.stop();
  });

  test("goes in a table of its own after the declared slots, once a day", async () => {
    const context = await it.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${it.site.url}routine/?p=moisturizer/cloud-gel-moisturizer,sunscreen/daylight-fluid-spf50`);
    await ready(page, 2);
    assert.deepEqual(await rows(page), {
      "|Morning": ["Daylight Fluid SPF 50 1111111"],
      "|Any time of day": ["Cloud Gel Moisturizer 1111111"],
    });
    await context.close();
  });
});
