// The part of lunr that lunr-languages' stemmers need, so that the finder can stem the words
// typed with the Snowball stemmers Material already ships for its search
// (assets/javascripts/lunr/min/lunr.stemmer.support.min.js and lunr.<lang>.min.js, loaded after
// this file). Material's own lunr runs in its search worker and is not touched. The stop-word
// lists are kept, so that the finder can leave out "de", "het", "les", "des".
(function () {
  "use strict";
  if (window.lunr) { return; }
  window.lunr = {
    version: "2.3.9",
    Pipeline: { registerFunction: function () {} },
    generateStopWordFilter: function (list) {
      var filter = function (token) { return token; };
      filter.words = (list || []).slice();  // folded by match.js when first used
      return filter;
    }
  };
})();
