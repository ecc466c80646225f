// The routine builder of /routine/: the reader's products laid out per
// time slot, in routine order, day by day, with the cautions of the rules
// the site declares. No dependencies; needs routine.js (the stored
// routine), routine-plan.js (where the products go, and the cautions) and
// search.js (finding products with the site's search index).
//
// The routine is in the address (`?p=serum/x,ampoule/y`, so it can be
// bookmarked and shared) and in localStorage. Products are laid out with
// the data vial writes per category (`data/<category>.json`, described
// in vial's crates/vial-render/src/category_data.rs), fetched only for the categories of the
// products chosen. Every word shown comes from data attributes written
// from the strings file, or from the data.
(function () {
  "use strict";
  var routine = window.__vialRoutine;
  var app = document.querySelector(".routine-app");
  var settingsNode = document.getElementById("routine-settings");
  if (!routine || !app || !settingsNode || !window.fetch || !window.Map || !window.__vialRoutinePlan) return;
  var valid = routine.valid;
  var store = routine.store;
  var stored = routine.stored;
  var ALL_DAYS = 127;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  builder(app, JSON.parse(settingsNode.textContent));

  function builder(app, settings) {
    function word(name) {
      return app.getAttribute("data-" + name) || "";
    }
    function split(list) {
      return list.split(",").map(function (s) { return s.trim(); });
    }
    var days = split(word("days"));
    var shortDays = split(word("days-short"));
    var slots = settings.slots.length ? settings.slots : [""];
    var rules = settings.rules;
    var find = function (selector) { return app.querySelector(selector); };
    var input = find(".routine-search-input");
    var results = find(".routine-results");
    var status = find(".routine-status");
    var chosenList = find(".routine-chosen");
    var data = new Map();
    var keys = [];
    var drawn = 0;

    function list(items) {
      if (items.length < 2) return items.join("");
      return items.slice(0, -1).join(word("separator")) + " " + word("and") + " " + items[items.length - 1];
    }
    function say(text) {
      status.textContent = text;
    }

    // The products of a category, fetched once.
    function category(slug) {
      if (!data.has(slug)) {
        var pending = fetch(settings.data + slug + ".json", { cache: "no-cache" })
          .then(function (response) { return response.ok ? response.json() : { products: [] }; })
          .then(function (json) { return json.products; });
        pending.catch(function () { data.delete(slug); });
        data.set(slug, pending);
      }
      return data.get(slug);
    }
    function lookup(key) {
      var parts = key.split("/");
      return category(parts[0]).then(function (products) {
        var found = products.filter(function (p) { return p.s === parts[1]; })[0];
        if (!found) return null;
        found.key = key;
        return found;
      });
    }

    function address() {
      var query = keys.length ? "?p=" + keys.join(",") : "";
      history.replaceState(null, "", location.pathname + query + location.hash);
    }
    function change(next, message) {
      keys = valid(next);
      store(keys);
      address();
      draw();
      if (message) say(message);
    }

    var plan = window.__vialRoutinePlan(settings);
    var weekOf = plan.weekOf;
    var uses = plan.uses;
    var stepsOf = plan.stepsOf;

    // The weeks of the plan, each labelled when there are several.
    function weeksOf(placed) {
      var runs = plan.weeks(placed);
      runs.forEach(function (g, n) {
        g.label = runs.length < 2 ? ""
          : g.last ? fill(word("from-week"), { n: g.from + 1 })
          : g.from === g.to ? fill(word("week"), { n: g.from + 1 })
          : fill(word("weeks"), { from: g.from + 1, to: g.to + 1 });
        g.id = "routine-week-" + n;
      });
      return runs;
    }

    // Drawing ----------------------------------------------------------------

    function link(p) {
      var a = element("a", "", p.n);
      a.href = settings.products + p.s + "/";
      return a;
    }
    function rank(p) {
      return p.o && p.o.length ? p.o[0][0] : Infinity;
    }
    function byRank(a, b) {
      return a.rank - b.rank || (a.p.n < b.p.n ? -1 : a.p.n > b.p.n ? 1 : 0);
    }
    function dayNames(mask) {
      if (mask === ALL_DAYS) return word("every-day");
      return list(days.filter(function (d, i) { return mask & (1 << i); }));
    }
    // When a caution holds: the week (when the plan has several), the
    // slot (for a rule of one slot), the days.
    function where(c) {
      if (c.days === null) return "";
      var when = c.days > 0 ? dayNames(c.days) : word(c.alone ? "when-used" : "same-day");
      if (c.slot !== undefined && settings.slots.length) when = fill(word("where"), { slot: slots[c.slot], days: when });
      return c.days > 0 && c.group.label ? fill(word("in-week"), { week: c.group.label, when: when }) : when;
    }

    function drawChosen(products) {
      chosenList.textContent = "";
      products.forEach(function (p) {
        var li = element("li");
        var name = li.appendChild(element("span", "routine-chosen-name"));
        name.appendChild(link(p));
        name.appendChild(element("span", "routine-freq", " " + p.f));
        var remove = element("button", "routine-remove");
        remove.type = "button";
        remove.setAttribute("aria-label", fill(word("remove-one"), { product: p.n }));
        remove.appendChild(element("span", "", "×")).setAttribute("aria-hidden", "true");
        remove.addEventListener("click", function () {
          change(keys.filter(function (k) { return k !== p.key; }), fill(word("removed"), { product: p.n }));
          input.focus();
        });
        li.appendChild(remove);
        chosenList.appendChild(li);
      });
      find(".routine-empty").hidden = products.length > 0;
      find(".routine-actions").hidden = products.length === 0;
    }

    // One caution a rule, in the order the site declares them: its
    // message, then each time it applies (products that meet in the same
    // slot on the same days go on one line).
    function drawCautions(groups, products) {
      var found = [].concat.apply([], groups.map(function (g) { return g.found; }));
      var section = find(".routine-cautions");
      var ul = find(".routine-caution-list");
      ul.textContent = "";
      var byRule = rules.map(function () { return []; });
      products.forEach(function (p) {
        (p.x || []).forEach(function (r) {
          // `needs` depends on the rest of the routine: checked with it.
          if (rules[r].kind !== "needs") byRule[r].push({ products: [p], days: null });
        });
      });
      found.forEach(function (c) {
        var lines = byRule[c.rule];
        var same = lines.filter(function (l) {
          return l.slot === c.slot && l.days === c.days && (c.days < 0 || l.group === c.group);
        })[0];
        if (!same) {
          lines.push({ products: c.products.slice(), slot: c.slot, days: c.days, group: c.group, alone: c.products.length === 1 });
          return;
        }
        c.products.forEach(function (p) {
          if (same.products.indexOf(p) < 0) same.products.push(p);
        });
      });
      byRule.forEach(function (lines, r) {
        if (!lines.length) return;
        var li = element("li", "routine-caution");
        li.setAttribute("data-rule", rules[r].key);
        li.appendChild(element("p", "routine-caution-message", rules[r].message));
        var details = li.appendChild(element("ul", "routine-caution-detail"));
        lines.forEach(function (c) {
          var line = details.appendChild(element("li"));
          c.products.sort(function (a, b) { return a.n < b.n ? -1 : a.n > b.n ? 1 : 0; });
          c.products.forEach(function (p, i) {
            if (i) line.appendChild(document.createTextNode(i === c.products.length - 1 ? " " + word("and") + " " : word("separator")));
            line.appendChild(link(p));
          });
          var at = where(c);
          if (at) line.appendChild(document.createTextNode(" · " + at));
        });
        ul.appendChild(li);
      });
      find(".routine-no-cautions").hidden = ul.children.length > 0;
      section.hidden = products.length === 0;
    }

    function weekTable(label, rows, clashes, title) {
      var table = element("table", "routine-week");
      if (label) table.appendChild(element("caption", "", label));
      else table.setAttribute("aria-labelledby", title);
      var head = table.createTHead().insertRow();
      head.appendChild(element("th", "", word("product"))).scope = "col";
      shortDays.forEach(function (d, i) {
        var th = element("th");
        th.scope = "col";
        var abbr = th.appendChild(element("abbr", "", d));
        abbr.title = days[i];
        head.appendChild(th);
      });
      var body = table.createTBody();
      rows.forEach(function (row) {
        var tr = body.insertRow();
        var th = element("th");
        th.scope = "row";
        if (row.step >= 0) th.appendChild(element("span", "routine-step", settings.steps[row.step]));
        th.appendChild(link(row.p));
        th.appendChild(element("span", "routine-freq", row.p.f));
        tr.appendChild(th);
        for (var d = 0; d < 7; d++) {
          var td = tr.insertCell();
          var maybe = row.maybe & (1 << d);
          if ((row.on | row.maybe) & (1 << d)) {
            // A day with a caution is told by a word and a mark, not by
            // colour alone.
            var clash = clashes[row.p.key] & (1 << d);
            td.className = "on" + (maybe ? " maybe" : "") + (clash ? " clash" : "");
            td.appendChild(element("span", "routine-dot", clash ? "!" : "")).setAttribute("aria-hidden", "true");
            var said = [maybe ? word("maybe") : "", clash ? word("used-caution") : ""].filter(Boolean);
            td.appendChild(element("span", "visually-hidden", said.join("; ") || word("used")));
          }
        }
      });
      var wrap = element("div", "routine-week-wrap");
      wrap.appendChild(table);
      return wrap;
    }

    function drawPlan(placed, groups) {
      var weeks = find(".routine-weeks");
      weeks.textContent = "";
      var maybe = false;
      groups.forEach(function (g) {
        var tables = [];
        slots.forEach(function (label, s) {
          var rows = [];
          var clashes = {};
          g.found.forEach(function (c) {
            if ((c.slot !== undefined && c.slot !== s) || c.days < 0) return;
            c.products.forEach(function (p) { clashes[p.key] = (clashes[p.key] || 0) | c.days; });
          });
          placed.forEach(function (x) {
            var w = weekOf(x, g.from);
            if (w.on < 0 || !(w.on | w.maybe) || !uses(x.p, s)) return;
            maybe = maybe || w.maybe > 0;
            var places = x.p.o && x.p.o.length ? x.p.o : [[Infinity, -1]];
            places.forEach(function (o) {
              rows.push({ p: x.p, on: w.on, maybe: w.maybe, rank: o[0], step: o[1] });
            });
          });
          rows.sort(byRank);
          if (rows.length) tables.push(weekTable(label, rows, clashes, g.label ? g.id : "routine-plan-title"));
        });
        if (tables.length && g.label) weeks.appendChild(element("h3", "routine-week-title", g.label)).id = g.id;
        tables.forEach(function (t) { weeks.appendChild(t); });
      });
      var later = placed
        // Those of no weekly rhythm, for all their time or some of it.
        .filter(function (x) { return !x.days || x.p.a === 0; })
        .map(function (x) { return { p: x.p, rank: rank(x.p) }; });
      later.sort(byRank);
      var ul = find(".routine-later-list");
      ul.textContent = "";
      later.forEach(function (x) {
        var li = element("li");
        li.appendChild(link(x.p));
        li.appendChild(element("span", "routine-freq", x.p.f));
        var when = settings.slots.length
          ? (x.p.t || []).map(function (s) { return slots[s]; })
          : [];
        var steps = stepsOf(x.p).map(function (s) { return settings.steps[s]; });
        var meta = list(when.concat(steps.length ? [steps.join(word("separator"))] : []));
        if (meta) li.appendChild(element("span", "meta", meta));
        ul.appendChild(li);
      });
      find(".routine-maybe-note").hidden = !maybe;
      find(".routine-plan").hidden = !weeks.children.length;
      find(".routine-later").hidden = !later.length;
    }

    function draw() {
      var mine = ++drawn;
      Promise.all(keys.map(lookup)).then(function (found) {
        if (mine !== drawn) return;
        var products = found.filter(Boolean);
        if (products.length < found.length) {
          keys = products.map(function (p) { return p.key; });
          address();
          say(word("missing"));
        }
        var placed = plan.place(products);
        var groups = weeksOf(placed);
        drawChosen(products);
        drawCautions(groups, products);
        drawPlan(placed, groups);
        app.setAttribute("data-ready", String(products.length));
      });
    }

    // Finding products with the site's search index ---------------------------

    var search = window.__vialSearch;
    var shown = [];
    var active = -1;
    var asked = 0;
    var pause = 0;

    function choose(i) {
      var options = results.children;
      if (options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (options[i]) {
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function open(yes) {
      results.hidden = !yes;
      input.setAttribute("aria-expanded", String(yes));
      if (!yes) choose(-1);
    }
    function pick(i) {
      var hit = shown[i];
      if (!hit) return;
      input.value = "";
      open(false);
      change(keys.concat([hit.key]), fill(word("added"), { product: hit.title }));
    }
    function showResults(hits, query) {
      results.textContent = "";
      shown = hits;
      hits.forEach(function (hit, i) {
        var li = element("li", "routine-result");
        li.id = "routine-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.appendChild(element("span", "routine-result-title", hit.title));
        if (hit.meta) li.appendChild(element("span", "meta", hit.meta));
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { pick(i); });
        results.appendChild(li);
      });
      say(hits.length ? "" : fill(word("none"), { query: query.trim() }));
      open(hits.length > 0);
    }
    function lookFor() {
      var query = input.value;
      var mine = ++asked;
      if (!query.trim() || !search) {
        open(false);
        return;
      }
      search.load().then(function (entry) {
        var kind = entry.kinds.filter(function (k) { return k[0] === "product"; })[0];
        if (!kind) return [];
        return search.rank(query, function (n) { return n >= kind[3] && n < kind[4]; }).then(function (ranked) {
          var top = ranked.slice(0, 8);
          return Promise.all(top.map(function (r) { return search.record(r.record); })).then(function (records) {
            return records.map(function (record, i) {
              var n = top[i].record;
              var c = entry.categories.findIndex(function (x) { return n >= x[1] && n < x[2]; });
              var slug = record.u.slice(settings.products.length).replace(/\/$/, "");
              return { key: settings.categories[c] + "/" + slug, title: record.t, meta: record.m };
            });
          });
        });
      }).then(function (hits) {
        if (mine === asked) showResults(hits, query);
      }).catch(function () {
        // Offline or no index: nothing to show.
      });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(pause);
      pause = window.setTimeout(lookFor, 60);
    });
    input.addEventListener("keydown", function (event) {
      var count = results.children.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        open(true);
        choose(Math.min(active + 1, count - 1));
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        choose(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && !results.hidden) {
        event.preventDefault();
        pick(active >= 0 ? active : 0);
      } else if (event.key === "Escape") {
        open(false);
      }
    });
    input.addEventListener("blur", function () { open(false); });

    find(".routine-copy").addEventListener("click", function () {
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(location.href).then(function () { say(word("copied")); });
    });
    find(".routine-print").addEventListener("click", function () { window.print(); });
    find(".routine-clear").addEventListener("click", function () { change([], word("cleared")); });

    var linked = new URLSearchParams(location.search).get("p");
    keys = valid(linked === null ? stored() : linked.split(","));
    if (linked === null) address();
    app.hidden = false;
    draw();
  }
})();
