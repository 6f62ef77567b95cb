// Atlas matching rules for the browser: the same folding as atlas/text/folding.py, the place rule
// of atlas/data/places.py applied to the table that the build writes (places-data.js), and the
// finder's free-text match with lunr-languages' Snowball stemmer. The browser only reads data
// that Python built; tests/browser checks that both sides give the same answers.
(function (root) {
  "use strict";

  var SPELLED = {
    "\u0153": "oe", "\u0152": "oe", "\u00e6": "ae", "\u00c6": "ae", "\u00df": "ss", "\u1e9e": "ss",
    "\u00f8": "o", "\u00d8": "o", "\u0111": "d", "\u0110": "d", "\u0142": "l", "\u0141": "l", "\u0131": "i",
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u00ad": ""
  };
  var SPELLED_RE = new RegExp("[" + Object.keys(SPELLED).join("") + "]", "g");
  var MARKS = /[\u0300-\u036f]/g;
  var ELISION = /(?<![\p{L}\p{N}])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=\p{L})/gu;
  var INNER = /(?<=[\p{L}\p{N}])['-](?=[\p{L}\p{N}])/gu;
  var OTHER = /[^\p{L}\p{N}]+/gu;
  var SAINTS = { saint: 1, sainte: 1, sint: 1, st: 1, ste: 1, sts: 1 };

  function fold(text) {
    var out = String(text === undefined || text === null ? "" : text)
      .replace(SPELLED_RE, function (c) { return SPELLED[c]; }).toLowerCase();
    out = out.normalize("NFKD").replace(MARKS, "");
    return out.replace(ELISION, "").replace(INNER, "").replace(OTHER, " ").trim();
  }
  function foldParts(text) {
    return fold(String(text === undefined || text === null ? "" : text).replace(/[-\u2010\u2011]/g, " "));
  }
  function unique(list) {
    return list.filter(function (item, index) { return item && list.indexOf(item) === index; });
  }
  function words(text) {
    return unique(fold(text).split(" ").concat(foldParts(text).split(" ")));
  }
  function placeKey(text) {
    return fold(String(text === undefined || text === null ? "" : text).replace(/[-.'\u2019\u2010\u2011]/g, " "))
      .split(" ").filter(Boolean).map(function (part) { return SAINTS[part] ? "st" : part; }).join("");
  }

  // ---- stemming: lunr-languages' Snowball stemmers, loaded by the page after stemmer.js ---------
  function stemmer(lang) {
    var lunr = root.lunr;
    return lunr && lunr[lang] && typeof lunr[lang].stemmer === "function" ? lunr[lang].stemmer : null;
  }
  // A Dutch stem ends voiceless (atlas.text.folding.dutch_stem_end): thuisloz → thuislos, so that
  // thuislozen meets thuisloos; huiz → huis, briev → brief. Only a last letter that is not doubled.
  function stemEnd(found, lang) {
    var n = found.length, last = found.charAt(n - 1);
    if (lang !== "nl" || n <= 2 || found.charAt(n - 2) === last) { return found; }
    if (last === "z") { return found.slice(0, -1) + "s"; }
    if (last === "v") { return found.slice(0, -1) + "f"; }
    return found;
  }
  function stem(word, lang) {
    var fn = stemmer(lang);
    return fn ? stemEnd(String(fn(word)), lang) : word;
  }

  // ---- Dutch elliptic compounds: atlas.text.folding.elliptic_at ------------------------------
  // "dak- en thuislozen" stands for daklozen and thuislozen: the modifier (dak) + every end of the
  // compound that completes it, of at least ELLIPTIC_MIN letters, leaving as many before it. For
  // the indexes only (the finder's words are built in Python; search-fold.js adds these as it
  // indexes the site search). `tokens`: strings or lunr tokens, as the site search cuts a text.
  var TOKENS = /[\s\u00a0\u2000-\u200b\u2014\u2013/]+/;
  var MODIFIER = /^[^\p{L}\p{N}]*(\p{L}+)-,?$/u;
  var LETTERS = /^\p{L}+$/u;
  var CONNECTORS = { en: true, of: true };
  var ELLIPTIC_MIN = 3;
  function modifierWord(token) {
    var found = MODIFIER.exec(String(token));
    return found ? fold(found[1]) : "";
  }
  function ellipticAt(tokens, position) {
    var first = modifierWord(tokens[position]);
    if (!first) { return []; }
    var at = position + 1;
    while (at < tokens.length && modifierWord(tokens[at])) { at += 1; }
    var connectors = 0;
    while (at < tokens.length && connectors < 2 && CONNECTORS[fold(tokens[at])] === true) { at += 1; connectors += 1; }
    if (!connectors || at >= tokens.length) { return []; }
    var whole = fold(tokens[at]).split(" ")[0];
    if (!LETTERS.test(whole)) { return []; }
    var out = [];
    for (var cut = ELLIPTIC_MIN; cut <= whole.length - ELLIPTIC_MIN; cut += 1) { out.push(first + whole.slice(cut)); }
    return out;
  }
  function ellipticWords(text) {
    var tokens = String(text === undefined || text === null ? "" : text).split(TOKENS).filter(Boolean), out = [];
    for (var i = 0; i < tokens.length; i += 1) { out = out.concat(ellipticAt(tokens, i)); }
    return unique(out);
  }
  function isStopWord(word, lang) {
    var lunr = root.lunr;
    var filter = lunr && lunr[lang] && lunr[lang].stopWordFilter;
    if (!filter || !filter.words) { return false; }
    if (!filter.folded) {
      filter.folded = {};
      filter.words.forEach(function (w) { filter.folded[fold(w)] = true; });
    }
    return Boolean(filter.folded[word]);
  }

  // ---- places: the rule of atlas/data/places.py ------------------------------------------------
  // data.places: [key, nis, rank, name], rank 0 commune, 1 name (other language), 2 former, 3 section
  function prepare(data) {
    if (data.byKey) { return data; }
    data.byKey = {};
    data.ofCommune = {};
    data.places.forEach(function (p) {
      (data.byKey[p[0]] = data.byKey[p[0]] || []).push(p);
      (data.ofCommune[p[1]] = data.ofCommune[p[1]] || []).push(p);
    });
    data.postcodeList = Object.keys(data.postcodes).sort();
    return data;
  }
  function compare(a, b) {
    return a[2] - b[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  }
  function bestPerCommune(list) {
    var best = {};
    list.forEach(function (p) {
      var current = best[p[1]];
      if (!current || p[2] < current[2] || (p[2] === current[2] && p[0] < current[0])) { best[p[1]] = p; }
    });
    return Object.keys(best).map(function (nis) { return best[nis]; }).sort(compare);
  }
  function ownKey(data, nis) {
    var keys = data.ofCommune[nis].filter(function (p) { return p[2] === 0; }).map(function (p) { return p[0]; }).sort();
    return keys[0] || "";
  }
  function result(status, communes, places, postcode) {
    return { status: status, communes: communes || [], places: places || [], postcode: postcode || null };
  }
  function byPostcode(data, digits, rest) {
    if (digits.length < 4) {
      if (rest) { return result("none"); }
      var firsts = {};
      data.postcodeList.forEach(function (pc) {
        if (pc.indexOf(digits) === 0) {
          data.postcodes[pc].forEach(function (nis) { if (!(nis in firsts)) { firsts[nis] = pc; } });
        }
      });
      var ordered = Object.keys(firsts).sort(function (a, b) {
        var ka = [firsts[a], ownKey(data, a), a], kb = [firsts[b], ownKey(data, b), b];
        for (var i = 0; i < 3; i += 1) { if (ka[i] !== kb[i]) { return ka[i] < kb[i] ? -1 : 1; } }
        return 0;
      });
      if (!ordered.length) { return result("none"); }
      return result("choices", ordered, ordered.map(function () { return null; }));
    }
    var owners = (data.postcodes[digits] || []).slice();
    if (!owners.length) { return result("none", [], [], digits); }
    var key = placeKey(rest);
    if (key) {
      var narrowed = owners.filter(function (nis) {
        return (data.ofCommune[nis] || []).some(function (p) { return p[0].indexOf(key) >= 0; });
      });
      if (narrowed.length) { owners = narrowed; }
    }
    var nulls = owners.map(function () { return null; });
    return result(owners.length === 1 ? "selected" : "choices", owners, nulls, digits);
  }
  function byName(data, key) {
    if (!key) { return result("none"); }
    var exact = bestPerCommune(data.byKey[key] || []);
    if (exact.length === 1) { return result("selected", [exact[0][1]], exact); }
    if (exact.length) { return result("choices", exact.map(function (p) { return p[1]; }), exact); }
    var starts = bestPerCommune(data.places.filter(function (p) { return p[0].indexOf(key) === 0; }));
    var seen = {};
    starts.forEach(function (p) { seen[p[1]] = true; });
    var contains = bestPerCommune(data.places.filter(function (p) { return p[0].indexOf(key) >= 0; }))
      .filter(function (p) { return !seen[p[1]]; });
    var found = starts.concat(contains);
    if (!found.length) { return result("none"); }
    return result("choices", found.map(function (p) { return p[1]; }), found);
  }
  function resolvePlace(data, query) {
    prepare(data);
    var folded = fold(query);
    if (!folded) { return result("empty"); }
    var first = /^(?:b ?)?([0-9]{1,4})(?: (.+))?$/.exec(folded);
    if (first) { return byPostcode(data, first[1], first[2] || ""); }
    var last = /^(.*[^0-9 ]) ([0-9]{4})$/.exec(folded);
    if (last) { return byPostcode(data, last[2], last[1]); }
    return byName(data, placeKey(query));
  }
  function communeName(data, nis, lang) {
    var c = data.communes[nis];
    return c ? (lang === "nl" ? c[1] : c[0]) : nis;
  }
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (_, key) { return values[key] !== undefined ? values[key] : ""; });
  }
  // The sentence that explains a selection reached through another name ("" for its own name).
  function describePlace(data, found, lang) {
    if (found.status !== "selected") { return ""; }
    var labels = data.labels[lang];
    var commune = communeName(data, found.communes[0], lang);
    if (found.postcode) { return fill(labels["via.postcode"], { postcode: found.postcode, commune: commune }); }
    var place = found.places[0];
    if (!place || place[2] === 0) { return ""; }
    return fill(labels["via." + data.kinds[place[2]]], { place: place[3], commune: commune });
  }
  // How a choice reads: "Hasselt (ancienne commune Kortessem)", or the commune's name.
  function choiceLabel(data, found, index, lang) {
    var nis = found.communes[index], place = found.places[index];
    var commune = communeName(data, nis, lang);
    if (!place || place[2] === 0 || placeKey(place[3]) === placeKey(commune)) { return commune; }
    return fill(data.labels[lang]["choice." + data.kinds[place[2]]], { place: place[3], commune: commune });
  }

  // ---- the finder's free text ------------------------------------------------------------------
  // The words typed, folded; short words and stop words are left out when longer ones remain.
  function queryWords(text, lang) {
    var all = unique(fold(text).split(" "));
    var kept = all.filter(function (w) { return w.length > 2 && !isStopWord(w, lang); });
    return kept.length ? kept : all;
  }
  // An index ({s: folded words, k: stems}) has a word typed when one of its words starts with it,
  // or has its stem, or a stem one or two letters shorter that starts its stem (Snowball's Dutch
  // keeps gevangenissen → gevangeniss apart from gevangenis).
  // Each index is split once, on first use, not at every keystroke.
  var own = Object.prototype.hasOwnProperty;
  function prepareIndex(index) {
    if (!index.words) {
      index.words = " " + (index.s || "") + " ";
      index.stemSet = {};
      (index.k || "").split(" ").forEach(function (k) { if (k) { index.stemSet[k] = true; } });
    }
    return index;
  }
  function has(index, term) {
    prepareIndex(index);
    if (index.words.indexOf(" " + term.word) >= 0 || own.call(index.stemSet, term.stem)) { return true; }
    // a stem of 5 letters or more that starts the typed word's stem, at most 2 letters shorter:
    // at most 3 look-ups rather than a scan of the index's stems
    for (var n = Math.max(5, term.stem.length - 2); n < term.stem.length; n += 1) {
      if (own.call(index.stemSet, term.stem.slice(0, n))) { return true; }
    }
    return false;
  }
  // ---- the finder's vocabulary: atlas/exports/finder_data.py (pack_services) ----------------
  // Every distinct word of the services' indexes once ("w", the most frequent first), each word's
  // stem ("c": letters to cut from the word, the end then made voiceless in Dutch (stemEnd); or
  // the stem itself), and each service's word numbers ("s": ascending, as gaps in base 32: a digit
  // of DIGITS ends a number, one of MORE_DIGITS says more digits follow, most significant first).
  var DIGITS = "0123456789abcdefghijklmnopqrstuv";
  var MORE_DIGITS = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT_VALUE = {};
  for (var d = 0; d < 32; d += 1) { DIGIT_VALUE[DIGITS.charCodeAt(d)] = d; DIGIT_VALUE[MORE_DIGITS.charCodeAt(d)] = 32 + d; }
  function decodeNumbers(text) {
    var numbers = [], value = 0, previous = -1;
    for (var i = 0; i < text.length; i += 1) {
      var digit = DIGIT_VALUE[text.charCodeAt(i)];
      if (digit >= 32) { value = value * 32 + digit - 32; continue; }
      previous += value * 32 + digit + 1;
      numbers.push(previous);
      value = 0;
    }
    return numbers;
  }
  function readVocabulary(packed, lang) {
    var words = packed.w ? packed.w.split(" ") : [];
    var stems = words.map(function (word, i) {
      var code = packed.c[i];
      return typeof code === "number" ? stemEnd(word.slice(0, word.length - code), lang) : code;
    });
    var byStem = new Map();
    stems.forEach(function (s, i) {
      if (!byStem.has(s)) { byStem.set(s, []); }
      byStem.get(s).push(i);
    });
    return { words: words, stems: stems, byStem: byStem };
  }
  // The words of the vocabulary that have a term, by the rule of has(): the word starts with it,
  // or its stem is the term's stem, or its stem (5 letters or more, at most 2 fewer) starts the
  // term's stem. One pass over the vocabulary per term typed, not one per service.
  function vocabularyHits(vocabulary, term) {
    var words = vocabulary.words, hits = new Uint8Array(words.length);
    for (var i = 0; i < words.length; i += 1) {
      if (words[i].lastIndexOf(term.word, 0) === 0) { hits[i] = 1; }
    }
    function mark(ids) { (ids || []).forEach(function (id) { hits[id] = 1; }); }
    mark(vocabulary.byStem.get(term.stem));
    for (var n = Math.max(5, term.stem.length - 2); n < term.stem.length; n += 1) {
      mark(vocabulary.byStem.get(term.stem.slice(0, n)));
    }
    return hits;
  }
  function anyHit(ids, hits) {
    for (var i = 0; i < ids.length; i += 1) { if (hits[ids[i]]) { return true; } }
    return false;
  }

  // The finder's free text: a score for a service (0: no match). Every word typed must be in the
  // service's own texts (2 points) or in the words of one of its domains or audiences (1 point).
  // A service's own texts are its word numbers in `vocabulary` (service.wordIds) when given, else
  // its own index ({s, k}).
  function textMatcher(text, lang, words, vocabulary) {
    var terms = queryWords(text, lang).map(function (w) { return { word: w, stem: stem(w, lang) }; });
    // whether a domain's or an audience's words have a term: worked out once per keystroke
    var viaD = terms.map(function (term) { return words ? words.d.map(function (index) { return Boolean(index && has(index, term)); }) : []; });
    var viaA = terms.map(function (term) { return words ? words.a.map(function (index) { return Boolean(index && has(index, term)); }) : []; });
    var hits = vocabulary ? terms.map(function (term) { return vocabularyHits(vocabulary, term); }) : null;
    return function (service) {
      if (!terms.length) { return 1; }
      var score = 0;
      for (var i = 0; i < terms.length; i += 1) {
        if (hits && service.wordIds ? anyHit(service.wordIds, hits[i]) : has(service, terms[i])) { score += 2; continue; }
        var d = viaD[i], a = viaA[i];
        var viaTerm = words && ((service.d || []).some(function (x) { return d[x]; }) ||
          (service.a || []).some(function (x) { return a[x]; }));
        if (!viaTerm) { return 0; }
        score += 1;
      }
      return score;
    };
  }

  root.AtlasMatch = {
    fold: fold, foldParts: foldParts, words: words, placeKey: placeKey, stem: stem, stemEnd: stemEnd,
    ellipticAt: ellipticAt, ellipticWords: ellipticWords,
    resolvePlace: resolvePlace, describePlace: describePlace, choiceLabel: choiceLabel, communeName: communeName,
    queryWords: queryWords, textMatcher: textMatcher, prepareIndex: prepareIndex, fill: fill,
    decodeNumbers: decodeNumbers, readVocabulary: readVocabulary
  };
})(typeof window !== "undefined" ? window : self);  // self: Material's search worker (search-fold.js)
