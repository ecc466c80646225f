// The routine builder's plan: where a reader's products go, day by day
// and week by week, and the cautions of the site's rules there. No DOM:
// routine-builder.js draws what this works out. Days are seven bits, bit
// 0 the week's first day; a product is `{p, days, course, start, after}`
// (`p` its entry of the category's data file, described in vial's
// crates/vial-render/src/category_data.rs).
(function () {
  "use strict";
  var ALL_DAYS = 127;

  function bits(mask) {
    var n = 0;
    for (var d = 0; d < 7; d++) if (mask & (1 << d)) n++;
    return n;
  }

  // The plan of a site's settings (its slots and rules).
  window.__vialRoutinePlan = function (settings) {
    var slots = settings.slots.length ? settings.slots : [""];
    var rules = settings.rules;

    function member(p, group) {
      return (p.g || []).indexOf(group) >= 0;
    }
    function uses(p, slot) {
      return !settings.slots.length || (p.t || []).indexOf(slot) >= 0;
    }
    function usedAtAll(p) {
      return slots.some(function (l, s) { return uses(p, s); });
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

    // The days of week `k` (from 0) a placed product is used on, as masks:
    // `on`, and `maybe` for the last days of a course that lasts "3-5
    // days" (days 4 and 5 only if it goes on). A course runs from its
    // start for the days it lasts, in its own rhythm from its first day,
    // and whatever follows it takes over when it ends; it is not every
    // week's. `on` is -1 for a product of no weekly rhythm.
    function weekOf(x, k) {
      if (!x.course) return { on: x.days || -1, maybe: 0 };
      var on = 0;
      var maybe = 0;
      for (var d = 0; d < 7; d++) {
        var t = 7 * k + d - x.start;
        if (t < 0) continue;
        if (t >= x.course[1]) on |= (x.after || 0) & (1 << d);
        else if (x.days & (1 << (t % 7))) {
          if (t < x.course[0]) on |= 1 << d;
          else maybe |= 1 << d;
        }
      }
      return { on: on, maybe: maybe };
    }
    // Every day of week `k` a product may be used on (-1: whenever). A
    // course of no weekly rhythm (every watering for 3 weeks) is used
    // whenever, in the weeks it lasts.
    function used(x, k) {
      var w = weekOf(x, k);
      var loose = x.course && !x.days && 7 * k < x.start + x.course[1] && 7 * k + 7 > x.start;
      return w.on < 0 || loose ? -1 : w.on | w.maybe;
    }
    // The days two placed products meet in week `k` (-1: whenever both
    // are used, one of them keeping no weekly rhythm).
    function meet(a, b, k) {
      var x = used(a, k);
      var y = used(b, k);
      if (!x || !y) return 0;
      return x < 0 || y < 0 ? -1 : x & y;
    }
    // The products a rule compares in slot `s`, or, for a rule of no slot,
    // on the whole day.
    function inSlot(placed, s) {
      return placed.filter(function (x) { return s === undefined ? usedAtAll(x.p) : uses(x.p, s); });
    }
    // The cautions of placed products in week `k`: a rule, the products,
    // the slot (none for a rule of the whole day), and the days (-1:
    // whenever both are used). A rule is about a day, whatever the slot,
    // unless it names its slot; a step comes once in each slot, so
    // `one_per_step` compares products of one slot.
    function cautions(placed, k) {
      var out = [];
      rules.forEach(function (rule, r) {
        var each = rule.slot !== undefined ? [rule.slot]
          : rule.kind === "one_per_step" ? slots.map(function (l, s) { return s; }) : [undefined];
        each.forEach(function (s) {
          var here = inSlot(placed, s);
          var found = function (products, days) {
            out.push({ rule: r, products: products, slot: s, days: days, week: k });
          };
          if (rule.kind === "apart" || rule.kind === "one_per_step") {
            here.forEach(function (a, i) {
              here.slice(i + 1).forEach(function (b) {
                var when = meet(a, b, k);
                if (when && clash(rule, a.p, b.p)) found([a.p, b.p], when);
              });
            });
          } else if (rule.kind === "needs") {
            var covered = here.reduce(function (m, x) {
              var u = member(x.p, rule.needs) ? used(x, k) : 0;
              return m | (u < 0 ? ALL_DAYS : u);
            }, 0);
            here.forEach(function (x) {
              if (!member(x.p, rule.groups[0]) || member(x.p, rule.needs)) return;
              var u = used(x, k);
              var missing = u > 0 ? u & ~covered : u < 0 && !covered ? -1 : 0;
              if (missing) found([x.p], missing);
            });
          }
        });
      });
      return out;
    }

    // How many weeks pass until every course has ended: weeks 0 to this
    // one are drawn, the last of them as every week after.
    function span(placed) {
      return placed.reduce(function (n, x) {
        return x.course ? Math.max(n, Math.ceil((x.start + x.course[1]) / 7)) : n;
      }, 0);
    }
    // How much a placement cautions about: a day for each day, a week
    // for a caution of products that meet whenever used, counted once
    // however many weeks it holds in (a later course is no worse for it).
    function weight(placed) {
      var sum = 0;
      var seen = {};
      for (var k = 0; k <= span(placed); k++) {
        cautions(placed, k).forEach(function (c) {
          var key = [c.rule, c.slot].concat(c.products.map(function (p) { return p.key; })).join();
          if (c.days > 0) sum += bits(c.days);
          else if (!seen[key]) sum += seen[key] = 7;
        });
      }
      return sum;
    }
    function rotate(mask, by) {
      return ((mask << by) | (mask >> (7 - by))) & ALL_DAYS;
    }
    function rotations(mask) {
      var out = [];
      for (var by = 0; by < 7; by++) out.push(rotate(mask, by));
      return mask && mask !== ALL_DAYS ? out : [mask];
    }
    // Where a product may go: a weekly one on any turn of its days; a
    // course from the first day or when a course placed before it ends
    // (after its fewest days or its most), with what follows it turned.
    function options(x, placed) {
      if (!x.course) return rotations(x.p.w).map(function (days) { return { days: days }; });
      var starts = [0];
      placed.forEach(function (y) {
        if (y.course) starts.push(y.start + y.course[0], y.start + y.course[1]);
      });
      starts = starts.sort(function (a, b) { return a - b; }).filter(function (s, i) { return s !== starts[i - 1]; });
      var out = [];
      starts.forEach(function (start) {
        rotations(x.p.a).forEach(function (after) { out.push({ start: start, after: after }); });
      });
      return out;
    }
    // How many days a product shares with the others of its slot (but
    // the daily ones, which share every day): over the weeks drawn, or,
    // for a course, in the weeks after it (where what follows it goes).
    function crowd(x, placed) {
      var last = span(placed.concat([x]));
      return placed.reduce(function (n, y) {
        var shared = slots.some(function (l, s) { return uses(x.p, s) && uses(y.p, s); });
        if (!shared || (!y.course && y.days === ALL_DAYS)) return n;
        for (var k = x.course ? last : 0; k <= last; k++) {
          var a = used(x, k);
          var b = used(y, k);
          if (a > 0 && b > 0) n += bits(a & b);
        }
        return n;
      }, 0);
    }
    function less(a, b) {
      for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
      return false;
    }
    // Products used on some days of the week, and courses, are moved to
    // where they meet the fewest cautions, then (a course) the earliest,
    // then the fewest others of their slot; in key order, so a routine
    // always comes out the same.
    function place(products) {
      var placed = products.map(function (p) {
        return { p: p, days: p.w, course: p.c || null, start: 0, after: 0 };
      });
      var fixed = placed.filter(function (x) { return !x.course && (!x.days || x.days === ALL_DAYS); });
      var movable = placed
        .filter(function (x) { return fixed.indexOf(x) < 0; })
        .sort(function (a, b) { return a.p.key < b.p.key ? -1 : 1; });
      movable.forEach(function (x) {
        var best = null;
        options(x, fixed).forEach(function (o) {
          Object.assign(x, o);
          // A course is not put off to keep apart from a product it may
          // meet: its start comes before crowding.
          var cost = [weight(fixed.concat([x])), x.start, crowd(x, fixed)];
          if (!best || less(cost, best.cost)) best = { o: o, cost: cost };
        });
        Object.assign(x, best.o);
        fixed.push(x);
      });
      return placed;
    }
    // The weeks drawn: runs of weeks the same for every product (`from`,
    // `to`, from 0; the last run is every week after), each with its
    // cautions.
    function weeks(placed) {
      var last = span(placed);
      var runs = [];
      for (var k = 0; k <= last; k++) {
        var key = placed.map(function (x) { var w = weekOf(x, k); return w.on + "/" + w.maybe; }).join();
        var prev = runs[runs.length - 1];
        if (prev && prev.key === key) prev.to = k;
        else runs.push({ key: key, from: k, to: k, last: false });
      }
      runs[runs.length - 1].last = true;
      runs.forEach(function (g) {
        g.found = cautions(placed, g.from);
        g.found.forEach(function (c) { c.group = g; });
      });
      return runs;
    }

    return { place: place, weeks: weeks, weekOf: weekOf, uses: uses, stepsOf: stepsOf };
  };
})();
