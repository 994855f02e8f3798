/* Newsroom: fact boxes. Beside the text (wide screens) a box is always shown whole, so its
   <details> is open there, as assistive technology then says, and its summary, which opens
   nothing there, is no stop for the keyboard; on narrow screens each opens on demand. */
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".fact-box__details");
  if (!boxes.length) return;
  var wide = window.matchMedia("(min-width: 76.25em)");
  function fit() {
    boxes.forEach(function (box) {
      box.open = wide.matches;
      var head = box.querySelector("summary");
      if (wide.matches) head.setAttribute("tabindex", "-1");
      else head.removeAttribute("tabindex");
    });
  }
  wide.addEventListener("change", fit);
  fit();
})();

/* Newsroom: the archive's filters, enhanced. Without JavaScript each filter link opens the
   year's, topic's or product's own page; on the whole archive this filters the list in place,
   combines a year with a topic and a product, and keeps the choice in the address
   (?year=2017&topic=patents) so it can be shared and survives going back. */
(function () {
  "use strict";
  var archive = document.querySelector("[data-nr-archive]");
  var filters = document.querySelector(".nr-filters");
  if (!archive || !filters) return;
  var kinds = ["year", "topic", "product"];
  var status = filters.querySelector(".nr-filter__status");
  var chosen = {};

  function matches(entry, kind) {
    var value = chosen[kind];
    if (!value) return true;
    return (" " + (entry.getAttribute("data-" + kind) || "") + " ").indexOf(" " + value + " ") >= 0;
  }

  function apply() {
    var shown = 0;
    archive.querySelectorAll(".nr-year").forEach(function (section) {
      var visible = 0;
      section.querySelectorAll(".nr-entry").forEach(function (entry) {
        var keep = kinds.every(function (kind) { return matches(entry, kind); });
        entry.hidden = !keep;
        if (keep) visible += 1;
      });
      section.hidden = visible === 0;
      shown += visible;
    });
    filters.querySelectorAll("a[data-filter]").forEach(function (link) {
      var kind = link.getAttribute("data-filter");
      if ((chosen[kind] || "") === link.getAttribute("data-value")) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    var any = kinds.some(function (kind) { return chosen[kind]; });
    status.textContent = any ? shown + (shown === 1 ? " press release" : " press releases") : "";
  }

  function read() {
    var params = new URLSearchParams(window.location.search);
    kinds.forEach(function (kind) { chosen[kind] = params.get(kind) || ""; });
  }

  function write() {
    var params = new URLSearchParams();
    kinds.forEach(function (kind) { if (chosen[kind]) params.set(kind, chosen[kind]); });
    var query = params.toString();
    window.history.pushState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  filters.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-filter]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    chosen[link.getAttribute("data-filter")] = link.getAttribute("data-value");
    write();
    apply();
  });
  window.addEventListener("popstate", function () { read(); apply(); });
  read();
  apply();
})();
