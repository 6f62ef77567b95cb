// Atlas: small progressive enhancements; every page works without them.
(function () {
  "use strict";
  function init() {
    // Glossary abbreviations: reachable with the keyboard, so their full name shows on focus too.
    Array.prototype.forEach.call(document.querySelectorAll("abbr[title]"), function (abbr) {
      if (!abbr.hasAttribute("tabindex")) { abbr.setAttribute("tabindex", "0"); }
    });
    // The language switch lands on the twin page with the same query and fragment (the finder's
    // commune and filters, a heading): read at click time, since the finder changes the URL.
    Array.prototype.forEach.call(document.querySelectorAll(".md-select__link[hreflang]"), function (link) {
      if (link.dataset.atlasBase) { return; }
      link.dataset.atlasBase = link.getAttribute("href").split(/[?#]/)[0];
      function carry() { link.setAttribute("href", link.dataset.atlasBase + window.location.search + window.location.hash); }
      carry();
      link.addEventListener("click", carry);
      link.addEventListener("focus", carry);
      link.addEventListener("mouseenter", carry);
    });
    // "Print" buttons of the print views.
    Array.prototype.forEach.call(document.querySelectorAll("[data-atlas-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
