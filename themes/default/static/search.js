// The search box: results as the reader types, from the site's static
// index (read and ranked by search-index.js, loaded before this). The
// entry file loads when the box is first used; after that only the shards
// of the words typed and the records shown. Every word shown comes from
// the data attributes the theme wrote from its strings file, or from the
// index itself.
//
// Keys: "/" focuses the box, arrows move through the results, Enter opens
// the chosen one (the first when none is chosen), Escape closes the list.
(function () {
  "use strict";
  var root = document.querySelector("[data-search-index]");
  if (!root || !window.fetch || !window.Map) return;

  var base = root.getAttribute("data-search-index");
  var form = root.querySelector(".search-form");
  var input = root.querySelector(".search-input");
  var panel = root.querySelector(".search-panel");
  var list = root.querySelector(".search-results");
  var status = root.querySelector(".search-status");
  var kindFilter = root.querySelector(".search-filter-kind");
  var categoryFilter = root.querySelector(".search-filter-category");
  var words = {
    one: root.getAttribute("data-count-one"),
    other: root.getAttribute("data-count-other"),
    none: root.getAttribute("data-none"),
    more: root.getAttribute("data-more"),
  };
  var SHOWN = 10;
  var WORDS = /[\p{Alphabetic}\p{N}]+/gu;

  var index = null;
  var starting = null;
  var entry = null;
  var shown = [];
  var active = -1;
  var sequence = 0;

  // search-index.js, which reads and ranks, fetched when the box is first
  // used: a page nobody searches on loads only this script.
  function start() {
    if (!starting) {
      starting = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root.getAttribute("data-search-script");
        script.onload = function () {
          index = window.__vialSearchIndex && window.__vialSearchIndex(base);
          if (index) resolve(index);
          else reject(new Error("search-index.js did not start"));
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
      starting.catch(function () { starting = null; });
    }
    return starting;
  }

  // The entry, once: the filters are filled from it the first time.
  function load() {
    return start().then(function (index) {
      return index.load();
    }).then(function (e) {
      if (!entry) {
        entry = e;
        fillFilters(e);
      }
      return e;
    });
  }

  // The records of `query`, ranked; `keep` stands in for the filters.
  function rank(query, keep) {
    return load().then(function () { return index.rank(query, keep || allowed); });
  }

  // The words of a text as the index splits them (once it is loaded).
  function split(text) {
    return index.split(text);
  }

  function record(n) {
    return index.record(n);
  }

  function fillFilters(e) {
    e.kinds.forEach(function (kind, i) {
      if (kind[4] > kind[3]) kindFilter.add(new Option(kind[2], String(i)));
    });
    e.categories.forEach(function (category, i) {
      var option = new Option(category[0], String(i));
      // A name shown for want of a translation says its language.
      if (category[4]) option.lang = category[4];
      categoryFilter.add(option);
    });
    if (!e.categories.length) categoryFilter.parentNode.hidden = true;
  }

  function allowed(record) {
    var kind = kindFilter.value;
    if (kind !== "") {
      var k = entry.kinds[Number(kind)];
      if (record < k[3] || record >= k[4]) return false;
    }
    var category = categoryFilter.value;
    if (category !== "") {
      var c = entry.categories[Number(category)];
      if (record !== c[3] && (record < c[1] || record >= c[2])) return false;
    }
    return true;
  }
  function kindOf(n) {
    for (var i = 0; i < entry.kinds.length; i++) {
      if (n >= entry.kinds[i][3] && n < entry.kinds[i][4]) return entry.kinds[i];
    }
    return ["", ""];
  }

  // Whether a word of a text is one typed (or starts with one, two
  // letters or more), or one the search matched by its stem or a typo
  // (`typed.matched`, from `rank`).
  function typedIn(word, typed) {
    var folded = split(word).join("");
    if (typed.matched && typed.matched.has(folded)) return true;
    return typed.some(function (t) {
      return folded === t || (Array.from(t).length > 1 && folded.startsWith(t));
    });
  }

  // `text` as nodes, its words that match a typed word in <mark>.
  function highlighted(text, typed) {
    var out = document.createDocumentFragment();
    var at = 0;
    text.replace(WORDS, function (word, offset) {
      if (typedIn(word, typed)) {
        out.appendChild(document.createTextNode(text.slice(at, offset)));
        var mark = document.createElement("mark");
        mark.textContent = word;
        out.appendChild(mark);
        at = offset + word.length;
      }
      return word;
    });
    out.appendChild(document.createTextNode(text.slice(at)));
    return out;
  }

  // How many different words typed or matched `text` holds.
  function held(text, typed) {
    var found = new Set();
    text.replace(WORDS, function (word) {
      if (typedIn(word, typed)) found.add(split(word).join(""));
      return word;
    });
    return found.size;
  }

  // What a result's excerpt is cut from: the record's summary, unless
  // another part (a spec, the terms it is filed under, its usage, its
  // other names, the body) holds more of the words than its title, meta
  // and summary do: then that part, and of a list (`Volume: 2 ml ·
  // Texture: Water`) only the items holding them.
  function excerptOf(r, typed) {
    var parts = r.x || [];
    var most = held([r.t, r.m || "", r.s || ""].join(" "), typed);
    var best = -1;
    parts.forEach(function (part, i) {
      var n = held(part, typed);
      if (n > most) {
        most = n;
        best = i;
      }
    });
    if (best >= 0) {
      var items = parts[best].split(" · ");
      if (items.length < 2) return parts[best];
      return items.filter(function (item) { return held(item, typed) > 0; }).join(" · ");
    }
    return r.s || parts.filter(function (p) { return p.indexOf(" · ") < 0; })[0] || parts[0] || "";
  }

  // About 200 characters of `text` around its first typed word.
  function excerpt(text, typed) {
    var first = -1;
    text.replace(WORDS, function (word, offset) {
      if (first < 0 && typedIn(word, typed)) first = offset;
      return word;
    });
    var start = first < 60 ? 0 : text.lastIndexOf(" ", first - 40) + 1;
    var end = Math.min(text.length, start + 200);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start) end = space;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function fill(template, name, value) {
    return template.split("{" + name + "}").join(value);
  }

  function render(query, ranked, loaded) {
    var typed = split(query);
    typed.matched = ranked.matched;
    list.textContent = "";
    shown = loaded.map(function (r, i) {
      var kind = kindOf(ranked[i].record);
      var li = document.createElement("li");
      li.className = "search-result";
      // The link is the option (an option may hold no link of its own).
      li.setAttribute("role", "none");
      var link = document.createElement("a");
      link.href = r.u;
      link.tabIndex = -1;
      link.id = "site-search-option-" + i;
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      var head = document.createElement("span");
      head.className = "search-result-head";
      var badge = document.createElement("span");
      badge.className = "search-result-kind";
      badge.setAttribute("data-kind", kind[0]);
      badge.textContent = kind[1];
      var title = document.createElement("span");
      title.className = "search-result-title";
      title.appendChild(highlighted(r.t, typed));
      head.appendChild(badge);
      head.appendChild(title);
      link.appendChild(head);
      if (r.m) {
        var meta = document.createElement("span");
        meta.className = "search-result-meta";
        meta.appendChild(highlighted(r.m, typed));
        link.appendChild(meta);
      }
      var shownText = excerptOf(r, typed);
      if (shownText) {
        var text = document.createElement("span");
        text.className = "search-result-excerpt";
        text.appendChild(highlighted(excerpt(shownText, typed), typed));
        link.appendChild(text);
      }
      li.appendChild(link);
      li.addEventListener("mousemove", function () { choose(i, false); });
      list.appendChild(li);
      return r.u;
    });
    var total = ranked.length;
    status.textContent = total === 0
      ? fill(words.none, "query", query.trim())
      : fill(total === 1 ? words.one : words.other, "n", String(total));
    if (total > SHOWN) {
      var more = document.createElement("span");
      more.className = "search-more";
      more.textContent = fill(words.more, "shown", String(SHOWN));
      status.appendChild(more);
    }
    choose(-1, false);
    open(true);
  }

  function choose(i, scroll) {
    var options = list.querySelectorAll("[role=option]");
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = i;
    if (i >= 0 && options[i]) {
      options[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[i].id);
      if (scroll) options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open(yes) {
    panel.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
    root.classList.toggle("is-open", yes);
    if (!yes) choose(-1, false);
  }

  function search() {
    var query = input.value;
    var mine = ++sequence;
    if (!query.trim()) {
      list.textContent = "";
      status.textContent = "";
      shown = [];
      open(false);
      return;
    }
    load()
      .then(function () { return rank(query); })
      .then(function (ranked) {
        var top = ranked.slice(0, SHOWN);
        return Promise.all(top.map(function (r) { return record(r.record); })).then(function (loaded) {
          if (mine === sequence) render(query, ranked, loaded);
        });
      })
      .catch(function () {
        // Offline or no index: the box stays quiet rather than show an error.
      });
  }

  function follow(i) {
    if (shown[i]) window.location.href = shown[i];
  }

  // A short pause before searching: keys typed quickly one after another
  // make one search, not one fetch of results per letter.
  var pause = 0;
  input.addEventListener("input", function () {
    window.clearTimeout(pause);
    pause = window.setTimeout(search, 60);
  });
  input.addEventListener("focus", function () {
    load();
    if (input.value.trim() && list.children.length) open(true);
  });
  kindFilter.addEventListener("change", search);
  categoryFilter.addEventListener("change", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    follow(active >= 0 ? active : 0);
  });
  input.addEventListener("keydown", function (event) {
    var count = list.children.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (panel.hidden && count) open(true);
      choose(Math.min(active + 1, count - 1), true);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      choose(Math.max(active - 1, -1), true);
    } else if (event.key === "Escape") {
      if (!panel.hidden) {
        event.preventDefault();
        open(false);
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        search();
      }
    }
  });
  list.addEventListener("click", function (event) {
    var li = event.target.closest("li");
    if (li) choose(Array.prototype.indexOf.call(list.children, li), false);
  });
  root.addEventListener("focusout", function (event) {
    if (!root.contains(event.relatedTarget)) open(false);
  });
  document.addEventListener("click", function (event) {
    if (!root.contains(event.target)) open(false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  // Back from a result: the list shows again for the same words.
  if (input.value) load().then(search);
  // For tests, and for routine.js to find products with.
  window.__vialSearch = { load: load, split: split, rank: rank, record: record };
})();
