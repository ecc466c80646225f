// Helpers of the browser tests that edit or serve a copy of a site: a copy
// served by `vial serve` on a free port, and bounded waits. The browser and
// the built example sites are in site.mjs.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PATIENCE, binary } from "./site.mjs";

export { PATIENCE, binary, launch, repo } from "./site.mjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function until(what, check, log) {
  const deadline = Date.now() + PATIENCE;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A temp copy of `from` (only its entries named in `only`, when given), its
 * base_url moved below `basePath`, `edits` ({file: [from, to]}) applied,
 * served by vial.
 */
export async function serveCopy(from, basePath, edits = {}, only = null) {
  assert.ok(fs.existsSync(binary), `no ${binary}: run cargo build first`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "vial-test-"));
  for (const entry of only || [""]) {
    fs.cpSync(path.join(from, entry), path.join(root, entry), {
      recursive: true,
      filter: (src) => !src.split(path.sep).includes("public"),
    });
  }
  const config = path.join(root, "site.yaml");
  fs.writeFileSync(
    config,
    fs
      .readFileSync(config, "utf8")
      .replace(/^base_url: .*$/m, `base_url: https://example.org${basePath}`),
  );
  // Each file's edit is a pair `[was, now]`, or a list of them.
  for (const [file, pairs] of Object.entries(edits)) {
    const target = path.join(root, file);
    let text = fs.readFileSync(target, "utf8");
    for (const [was, now] of Array.isArray(pairs[0]) ? pairs : [pairs]) {
      assert.ok(text.includes(was), `${file} has no ${was}`);
      text = text.replace(was, now);
    }
    fs.writeFileSync(target, text);
  }
  return startServe(root, basePath);
}

/**
 * `vial serve` on the site at `root` (a temp folder it removes on `stop`),
 * once it answers at `basePath`.
 */
export async function startServe(root, basePath = "/") {
  const port = await freePort();
  const child = spawn(binary, ["serve", "--port", String(port), "--root", root], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const log = () => `server log:\n${output}`;
  const url = `http://127.0.0.1:${port}${basePath}`;
  await until("the server", async () => (await fetch(url)).ok, log);
  return {
    url,
    log,
    file: (relative) => path.join(root, relative),
    read: (relative) => fs.readFileSync(path.join(root, relative), "utf8"),
    write: (relative, text) => {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), text);
    },
    stop: () => {
      child.kill();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
