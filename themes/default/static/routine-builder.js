// The routine builder of /routine/: the reader's products laid out per
// time slot, in routine order, day by day, with the cautions of the rules
// the site declares. No dependencies; needs routine.js (the stored
// routine) and search.js (finding products with the site's search index).
//
// The routine is in the address (`?p=serum/x,ampoule/y`, so it can be
// bookmarked and shared) and in localStorage. Products are laid out with
// the data vial writes per category (`data/<category>.json`, described
// in vial's src/render/category_data.rs), fetched only for the categories of the
// products chosen. Every word shown comes from data attributes written
// from the strings file, or from the data.
(function () {
  "use strict";
  var routine = window.__vialRoutine;
  var app = document.querySelector(".routine-app");
  var settingsNode = document.getElementById("routine-settings");
  if (!routine || !app || !settingsNode || !window.fetch || !window.Map) return;
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
  function bits(mask) {
    var n = 0;
    for (var d = 0; d < 7; d++) if (mask & (1 << d)) n++;
    return n;
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

    // Rules ----------------------------------------------------------------

    function member(p, group) {
      return (p.g || []).indexOf(group) >= 0;
    }
    function uses(p, slot) {
      return !settings.slots.length || (p.t || []).indexOf(slot) >= 0;
    }
    function stepsOf(p) {
      return (p.o || []).map(function (o) { return o[1]; });
    }
    // Whether a rule forbids products `a` and `b` to meet.
    function clash(rule, a, b) {
      if (rule.kind === "one_per_step") {
        var theirs = stepsOf(b);
        return stepsOf(a).some(function (s) { return rule.steps.indexOf(s) >= 0 && theirs.indexOf(s) >= 0; });
      }
      var g = rule.groups;
      if (g.length === 1) return member(a, g[0]) && member(b, g[0]);
      return g.some(function (x, i) {
        return g.some(function (y, j) { return i !== j && member(a, x) && member(b, y); });
      });
    }
    // The days two placed products meet: -1 when one keeps no weekly rhythm.
    function meet(a, b) {
      return a.days && b.days ? a.days & b.days : -1;
    }
    // The cautions of placed products (`{p, days}`): a rule, the products,
    // the slot, and the days (-1: whenever both are used; null: always).
    function cautions(placed) {
      var out = [];
      rules.forEach(function (rule, r) {
        slots.forEach(function (label, s) {
          if (rule.slot !== undefined && rule.slot !== s) return;
          var here = placed.filter(function (x) { return uses(x.p, s); });
          if (rule.kind === "apart" || rule.kind === "one_per_step") {
            here.forEach(function (a, i) {
              here.slice(i + 1).forEach(function (b) {
                var when = meet(a, b);
                if (when && clash(rule, a.p, b.p)) out.push({ rule: r, products: [a.p, b.p], slot: s, days: when });
              });
            });
          } else if (rule.kind === "needs") {
            var helpers = here.filter(function (x) { return member(x.p, rule.needs); });
            var covered = helpers.reduce(function (m, x) { return m | (x.days || ALL_DAYS); }, 0);
            here.forEach(function (x) {
              if (!member(x.p, rule.groups[0]) || member(x.p, rule.needs)) return;
              var missing = x.days ? x.days & ~covered : helpers.length ? 0 : -1;
              if (missing) out.push({ rule: r, products: [x.p], slot: s, days: missing });
            });
          }
        });
      });
      return out;
    }
    function weight(found) {
      return found.reduce(function (sum, c) { return sum + (c.days > 0 ? bits(c.days) : 7); }, 0);
    }
    function rotate(mask, by) {
      return ((mask << by) | (mask >> (7 - by))) & ALL_DAYS;
    }
    // Products used on some days of the week are moved to the days where
    // they meet the fewest cautions, then the fewest others of their slot;
    // in key order, so a routine always comes out the same.
    function place(products) {
      var placed = products.map(function (p) { return { p: p, days: p.w }; });
      var fixed = placed.filter(function (x) { return !x.days || x.days === ALL_DAYS; });
      var movable = placed
        .filter(function (x) { return x.days && x.days !== ALL_DAYS; })
        .sort(function (a, b) { return a.p.key < b.p.key ? -1 : 1; });
      movable.forEach(function (x) {
        var base = x.days;
        var best = null;
        for (var by = 0; by < 7; by++) {
          x.days = rotate(base, by);
          var crowd = fixed.reduce(function (n, y) {
            var shared = slots.some(function (l, s) { return uses(x.p, s) && uses(y.p, s); });
            return n + (shared && y.days && y.days !== ALL_DAYS ? bits(x.days & y.days) : 0);
          }, 0);
          var cost = [weight(cautions(fixed.concat([x]))), crowd, by];
          if (!best || cost[0] < best[0] || (cost[0] === best[0] && cost[1] < best[1])) best = cost;
        }
        x.days = rotate(base, best[2]);
        fixed.push(x);
      });
      return placed;
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
    function where(c) {
      if (c.days === null) return "";
      var when = c.days > 0 ? dayNames(c.days) : word(c.alone ? "when-used" : "same-day");
      return settings.slots.length ? fill(word("where"), { slot: slots[c.slot], days: when }) : when;
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
    function drawCautions(found, products) {
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
        var same = lines.filter(function (l) { return l.slot === c.slot && l.days === c.days; })[0];
        if (!same) {
          lines.push({ products: c.products.slice(), slot: c.slot, days: c.days, alone: c.products.length === 1 });
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

    function weekTable(label, rows, clashes) {
      var table = element("table", "routine-week");
      if (label) table.appendChild(element("caption", "", label));
      else table.setAttribute("aria-labelledby", "routine-plan-title");
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
          if (row.days & (1 << d)) {
            // A day with a caution is told by a word and a mark, not by
            // colour alone.
            var clash = clashes[row.p.key] & (1 << d);
            td.className = clash ? "on clash" : "on";
            td.appendChild(element("span", "routine-dot", clash ? "!" : "")).setAttribute("aria-hidden", "true");
            td.appendChild(element("span", "visually-hidden", word(clash ? "used-caution" : "used")));
          }
        }
      });
      var wrap = element("div", "routine-week-wrap");
      wrap.appendChild(table);
      return wrap;
    }

    function drawPlan(placed, found) {
      var weeks = find(".routine-weeks");
      weeks.textContent = "";
      var later = [];
      slots.forEach(function (label, s) {
        var rows = [];
        var clashes = {};
        found.forEach(function (c) {
          if (c.slot !== s || c.days < 0) return;
          c.products.forEach(function (p) { clashes[p.key] = (clashes[p.key] || 0) | c.days; });
        });
        placed.forEach(function (x) {
          if (!x.days || !uses(x.p, s)) return;
          var places = x.p.o && x.p.o.length ? x.p.o : [[Infinity, -1]];
          places.forEach(function (o) { rows.push({ p: x.p, days: x.days, rank: o[0], step: o[1] }); });
        });
        rows.sort(byRank);
        if (rows.length) weeks.appendChild(weekTable(label, rows, clashes));
      });
      placed.forEach(function (x) {
        if (!x.days) later.push({ p: x.p, rank: rank(x.p) });
      });
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
        var placed = place(products);
        var clashes = cautions(placed);
        drawChosen(products);
        drawCautions(clashes, products);
        drawPlan(placed, clashes);
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
