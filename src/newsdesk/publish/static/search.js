/* newsdesk client-side search: loads search-index.js (which sets window.NEWSDESK_INDEX) and
   shows the stories whose title, description, topics or sources contain every word typed.
   No dependencies, no network beyond the site itself; works from file:// too. */
(function () {
  "use strict";
  var script = document.currentScript;
  var indexUrl = script && script.getAttribute("data-index") || "search-index.js";
  var input = document.getElementById("recherche-page-q");
  var list = document.getElementById("recherche-resultats");
  var status = document.getElementById("recherche-statut");
  var MAX_RESULTS = 50;
  if (!input || !list) { return; }

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function load(callback) {
    if (window.NEWSDESK_INDEX) { callback(window.NEWSDESK_INDEX); return; }
    var tag = document.createElement("script");
    tag.src = indexUrl;
    tag.onload = function () { callback(window.NEWSDESK_INDEX || []); };
    tag.onerror = function () { status.textContent = "L’index de recherche n’a pas pu être chargé."; };
    document.head.appendChild(tag);
  }
  function haystack(r) {
    if (!r._h) { r._h = fold([r.t, r.d, (r.k || []).join(" "), (r.s || []).join(" ")].join(" ")); }
    return r._h;
  }
  function render(records, query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = records.filter(function (r) {
      var h = haystack(r);
      return words.every(function (w) { return h.indexOf(w) !== -1; });
    });
    status.textContent = hits.length === 0 ? "Aucun résultat pour « " + query + " »."
      : hits.length + " résultat" + (hits.length > 1 ? "s" : "") + " pour « " + query + " ».";
    hits.slice(0, MAX_RESULTS).forEach(function (r) {
      var li = document.createElement("li");
      var h = document.createElement("h2");
      h.className = "card-title";
      var a = document.createElement("a");
      a.href = r.u;
      a.textContent = r.t;
      h.appendChild(a);
      var p = document.createElement("p");
      p.className = "card-text";
      p.textContent = r.d;
      var m = document.createElement("p");
      m.className = "meta";
      m.textContent = r.p + (r.s && r.s.length ? " · " + r.s.join(", ") : "");
      li.appendChild(h); li.appendChild(p); li.appendChild(m);
      list.appendChild(li);
    });
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  load(function (records) {
    render(records, input.value);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { render(records, input.value); }, 120);
    });
  });
})();
