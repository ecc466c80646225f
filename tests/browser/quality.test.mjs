// Search quality: for each site, the queries a reader types (plurals,
// typos, brands, names, terms, prefixes, schedules, synonyms, German
// words) with the page the reader expects first, run through the theme's
// own ranking (`window.__vialSearch` of search.js) in headless Chromium
// against the index `vial build` wrote. Each query's rank is printed; the
// test of a set fails unless every expected page comes first.
//
// The sets are quality/<site>.json: `query` as typed (a trailing space
// finishes the last word; without it the last word is also a prefix),
// `first` (the page's path below the base path) and `why` (what it tests).
// The German site is tests/fixtures/basic turned German with the files of
// quality/german/, with `search: synonyms:` of its own.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { PATIENCE, builtSite, repo } from "./site.mjs";

const here = path.join(repo, "tests/browser/quality");
const set = (name) => JSON.parse(fs.readFileSync(path.join(here, `${name}.json`), "utf8"));

/** `text` of `file` in `folder` with each [from, to] of `edits` made. */
function edit(folder, file, edits) {
  const target = path.join(folder, file);
  let text = fs.readFileSync(target, "utf8");
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), `${file} has no ${from}`);
    text = text.replace(from, to);
  }
  fs.writeFileSync(target, text);
}

/**
 * The fixture site in German: `language: de`, German labels, and its
 * content replaced by quality/german/content (a plant-care catalogue
 * whose names are German words, umlauts and compounds).
 */
function german(folder) {
  const synonyms = "\nsearch:\n  synonyms:\n    - [Dünger, Duenger]\n    - [Gelbtafeln, Gelbsticker]";
  edit(folder, "site.yaml", [
    ["description: A fixture site.", `description: Notizen zur Pflanzenpflege.\nlanguage: de${synonyms}`],
    ["label: Concern, plural: Concerns", "label: Schädling, plural: Schädlinge"],
    ["label: Active\n    plural: Actives", "label: Nährstoff\n    plural: Nährstoffe"],
    ["label: Strength, unit", "label: Anteil, unit"],
    ["label: Packaging", "label: Verpackung"],
    ["  - [serum, ampoule]", "  - [pflanzennahrung, erde]"],
  ]);
  fs.rmSync(path.join(folder, "content"), { recursive: true });
  fs.cpSync(path.join(here, "german/content"), path.join(folder, "content"), { recursive: true });
}

/**
 * Each query of `queries` ranked on the served site (all kinds, no filter
 * chosen): the 1-based rank of its expected page (null when not found),
 * the path of the page ranked first and how many were found.
 */
async function ranks(state, queries) {
  const page = await state.browser.newPage();
  await page.goto(state.site.url);
  await page.waitForFunction(() => window.__vialSearch, null, { timeout: PATIENCE });
  const base = new URL(state.site.url).pathname;
  const found = await page.evaluate(
    async ({ queries, base }) => {
      const search = window.__vialSearch;
      await search.load();
      const below = (u) => new URL(u, location.href).pathname.slice(base.length);
      const out = [];
      for (const { query, first } of queries) {
        const ranked = await search.rank(query, () => true);
        const records = await Promise.all(ranked.map((r) => search.record(r.record)));
        const paths = records.map((r) => below(r.u));
        const at = paths.indexOf(first);
        out.push({ rank: at < 0 ? null : at + 1, top: paths[0] ?? null, count: paths.length });
      }
      return out;
    },
    { queries, base },
  );
  await page.close();
  return queries.map((q, i) => ({ ...q, ...found[i] }));
}

/** The rows as a table: query · why · rank · what came first. */
function table(name, rows) {
  const width = (key) => Math.max(...rows.map((r) => JSON.stringify(r[key]).length));
  const [q, w] = [width("query"), width("why")];
  const lines = rows.map((r) => {
    const rank = r.rank === null ? "not found" : `${r.rank} of ${r.count}`;
    const top = r.top ?? "(nothing)";
    return `${JSON.stringify(r.query).padEnd(q)}  ${r.why.padEnd(w)}  ${rank.padEnd(12)}  ${top}`;
  });
  const first = rows.filter((r) => r.rank === 1).length;
  return `search quality, ${name}: ${first} of ${rows.length} first\n${lines.join("\n")}`;
}

const SETS = [
  { name: "skincare", site: "skincare" },
  { name: "houseplants", site: "houseplants" },
  {
    name: "german",
    site: { root: path.join(repo, "tests/fixtures/basic"), files: ["site.yaml", "content"] },
    edit: german,
  },
];

for (const { name, site, edit: change } of SETS) {
  describe(`search quality on the ${name} site`, () => {
    const state = builtSite(site, change);
    const queries = set(name);

    test(`every query of quality/${name}.json finds its page first`, async () => {
      assert.ok(queries.length >= 10, `quality/${name}.json holds ${queries.length} queries`);
      // A misspelt `first` would read as a search that missed it.
      const nowhere = queries.filter((q) => !state.site.pages.includes(`/${q.first}`));
      assert.deepEqual(nowhere, [], "expected pages the site does not have");
      const rows = await ranks(state, queries);
      console.log(table(name, rows));
      const missed = rows
        .filter((r) => r.rank !== 1)
        .map((r) => {
          const rank = r.rank === null ? "not found" : `rank ${r.rank}`;
          return `  ${JSON.stringify(r.query)} (${r.why}): ${rank}, expected ${r.first}, first ${r.top}`;
        });
      assert.equal(missed.length, 0, `${missed.length} of ${rows.length} queries not first:\n${missed.join("\n")}`);
    });
  });
}
