// The site's search index as the browser reads it, and its ranking: the
// entry file, then only the shards of the words typed and the records
// asked for (the format is described in vial's crates/vial-search/src/lib.rs).
// No DOM: search.js draws the box and its results with it, and
// routine-builder.js finds products with it (through `window.__vialSearch`).
(function () {
  "use strict";
  if (!window.fetch || !window.Map) return;

  // `base`: the URL of the index's folder, ending in "/".
  window.__vialSearchIndex = function (base) {
    var DIGIT = {};
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
      .split("")
      .forEach(function (c, i) { DIGIT[c] = i; });
    var LETTER = /[\p{Alphabetic}\p{N}]/u;

    var entry = null;
    var loading = null;
    var fold = new Map();
    // Phrase -> the other phrases of its synonym group, as lists of words.
    var synonyms = new Map();
    var longestSynonym = 0;
    var shards = new Map();
    var records = new Map();

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

    // The records of `query`, best first; `keep(record)`, when given, says
    // which may be listed (the box's filters).
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
          if (keep && !keep(record)) return;
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

    return {
      load: load,
      split: split,
      rank: rank,
      record: record,
    };
  };
})();
