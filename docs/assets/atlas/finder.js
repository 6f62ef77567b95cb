// Atlas finder and referral sheet. Everything runs in the browser: the data comes from the
// site's own finder-data.js, the state lives in the URL, and the referral selection (service ids
// only) in this browser's localStorage. Nothing is sent anywhere.
(function () {
  "use strict";

  var STORAGE_KEY = "atlas-referral";
  // cards drawn at first and added by each "show more": 20 fill a screen or three; 50 cost a
  // keystroke's whole budget at 5,000 services (issue 16)
  var PAGE_SIZE = 20;
  var CARDS_KEPT = 1000;
  var URL_DELAY = 300;  // ms of no typing before the address follows (Finder.update)  // result cards kept for reuse (Finder.card) before they are made afresh
  var memoryStore = [];

  var match = window.AtlasMatch;  // match.js: folding, the place rule, the free-text match
  function fold(text) { return match.fold(text); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }
  // a text changed only when it differs: the same text set again still makes the browser lay out
  function setText(node, text) { if (node.textContent !== text) { node.textContent = text; } }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key] !== undefined ? values[key] : ""; });
  }
  function longDate(iso, lang) {
    try {
      return new Date(iso + "T12:00:00").toLocaleDateString(lang + "-BE", { day: "numeric", month: "long", year: "numeric" });
    } catch (e) { return iso; }
  }

  // ---- the referral selection: ids in localStorage, nothing else --------------------------------
  function readSelection() {
    try {
      var raw = window.localStorage.getItem(STORAGE_KEY);
      var ids = raw ? JSON.parse(raw) : [];
      return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (e) { return memoryStore.slice(); }
  }
  function writeSelection(ids) {
    memoryStore = ids.slice();
    try {
      if (ids.length) { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(ids)); }
      else { window.localStorage.removeItem(STORAGE_KEY); }
    } catch (e) { /* storage unavailable (private mode, file://): keep it in memory */ }
  }

  // ---- the finder's data, as atlas/exports/finder_data.py packed it (pack_services) -------------
  // One column per field (null where a service has none) and the services' words as one
  // vocabulary; read back once into one record per service, as the build meant it, each with the
  // numbers of its words in the vocabulary (wordIds). The finder and the referral sheet share it.
  function readFinderData(data) {
    if (data.services) { return data; }
    var columns = data.columns, keys = Object.keys(columns), lists = data.vocabulary.s, services = [];
    for (var i = 0; i < lists.length; i += 1) {
      var record = {};
      for (var k = 0; k < keys.length; k += 1) {
        var value = columns[keys[k]][i];
        if (value !== null) { record[keys[k]] = value; }
      }
      record.wordIds = match.decodeNumbers(lists[i]);
      services.push(record);
    }
    data.services = services;
    data.vocabulary = match.readVocabulary(data.vocabulary, data.lang);
    delete data.columns;
    return data;
  }

  // ---- areas: the same rules as atlas/areas.py ---------------------------------------------------
  // commune row: [nis, name, otherName, region, province, arrondissement, communityBits, postcodes, searchNames]
  function partCovers(part, c) {
    return (part.r && part.r.indexOf(c[3]) >= 0) ||
      (part.c && part.c.some(function (x) { return (c[6] & (1 << x)) !== 0; })) ||
      (part.p && part.p.indexOf(c[4]) >= 0) ||
      (part.a && part.a.indexOf(c[5]) >= 0) ||
      (part.m && part.m.indexOf(c[0]) >= 0) || false;
  }
  function covers(zone, c) {
    if (zone.x && partCovers(zone.x, c)) { return false; }
    return zone.n === 1 || partCovers(zone, c);
  }
  function locality(zone, c) {
    if (zone.m && zone.m.indexOf(c[0]) >= 0) { return 0; }
    if (zone.a && zone.a.indexOf(c[5]) >= 0) { return 1; }
    if (zone.p && zone.p.indexOf(c[4]) >= 0) { return 2; }
    if ((zone.r && zone.r.indexOf(c[3]) >= 0) || (zone.c && zone.c.some(function (x) { return (c[6] & (1 << x)) !== 0; }))) { return 3; }
    return 4;
  }

  // ---- the finder --------------------------------------------------------------------------------
  function Finder(root, data) {
    this.root = root;
    this.data = data;
    this.text = root.dataset;
    this.form = root.querySelector("form");
    this.communeInput = root.querySelector("#atlas-f-commune");
    this.communeState = root.querySelector("#atlas-f-commune-state");
    this.suggestions = root.querySelector("#atlas-f-suggestions");
    this.qInput = root.querySelector("#atlas-f-q");
    this.langSelect = root.querySelector("#atlas-f-lang");
    this.status = root.querySelector("#atlas-f-status");
    this.results = root.querySelector("#atlas-f-results");
    this.more = root.querySelector("#atlas-f-more");
    this.sheetBar = root.querySelector(".atlas-sheet-bar");
    this.commune = null;
    this.shown = PAGE_SIZE;
    this.coverage = null;  // the services that cover the chosen commune (covering())
    this.cards = {};  // result cards already drawn, by service and reach word (card())
    this.cardCount = 0;
    this.announceTimer = null;
    this.byNis = {};
    this.byPostcode = {};
    var self = this;
    data.communes.forEach(function (c) {
      self.byNis[c[0]] = c;
      c[7].split(" ").forEach(function (p) { (self.byPostcode[p] = self.byPostcode[p] || []).push(c); });
    });
    this.domainLabels = data.domains.map(function (d) { return d[1]; });
    root.querySelector(".atlas-nojs").hidden = true;
    this.form.hidden = false;
    this.sheetBar.hidden = false;
    this.bind();
    this.restore(new URLSearchParams(window.location.search));
    // The secondary filters stay folded, so that results come right under the commune field; their
    // summary says how many are in use ("2 filtres actifs").
    this.filterSummary = root.querySelector(".atlas-filter-summary");
    this.update(false);
  }

  Finder.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.communeInput.addEventListener("input", function () { self.resolveCommune(true); self.shown = PAGE_SIZE; self.update(false); });
    // Enter picks the first choice offered
    this.communeInput.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      var first = self.suggestions.hidden ? null : self.suggestions.querySelector("button");
      if (first) { event.preventDefault(); first.click(); }
    });
    this.qInput.addEventListener("input", function () { self.shown = PAGE_SIZE; self.update(false); });
    this.form.addEventListener("change", function (event) {
      if (event.target === self.communeInput || event.target === self.qInput) { return; }
      self.shown = PAGE_SIZE;
      self.update(true);
    });
    // "Clear the filters" clears the filters, not the commune the worker typed.
    this.root.querySelector(".atlas-clear-filters").addEventListener("click", function () {
      Array.prototype.forEach.call(self.form.querySelectorAll("input[name=domain], input[name=audience]"), function (box) { box.checked = false; });
      self.langSelect.value = "";
      self.qInput.value = "";
      self.shown = PAGE_SIZE;
      self.update(true);
    });
    this.more.addEventListener("click", function () {
      var first = self.shown;
      self.shown += PAGE_SIZE;
      self.render();
      // the keyboard goes on from the first card added, not from the button now below them all
      var link = self.results.children[first] && self.results.children[first].querySelector("h3 a");
      if (link) { link.focus(); }
    });
    this.results.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches("input[data-id]")) { return; }
      var ids = readSelection().filter(function (id) { return id !== box.dataset.id; });
      if (box.checked) { ids.push(box.dataset.id); }
      writeSelection(ids);
      self.renderSheetBar();
    });
    this.root.querySelector(".atlas-sheet-clear").addEventListener("click", function () {
      writeSelection([]);
      Array.prototype.forEach.call(self.results.querySelectorAll("input[data-id]"), function (box) { box.checked = false; });
      self.renderSheetBar();
    });
    window.addEventListener("popstate", function () {
      self.restore(new URLSearchParams(window.location.search));
      self.update(null);
    });
    window.addEventListener("storage", function () { self.render(); });
    // an address not yet written is written as soon as the worker does anything else than type:
    // leaves a field, presses on a link (the language switch reads the address), leaves the page
    function writePendingUrl() {
      if (self.urlTimer) { window.clearTimeout(self.urlTimer); self.urlTimer = null; self.writeUrl(false); }
    }
    this.form.addEventListener("focusout", writePendingUrl);
    document.addEventListener("pointerdown", writePendingUrl, true);
    window.addEventListener("pagehide", writePendingUrl);
  };

  // The place rule of atlas/data/places.py (match.js), on the table of places-data.js.
  Finder.prototype.place = function (query) {
    return window.ATLAS_PLACES ? match.resolvePlace(window.ATLAS_PLACES, query) : { status: "none", communes: [], places: [] };
  };

  Finder.prototype.resolveCommune = function (fromTyping) {
    var self = this;
    var query = this.communeInput.value;
    this.suggestions.textContent = "";
    this.suggestions.hidden = true;
    if (!fold(query)) { this.commune = null; this.communeState.textContent = ""; return; }
    if (this.commune && query === this.commune[1]) {  // a commune chosen from the list or the URL
      this.communeState.textContent = fill(this.text.communeChosen, { name: this.commune[1] + " (" + this.commune[7].replace(/ /g, ", ") + ")" });
      return;
    }
    var place = this.place(query);
    var lang = this.data.lang;
    var found = place.communes.map(function (nis) { return self.byNis[nis]; }).filter(Boolean);
    if (place.status === "selected" && found.length === 1) {
      this.commune = found[0];
      var note = match.describePlace(window.ATLAS_PLACES, place, lang);
      this.communeState.textContent = fill(this.text.communeChosen, { name: found[0][1] + " (" + found[0][7].replace(/ /g, ", ") + ")" }) + (note ? " " + note : "");
      return;
    }
    this.commune = null;
    if (!found.length) {
      this.communeState.textContent = fill(this.text.communeNone, { query: query });
      return;
    }
    this.communeState.textContent = this.text.communePick;
    if (!fromTyping) { return; }
    found.slice(0, 8).forEach(function (c, index) {
      var button = el("button", { type: "button", "class": "atlas-suggestion", text: match.choiceLabel(window.ATLAS_PLACES, place, index, lang) + " (" + c[7].replace(/ /g, ", ") + ")" });
      button.addEventListener("click", function () {
        self.communeInput.value = c[1];
        self.commune = c;
        self.suggestions.hidden = true;
        self.suggestions.textContent = "";
        self.communeState.textContent = fill(self.text.communeChosen, { name: c[1] + " (" + c[7].replace(/ /g, ", ") + ")" });
        self.shown = PAGE_SIZE;
        self.update(true);
        self.communeInput.focus();
      });
      self.suggestions.appendChild(el("li", {}, [button]));
    });
    this.suggestions.hidden = false;
  };

  Finder.prototype.checked = function (name) {
    return Array.prototype.map.call(this.form.querySelectorAll("input[name=" + name + "]:checked"), function (box) { return box.value; });
  };

  Finder.prototype.state = function () {
    var params = new URLSearchParams();
    if (this.commune) { params.set("commune", this.commune[0]); }
    else if (fold(this.communeInput.value)) { params.set("place", this.communeInput.value); }
    var domains = this.checked("domain"), audiences = this.checked("audience");
    if (domains.length) { params.set("domain", domains.join(",")); }
    if (audiences.length) { params.set("audience", audiences.join(",")); }
    if (this.langSelect.value) { params.set("lang", this.langSelect.value); }
    if (this.qInput.value.trim()) { params.set("text", this.qInput.value.trim()); }
    return params;
  };

  Finder.prototype.restore = function (params) {
    var nis = params.get("commune");
    this.commune = nis && this.byNis[nis] ? this.byNis[nis] : null;
    this.communeInput.value = this.commune ? this.commune[1] : (params.get("place") || "");
    this.resolveCommune(true);  // a place from the home page's form: its choices are offered
    var domains = (params.get("domain") || "").split(","), audiences = (params.get("audience") || "").split(",");
    Array.prototype.forEach.call(this.form.querySelectorAll("input[name=domain]"), function (box) { box.checked = domains.indexOf(box.value) >= 0; });
    Array.prototype.forEach.call(this.form.querySelectorAll("input[name=audience]"), function (box) { box.checked = audiences.indexOf(box.value) >= 0; });
    var lang = params.get("lang") || "";
    this.langSelect.value = Array.prototype.some.call(this.langSelect.options, function (o) { return o.value === lang; }) ? lang : "";
    this.qInput.value = params.get("text") || "";
  };

  // push: true = a new history entry (a choice), false = replace it (typing), null = leave the URL.
  // Typing writes the address once it pauses: history.replaceState blocked for up to 45 ms, a
  // keystroke's whole budget (issue 16), while the results need it for nothing.
  Finder.prototype.update = function (push) {
    var self = this;
    window.clearTimeout(this.urlTimer);
    this.urlTimer = null;
    if (push) {
      this.writeUrl(true);
    } else if (push === false) {
      this.urlTimer = window.setTimeout(function () { self.urlTimer = null; self.writeUrl(false); }, URL_DELAY);
    }
    this.matches = this.filter();
    this.render();
  };

  Finder.prototype.writeUrl = function (push) {
    var query = this.state().toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) { return; }
    try {
      if (push) { window.history.pushState(null, "", url); } else { window.history.replaceState(null, "", url); }
    } catch (e) { /* some browsers refuse history changes for file:// pages */ }
  };

  Finder.prototype.filter = function () {
    var c = this.commune;
    var domainIds = this.data.domains.map(function (d) { return d[0]; });
    var audienceIds = this.data.audiences.map(function (a) { return a[0]; });
    var domains = this.checked("domain").map(function (d) { return domainIds.indexOf(d); });
    var audiences = this.checked("audience").map(function (a) { return audienceIds.indexOf(a); });
    var lang = this.langSelect.value;
    var matches = match.textMatcher(this.qInput.value, this.data.lang, this.data.words, this.data.vocabulary);
    var found = [];
    // a place typed but not chosen: no national list passed off as an answer
    this.unresolved = Boolean(fold(this.communeInput.value)) && !c;
    if (this.unresolved) { return found; }
    var covering = this.covering();
    for (var i = 0; i < covering.length; i += 1) {
      var s = covering[i].s;
      if (domains.length && !s.d.some(function (d) { return domains.indexOf(d) >= 0; })) { continue; }
      if (audiences.length && !s.a.some(function (a) { return audiences.indexOf(a) >= 0; })) { continue; }
      if (lang && s.l.indexOf(lang) < 0) { continue; }
      var score = matches(s);
      if (!score) { continue; }
      found.push({ s: s, rank: covering[i].rank, score: score });
    }
    // most local first (issue 13), local offices before networks, then how well the words match
    // (the services whose own text has them), then by name in the page's language
    var order = this.nameOrder();
    found.sort(function (a, b) {
      return a.rank - b.rank || (a.s.nw || 0) - (b.s.nw || 0) || b.score - a.score || order[a.s.i] - order[b.s.i];
    });
    return found;
  };

  // The services that cover the chosen commune (all of them without one), each with how local it
  // is there: worked out when the commune changes, not at every keystroke.
  Finder.prototype.covering = function () {
    var c = this.commune, key = c ? c[0] : "";
    if (!this.coverage || this.coverage.key !== key) {
      var list = [];
      this.data.services.forEach(function (s) {
        if (!c || covers(s.z, c)) { list.push({ s: s, rank: c ? locality(s.z, c) : 0 }); }
      });
      this.coverage = { key: key, list: list };
    }
    return this.coverage.list;
  };

  // Each service's place in the A–Z order of names in the page's language (accents and case
  // ignored; equal names keep the data's order), worked out once rather than at every keystroke.
  Finder.prototype.nameOrder = function () {
    if (!this.byName) {
      var collator = new Intl.Collator(this.data.lang, { sensitivity: "base" });
      var order = {};
      this.data.services.slice().sort(function (a, b) { return collator.compare(a.n, b.n); })
        .forEach(function (s, index) { order[s.i] = index; });
      this.byName = order;
    }
    return this.byName;
  };

  // How local a result is, in plain words: for the chosen commune, or the service's own reach.
  Finder.prototype.reachWord = function (match) {
    var s = match.s, c = this.commune;
    if (!c) { return s.rw; }
    var words = ["commune", "arrondissement", "province", "region", "national"];
    if (match.rank === 3) { return s.z.r && s.z.r.indexOf(c[3]) >= 0 ? "region" : "community"; }
    return words[match.rank];
  };

  Finder.prototype.reachText = function (word) {
    return this.text["reach" + word.charAt(0).toUpperCase() + word.slice(1)] || "";
  };

  // What a worker acts on, as in the service page's "at a glance" block (atlas.site.facts).
  // atlas.site.facts.geo_href: Python's quote(safe="") is encodeURIComponent that also encodes !'()*
  function geoHref(geo, address) {
    var at = geo.indexOf("=") + 1;
    var encoded = encodeURIComponent(address).replace(/[!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
    return geo.slice(0, at) + encoded + geo.slice(at);
  }
  function cardFacts(s, text, cls, geo) {
    var facts = el("dl", { "class": cls });
    function row(term, children) {
      facts.appendChild(el("dt", { text: term }));
      facts.appendChild(el("dd", {}, children));
    }
    if (s.p) {
      var phones = [];
      s.p.forEach(function (phone, index) {
        if (index) { phones.push(el("br")); }
        phones.push(el("a", { "class": "atlas-tel", href: phone[1], text: phone[0] }));
        if (phone[2]) { phones.push(document.createTextNode(" "), el("span", { "class": "atlas-phone-label", text: phone[2] })); }
      });
      row(text.phone, phones);
    } else if (s.e) {
      row(text.email, s.e.map(function (email) { return el("a", { href: "mailto:" + email, text: email }); }));
    }
    row(text.how, [document.createTextNode(s.h)]);
    if (s.ad) { row(text.address, [el("a", { href: s.g || geoHref(geo, s.ad), title: text.map, text: s.ad })]); }
    if (s.ho) { row(text.hours, [document.createTextNode(s.ho)]); }
    return facts;
  }

  // One result card. A card depends only on its service and its reach word, so each one is made
  // once and kept: typing mostly shows cards already made, and the list keeps those already in
  // place (render()).
  Finder.prototype.card = function (match) {
    var self = this, s = match.s, reach = this.reachWord(match), key = s.i + " " + reach;
    var card = this.cards[key];
    if (card) { return card; }
    var box = el("input", { type: "checkbox", "data-id": s.i, id: "atlas-pick-" + s.i });
    var parts = [el("h3", {}, [el("a", { href: s.u || self.data.pages.join(s.i), text: s.n })])];
    if (s.nw) { parts.push(el("p", { "class": "atlas-network", text: self.text.network })); }
    parts.push(el("p", { "class": "atlas-card-what", text: s.f }));
    parts.push(cardFacts(s, self.text, "atlas-card-facts", self.data.geo));
    var meta = el("p", { "class": "atlas-dates" }, [el("span", { "class": "atlas-reach", text: self.reachText(reach) })]);
    if (s.dr) { meta.appendChild(document.createTextNode(" · " + s.dr)); }
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("span", { "class": "atlas-confirmed", text: s.dv }));
    parts.push(meta);
    parts.push(el("p", { "class": "atlas-result-pick" }, [box, el("label", { "for": "atlas-pick-" + s.i, text: " " + self.text.select })]));
    card = el("li", { "class": "atlas-result" + (s.nw ? " atlas-result-network" : "") }, parts);
    card.atlasBox = box;
    if (this.cardCount >= CARDS_KEPT) { this.cards = {}; this.cardCount = 0; }
    this.cards[key] = card;
    this.cardCount += 1;
    return card;
  };

  Finder.prototype.render = function () {
    var self = this;
    var selected = readSelection();
    var cards = this.matches.slice(0, this.shown).map(function (match) { return self.card(match); });
    // cards no longer shown go, cards already in place stay where they are (the browser lays out
    // again only what is added or moved), new ones are put in their place
    var list = this.results, wanted = new Set(cards);
    Array.prototype.slice.call(list.children).forEach(function (child) { if (!wanted.has(child)) { list.removeChild(child); } });
    cards.forEach(function (card, index) {
      var there = list.children[index];
      if (there !== card) { list.insertBefore(card, there || null); }
    });
    cards.forEach(function (card) {
      var checked = selected.indexOf(card.atlasBox.dataset.id) >= 0;
      if (card.atlasBox.checked !== checked) { card.atlasBox.checked = checked; }
    });
    this.more.hidden = this.matches.length <= this.shown;
    this.renderFilterSummary();
    this.renderSheetBar();
    this.announce();
  };

  Finder.prototype.renderFilterSummary = function () {
    if (!this.filterSummary) { return; }
    var count = this.checked("domain").length + this.checked("audience").length +
      (this.langSelect.value ? 1 : 0) + (this.qInput.value.trim() ? 1 : 0);
    setText(this.filterSummary, count === 0 ? "" : count === 1 ? this.text.filtersOne : fill(this.text.filtersMany, { count: count }));
  };

  Finder.prototype.announce = function () {
    var self = this;
    var count = this.matches.length;
    var message = this.unresolved ? this.text.communeUnresolved : count === 0 ? this.text.countNone : count === 1 ? this.text.countOne : fill(this.text.countMany, { count: count });
    // announce once typing pauses, so that a screen reader is not flooded at every keystroke
    window.clearTimeout(this.announceTimer);
    this.announceTimer = window.setTimeout(function () { self.status.textContent = message; }, 350);
    this.status.dataset.count = String(count);
  };

  Finder.prototype.renderSheetBar = function () {
    setText(this.sheetBar.querySelector(".atlas-sheet-count"), fill(this.text.sheetCount, { count: readSelection().length }));
  };

  // ---- the referral sheet ------------------------------------------------------------------------
  // One A4 page for the person: up to four services in plain words, each with its QR code (an SVG
  // the build made). The appointment and the note are typed here, printed, and never stored.
  var SHEET_MAX = 4;
  function Sheet(root, data) {
    this.root = root;
    this.data = data;
    this.text = root.dataset;
    root.querySelector(".atlas-nojs").hidden = true;
    root.querySelector(".atlas-referral-actions").hidden = false;
    this.printButton = root.querySelector(".atlas-sheet-print");
    var self = this;
    root.querySelector(".atlas-sheet-clear").addEventListener("click", function () { writeSelection([]); self.render(); });
    root.querySelector(".atlas-referral-list").addEventListener("click", function (event) {
      var id = event.target.getAttribute("data-remove");
      if (!id) { return; }
      writeSelection(readSelection().filter(function (x) { return x !== id; }));
      self.render();
    });
    [["appointment", "#atlas-sheet-appointment"], ["note", "#atlas-sheet-note"]].forEach(function (field) {
      var input = root.querySelector(field[1]);
      input.value = "";  // never restored by the browser either
      input.addEventListener("input", function () { self.personal(); });
    });
    window.addEventListener("storage", function () { self.render(); });
    var today = new Date();
    var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
    root.querySelector(".atlas-referral-date").textContent = fill(this.text.date, { date: longDate(iso, data.lang) });
    this.render();
  }

  // the typed appointment and note, mirrored into the sheet (only in this page's memory)
  Sheet.prototype.personal = function () {
    var root = this.root, any = false;
    ["appointment", "note"].forEach(function (name) {
      var value = root.querySelector("#atlas-sheet-" + name).value.trim();
      root.querySelector(".atlas-sheet-" + name + "-label").hidden = !value;
      var shown = root.querySelector(".atlas-sheet-" + name + "-value");
      shown.hidden = !value;
      shown.textContent = value;
      any = any || Boolean(value);
    });
    root.querySelector(".atlas-sheet-personal").hidden = !any;
  };

  Sheet.prototype.render = function () {
    var self = this, text = this.text;
    var byId = {};
    this.data.services.forEach(function (s) { byId[s.i] = s; });
    var chosen = readSelection().map(function (id) { return byId[id]; }).filter(Boolean);
    var list = this.root.querySelector(".atlas-referral-list");
    list.textContent = "";
    this.root.querySelector(".atlas-referral-empty").hidden = chosen.length > 0;
    this.root.querySelector(".atlas-sheet").hidden = chosen.length === 0;
    if (this.printButton) { this.printButton.disabled = chosen.length === 0; }
    var warning = this.root.querySelector(".atlas-referral-warning");
    warning.hidden = chosen.length <= SHEET_MAX;
    warning.textContent = chosen.length > SHEET_MAX ? text.tooMany : "";
    var colon = this.data.lang === "fr" ? "\u00a0: " : ": ";
    chosen.forEach(function (s) {
      var body = el("div", { "class": "atlas-sheet-body" }, [el("h3", { text: s.n })]);
      function line(term, children) {
        body.appendChild(el("p", {}, [el("strong", { text: term + colon })].concat(children)));
      }
      line(text.what, [document.createTextNode(s.f)]);
      if (s.nw) { body.appendChild(el("p", { "class": "atlas-sheet-network", text: text.network })); }
      if (s.p) {
        var phones = [];
        s.p.forEach(function (phone, index) {
          if (index) { phones.push(document.createTextNode(" · ")); }
          phones.push(el("a", { "class": "atlas-tel", href: phone[1], text: phone[0] }));
          if (phone[2]) { phones.push(document.createTextNode(" (" + phone[2] + ")")); }
        });
        line(text.phone, phones);
      }
      if (s.e && (!s.p || s.nw)) { line(text.email, [document.createTextNode(s.e[0])]); }
      if (s.ad) { line(text.address, [document.createTextNode(s.ad)]); }
      if (s.ho) { line(text.hours, [document.createTextNode(s.ho)]); }
      if (!s.ad && s.w) { line(text.website, [document.createTextNode(s.w.replace(/^https?:\/\//, "").replace(/\/$/, ""))]); }
      line(text.how, [document.createTextNode(s.h)]);
      body.appendChild(el("p", { "class": "atlas-referral-remove" }, [el("button", { type: "button", "class": "md-button", "data-remove": s.i, "aria-label": text.remove + " – " + s.n, text: text.remove })]));
      var qr = el("img", { "class": "atlas-sheet-qr", src: "qr/" + s.i + ".svg", alt: text.qr, width: "96", height: "96" });
      list.appendChild(el("li", { "class": "atlas-referral-item" }, [body, qr]));
    });
  };

  function init() {
    var data = window.ATLAS_FINDER && readFinderData(window.ATLAS_FINDER);
    var finder = document.getElementById("atlas-finder");
    if (finder && data && !finder.dataset.ready) { finder.dataset.ready = "1"; new Finder(finder, data); }
    var sheet = document.getElementById("atlas-referral");
    if (sheet && data && !sheet.dataset.ready) { sheet.dataset.ready = "1"; new Sheet(sheet, data); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
