// Site search over the static index vial writes into search/ (its format is
// described in vial's crates/vial-search/src/lib.rs). The entry file loads when the box
// is first used; after that only the shards of the words typed and the
// records shown. Every word shown comes from the data attributes the theme
// wrote from its strings file, or from the index itself.
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
  var DIGIT = {};
  "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
    .split("")
    .forEach(function (c, i) { DIGIT[c] = i; });
  var LETTER = /[\p{Alphabetic}\p{N}]/u;
  var WORDS = /[\p{Alphabetic}\p{N}]+/gu;

  var entry = null;
  var loading = null;
  var fold = new Map();
  // Phrase -> the other phrases of its synonym group, as lists of words.
  var synonyms = new Map();
  var longestSynonym = 0;
  var shards = new Map();
  var records = new Map();
  var shown = [];
  var active = -1;
  var sequence = 0;

  function fetchJson(path) {
    return fetch(base + path).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + path);
      return response.json();
    });
  }

  function load() {
    if (!loading) {
      loading = fetch(base + "index.json", { cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (e) {
          e.fold.split(" ").forEach(function (pair) {
            var from = String.fromCodePoint(pair.codePointAt(0));
            fold.set(from, pair.slice(from.length));
          });
          e.shardSet = new Set(e.shards);
          readSynonyms(e.syn || []);
          fillFilters(e);
          entry = e;
          return e;
        });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // The groups of words or phrases the site finds for one another: its
  // `search: synonyms:` and each category's and term's name with its
  // `aka:` (crates/vial-search/src/records/mod.rs `synonyms`).
  function readSynonyms(groups) {
    groups.forEach(function (group) {
      group.forEach(function (phrase) {
        var others = group.filter(function (p) { return p !== phrase; });
        synonyms.set(phrase, others.map(function (p) { return p.split(" "); }));
        longestSynonym = Math.max(longestSynonym, phrase.split(" ").length);
      });
    });
  }

  function fillFilters(e) {
    e.kinds.forEach(function (kind, i) {
      if (kind[4] > kind[3]) kindFilter.add(new Option(kind[2], String(i)));
    });
    e.categories.forEach(function (category, i) {
      categoryFilter.add(new Option(category[0], String(i)));
    });
    if (!e.categories.length) categoryFilter.parentNode.hidden = true;
  }

  // The words of a text exactly as vial's crates/vial-search/src/text.rs splits them.
  function split(text) {
    var out = [];
    var word = "";
    var flush = function () {
      if (word && Array.from(word).length <= entry.w) out.push(word);
      word = "";
    };
    for (var c of text) {
      if (LETTER.test(c)) {
        for (var lower of c.toLowerCase()) {
          var folded = fold.get(lower);
          word += folded === undefined ? lower : folded;
        }
      } else {
        flush();
      }
    }
    flush();
    return out;
  }

  function shardName(word) {
    var key = Array.from(word).slice(0, 2).join("");
    if (/^[a-z0-9]+$/.test(key)) return key;
    var name = "_";
    new TextEncoder().encode(key).forEach(function (b) {
      name += (b < 16 ? "0" : "") + b.toString(16);
    });
    return name;
  }

  function shard(word) {
    var name = shardName(word);
    if (!entry.shardSet.has(name)) return Promise.resolve({});
    if (!shards.has(name)) {
      var pending = fetchJson("t/" + name + ".json?v=" + entry.v);
      pending.catch(function () { shards.delete(name); });
      shards.set(name, pending);
    }
    return shards.get(name);
  }

  // Record numbers and scores, packed by crates/vial-search/src/shards.rs `encode`: per
  // score, the score, a count, then gaps between record numbers.
  function decode(packed, each) {
    var numbers = [];
    var n = 0;
    var shift = 0;
    for (var i = 0; i < packed.length; i++) {
      var d = DIGIT[packed[i]];
      n += (d & 31) * Math.pow(2, shift);
      if (d >= 32) {
        shift += 5;
      } else {
        numbers.push(n);
        n = 0;
        shift = 0;
      }
    }
    var j = 0;
    while (j + 1 < numbers.length) {
      var score = numbers[j];
      var count = numbers[j + 1];
      j += 2;
      var at = 0;
      for (var k = 0; k < count && j < numbers.length; k++, j++) {
        at += numbers[j];
        each(at, score);
      }
    }
  }

  // The groups of a shard's words that share a stem in the site's
  // language, listed by vial under "~" (crates/vial-search/src/stems.rs):
  // word -> its group. The browser needs no stemmer of its own.
  function groupsOf(terms) {
    if (!terms.__groups) {
      var groups = new Map();
      (terms["~"] || "").split(" ").forEach(function (group) {
        var members = group.split(",");
        members.forEach(function (m) { if (m) groups.set(m, members); });
      });
      Object.defineProperty(terms, "__groups", { value: groups });
    }
    return terms.__groups;
  }

  // Edits from `a` to `b` (a letter added, left out or changed, or two
  // neighbours swapped: `ampuole`, `thirps`), or more than `most`.
  function distance(a, b, most) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null;
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    var rowLeast = 0;
    for (var i = 1; i <= a.length; i++) {
      var next = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, before[j - 2] + 1);
        }
        next.push(d);
        least = Math.min(least, d);
      }
      // Past `most` for good: the next row comes from this one, or by a
      // swap from the one before, one edit more.
      if (least > most && rowLeast >= most) return most + 1;
      before = row;
      row = next;
      rowLeast = least;
    }
    return row[b.length];
  }

  // Typos forgiven in a word of this many letters: one from 5, two from 9.
  // None in a word with digits: 10250 is not a typo of 10251.
  function typosAllowed(word) {
    if (/\p{N}/u.test(word)) return 0;
    var letters = Array.from(word).length;
    return letters >= 9 ? 2 : letters >= 5 ? 1 : 0;
  }

  // Keys of a shard that are not words: the stem groups ("~") and the
  // names typed whole ("=").
  function isWord(key) {
    return key !== "~" && key !== "=";
  }

  // FNV-1a of the UTF-8 bytes of a name's words joined by spaces, as
  // crates/vial-search/src/shards.rs `name_hash` computes it.
  function nameHash(name) {
    var h = 0x811c9dc5;
    new TextEncoder().encode(name).forEach(function (b) {
      h = Math.imul(h ^ b, 0x01000193) >>> 0;
    });
    return h;
  }

  // A shard's names typed whole, listed by vial under "=" (shards.rs
  // `encode_names`): per record, the name's hash in six digits of 6 bits,
  // then the record's number as a gap from the one before. Hash -> records.
  function namesOf(terms) {
    if (!terms.__names) {
      var names = new Map();
      var packed = terms["="] || "";
      var i = 0;
      var record = 0;
      while (i + 6 < packed.length) {
        var hash = 0;
        for (var k = 0; k < 6; k++) hash = hash * 64 + DIGIT[packed[i++]];
        var gap = 0;
        var shift = 0;
        var d;
        do {
          d = DIGIT[packed[i++]];
          gap += (d & 31) * Math.pow(2, shift);
          shift += 5;
        } while (d >= 32 && i < packed.length);
        record += gap;
        if (!names.has(hash)) names.set(hash, []);
        names.get(hash).push(record);
      }
      Object.defineProperty(terms, "__names", { value: names });
    }
    return terms.__names;
  }

  // How each index word of `terms` matches `word`, as [tier, weight]:
  // exactly (or, when `prefix`, as a word it starts) or by a shared stem,
  // tier 1; with a typo forgiven (or a stem of such a word), tier 0, which
  // always ranks below. A stem weighs less than the word itself, so in the
  // same field the exact word wins, yet a name found by its stem
  // (`serums`: Daily Serum) outranks a passing mention of the exact word.
  // `exact`: no typo forgiven (a synonym's words).
  function matchedTerms(word, terms, prefix, exact) {
    var found = new Map();
    var groups = groupsOf(terms);
    var most = typosAllowed(word);
    var keys = Object.keys(terms);
    keys.forEach(function (term) {
      if (!isWord(term)) return;
      if (term === word) found.set(term, [1, 1]);
      else if (prefix && term.startsWith(word)) {
        found.set(term, [1, 0.5 + 0.4 * word.length / term.length]);
      }
    });
    var add = function (term, tier, weight) {
      if (!found.has(term) && terms[term] !== undefined) found.set(term, [tier, weight]);
    };
    (groups.get(word) || []).forEach(function (term) { add(term, 1, 0.7); });
    if (most > 0 && !exact) {
      keys.forEach(function (term) {
        if (!isWord(term) || found.has(term) || distance(word, term, most) > most) return;
        add(term, 0, 0.5);
        (groups.get(term) || []).forEach(function (kin) { add(kin, 0, 0.4); });
      });
    }
    return found;
  }

  // Scores of the records that hold `word` or a word matching it
  // (`matchedTerms`): rarer words, and closer matches, count more. Each
  // record gets its best tier and value; `seen` collects the words
  // matched, to mark them in the results.
  function matches(word, terms, prefix, seen, exact) {
    var scores = new Map();
    matchedTerms(word, terms, prefix, exact).forEach(function (how, term) {
      seen.add(term);
      var packed = terms[term];
      var count = 0;
      decode(packed, function () { count++; });
      var weight = Math.log(1 + entry.n / count) * how[1];
      decode(packed, function (record, score) {
        var value = score * weight;
        var best = scores.get(record);
        if (!best) scores.set(record, { value: value, tier: how[0] });
        else {
          best.value = Math.max(best.value, value);
          best.tier = Math.max(best.tier, how[0]);
        }
      });
    });
    return scores;
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

  // The typed words in slots: a run of words that is a synonym the site
  // declares (the longest run first) is one slot with its alternatives;
  // every other word is a slot of its own. A word whose stem group holds
  // a synonym (`retinals`, `retinal`) takes that synonym's alternatives.
  function slotsOf(typed, termsOf) {
    var slots = [];
    for (var i = 0; i < typed.length;) {
      var slot = null;
      for (var n = Math.min(longestSynonym, typed.length - i); n > 0 && !slot; n--) {
        var run = typed.slice(i, i + n);
        if (synonyms.has(run.join(" "))) slot = { words: run, alts: synonyms.get(run.join(" ")) };
      }
      if (!slot) {
        var kin = (groupsOf(termsOf(typed[i])).get(typed[i]) || []).filter(function (w) {
          return synonyms.has(w);
        });
        slot = { words: [typed[i]], alts: kin.length ? synonyms.get(kin[0]) : [] };
      }
      slots.push(slot);
      i += slot.words.length;
    }
    return slots;
  }

  // Per record, what its words of one slot are worth: {value, tier, hits}.
  // The words typed count one by one (the last, unfinished, as a prefix
  // too); an alternative of a synonym counts only whole, as if every word
  // of the slot was found, and a little below the words typed.
  function slotScores(slot, first, typedCount, unfinished, termsOf, seen) {
    var result = new Map();
    var add = function (perWord, hits, weight, whole) {
      var records = new Map();
      perWord.forEach(function (scores) {
        scores.forEach(function (m, record) {
          var t = records.get(record) || { value: 0, tier: 0, hits: 0 };
          t.value += m.value * weight;
          t.tier += m.tier;
          t.hits += 1;
          records.set(record, t);
        });
      });
      records.forEach(function (t, record) {
        if (whole && t.hits < perWord.length) return;
        if (whole) t = { value: t.value, tier: hits, hits: hits };
        var best = result.get(record);
        if (!best || t.hits > best.hits || (t.hits === best.hits && t.value > best.value)) {
          result.set(record, t);
        }
      });
    };
    add(slot.words.map(function (word, k) {
      var i = first + k;
      var prefix = Array.from(word).length > 1 && (unfinished || i < typedCount - 1);
      return matches(word, termsOf(word), prefix, seen, false);
    }), 0, 1, false);
    slot.alts.forEach(function (alt) {
      add(alt.map(function (word) {
        return matches(word, termsOf(word), false, seen, true);
      }), slot.words.length, SYNONYM, true);
    });
    return result;
  }
  var SYNONYM = 0.9;

  // The records whose name (or an `aka:`) is the query, whole: they come
  // first. Names are listed in the shard of their first word (`namesOf`,
  // made of crates/vial-search/src/scoring.rs `name_phrases`); the query is
  // tried as typed, as the synonyms of the whole of it, and, for one word,
  // as the words of its stem (`orchids`: the category Orchid).
  function namedBy(typed, slots, termsOf) {
    var phrases = [typed];
    if (slots.length === 1) phrases = phrases.concat(slots[0].alts);
    if (typed.length === 1) kinOf(typed[0], termsOf(typed[0])).forEach(function (w) { phrases.push([w]); });
    var named = new Set();
    phrases.forEach(function (words) {
      var records = namesOf(termsOf(words[0])).get(nameHash(words.join(" "))) || [];
      records.forEach(function (record) { named.add(record); });
    });
    return named;
  }

  // The words a word typed alone may stand for when it names a page: those
  // of its stem and, when the site never uses the word itself, those a
  // typo away and theirs (`serums`, `niacinamde`: the pages Serum and
  // Niacinamide).
  function kinOf(word, terms) {
    var kin = (groupsOf(terms).get(word) || []).slice();
    if (terms[word] === undefined) {
      matchedTerms(word, terms, false, false).forEach(function (how, term) { kin.push(term); });
    }
    return kin;
  }

  // `keep` (a record number's test) stands in for the filters' choice.
  function rank(query, keep) {
    var typed = split(query);
    if (!typed.length) return Promise.resolve([]);
    // The last word may be unfinished; a one-letter word matches only itself.
    var unfinished = !/[\s\p{P}]$/u.test(query);
    // Shards by name: a word's kin (stem, typo) are in its own shard.
    var loaded = new Map();
    var termsOf = function (word) { return loaded.get(shardName(word)) || {}; };
    var fetchAll = function (words) {
      return Promise.all(words.map(function (word) {
        return shard(word).then(function (terms) { loaded.set(shardName(word), terms); });
      }));
    };
    var slots;
    return fetchAll(typed).then(function () {
      slots = slotsOf(typed, termsOf);
      var altWords = [];
      slots.forEach(function (slot) {
        slot.alts.forEach(function (alt) { altWords = altWords.concat(alt); });
      });
      return fetchAll(altWords);
    }).then(function () {
      var seen = new Set();
      var totals = new Map();
      var first = 0;
      slots.forEach(function (slot) {
        slotScores(slot, first, typed.length, unfinished, termsOf, seen).forEach(function (m, record) {
          var t = totals.get(record) || { value: 0, tier: 0, hits: 0 };
          t.value += m.value;
          t.tier += m.tier;
          t.hits += m.hits;
          totals.set(record, t);
        });
        first += slot.words.length;
      });
      var named = namedBy(typed, slots, termsOf);
      var ranked = [];
      var all = typed.length;
      totals.forEach(function (t, record) {
        if (!(keep || allowed)(record)) return;
        ranked.push({
          record: record,
          score: t.value * t.hits / all,
          tier: t.tier,
          full: t.hits === all || named.has(record),
          named: named.has(record) ? 1 : 0,
        });
      });
      if (ranked.some(function (r) { return r.full; })) {
        ranked = ranked.filter(function (r) { return r.full; });
      }
      // A page named by the query first; then corrected matches after the
      // others (`matchedTerms`); by score within each.
      ranked.sort(function (a, b) {
        return b.named - a.named || b.tier - a.tier || b.score - a.score || a.record - b.record;
      });
      ranked.matched = seen;
      return ranked;
    });
  }

  function record(n) {
    if (!records.has(n)) {
      var pending = fetchJson("r/" + n + ".json?v=" + entry.v);
      pending.catch(function () { records.delete(n); });
      records.set(n, pending);
    }
    return records.get(n);
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
