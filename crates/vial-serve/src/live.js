// vial serve: live reload. Added to pages by the preview server at response
// time; never part of a built site.
(() => {
  "use strict";
  const tag = document.currentScript;
  const instance = (tag && tag.dataset.instance) || "";
  let generation = Number((tag && tag.dataset.generation) || 0);
  const OVERLAY = "vial-error-overlay";

  const source = new EventSource("/.vial/events");
  const data = (event) => JSON.parse(event.data);
  // For tests and the curious: whether this page is listening.
  window.__vial = { connected: false };
  source.addEventListener("open", () => { window.__vial.connected = true; });
  source.addEventListener("error", () => { window.__vial.connected = false; });

  // A page from another run of the server, or older than the output, reloads.
  const stale = (stamp) => stamp.instance !== instance || stamp.generation > generation;

  source.addEventListener("hello", (event) => {
    if (stale(data(event))) location.reload();
  });
  source.addEventListener("reload", (event) => {
    if (stale(data(event))) location.reload();
  });
  source.addEventListener("css", (event) => {
    const stamp = data(event);
    if (stamp.instance !== instance || stamp.generation > generation + 1) {
      location.reload();
    } else if (stamp.generation > generation) {
      generation = stamp.generation;
      swapStylesheets(generation);
    }
  });
  source.addEventListener("errors", (event) => showErrors(data(event)));

  function swapStylesheets(stamp) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("vial", String(stamp));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      // Drop the old sheet once the new one applies: no flash of no style.
      fresh.addEventListener("load", () => link.remove());
      fresh.addEventListener("error", () => fresh.remove());
      link.after(fresh);
    }
  }

  // Every field goes in as text: a message quoting `<script>` stays text.
  function element(name, text, style) {
    const node = document.createElement(name);
    if (text !== undefined && text !== null) node.textContent = text;
    if (style) node.style.cssText = style;
    return node;
  }

  function showErrors(report) {
    document.getElementById(OVERLAY)?.remove();
    const overlay = element("div", null,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,24,.97);color:#f4f4f5;font:14px/1.5 ui-monospace,monospace;");
    overlay.id = OVERLAY;
    overlay.setAttribute("role", "alert");
    const count = report.count;
    overlay.append(element("h2",
      `vial: the rebuild failed with ${count} error${count === 1 ? "" : "s"}; ` +
      "the last good site is still served", "margin:0 0 1rem;font-size:1.1rem;color:#fca5a5;"));
    for (const d of report.diagnostics) overlay.append(diagnostic(d));
    const close = element("button", "×", "position:absolute;top:.5rem;right:1rem;" +
      "background:none;border:0;color:inherit;font-size:1.5rem;cursor:pointer;");
    close.title = "Hide until the next rebuild";
    close.addEventListener("click", () => overlay.remove());
    overlay.append(close);
    (document.body || document.documentElement).append(overlay);
  }

  function diagnostic(d) {
    const item = element("section", null, "margin:0 0 1.25rem;");
    const where = element("div", `${d.path}:${d.line}:${d.column}`, "color:#93c5fd;");
    where.className = "vial-location";
    const message = element("div", `${d.severity}: ${d.message}`, "font-weight:bold;");
    message.className = "vial-message";
    item.append(where, message);
    if (d.snippet) {
      item.append(element("pre", `${d.line} | ${d.snippet}`,
        "margin:.25rem 0;padding:.25rem .5rem;background:#27272a;white-space:pre-wrap;"));
    }
    if (d.help) {
      const help = element("div", `help: ${d.help}`, "color:#86efac;");
      help.className = "vial-help";
      item.append(help);
    }
    return item;
  }
})();
