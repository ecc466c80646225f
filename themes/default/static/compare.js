// The compare picker (settings: crates/vial-render/src/category_data.rs). On pages with ticks the
// reader picks two to four products (kept in localStorage, so picks from
// several pages add up); /compare/?p=serum/a,ampoule/b shows them side by
// side the way the built tables do, from each category's data file, with
// a row for the category and each taxonomy, and lets the reader add and
// remove products there. Every text from content is set with textContent.
(function () {
  "use strict";

  var MAX = 4;

  // The picks are kept under the site's root (`data-storage`), so that
  // they are the same in every language of the site.
  function storageKey(element) {
    return "vial-compare:" + (element.getAttribute("data-storage") || element.getAttribute("data-compare"));
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

  // `?p=serum/daily-hydra-serum,ampoule/meso-ampoule`: readable, the `/`
  // of each key as it is (a query may hold it), only its two names encoded.
  function compareHref(base, keys) {
    return base + "?p=" + keys.map(function (k) {
      return k.split("/").map(encodeURIComponent).join("/");
    }).join(",");
  }

  // Pages with ticks: show them, keep the picks, keep the bar up to date.
  function picker(bar) {
    var base = bar.getAttribute("data-compare");
    var key = storageKey(bar);
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

  // `attributes` with `lang` when a name is in another language than the
  // page's (a word shown for want of a translation), as the data says.
  function marked(attributes, lang) {
    if (lang) attributes.lang = lang;
    return attributes;
  }

  // The same markup as partials/comparison.html draws for a side-by-side
  // table: rows no product has are left out, `differs` marks a row where
  // two given values differ.
  function drawTable(section, settings, picked, remove) {
    var words = function (name) {
      return section.getAttribute("data-" + name) || "";
    };
    var caption = words("caption");
    var products = picked.map(function (x) { return x.p; });
    var rows = [];
    function addRow(label, values) {
      var given = values.filter(function (v) { return v !== null; });
      if (!given.length) return;
      var differs = given.some(function (v) { return v !== given[0]; });
      rows.push({ label: label, values: values, differs: differs });
    }
    addRow(settings.category, picked.map(function (x) { return x.category; }));
    settings.fields.forEach(function (label, i) {
      addRow(label, products.map(function (p) {
        var v = p.v[i];
        return typeof v === "string" ? v : null;
      }));
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
    picked.forEach(function (x) {
      var p = x.p;
      var th = element("th", { scope: "col" });
      // A name shown for want of a translation says its language.
      th.appendChild(element("a", marked({ href: settings.products + encodeURIComponent(p.s) + "/" }, p.l), p.n));
      if (typeof p.b === "string") th.appendChild(element("span", { class: "note" }, p.b));
      var button = element("button", { type: "button", class: "picked-remove", "aria-label": fill(words("remove-label"), { name: p.n }) }, words("remove"));
      button.addEventListener("click", function () { remove(x.key); });
      th.appendChild(button);
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

  // The keys `?p=` names (`<category>/<slug>`, comma-separated), each once.
  function askedKeys(max) {
    return (new URLSearchParams(window.location.search).get("p") || "")
      .split(",")
      .map(function (s) { return s.trim(); })
      .filter(function (s, i, all) { return s && all.indexOf(s) === i; })
      .slice(0, max);
  }

  // /compare/: the products `?p=` names side by side or, without `?p=`,
  // the ones picked on other pages. Products are added (a category, then
  // one of its products) and removed here too; each change is kept with
  // the picks and written into the address, which stays one to share.
  function showPicked(section) {
    var script = section.querySelector("script.picker-settings");
    if (!script || !window.fetch || !window.URLSearchParams) return;
    var settings = JSON.parse(script.textContent);
    var max = settings.max || MAX;
    var key = storageKey(section);
    var status = section.querySelector(".picked-status");
    var form = section.querySelector(".picked-add");
    var categorySelect = form.querySelector(".picked-category");
    var productSelect = form.querySelector(".picked-product");
    var addButton = form.querySelector(".picked-add-button");
    var full = form.querySelector(".picked-full");
    var files = {};
    var names = {};
    settings.categories.forEach(function (c) {
      names[c[0]] = c[1];
      categorySelect.appendChild(element("option", marked({ value: c[0] }, c[2]), c[1]));
    });
    var asked = askedKeys(max);
    var picked = asked.length ? asked : load(key).slice(0, max);
    var drawn = 0;
    // The stored picks, shown: the address says them, to be shared.
    if (!asked.length && picked.length) {
      window.history.replaceState(null, "", compareHref(window.location.pathname, picked) + window.location.hash);
    }

    // A category's products (a promise), fetched once.
    function productsOf(category) {
      if (!files[category]) {
        files[category] = fetch(settings.data + encodeURIComponent(category) + ".json")
          .then(function (r) { return r.ok ? r.json() : { products: [] }; })
          .catch(function () { return { products: [] }; })
          .then(function (data) { return data.products || []; });
      }
      return files[category];
    }

    function fillProducts() {
      var category = categorySelect.value;
      productSelect.length = 1;
      productsOf(category).then(function (products) {
        if (categorySelect.value !== category) return;
        productSelect.length = 1;
        products.forEach(function (p) {
          var option = element("option", marked({ value: category + "/" + p.s }, p.l), p.n);
          option.disabled = picked.indexOf(option.value) !== -1;
          productSelect.appendChild(option);
        });
      });
    }

    function change(list, focus) {
      picked = list;
      save(key, picked);
      var address = picked.length ? compareHref(window.location.pathname, picked) : window.location.pathname;
      window.history.replaceState(null, "", address + window.location.hash);
      draw(focus);
    }

    function draw(focus) {
      var mine = ++drawn;
      var categories = [];
      picked.forEach(function (k) {
        var category = k.split("/")[0];
        if (categories.indexOf(category) === -1) categories.push(category);
      });
      Promise.all(categories.map(productsOf)).then(function (lists) {
        if (mine !== drawn) return;
        var byKey = {};
        lists.forEach(function (products, i) {
          products.forEach(function (p) {
            byKey[categories[i] + "/" + p.s] = { key: categories[i] + "/" + p.s, category: names[categories[i]] || categories[i], p: p };
          });
        });
        var shown = picked.filter(function (k) { return byKey[k]; }).map(function (k) { return byKey[k]; });
        var missing = picked.filter(function (k) { return !byKey[k]; });
        var notes = [];
        if (missing.length) notes.push(fill(section.getAttribute("data-missing"), { names: missing.join(", ") }));
        // With none picked the lead above says how: no note that moves it.
        if (picked.length && shown.length < 2) notes.push(section.getAttribute("data-too-few"));
        status.textContent = notes.join(" ");
        section.querySelector(".picked-how").hidden = shown.length >= 2;
        var place = section.querySelector(".picked-table");
        place.textContent = "";
        if (shown.length) drawTable(section, settings, shown, remove);
        var room = picked.length < max;
        addButton.disabled = !room;
        full.hidden = room;
        fillProducts();
        if (focus) focus();
      });
    }

    function remove(k) {
      var at = picked.indexOf(k);
      change(picked.filter(function (other) { return other !== k; }), function () {
        var buttons = section.querySelectorAll(".picked-remove");
        var next = buttons[Math.min(at, buttons.length - 1)];
        (next || categorySelect).focus();
      });
    }

    categorySelect.addEventListener("change", fillProducts);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var k = productSelect.value;
      if (!k || picked.indexOf(k) !== -1 || picked.length >= max) return;
      change(picked.concat([k]), function () { productSelect.focus(); });
    });
    draw();
  }

  document.querySelectorAll(".compare-bar").forEach(picker);
  document.querySelectorAll("section.picked").forEach(showPicked);
})();
