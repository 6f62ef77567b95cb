// Commune lookup on the commune index: filters the list as you type, by name (FR/NL, accents and
// case ignored) or postcode. Without JavaScript the full list stays usable.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }
  function setup(box) {
    var input = box.querySelector("input");
    var status = box.querySelector("[role=status]");
    var items = Array.prototype.slice.call(document.querySelectorAll(".atlas-communes li"));
    var template = box.getAttribute("data-count-template") || "{count}";
    box.hidden = false;
    input.addEventListener("input", function () {
      var query = fold(input.value);
      var shown = 0;
      items.forEach(function (item) {
        var match = !query ||
          item.getAttribute("data-postcodes").split(" ").some(function (p) { return p.indexOf(query) === 0; }) ||
          item.getAttribute("data-names").split("|").some(function (n) { return n.indexOf(query) !== -1; });
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = query ? template.replace("{count}", String(shown)) : "";
    });
  }
  function init() {
    var boxes = document.querySelectorAll("[data-atlas-lookup]");
    Array.prototype.forEach.call(boxes, setup);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
