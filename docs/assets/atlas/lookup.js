// Commune lookup on the commune index: as you type, shows the communes that the place rule of
// atlas/data/places.py gives (match.js, on the table of places-data.js): a name, a section, a
// commune merged in 2025, another language's name or a postcode. A selection reached through
// another name says why; when nothing matches it says so and shows no list. Enter opens the first
// commune shown. Without JavaScript the full list stays usable.
(function () {
  "use strict";
  function setup(box) {
    var data = window.ATLAS_PLACES, match = window.AtlasMatch;
    if (!data || !match || box.dataset.ready) { return; }
    box.dataset.ready = "1";
    var input = box.querySelector("input");
    var status = box.querySelector("[role=status]");
    var lang = box.getAttribute("data-lang") || "fr";
    var items = Array.prototype.slice.call(document.querySelectorAll(".atlas-communes li[data-nis]"));
    var lists = Array.prototype.slice.call(document.querySelectorAll(".atlas-communes"));
    var container = lists.length ? lists[0].parentNode : null;
    box.hidden = false;

    // A heading stays only while a commune under it is shown (no empty Region or province).
    function hideEmptyHeadings() {
      if (!container) { return; }
      var region = null, province = null, regionShown = false, provinceShown = false;
      function close(level) {
        if (level <= 3) {
          if (province) { province.hidden = !provinceShown; }
          province = null;
          provinceShown = false;
        }
        if (level <= 2) {
          if (region) { region.hidden = !regionShown; }
          region = null;
          regionShown = false;
        }
      }
      Array.prototype.forEach.call(container.children, function (node) {
        if (node.tagName === "H2" && node.closest(".atlas-lookup") === null) { close(2); region = node; }
        else if (node.tagName === "H3") { close(3); province = node; }
        else if (node.classList && node.classList.contains("atlas-communes")) {
          var shown = Array.prototype.some.call(node.children, function (li) { return !li.hidden; });
          node.hidden = !shown;
          if (shown) { provinceShown = true; regionShown = true; }
        }
      });
      close(2);
    }
    function update() {
      var query = input.value;
      var found = match.resolvePlace(data, query);
      var wanted = {};
      found.communes.forEach(function (nis) { wanted[nis] = true; });
      var shown = 0;
      items.forEach(function (item) {
        var visible = found.status === "empty" || Boolean(wanted[item.getAttribute("data-nis")]);
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      hideEmptyHeadings();
      if (found.status === "empty") { status.textContent = ""; return; }
      if (!shown) { status.textContent = match.fill(box.getAttribute("data-none"), { query: query.trim() }); return; }
      var count = shown === 1 ? box.getAttribute("data-count-one") : match.fill(box.getAttribute("data-count-template"), { count: shown });
      var note = match.describePlace(data, found, lang);
      status.textContent = count + (note ? " " + note : "");
    }
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      var first = items.filter(function (item) { return !item.hidden; })[0];
      if (first && input.value.trim()) { event.preventDefault(); first.querySelector("a").click(); }
    });
    if (input.value) { update(); }
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-atlas-lookup]"), setup);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
