// The search box in a real browser: headless Debian Chromium (playwright-core)
// on sites served by `vial serve` below a base path, as they deploy. A reader
// types, sees the expected page first, and follows it with the keyboard.
//
// Run with `npm test` in this folder after `cargo build`; VIAL_BIN picks
// another binary. Every wait is bounded.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { PATIENCE, launch, repo, serveCopy, until } from "./vial.mjs";

/** Titles, kinds, metas, marked words and links of the results shown. */
function shownResults(page) {
  return page.$$eval(".search-result", (items) =>
    items.map((li) => ({
      title: li.querySelector(".search-result-title").textContent,
      kind: li.querySelector(".search-result-kind").textContent,
      meta: li.querySelector(".search-result-meta")?.textContent ?? "",
      marks: Array.from(li.querySelectorAll("mark"), (m) => m.textContent),
      excerpt: li.querySelector(".search-result-excerpt")?.textContent ?? "",
      href: li.querySelector("a").getAttribute("href"),
    })),
  );
}

/** Titles, kinds and metas of the results shown, once `first` leads them. */
async function resultsLedBy(page, first) {
  await page.waitForFunction(
    (title) => {
      const top = document.querySelector(".search-result .search-result-title");
      return top && top.textContent === title;
    },
    first,
    { timeout: PATIENCE },
  );
  return shownResults(page);
}

describe("search on the fixture site below /kb/", () => {
  let site;
  let browser;
  let page;

  before(async () => {
    site = await serveCopy(path.join(repo, "tests/fixtures/basic"), "/kb/", {
      "content/products/daily-serum.yaml": ["frequency: twice daily", "frequency: every other day"],
    });
    browser = await launch();
    page = await browser.newPage();
  });

  after(async () => {
    await browser?.close();
    site?.stop();
  });

  test("/ focuses the box; typing shows the product first; Enter follows it", async () => {
    await page.goto(`${site.url}guides/`);
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement.id), "site-search-input");
    await page.keyboard.type("lastli");
    const results = await resultsLedBy(page, "Lastlight Ampoule");
    assert.equal(results[0].kind, "Product");
    assert.equal(results[0].meta, "by Vale & Vial · Ampoule");
    assert.deepEqual(results[0].marks.slice(0, 1), ["Lastlight"]);
    assert.equal(results[0].href, "/kb/products/meso-ampoule/");
    const input = page.locator("#site-search-input");
    assert.equal(await input.getAttribute("aria-expanded"), "true");
    assert.match(await page.innerText(".search-status"), /\d/);

    await page.keyboard.press("ArrowDown");
    assert.equal(await input.getAttribute("aria-activedescendant"), "site-search-option-0");
    assert.equal(
      await page.getAttribute("#site-search-option-0", "aria-selected"),
      "true",
    );
    await Promise.all([page.waitForURL(`${site.url}products/meso-ampoule/`), page.keyboard.press("Enter")]);
    assert.match(await page.innerText("h1"), /Lastlight Ampoule/);
  });

  test("words from the usage card find the product, marked in the excerpt", async () => {
    await page.goto(site.url);
    await page.click("#site-search-input");
    await page.keyboard.type("once a week");
    const results = await resultsLedBy(page, "Lastlight Ampoule");
    assert.ok(results[0].marks.includes("week"), JSON.stringify(results[0]));

    await page.fill("#site-search-input", "every other day");
    const schedule = await resultsLedBy(page, "Daily Serum");
    for (const word of ["Every", "other", "day"]) {
      assert.ok(schedule[0].marks.includes(word), JSON.stringify(schedule[0]));
    }
    await Promise.all([page.waitForURL(`${site.url}products/daily-serum/`), page.keyboard.press("Enter")]);
    assert.match(await page.innerText("main"), /Every other day/);
  });

  test("filters narrow the results by kind and by category", async () => {
    await page.goto(site.url);
    await page.click("#site-search-input");
    await page.keyboard.type("ampoule");
    await page.waitForSelector(".search-result", { timeout: PATIENCE });
    const kinds = async () => page.$$eval(".search-result-kind", (b) => b.map((x) => x.textContent));
    await until("mixed kinds", async () => new Set(await kinds()).size > 1, site.log);
    await page.selectOption(".search-filter-kind", { label: "Guides" });
    await until("only guides", async () => {
      const shown = await kinds();
      return shown.length > 0 && shown.every((k) => k === "Guide");
    }, site.log);
    await page.selectOption(".search-filter-kind", { label: "All kinds" });
    const titles = () => page.$$eval(".search-result-title", (t) => t.map((x) => x.textContent));
    await page.fill("#site-search-input", "serum");
    await until("serum outside its category", async () => (await titles()).includes("Fitting an ampoule in"), site.log);
    await page.selectOption(".search-filter-category", { label: "Serum" });
    await until("only the serum category", async () => {
      const shown = await titles();
      return shown.length > 0 && shown.every((t) => t === "Daily Serum" || t === "Serum");
    }, site.log);
  });

  test("Escape closes the list; nothing found says so", async () => {
    await page.goto(site.url);
    await page.click("#site-search-input");
    await page.keyboard.type("serum");
    await page.waitForSelector(".search-result", { timeout: PATIENCE });
    await page.keyboard.press("Escape");
    assert.equal(await page.isHidden(".search-panel"), true);
    assert.equal(await page.getAttribute("#site-search-input", "aria-expanded"), "false");
    await page.fill("#site-search-input", "");
    await page.keyboard.type("qqqxqq");
    await page.waitForFunction(
      () => document.querySelector(".search-status").textContent.includes("qqqxqq"),
      null,
      { timeout: PATIENCE },
    );
    assert.equal(await page.$$eval(".search-result", (r) => r.length), 0);
  });

  test("after an edit, the reloaded page searches the new text", async () => {
    const product = "content/products/boost-ampoule.yaml";
    await page.goto(`${site.url}products/boost-ampoule/`);
    await page.waitForFunction(() => window.__vial?.connected === true, null, { timeout: PATIENCE });
    const reloaded = page.waitForEvent("load", { timeout: PATIENCE });
    site.write(product, site.read(product).replace(/^name: .*$/m, "name: Zephyrine Ampoule"));
    await reloaded;
    // The index was written with the pages, before the reload: no waiting.
    await page.click("#site-search-input");
    await page.keyboard.type("zephyr");
    const results = await resultsLedBy(page, "Zephyrine Ampoule");
    assert.equal(results[0].href, "/kb/products/boost-ampoule/");
  });
});

describe("search on the houseplant example below /plants/", () => {
  let site;
  let browser;
  let page;

  before(async () => {
    site = await serveCopy(path.join(repo, "examples/houseplants"), "/plants/");
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  });

  after(async () => {
    await browser?.close();
    site?.stop();
  });

  test("a narrow screen finds the neem spray first and opens it", async () => {
    await page.goto(site.url);
    await page.click("#site-search-input");
    await page.keyboard.type("neem");
    const results = await resultsLedBy(page, "Quillroot Neem Leaf Spray");
    assert.equal(results[0].kind, "Product");
    assert.ok(results[0].href.startsWith("/plants/products/"), results[0].href);
    const box = await page.locator(".search-panel").boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `panel inside the screen: ${JSON.stringify(box)}`);
    await Promise.all([page.waitForURL(`**${results[0].href}`), page.keyboard.press("Enter")]);
    assert.match(await page.innerText("h1"), /Neem Leaf Spray/);
  });
});

/** A browser page on a copy of the site `serveCopy` serves, for a describe block. */
function served(...serveArgs) {
  const it = {};
  before(async () => {
    it.site = await serveCopy(...serveArgs);
    it.browser = await launch();
    it.page = await it.browser.newPage();
  });
  after(async () => {
    await it.browser?.close();
    it.site?.stop();
  });
  return it;
}

/**
 * Puts `query` into a fresh box at once (one input event, so one search:
 * the results shown are the query's, not a prefix's) and returns them.
 */
async function typed(page, site, query) {
  await page.goto(site.url);
  await page.fill("#site-search-input", query);
  await page.waitForSelector(".search-result", { timeout: PATIENCE });
  return shownResults(page);
}

describe("plurals and typos on the skincare example", () => {
  const it = served(repo, "/kb/", {}, ["site.yaml", "content", "themes"]);

  test("`serums` opens with the Serum category, then the serums, their word marked", async () => {
    const results = await typed(it.page, it.site, "serums ");
    assert.equal(results[0].title, "Serum", JSON.stringify(results.slice(0, 3)));
    assert.equal(results[0].kind, "Category");
    const next = results[1];
    assert.equal(next.kind, "Product", JSON.stringify(next));
    assert.match(next.meta, /Serum/, JSON.stringify(next));
    assert.ok(next.marks.some((m) => m.toLowerCase().startsWith("serum")), JSON.stringify(next));
  });

  test("`retinol`, a declared synonym, finds the Retinal active first, then its products", async () => {
    const results = await typed(it.page, it.site, "retinol");
    assert.equal(results[0].title, "Retinal", JSON.stringify(results.slice(0, 3)));
    assert.equal(results[0].kind, "Active");
    assert.ok(results[0].marks.includes("Retinal"), JSON.stringify(results[0]));
    const titles = results.map((r) => r.title);
    for (const product of ["Retinal Night Serum", "Retinal Intensive Ampoules"]) {
      assert.ok(titles.includes(product), JSON.stringify(titles));
    }
  });

  test("a product's excerpt is its summary, or the spec that holds the word", async () => {
    const summary = await typed(it.page, it.site, "Daily Hydra Serum");
    assert.equal(summary[0].title, "Daily Hydra Serum");
    assert.equal(summary[0].excerpt, "A light, watery hyaluronic acid serum for everyday moisture.");
    const spec = await typed(it.page, it.site, "dropper");
    assert.equal(spec[0].title, "Daily Hydra Serum");
    assert.equal(spec[0].excerpt, "Packaging: Glass dropper bottle");
  });

  for (const [query, word] of [["niacinamde", "Niacinamide"], ["hyaluronc", "Hyaluronic"]]) {
    test(`\`${query}\` (a letter left out) finds ${word}`, async () => {
      const results = await typed(it.page, it.site, query);
      assert.ok(results[0].marks.includes(word), JSON.stringify(results[0]));
    });
  }
});

describe("plurals and typos on the houseplant example", () => {
  const it = served(path.join(repo, "examples/houseplants"), "/plants/");

  for (const query of ["fertilizers", "fertiliser", "fertilisers"]) {
    test(`\`${query}\` finds the fertilizers`, async () => {
      const results = await typed(it.page, it.site, query);
      const top = results[0];
      assert.ok(
        top.title === "Fertilizer" || top.meta.includes("Fertilizer"),
        JSON.stringify(results.slice(0, 3)),
      );
      assert.ok(top.marks.some((m) => /^fertilizer$/i.test(m)), JSON.stringify(top));
    });
  }

  test("`Fernhollow`, a brand, puts the brand's page first, then its products", async () => {
    const results = await typed(it.page, it.site, "Fernhollow");
    assert.equal(results[0].title, "Fernhollow", JSON.stringify(results.slice(0, 3)));
    assert.equal(results[0].kind, "Brand");
    assert.equal(results[0].href, "/plants/brands/fernhollow/");
    assert.ok(results.slice(1, 4).every((r) => r.title.startsWith("Fernhollow ")), JSON.stringify(results));
  });

  test("`plant food`, the category's other name, finds Fertilizer first, its words marked", async () => {
    const results = await typed(it.page, it.site, "plant food");
    assert.equal(results[0].title, "Fertilizer", JSON.stringify(results.slice(0, 3)));
    assert.equal(results[0].href, "/plants/categories/fertilizer/");
    assert.match(results[0].excerpt, /^Plant food that tops up/, JSON.stringify(results[0]));
    assert.ok(results[0].marks.includes("food"), JSON.stringify(results[0]));
  });

  test("`orchd` finds the orchid products", async () => {
    const results = await typed(it.page, it.site, "orchd");
    assert.ok(results.length >= 2, JSON.stringify(results));
    for (const r of results.slice(0, 2)) assert.match(r.title, /Orchid/, JSON.stringify(results));
  });

  test("the German edition searches its own index, stemmed in German", async () => {
    await it.page.goto(it.site.url + "de/");
    await it.page.fill("#site-search-input", "Düngern");
    await it.page.waitForSelector(".search-result", { timeout: PATIENCE });
    const results = await shownResults(it.page);
    assert.equal(results[0].title, "Dünger", JSON.stringify(results.slice(0, 3)));
    assert.equal(results[0].href, "/plants/de/categories/fertilizer/");
    assert.ok(results.every((r) => r.href.startsWith("/plants/de/")), JSON.stringify(results));
  });
});

describe("stems in German on a fixture site with language: de", () => {
  const it = served(path.join(repo, "tests/fixtures/basic"), "/", {
      "site.yaml": ["description: A fixture site.", "description: A fixture site.\nlanguage: de"],
      // A German site writes its schedules in German.
      "content/products/daily-serum.yaml": [
        ["name: Daily Serum", "name: Flüssiger Dünger"],
        ["frequency: twice daily", "frequency: zweimal täglich"],
      ],
      "content/products/boost-ampoule.yaml": [
        ["name: Boost Ampoule", "name: Kraft des Düngers"],
        ["frequency: course of 3-5 days", "frequency: eine Kur von 3–5 Tagen"],
      ],
      "content/products/meso-ampoule.yaml": ["frequency: once a week", "frequency: einmal pro Woche"],
    });

  test("`Düngers` finds Dünger, after the name that says Düngers", async () => {
    const results = await typed(it.page, it.site, "Düngers");
    const titles = results.map((r) => r.title);
    // In the same field, the exact word ranks above the stemmed one.
    assert.deepEqual(titles.slice(0, 2), ["Kraft des Düngers", "Flüssiger Dünger"], JSON.stringify(titles));
    assert.ok(results[1].marks.includes("Dünger"), JSON.stringify(results[1]));
  });

  test("`Dünger ` finds Dünger first, then the name that says Düngers", async () => {
    const results = await typed(it.page, it.site, "Dünger ");
    const titles = results.map((r) => r.title);
    assert.deepEqual(titles.slice(0, 2), ["Flüssiger Dünger", "Kraft des Düngers"], JSON.stringify(titles));
  });
});
