// Keyboard and screen-reader behaviour of the default theme's controls in
// headless Chromium on the skincare example: the phone menu closes on
// Escape and gives the focus back to its button; "Add to my routine" is a
// toggle button whose state is `aria-pressed`; without JavaScript the
// header shows the sections and nothing that cannot work.
//
// The routine builder's marks for a day with a caution are checked in
// routine.test.mjs, with the routine that has them.
//
// Run with `node --test keyboard.test.mjs` in this folder after `cargo build`.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PATIENCE, VIEWS, builtSite } from "./site.mjs";

const PHONE = VIEWS[1].viewport;

describe("keyboard and screen readers on the skincare example", () => {
  const ctx = builtSite("skincare");

  test("Escape closes the phone menu and the focus goes back to its button", async () => {
    const context = await ctx.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${ctx.site.url}guides/`);
    const button = page.locator(".menu-button");
    const links = page.locator("#site-menu a");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    assert.ok(!(await links.first().isVisible()), "the menu starts closed");
    await button.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector(".site-nav.is-open", { timeout: PATIENCE });
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    // Into the menu, then Escape from one of its links.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.closest("#site-menu") !== null), true);
    await page.keyboard.press("Escape");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    assert.ok(!(await links.first().isVisible()), "Escape closed the menu");
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("menu-button")), true);
    // Escape on the button itself closes it too.
    await page.keyboard.press("Enter");
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    await page.keyboard.press("Escape");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    await context.close();
  });

  test("'Add to my routine' is a toggle: aria-pressed says whether the product is in", async () => {
    const context = await ctx.browser.newContext({ viewport: VIEWS[0].viewport });
    const page = await context.newPage();
    await page.goto(`${ctx.site.url}products/`);
    const first = page.locator("button.routine-add").first();
    const key = await first.getAttribute("data-routine");
    assert.equal(await first.getAttribute("aria-pressed"), "false");
    const name = await first.innerText();
    await first.click();
    assert.equal(await first.getAttribute("aria-pressed"), "true");
    assert.equal(await first.innerText(), name, "the label stays as the state changes");
    // The product's own page knows it is in.
    const slug = key.split("/")[1];
    await page.goto(`${ctx.site.url}products/${slug}/`);
    const own = page.locator("main header button.routine-add");
    assert.equal(await own.getAttribute("aria-pressed"), "true");
    await own.press("Enter");
    assert.equal(await own.getAttribute("aria-pressed"), "false");
    // Chromium names it with the label alone (the + and ✓ marks are not
    // read), and says it is not pressed.
    const cdp = await context.newCDPSession(page);
    const { root } = await cdp.send("DOM.getDocument");
    const { nodeId } = await cdp.send("DOM.querySelector", {
      nodeId: root.nodeId,
      selector: "main header button.routine-add",
    });
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
    const node = nodes.find((n) => n.role?.value === "button");
    assert.equal(node.name.value, name);
    assert.equal(node.properties.find((p) => p.name === "pressed")?.value.value, "false");
    await context.close();
  });

  test("without JavaScript the phone header shows the sections and no search box or menu button", async () => {
    const context = await ctx.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${ctx.site.url}guides/`);
    assert.ok(await page.locator("#site-menu a").first().isVisible());
    assert.ok(!(await page.locator(".menu-button").isVisible()));
    assert.ok(!(await page.locator(".site-search").isVisible()));
    assert.ok(!(await page.locator("button.routine-add").first().isVisible()));
    await context.close();
  });
});
