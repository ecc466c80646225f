// The compare picker (settings: src/render/category_data.rs). On pages with ticks the
// reader picks two to four products (kept in localStorage, so picks from
// several pages add up); /compare/?p=serum/a,ampoule/b shows them side by
// side the way the built tables do, from each category's data file. Every text from content is set with textContent.
(function () {
  "use strict";

  var MAX = 4;

  function storageKey(compareUrl) {
    return "vial-compare:" + compareUrl;
  }

  function load(key) {
    try {
      var list = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(list) ? list.filter(function (s) { return typeof s === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function save(key, list) {
    try {
      window.localStorage.setItem(key, JSON.stringify(list));
    } catch (e) {
      /* private mode: picks last as long as the page */
    }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function compareHref(base, slugs) {
    return base + "?p=" + slugs.map(encodeURIComponent).join(",");
  }

  // Pages with ticks: show them, keep the picks, keep the bar up to date.
  function picker(bar) {
    var base = bar.getAttribute("data-compare");
    var key = storageKey(base);
    var boxes = Array.prototype.slice.call(document.querySelectorAll("label.pick input[type=checkbox]"));
    if (!boxes.length) return;
    var count = bar.querySelector(".compare-bar-count");
    var go = bar.querySelector(".compare-go");
    var clear = bar.querySelector(".compare-clear");
    var picked = load(key).slice(0, MAX);

    function update() {
      boxes.forEach(function (box) {
        box.checked = picked.indexOf(box.value) !== -1;
        box.disabled = !box.checked && picked.length >= MAX;
      });
      bar.hidden = picked.length === 0;
      count.textContent = fill(bar.getAttribute("data-picked"), { n: picked.length, max: MAX });
      go.hidden = picked.length < 2;
      go.href = compareHref(base, picked);
    }

    boxes.forEach(function (box) {
      box.parentNode.hidden = false;
      box.addEventListener("change", function () {
        picked = load(key).slice(0, MAX);
        var at = picked.indexOf(box.value);
        if (box.checked && at === -1 && picked.length < MAX) picked.push(box.value);
        if (!box.checked && at !== -1) picked.splice(at, 1);
        save(key, picked);
        update();
      });
    });
    clear.addEventListener("click", function () {
      picked = [];
      save(key, picked);
      update();
      if (boxes[0]) boxes[0].focus();
    });
    // Picks made in another tab show up here too.
    window.addEventListener("storage", function (event) {
      if (event.key !== key) return;
      picked = load(key).slice(0, MAX);
      update();
    });
    document.documentElement.classList.add("has-picker");
    update();
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The same markup as partials/comparison.html draws for a side-by-side
  // table: rows no product has are left out, `differs` marks a row where
  // two given values differ.
  function drawTable(section, settings, products) {
    var words = function (name) {
      return section.getAttribute("data-" + name) || "";
    };
    var caption = words("caption");
    var rows = [];
    settings.fields.forEach(function (label, i) {
      var values = products.map(function (p) {
        var v = p.v[i];
        return typeof v === "string" ? v : null;
      });
      var given = values.filter(function (v) { return v !== null; });
      if (!given.length) return;
      var differs = given.some(function (v) { return v !== given[0]; });
      rows.push({ label: label, values: values, differs: differs });
    });
    var filterable =
      products.length > 1 &&
      rows.some(function (r) { return r.differs; }) &&
      rows.some(function (r) { return !r.differs; });

    var frame = element("div", { class: "table-frame table-frame-side-by-side" });
    if (filterable) {
      var tools = element("p", { class: "table-tools", hidden: "" });
      var label = element("label");
      label.appendChild(element("input", { type: "checkbox", class: "only-differences" }));
      label.appendChild(document.createTextNode(" " + words("differences")));
      tools.appendChild(label);
      frame.appendChild(tools);
    }
    frame.appendChild(element("p", { class: "scroll-hint", hidden: "" }, words("scroll")));
    var viewport = element("div", { class: "table-viewport" });
    var scroll = element("div", { class: "table-scroll", role: "region", "aria-label": caption, tabindex: "0" });
    var table = element("table", { class: "comparison comparison-side-by-side" });
    table.appendChild(element("caption", {}, caption));
    var head = element("thead");
    var headRow = element("tr");
    headRow.appendChild(element("th", { scope: "col" }, words("corner")));
    products.forEach(function (p) {
      var th = element("th", { scope: "col" });
      th.appendChild(element("a", { href: settings.products + encodeURIComponent(p.s) + "/" }, p.n));
      if (typeof p.b === "string") th.appendChild(element("span", { class: "note" }, p.b));
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    table.appendChild(head);
    var body = element("tbody");
    rows.forEach(function (r) {
      var tr = element("tr", r.differs ? { class: "differs" } : {});
      var th = element("th", { scope: "row" });
      th.appendChild(element("span", { class: "label" }, r.label));
      tr.appendChild(th);
      r.values.forEach(function (v) {
        if (v === null) {
          var td = element("td", { class: "blank" });
          td.appendChild(element("span", { "aria-hidden": "true" }, words("none")));
          td.appendChild(element("span", { class: "visually-hidden" }, words("blank")));
          tr.appendChild(td);
        } else {
          tr.appendChild(element("td", r.differs ? { class: "differs" } : {}, v));
        }
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    scroll.appendChild(table);
    viewport.appendChild(scroll);
    frame.appendChild(viewport);
    var place = section.querySelector(".picked-table");
    place.textContent = "";
    place.appendChild(frame);
    if (window.vialTables) window.vialTables.enhance(frame);
  }

  // /compare/: the products `?p=` names, side by side.
  function showPicked(section) {
    var script = section.querySelector("script.picker-settings");
    var status = section.querySelector(".picked-status");
    if (!script || !window.fetch || !window.URLSearchParams) return;
    var settings = JSON.parse(script.textContent);
    var asked = (new URLSearchParams(window.location.search).get("p") || "")
      .split(",")
      .map(function (s) { return s.trim(); })
      .filter(function (s, i, all) { return s && all.indexOf(s) === i; })
      .slice(0, settings.max || MAX);
    if (!asked.length) return;
    // A key is `<category>/<slug>`: its category names the data file.
    var categories = [];
    asked.forEach(function (key) {
      var category = key.split("/")[0];
      if (categories.indexOf(category) === -1) categories.push(category);
    });
    Promise.all(
      categories.map(function (category) {
        return fetch(settings.data + encodeURIComponent(category) + ".json")
          .then(function (r) { return r.ok ? r.json() : { products: [] }; })
          .catch(function () { return { products: [] }; })
          .then(function (data) { return { category: category, products: data.products || [] }; });
      })
    )
      .then(function (files) {
        var byKey = {};
        files.forEach(function (file) {
          file.products.forEach(function (p) {
            byKey[file.category + "/" + p.s] = p;
          });
        });
        var products = [];
        var missing = [];
        asked.forEach(function (key) {
          if (byKey[key]) products.push(byKey[key]);
          else missing.push(key);
        });
        var notes = [];
        if (missing.length) notes.push(fill(section.getAttribute("data-missing"), { names: missing.join(", ") }));
        if (products.length < 2) notes.push(section.getAttribute("data-too-few"));
        status.textContent = notes.join(" ");
        if (products.length >= 2) {
          section.querySelector(".picked-how").hidden = true;
          drawTable(section, settings, products);
        }
      })
      .catch(function () {
        status.textContent = section.getAttribute("data-too-few");
      });
  }

  document.querySelectorAll(".compare-bar").forEach(picker);
  document.querySelectorAll("section.picked").forEach(showPicked);
})();
