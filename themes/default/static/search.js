// Site search: a progressive enhancement of the search page. Without
// JavaScript the page points to the A to Z index instead.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var fallback = document.getElementById("search-fallback");
  if (!form || !input || !status || !results || !window.fetch) return;
  form.hidden = false;
  if (fallback) fallback.hidden = true;
  var pages = null;

  // The page's words for the search's states (`data-KEY` of the form).
  function says(key) {
    return form.getAttribute("data-" + key) || "";
  }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}£%]+/u).filter(Boolean);
  }

  function search(query) {
    var terms = words(query);
    if (!terms.length) return [];
    var found = [];
    pages.forEach(function (page) {
      var score = 0;
      var title = page.title.toLowerCase();
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i];
        var hit = page.words.some(function (w) { return w.indexOf(term) === 0; });
        if (!hit) return;
        score += title.indexOf(term) >= 0 ? 10 : 1;
      }
      found.push({ page: page, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || a.page.title.localeCompare(b.page.title); });
    return found.slice(0, 50);
  }

  function show(query) {
    var found = search(query);
    results.textContent = "";
    found.forEach(function (f) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = f.page.url;
      a.textContent = f.page.title;
      var about = document.createElement("p");
      about.className = "search-results__about";
      about.textContent = f.page.document ? f.page.document + ": " + f.page.snippet : f.page.snippet;
      li.appendChild(a);
      li.appendChild(about);
      results.appendChild(li);
    });
    var key = found.length === 0 ? "none" : found.length === 1 ? "one" : found.length === 50 ? "first" : "many";
    status.textContent = says(key)
      .replace("{count}", found.length)
      .replace("{query}", function () { return query; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    if (!query) return;
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    if (pages) { show(query); return; }
    status.textContent = says("searching");
    fetch(form.getAttribute("data-index"))
      .then(function (r) { return r.json(); })
      .then(function (data) { pages = data; show(query); })
      .catch(function () { status.textContent = says("failed"); });
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
  }
})();
