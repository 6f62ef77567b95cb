// Folding and stemming for Material's site search. atlas.build.search appends match.js and this
// file to the lunr-languages stemmer support that Material's search worker loads before its
// language (assets/javascripts/lunr/min/lunr.stemmer.support.min.js), in the served site and in
// the offline copy alike. In a page (the finder) lunr is Atlas's stand-in without a Builder:
// nothing happens there.
//
// Material searches each word typed as a prefix ("logement" → "logement*"), and lunr does not
// run its pipeline on such a word: neither folding nor stemming would apply. So:
//  - the index holds each word folded (atlas/text/folding.py's rule: déchéance → decheance,
//    œuvre → oeuvre, l’emploi → emploi, re-integratie → reintegratie and re + integratie) and,
//    next to it, its Snowball stem (logements → log; a Dutch stem ends voiceless: thuislozen →
//    thuislos, as thuisloos), and in Dutch the words an elliptic compound stands for ("dak- en
//    thuislozen": daklozen…);
//  - each word typed is looked up twice, as the prefix of a folded word and as a stem (the query
//    pipeline folds and stems it): "logements" finds "logement", "decheance" finds "déchéance".
// A word thus stands under several terms at one position; each result lists each position once,
// or Material's highlighter would wrap the word in <mark> once per term (atlasDistinctPositions).
(function (root) {
  "use strict";
  var lunr = root.lunr, match = root.AtlasMatch;
  if (!lunr || !lunr.Builder || !lunr.Query || !match || lunr.atlasFold) { return; }

  // a word becomes its folded words: hyphenated ones both joined and split
  lunr.atlasFold = function (token) {
    var words = match.words(String(token));
    if (!words.length) { return undefined; }
    return words.map(function (word) { return token.clone(function () { return word; }); });
  };
  lunr.Pipeline.registerFunction(lunr.atlasFold, "atlasFold");

  // the index keeps the folded word and adds its stem (one function per stemmer: the worker
  // builds a second index, the full one, with the same stemmer)
  function keepAndStem(stemmer) {
    if (stemmer.atlasKeepAndStem) { return stemmer.atlasKeepAndStem; }
    var fn = function (token) {
      var stemmed = stemmer(token.clone());
      return String(stemmed) === String(token) ? token : [token, stemmed];
    };
    lunr.Pipeline.registerFunction(fn, "atlasStem-" + (stemmer.label || "stemmer"));
    stemmer.atlasKeepAndStem = fn;
    return fn;
  }

  // lunr-languages' trimmer keeps only its language's letters: it would cut a postcode (1080)
  // or a number out of the index. The fold has already reduced a word to letters and digits;
  // this one keeps the digits too (one function per language, as keepAndStem).
  function keepDigits(trimmer) {
    var lang = (trimmer.label || "").slice("trimmer-".length);
    var chars = lunr[lang] && lunr[lang].wordCharacters;
    if (!chars || !lunr.trimmerSupport) { return trimmer; }
    if (!trimmer.atlasKeepDigits) {
      trimmer.atlasKeepDigits = lunr.trimmerSupport.generateTrimmer(chars + "0-9");
      lunr.Pipeline.registerFunction(trimmer.atlasKeepDigits, "atlasTrimmer-" + lang);
    }
    return trimmer.atlasKeepDigits;
  }

  // A Dutch stem ends voiceless (match.js's stemEnd, atlas.text.folding.dutch_stem_end): the
  // index and the query both stem through this (thuislozen and thuisloos: thuislos). The other
  // languages' stemmers stay as they are.
  function voiceless(stemmer) {
    var lang = (stemmer.label || "").slice("stemmer-".length);
    if (lang !== "nl") { return stemmer; }
    if (!stemmer.atlasVoiceless) {
      var fn = function (token) {
        var stemmed = stemmer(token);
        return stemmed && stemmed.update ? stemmed.update(function (word) { return match.stemEnd(String(word), lang); }) : stemmed;
      };
      lunr.Pipeline.registerFunction(fn, "atlasVoiceless-" + lang);
      stemmer.atlasVoiceless = fn;
    }
    return stemmer.atlasVoiceless;
  }

  // Dutch elliptic compounds, in the index only: "dak- en thuislozen" is also indexed as the
  // words it stands for (daklozen…: match.js's ellipticAt), at the position of "dak-", so that a
  // result shows and highlights the text as written. Runs first, on the tokens as cut.
  lunr.atlasElliptic = function (token, position, tokens) {
    var more = tokens ? match.ellipticAt(tokens, position) : [];
    if (!more.length) { return token; }
    return [token].concat(more.map(function (word) { return token.clone(function () { return word; }); }));
  };
  lunr.Pipeline.registerFunction(lunr.atlasElliptic, "atlasElliptic");

  // Material calls builder.use(lunr.<lang>) first: the fold goes before that language's steps.
  var use = lunr.Builder.prototype.use;
  lunr.Builder.prototype.use = function () {
    use.apply(this, arguments);
    var stack = this.pipeline._stack, dutch = false;
    for (var i = 0; i < stack.length; i += 1) {
      if (/^stemmer-nl$/.test(stack[i].label || "")) { dutch = true; }
      if (/^stemmer/.test(stack[i].label || "")) { stack[i] = keepAndStem(voiceless(stack[i])); }
      if (/^trimmer-/.test(stack[i].label || "")) { stack[i] = keepDigits(stack[i]); }
    }
    var query = this.searchPipeline._stack;
    for (var j = 0; j < query.length; j += 1) {
      if (/^stemmer/.test(query[j].label || "")) { query[j] = voiceless(query[j]); }
    }
    [this.pipeline, this.searchPipeline].forEach(function (pipeline) {
      if (pipeline._stack.indexOf(lunr.atlasFold) < 0) { pipeline._stack.unshift(lunr.atlasFold); }
    });
    if (dutch && stack.indexOf(lunr.atlasElliptic) < 0) { stack.unshift(lunr.atlasElliptic); }
  };

  // a hyphenated word typed stays whole, as in the index (Material splits the query on its own
  // separator first, which Atlas sets to spaces: atlas.build.search.SEPARATOR)
  lunr.QueryLexer.termSeparator = /[\s\u00a0]+/;

  // Material highlights a result by wrapping in <mark> the word at each position that the
  // result's match data lists, once per time it is listed. Atlas indexes a word under several
  // terms that share its position (folded, joined and split at hyphens, its stem), and looks each
  // word typed up as a prefix and as a stem: "wonen" matches the terms wonen and won, both at the
  // same position. Wrapped twice, the second <mark> went inside the first one's tag
  // (<mark><mark</mark>>Wonen</mark>, shown as ">Wonen"). So each position of a field is kept
  // once, under the first term that has it; every term stays (Material shows the terms a result
  // lacks). New objects throughout: lunr shares some of these arrays with its index.
  lunr.atlasDistinctPositions = function (metadata) {
    var seen = Object.create(null), out = Object.create(null);
    Object.keys(metadata).forEach(function (term) {
      out[term] = Object.create(null);
      Object.keys(metadata[term]).forEach(function (field) {
        var kept = seen[field] || (seen[field] = Object.create(null));
        var data = metadata[term][field], copy = Object.create(null);
        Object.keys(data).forEach(function (key) { copy[key] = data[key]; });
        if (Array.isArray(data.position)) {
          copy.position = data.position.filter(function (position) {
            var key = JSON.stringify(position);
            if (kept[key]) { return false; }
            kept[key] = true;
            return true;
          });
        }
        out[term][field] = copy;
      });
    });
    return out;
  };

  // Does the index searched hold a word starting with `word`? (sorted terms, binary search)
  var current = null;
  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function () {
    current = this;
    try {
      return search.apply(this, arguments).map(function (result) {
        result.matchData.metadata = lunr.atlasDistinctPositions(result.matchData.metadata);
        return result;
      });
    } finally { current = null; }
  };
  function seek(word) {
    var terms = current.atlasTerms || (current.atlasTerms = Object.keys(current.invertedIndex).sort());
    var low = 0, high = terms.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (terms[mid] < word) { low = mid + 1; } else { high = mid; }
    }
    return low < terms.length ? terms[low] : "";
  }
  function indexed(word) { return !current || seek(word).indexOf(word) === 0; }
  // The stems of the index that the stem of a word typed starts with, one or two letters shorter
  // (Snowball's Dutch keeps gevangenissen → gevangeniss apart from gevangenis).
  function shorterStems(word) {
    if (!current) { return []; }
    return current.pipeline.runString(word).reduce(function (found, stemmed) {
      for (var cut = 1; cut <= 2; cut += 1) {
        var shorter = stemmed.slice(0, -cut);
        if (shorter.length >= 5 && seek(shorter) === shorter) { found.push(shorter); }
      }
      return found;
    }, []);
  }
  // A hyphenated word typed is looked up whole (re-integratie = reintegratie) or, when the site
  // never writes it whole, as its parts (sans-abri = sans abri).
  function typedWords(term) {
    var joined = match.fold(term).split(" ").filter(Boolean);
    if (joined.every(indexed)) { return joined; }
    return match.foldParts(term).split(" ").filter(Boolean);
  }

  // each word typed: the prefix of a folded word, or (through the query pipeline) a stem
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (spec) {
    var term = spec && typeof spec.term === "string" ? spec.term : null;
    if (term === null || spec.usePipeline !== false || !/\*$/.test(term) || /^\*/.test(term)) {
      return clause.call(this, spec);
    }
    var folded = typedWords(term.slice(0, -1));
    if (!folded.length) { return this; }
    var self = this;
    folded.forEach(function (word) {
      var prefix = {};
      Object.keys(spec).forEach(function (key) { prefix[key] = spec[key]; });
      prefix.term = word + "*";
      clause.call(self, prefix);
      if (spec.presence === undefined || spec.presence === lunr.Query.presence.OPTIONAL) {
        var stemmed = { term: word, usePipeline: true };
        if (spec.fields) { stemmed.fields = spec.fields; }
        if (spec.boost !== undefined) { stemmed.boost = spec.boost; }
        clause.call(self, stemmed);
        shorterStems(word).forEach(function (shorter) {
          var near = { term: shorter, usePipeline: false };
          if (spec.fields) { near.fields = spec.fields; }
          clause.call(self, near);
        });
      }
    });
    return this;
  };
})(typeof window !== "undefined" ? window : self);
