// Helpers shared by the tests that read built sites in Chromium: a site
// built by the real binary into a temp folder and served as a static host
// would serve it (a folder's index.html, 404.html with status 404), the
// list of its pages by kind, and the browser.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const binary = process.env.VIAL_BIN || path.join(repo, "target/debug/vial");
export const PATIENCE = 20_000;

/**
 * The example sites: the skincare one at the repo root, the houseplants.
 * VIAL_SITES reads them from another checkout (to measure an older one).
 */
const sites = process.env.VIAL_SITES || repo;
export const SITES = {
  skincare: { root: sites, files: ["site.yaml", "content", "static"] },
  houseplants: { root: path.join(sites, "examples/houseplants"), files: ["site.yaml", "content", "static"] },
};

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

/**
 * `name` (a key of SITES, or `{root, files}` of another site such as a
 * fixture) copied to a temp folder, built by vial and served on a free port
 * of 127.0.0.1. `pages` lists every page's path. `edit`, if given, changes
 * the copy (its folder) before the build.
 */
export async function buildAndServe(name, edit) {
  assert.ok(fs.existsSync(binary), `no ${binary}: run cargo build first`);
  const { root, files } = SITES[name] || name;
  const label = typeof name === "string" ? name : path.basename(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vial-pages-${label}-`));
  const source = path.join(dir, "site");
  const output = path.join(dir, "public");
  for (const file of files) {
    if (fs.existsSync(path.join(root, file))) {
      fs.cpSync(path.join(root, file), path.join(source, file), { recursive: true });
    }
  }
  if (edit) edit(source);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let file = path.join(output, decodeURIComponent(url.pathname));
    if (!file.startsWith(output)) file = output;
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    let status = 200;
    if (!fs.existsSync(file)) {
      status = 404;
      file = path.join(output, "404.html");
    }
    res.writeHead(status, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const built = spawnSync(
    binary,
    ["build", "--root", source, "--output", output, "--base-url", url],
    { encoding: "utf8" },
  );
  if (built.status !== 0) {
    // Closed here, as no test will stop it: a server left listening keeps
    // `node --test` from ever ending.
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(built.status, 0, `vial build failed:\n${built.stdout}\n${built.stderr}`);
  // An old address (`aliases:`) is a page that sends the browser on at
  // once, not one to audit: the pages are those that stay.
  const redirects = (file) => fs.readFileSync(file, "utf8").includes('http-equiv="refresh"');
  const pages = [];
  (function walk(folder, prefix) {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name === "index.html" && !redirects(path.join(folder, entry.name))) pages.push(prefix);
    }
  })(output, "/");
  pages.sort();
  return {
    url,
    output,
    pages,
    /** The page's HTML as built. */
    html: (page) => fs.readFileSync(path.join(output, page, "index.html"), "utf8"),
    stop: () => {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One page of each kind: the home page, each section's index and, below
 * it, its largest page (the one with the most to show), and a missing page.
 */
export function pageKinds(site) {
  const kinds = new Map([["home", "/"]]);
  const size = (page) => site.html(page).length;
  for (const page of site.pages) {
    const parts = page.split("/").filter(Boolean);
    if (parts.length === 0 || parts.includes("page")) continue;
    const kind = parts.length === 1 ? `${parts[0]} index` : `${parts[0]} page`;
    const best = kinds.get(kind);
    if (!best || size(page) > size(best)) kinds.set(kind, page);
  }
  kinds.set("404", "/no-such-page/");
  return kinds;
}

export const VIEWS = [
  { name: "1366 light", viewport: { width: 1366, height: 900 }, colorScheme: "light" },
  { name: "390 light", viewport: { width: 390, height: 844 }, colorScheme: "light" },
  { name: "1366 dark", viewport: { width: 1366, height: 900 }, colorScheme: "dark" },
  { name: "390 dark", viewport: { width: 390, height: 844 }, colorScheme: "dark" },
];

export async function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Hooks for the enclosing `describe`: build and serve the site `name` (a
 * key of SITES or a folder, changed by `edit`, see buildAndServe) and start a browser before its
 * tests, stop both after them. The returned
 * object holds `site` and `browser` once the tests run.
 */
export function builtSite(name, edit) {
  const state = {};
  before(async () => {
    state.site = await buildAndServe(name, edit);
    state.browser = await launch();
  });
  after(async () => {
    await state.browser?.close();
    state.site?.stop();
  });
  return state;
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/**
 * What axe-core finds wrong on the page as it is now (or only within
 * `selector`), one line per rule broken, each starting with `where`.
 */
export async function axeViolations(page, where = "", selector = null) {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async (within) => {
    const context = within ? document.querySelector(within) : document;
    const result = await window.axe.run(context, { resultTypes: ["violations"] });
    return result.violations.map((v) => {
      const nodes = v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`);
      return `${v.id} (${v.impact}) on ${v.nodes.length} nodes\n    ${nodes.join("\n    ")}`;
    });
  }, selector);
  return found.map((v) => (where ? `${where}: ${v}` : v));
}
