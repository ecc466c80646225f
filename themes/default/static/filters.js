// Facet filters (settings and data: vial's crates/vial-render/src/category_data.rs).
// On a category, a term's page or the product list the reader ticks values
// of the facets the site declares; what stays is every product that has,
// for each facet with a tick, one of the values ticked there. Beside each
// value, how many products ticking it would leave. The ticks live in the
// address (`?texture=gel,cream&concerns=acne`), so a filtered list can be
// shared. The products' data is fetched the first time the panel opens.
// Every text from content is set with textContent.
(function () {
  "use strict";

  // A page that shows only part of its products lists this many matches.
  var LIST_MAX = 100;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setup(panel) {
    var script = panel.querySelector("script.filter-settings");
    if (!script || !window.fetch || !window.URLSearchParams) return;
    var settings = JSON.parse(script.textContent);
    var home = panel.parentNode;
    var status = home.querySelector(".facet-status");
    var scope = home.querySelector(".filter-scope");
    var results = home.querySelector(".filter-results");
    var groups = panel.querySelector(".facet-groups");
    var clear = panel.querySelector(".facet-clear");
    var word = function (name) {
      return panel.getAttribute("data-" + name) || "";
    };
    // Facet key -> ticked value keys.
    var chosen = fromAddress();
    // The page's products: { key: "<category>/<slug>", p: record }.
    var products = null;
    // Facet key -> value key -> label, for terms (from the data files).
    var labels = {};
    // Facet key -> value key -> { box, count }.
    var boxes = {};
    var started = false;

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      var out = {};
      settings.facets.forEach(function (f) {
        var value = params.get(f.key);
        if (value) out[f.key] = value.split(",").filter(Boolean);
      });
      return out;
    }

    function toAddress() {
      var params = new URLSearchParams(window.location.search);
      settings.facets.forEach(function (f) {
        var values = chosen[f.key];
        if (values && values.length) params.set(f.key, values.join(","));
        else params.delete(f.key);
      });
      var query = params.toString().replace(/%2C/g, ",");
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    }

    function anyChosen() {
      return Object.keys(chosen).some(function (k) { return chosen[k].length > 0; });
    }

    function valuesOf(p, facet) {
      return (p.k && p.k[facet]) || [];
    }

    // Whether `p` passes every facet's ticks but those of `except`.
    function passes(p, except) {
      return Object.keys(chosen).every(function (facet) {
        var ticked = chosen[facet];
        if (facet === except || !ticked.length) return true;
        var has = valuesOf(p, facet);
        return ticked.some(function (v) { return has.indexOf(v) !== -1; });
      });
    }

    function getJson(url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }

    // The page's category, or every category (named by the index file).
    function categories() {
      if (settings.categories) return Promise.resolve(settings.categories);
      return getJson(settings.data + "index.json").then(function (index) { return index.categories; });
    }

    function load() {
      return categories().then(function (names) {
        return Promise.all(names.map(function (category) {
          return getJson(settings.data + encodeURIComponent(category) + ".json").then(function (data) {
            return { category: category, data: data };
          });
        }));
      }).then(function (files) {
        products = [];
        files.forEach(function (file) {
          var named = file.data.labels || {};
          Object.keys(named).forEach(function (facet) {
            labels[facet] = labels[facet] || {};
            Object.keys(named[facet]).forEach(function (v) {
              labels[facet][v] = named[facet][v];
            });
          });
          file.data.products.forEach(function (p) {
            var within = settings.scope;
            if (within && valuesOf(p, within[0]).indexOf(within[1]) === -1) return;
            products.push({ key: file.category + "/" + p.s, p: p });
          });
        });
        if (files.length > 1) {
          products.sort(function (a, b) { return a.p.n.localeCompare(b.p.n); });
        }
      });
    }

    // A facet's options: the declared ones in order, else the values the
    // page's products have, by label; only those some product has, and
    // those ticked in the address.
    function optionsOf(facet) {
      var seen = {};
      products.forEach(function (x) {
        valuesOf(x.p, facet.key).forEach(function (v) { seen[v] = true; });
      });
      (chosen[facet.key] || []).forEach(function (v) { seen[v] = true; });
      var named = labels[facet.key] || {};
      var options = facet.options
        ? facet.options.filter(function (o) { return seen[o[0]]; })
        : Object.keys(seen)
            .map(function (v) { return [v, named[v] || v]; })
            .sort(function (a, b) { return a[1].localeCompare(b[1]); });
      return options;
    }

    function build() {
      settings.facets.forEach(function (facet) {
        var options = optionsOf(facet);
        // A facet that cannot narrow the page is left out.
        var covers = options.length === 1 && products.every(function (x) {
          return valuesOf(x.p, facet.key).indexOf(options[0][0]) !== -1;
        });
        if (!options.length || (covers && !(chosen[facet.key] || []).length)) return;
        var fieldset = element("fieldset", "facet");
        fieldset.appendChild(element("legend", "", facet.label));
        boxes[facet.key] = {};
        options.forEach(function (o) {
          var label = element("label", "facet-option");
          var box = element("input");
          box.type = "checkbox";
          box.name = facet.key;
          box.value = o[0];
          box.checked = (chosen[facet.key] || []).indexOf(o[0]) !== -1;
          box.addEventListener("change", function () {
            var list = chosen[facet.key] || (chosen[facet.key] = []);
            var at = list.indexOf(o[0]);
            if (box.checked && at === -1) list.push(o[0]);
            if (!box.checked && at !== -1) list.splice(at, 1);
            toAddress();
            update();
          });
          var count = element("span", "facet-count");
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + o[1] + " "));
          label.appendChild(count);
          fieldset.appendChild(label);
          boxes[facet.key][o[0]] = { box: box, count: count };
        });
        groups.appendChild(fieldset);
      });
      // Values the address names that no box offers (a mistyped or
      // outdated link) would hide everything with no way to untick them.
      Object.keys(chosen).forEach(function (facet) {
        chosen[facet] = chosen[facet].filter(function (v) {
          return boxes[facet] && boxes[facet][v];
        });
      });
      toAddress();
      panel.querySelector(".facet-loading").hidden = true;
      clear.addEventListener("click", function () {
        chosen = {};
        toAddress();
        Object.keys(boxes).forEach(function (facet) {
          Object.keys(boxes[facet]).forEach(function (v) { boxes[facet][v].box.checked = false; });
        });
        update();
        var first = groups.querySelector("input");
        if (first) first.focus();
      });
      update();
    }

    function update() {
      Object.keys(boxes).forEach(function (facet) {
        var others = products.filter(function (x) { return passes(x.p, facet); });
        Object.keys(boxes[facet]).forEach(function (v) {
          var n = others.filter(function (x) { return valuesOf(x.p, facet).indexOf(v) !== -1; }).length;
          var option = boxes[facet][v];
          option.count.textContent = fill(word("count"), { n: n });
          option.box.disabled = n === 0 && !option.box.checked;
        });
      });
      var filtering = anyChosen();
      var matches = products.filter(function (x) { return passes(x.p, null); });
      clear.hidden = !filtering;
      if (!filtering) status.textContent = "";
      else if (!matches.length) status.textContent = word("none");
      else status.textContent = fill(word("shown"), { n: matches.length, total: products.length });
      if (settings.paged) {
        scope.hidden = filtering;
        results.hidden = !filtering;
        if (filtering) list(matches);
      } else {
        pickOut(filtering, matches);
      }
    }

    // Hides what does not match among the page's own cards, table rows and
    // table columns.
    function pickOut(filtering, matches) {
      var keep = {};
      matches.forEach(function (x) { keep[x.key] = true; });
      scope.querySelectorAll("[data-key]").forEach(function (node) {
        var out = filtering && !keep[node.getAttribute("data-key")];
        if (node.tagName === "TH" && node.getAttribute("scope") === "col") {
          var at = node.cellIndex;
          Array.prototype.forEach.call(node.closest("table").rows, function (row) {
            if (row.cells[at]) row.cells[at].classList.toggle("facet-out", out);
          });
        } else if (node.tagName === "TH") {
          node.parentNode.classList.toggle("facet-out", out);
        } else {
          node.classList.toggle("facet-out", out);
        }
      });
      scope.querySelectorAll("table").forEach(function (table) {
        if (table.tHead && table.tHead.querySelector("th[data-key]")) restate(table);
      });
    }

    // A table with a column per product says again, over the columns left,
    // which rows differ (two given values not alike) and drops rows none of
    // them gives, as the built tables do.
    function restate(table) {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var given = [];
        var cells = Array.prototype.filter.call(row.cells, function (cell) {
          return cell.tagName === "TD" && !cell.classList.contains("facet-out");
        });
        cells.forEach(function (cell) {
          if (!cell.classList.contains("blank")) given.push(cell.textContent.trim());
        });
        var differs = given.some(function (text) { return text !== given[0]; });
        row.classList.toggle("differs", differs);
        row.classList.toggle("facet-out", given.length === 0);
        cells.forEach(function (cell) {
          cell.classList.toggle("differs", differs && !cell.classList.contains("blank"));
        });
      });
    }

    // Lists the matches from the data, for a page that holds only some.
    function list(matches) {
      results.textContent = "";
      var ul = element("ul", "filter-list");
      matches.slice(0, LIST_MAX).forEach(function (x) {
        var li = element("li");
        var a = element("a", "", x.p.n);
        a.href = settings.products + encodeURIComponent(x.p.s) + "/";
        li.appendChild(a);
        if (typeof x.p.b === "string") li.appendChild(element("span", "meta", x.p.b));
        ul.appendChild(li);
      });
      results.appendChild(ul);
      if (matches.length > LIST_MAX) {
        results.appendChild(element("p", "filter-more", fill(word("more"), { n: matches.length - LIST_MAX })));
      }
    }

    function start() {
      if (started) return;
      started = true;
      load().then(build, function () {
        panel.querySelector(".facet-loading").textContent = word("failed");
      });
    }

    panel.hidden = false;
    panel.addEventListener("toggle", function () {
      if (panel.open) start();
    });
    if (anyChosen()) panel.open = true;
  }

  document.querySelectorAll("details.facets").forEach(setup);
})();
