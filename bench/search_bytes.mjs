// Bytes a reader's browser fetches for a first search: headless Chromium
// (playwright-core from tests/browser) opens a page of a built site, types a
// query into the search box and counts the bodies of every response the
// search makes (search-index.js and search.js, the entry, shards, records), until the results
// show. Each query starts in a fresh browser context: nothing cached.
//
//   python3 -m http.server -d OUTPUT 8000 &     # any static server
//   node bench/search_bytes.mjs http://127.0.0.1:8000/ "niacinamide" "every other day"
//
// "typed" sends one key every 120 ms, as a quick reader types (most
// prefixes are searched on the way); "pasted" puts the whole query in at
// once.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tests/browser/package.json"));
const { chromium } = require("playwright-core");

const [url, ...queries] = process.argv.slice(2);
if (!url || queries.length === 0) {
  console.error("usage: node bench/search_bytes.mjs URL QUERY...");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});

async function measure(query, how) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = [];
  page.on("response", async (response) => {
    const u = new URL(response.url());
    if (!/\/search\/|\/search(-index)?(\.[0-9a-f]+)?\.js$/.test(u.pathname)) return;
    try {
      seen.push({ path: u.pathname, bytes: (await response.body()).length });
    } catch {
      // a response dropped by a newer query
    }
  });
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  const started = Date.now();
  await page.click("#site-search-input");
  if (how === "typed") await page.keyboard.type(query, { delay: 120 });
  else await page.fill("#site-search-input", query);
  await page.waitForFunction(
    (q) => {
      const s = document.querySelector(".search-status");
      return s && s.textContent && document.querySelector("#site-search-input").value === q;
    },
    query,
    { timeout: 30_000 },
  );
  await page.waitForLoadState("networkidle");
  const ms = Date.now() - started;
  const first = await page.$eval(".search-result-title", (t) => t.textContent).catch(() => "(none)");
  await context.close();
  const sum = (f) => seen.filter(f).reduce((n, r) => n + r.bytes, 0);
  return {
    query,
    how,
    requests: seen.length,
    total: sum(() => true),
    script: sum((r) => r.path.endsWith(".js")),
    entry: sum((r) => r.path.endsWith("/search/index.json")),
    shards: sum((r) => r.path.includes("/search/t/")),
    records: sum((r) => r.path.includes("/search/r/")),
    ms,
    first,
  };
}

console.log("| query | input | requests | total KB | scripts | entry | shards | records | first result |");
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
const kb = (n) => (n / 1024).toFixed(1);
for (const query of queries) {
  for (const how of ["pasted", "typed"]) {
    const r = await measure(query, how);
    console.log(
      `| ${r.query} | ${r.how} | ${r.requests} | ${kb(r.total)} | ${kb(r.script)} | ${kb(r.entry)} | ${kb(r.shards)} | ${kb(r.records)} | ${r.first} |`,
    );
  }
}
await browser.close();
