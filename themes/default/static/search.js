// Site search: a progressive enhancement of the search page. Without
// JavaScript the page points to the A to Z index instead.
//
// The index is in small files under search/ (src/render/search/mod.rs):
// meta.json (page count, synonyms), a shard a word's first two characters
// (s/KEY.json: each word's page count and best postings [weight, rank,
// page]), further postings of common words (more/WORD.N.json) and a
// fragment a page (p/PAGE.json: title, address, document, state, text),
// fetched only for the results shown. Every text is put in with
// textContent and DOM nodes, never as markup.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var fallback = document.getElementById("search-fallback");
  var moreRow = document.getElementById("search-more-row");
  var moreButton = document.getElementById("search-more");
  var help = document.getElementById("search-help");
  var relatedBlock = document.getElementById("search-related-block");
  var related = document.getElementById("search-related");
  if (!form || !input || !status || !results || !window.fetch) return;
  form.hidden = false;
  if (fallback) fallback.hidden = true;

  var BASE = form.getAttribute("data-index");
  var SHOWN = 10; // results shown at a time: a fragment each
  var CHUNKS = 3; // further chunks of a common word fetched at most
  var SYNONYM = 0.8; // a synonym's results weigh a little less
  var PREFIX = 0.5; // a longer word (`pothole` for `potholes`) weighs half
  var files = {};
  var current = null; // the results on show: { list, shown, terms }

  // The page's words for the search's states (`data-KEY` of the form).
  function says(key) {
    return form.getAttribute("data-" + key) || "";
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  // The same rule as src/support/words.rs.
  function words(text) {
    return text.toLowerCase().split(/[^\p{Alphabetic}\p{N}£%]+/u).filter(Boolean);
  }

  // As src/render/search/shards.rs names files.
  function fileName(word) {
    return Array.from(word).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  // A file of the index, fetched once; a missing shard is an empty one.
  function get(path) {
    if (!files[path]) {
      files[path] = fetch(BASE + path).then(function (r) {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return files[path];
  }

  function shard(word) {
    return get("s/" + fileName(Array.from(word).slice(0, 2).join("")) + ".json")
      .then(function (s) { return s || {}; });
  }

  // The postings of a query word: the word's own, and those of longer words
  // it begins, each page's best. `complete` when none are left unfetched.
  function lookup(term) {
    return shard(term).then(function (s) {
      var pages = {};
      var complete = true;
      var count = 0;
      var own = s[term];
      Object.keys(s).forEach(function (word) {
        var exact = word === term;
        if (!exact && (term.length < 3 || word.indexOf(term) !== 0)) return;
        var entry = s[word];
        count = Math.max(count, entry.n);
        if (entry.c > 0) complete = false;
        add(pages, entry.p, exact ? 1 : PREFIX);
      });
      var found = { term: term, pages: pages, count: count, complete: complete, shard: s };
      return own && own.c > 0 ? further(found, own, 0) : found;
    });
  }

  function add(pages, postings, factor) {
    postings.forEach(function (p) {
      var w = p[0] * factor;
      var had = pages[p[2]];
      if (!had || had.w < w) pages[p[2]] = { w: w, r: p[1] };
    });
  }

  // A common word's further chunks, while its best are too few to fill a
  // page of results with those of the other words (at most CHUNKS).
  function further(found, entry, c) {
    if (c >= Math.min(entry.c, CHUNKS)) return found;
    found.fetchMore = function () {
      return get("more/" + fileName(found.term) + "." + c + ".json").then(function (chunk) {
        add(found.pages, chunk || [], 1);
        found.complete = c + 1 >= entry.c;
        return further(found, entry, c + 1);
      });
    };
    return found;
  }

  // The query, and the query with each synonym it holds put in.
  function alternatives(terms, synonyms) {
    var alts = [{ terms: terms, factor: 1 }];
    var q = " " + terms.join(" ") + " ";
    synonyms.forEach(function (s) {
      var key = " " + s[0] + " ";
      var at = q.indexOf(key);
      if (at < 0) return;
      s[1].forEach(function (also) {
        var replaced = q.slice(0, at) + " " + also + " " + q.slice(at + key.length);
        alts.push({ terms: words(replaced), factor: SYNONYM, synonym: also });
      });
    });
    return alts;
  }

  // The pages that match every word of `alt` (of a common word whose
  // postings are not all fetched, those known), scored: each word's
  // weight there by how rare it is.
  function score(found, total, factor, into) {
    var rarest = found.reduce(function (a, b) { return a.count <= b.count ? a : b; });
    Object.keys(rarest.pages).forEach(function (page) {
      var sum = 0;
      for (var i = 0; i < found.length; i++) {
        var hit = found[i].pages[page];
        if (!hit && found[i].complete) return;
        if (hit) sum += hit.w * Math.log(1 + total / Math.max(found[i].count, 1));
      }
      sum *= factor;
      var had = into[page];
      if (!had || had.score < sum) into[page] = { page: page, score: sum, r: rarest.pages[page].r };
    });
    return rarest.complete;
  }

  function run(alt, total, into) {
    return Promise.all(alt.terms.map(lookup)).then(function (found) {
      return found.length ? settle(alt, total, into, found) : { complete: true, found: found };
    });
  }

  // Scores `found`; while there are too few results and a common word has
  // further postings, fetches a chunk of each and scores again.
  function settle(alt, total, into, found) {
    var complete = score(found, total, alt.factor, into);
    var common = found.filter(function (f) { return f.fetchMore; });
    if (Object.keys(into).length >= SHOWN * 2 || !common.length) {
      return { complete: complete, found: found };
    }
    return Promise.all(common.map(function (f) {
      var more = f.fetchMore;
      f.fetchMore = null;
      return more();
    })).then(function () { return settle(alt, total, into, found); });
  }

  function search(query) {
    return get("meta.json").then(function (meta) {
      var terms = words(query);
      var alts = alternatives(terms, meta.synonyms || []);
      var into = {};
      return Promise.all(alts.map(function (alt) { return run(alt, meta.pages, into); }))
        .then(function (runs) {
          var list = Object.keys(into).map(function (k) { return into[k]; });
          list.sort(function (a, b) {
            return b.score - a.score || a.r - b.r || (a.page < b.page ? -1 : a.page > b.page ? 1 : 0);
          });
          // Words of one or two letters (`in`, `of`) are marked only when
          // nothing longer is searched for.
          var marked = [];
          alts.forEach(function (a) { marked = marked.concat(a.terms); });
          var long = marked.filter(function (t) { return t.length > 2; });
          if (long.length) marked = long;
          return {
            query: query,
            list: list,
            complete: runs.every(function (r) { return r.complete; }),
            terms: marked,
            alts: alts,
            found: runs.map(function (r) { return r.found; }),
          };
        });
    });
  }

  // Whether a word of the page is one searched for (or begins with one).
  function matches(word, terms) {
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (word === t || (t.length >= 3 && word.indexOf(t) === 0)) return true;
    }
    return false;
  }

  // The block of the page's text with most of the words searched for, cut
  // to about 240 characters around the first of them.
  function passage(fragment, terms) {
    var best = "";
    var most = -1;
    (fragment.x || []).forEach(function (block, i) {
      if (i === 0 && block === fragment.t) return;
      var hits = words(block).filter(function (w) { return matches(w, terms); }).length;
      if (hits > most) { most = hits; best = block; }
    });
    if (best.length <= 240) return best;
    var lower = best.toLowerCase();
    var first = best.length;
    terms.forEach(function (t) {
      var at = lower.indexOf(t);
      if (at >= 0 && at < first) first = at;
    });
    var start = Math.max(0, (first === best.length ? 0 : first) - 80);
    if (start > 0) start = best.indexOf(" ", start) + 1;
    var end = best.lastIndexOf(" ", start + 240);
    if (end <= start) end = start + 240;
    return (start > 0 ? "… " : "") + best.slice(start, end) + (end < best.length ? " …" : "");
  }

  // `text` as text nodes, with each word searched for in a <mark>.
  function marked(text, terms, into) {
    var re = /[\p{Alphabetic}\p{N}£%]+/gu;
    var last = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (!matches(m[0].toLowerCase(), terms)) continue;
      into.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      into.appendChild(mark);
      last = m.index + m[0].length;
    }
    into.appendChild(document.createTextNode(text.slice(last)));
  }

  function item(fragment, terms) {
    var li = document.createElement("li");
    li.className = "search-result";
    var heading = document.createElement("h2");
    heading.className = "search-result__title";
    var a = document.createElement("a");
    a.href = fragment.u;
    a.textContent = fragment.t;
    heading.appendChild(a);
    li.appendChild(heading);
    if (fragment.d || fragment.s) {
      var about = document.createElement("p");
      about.className = "search-result__about";
      if (fragment.d) {
        about.appendChild(document.createTextNode(fill(says("in-document"), { document: fragment.d })));
      }
      var state = fragment.s && says("state-" + fragment.s);
      if (state) {
        var tag = document.createElement("span");
        tag.className = "search-result__status search-result__status--" + fragment.s;
        tag.textContent = fill(says("state"), { state: state });
        if (fragment.d) about.appendChild(document.createTextNode(" "));
        about.appendChild(tag);
      }
      li.appendChild(about);
    }
    var text = passage(fragment, terms);
    if (text) {
      var p = document.createElement("p");
      p.className = "search-result__passage";
      marked(text, terms, p);
      li.appendChild(p);
    }
    return li;
  }

  // The next SHOWN results, their fragments fetched.
  function showMore() {
    var next = current.list.slice(current.shown, current.shown + SHOWN);
    var shown = current;
    return Promise.all(next.map(function (r) { return get("p/" + r.page + ".json"); }))
      .then(function (fragments) {
        if (shown !== current) return;
        fragments.forEach(function (f) { if (f) results.appendChild(item(f, current.terms)); });
        current.shown += next.length;
        if (moreRow) moreRow.hidden = current.shown >= current.list.length;
        var n = current.list.length;
        var key = n === 1 ? "one" : current.complete ? "many" : "at-least";
        var text = fill(says(key), { count: n, query: current.query });
        if (current.shown < n) text += " " + fill(says("shown"), { shown: current.shown });
        status.textContent = text;
      });
  }

  // Words near `word` among those of its shard (one or two letters off).
  function close(word, shardWords) {
    return shardWords.filter(function (w) {
      return w !== word && Math.abs(w.length - word.length) <= 2 && distance(w, word) <= (word.length > 6 ? 2 : 1);
    }).slice(0, 5);
  }

  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var prev = row[0];
      row[0] = i;
      for (var k = 1; k <= b.length; k++) {
        var cur = row[k];
        row[k] = Math.min(row[k] + 1, row[k - 1] + 1, prev + (a[i - 1] === b[k - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return row[b.length];
  }

  // No result: the help, with the synonyms that share a word with the
  // query and the site's words close to each of its words.
  function showHelp(found, query, meta) {
    status.textContent = fill(says("none"), { query: query });
    if (!help) return;
    help.hidden = false;
    var terms = words(query);
    var offered = [];
    (meta.synonyms || []).forEach(function (s) {
      var all = [s[0]].concat(s[1]);
      if (all.some(function (phrase) { return words(phrase).some(function (w) { return terms.indexOf(w) >= 0; }); })) {
        all.forEach(function (phrase) { if (phrase !== terms.join(" ")) offered.push(phrase); });
      }
    });
    (found[0] || []).forEach(function (f) {
      offered = offered.concat(close(f.term, Object.keys(f.shard)));
    });
    offered = offered.filter(function (w, i) { return offered.indexOf(w) === i; }).slice(0, 10);
    related.textContent = "";
    offered.forEach(function (phrase) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "?q=" + encodeURIComponent(phrase);
      a.textContent = phrase;
      li.appendChild(a);
      related.appendChild(li);
    });
    if (relatedBlock) relatedBlock.hidden = offered.length === 0;
  }

  function show(query) {
    results.textContent = "";
    if (help) help.hidden = true;
    if (moreRow) moreRow.hidden = true;
    status.textContent = says("searching");
    current = null;
    return Promise.all([search(query), get("meta.json")]).then(function (both) {
      var found = both[0];
      current = { query: query, list: found.list, shown: 0, terms: found.terms, complete: found.complete };
      if (!found.list.length) return showHelp(found.found, query, both[1]);
      return showMore();
    }).catch(function () { status.textContent = says("failed"); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    if (!query) return;
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    show(query);
  });

  if (moreButton) {
    moreButton.addEventListener("click", function () {
      if (current) showMore();
    });
  }

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    show(initial.trim());
  }
})();
