// Atlas: small progressive enhancements; every page works without them.
(function () {
  "use strict";
  function init() {
    // Glossary abbreviations: reachable with the keyboard, so their full name shows on focus too.
    Array.prototype.forEach.call(document.querySelectorAll("abbr[title]"), function (abbr) {
      if (!abbr.hasAttribute("tabindex")) { abbr.setAttribute("tabindex", "0"); }
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
