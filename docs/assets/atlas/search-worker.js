// The site search's worker: Material's own, given the full index once someone searches.
// atlas.build.search writes it as assets/javascripts/workers/atlas-search.js, after a first line
// that names Material's worker (ATLAS_MATERIAL_WORKER), and the pages name it
// (overrides/main.html). It runs as a Web Worker, or, in the offline copy opened from disk,
// in the iframe of the iframe-worker shim (there importScripts adds script elements and
// returns a promise; fetch cannot read a file).
//
// Material's page gives the worker the language's first index (search/search_index.json: one
// short entry per service page); Material's worker builds it and answers the queries. At the
// first query that is not empty, this file loads the full index (search/search_index.full.json,
// or .full.js from disk, named by the first index's config `atlas_full`), hands it to Material's
// worker as a second SETUP, keeps the READY that follows from the page, and answers the last
// query again: its results now come from the full index.
(function (root) {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2;
  var shim = typeof parent !== "undefined" && parent !== root && "IFrameWorker" in parent;
  // the worker's own address: under the shim, the iframe's first script
  var here = shim ? root.document.querySelector("script[src]").src : root.location.href;
  var state = { index: "first", query: "" };  // index: first → loading → full
  root.atlasSearch = state;  // read by the browser tests
  var setup = null;  // the page's SETUP: the first index's config, and options kept for the full one
  var upgrading = false;

  // each script once: Material's worker imports the lunr languages at each SETUP
  var importOnce = root.importScripts, imported = {};
  root.importScripts = function () {
    var fresh = Array.prototype.filter.call(arguments, function (url) {
      var known = imported[url];
      imported[url] = true;
      return !known;
    });
    if (fresh.length) { return importOnce.apply(root, fresh); }
    return shim ? Promise.resolve() : undefined;
  };

  // the READY of the full index stays here; the page already had one
  var post = root.postMessage;
  root.postMessage = function (message) {
    if (upgrading && message && message.type === READY) {
      upgrading = false;
      state.index = "full";
      if (state.query) { send({ type: QUERY, data: state.query }); }
      return;
    }
    post.apply(root, arguments);
  };

  function send(message) {
    root.dispatchEvent(new MessageEvent("message", { data: message }));
  }

  function loaded(index) {
    if (!index || !index.docs) { return; }
    upgrading = true;
    send({ type: SETUP, data: { config: index.config, docs: index.docs, options: setup.options }, atlas: true });
  }

  function loadFull() {
    var path = setup && setup.config && setup.config.atlas_full;
    if (!path || state.index !== "first") { return; }
    state.index = "loading";
    var url = new URL("../../../" + path, here);  // this file is in assets/javascripts/workers/
    var done = function (index) { loaded(index); };
    var failed = function (error) {
      state.index = "first";
      console.warn("Atlas: the full search index could not be loaded", error);
    };
    if (shim) {
      url.pathname = url.pathname.replace(/\.json$/, ".js");
      root.importScripts(url.href).then(function () { done(root.__index_full); }, failed);
    } else {
      fetch(url.href).then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + url.href); }
        return response.json();
      }).then(done, failed);
    }
  }

  // Registered before Material's listener: sees each message first.
  root.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.atlas) { return; }
    if (message.type === SETUP) {
      if (state.index === "full") {  // the page set up again: keep the full index
        event.stopImmediatePropagation();
        post.call(root, { type: READY });
        return;
      }
      setup = { config: message.data.config, options: message.data.options };  // not its entries
    } else if (message.type === QUERY) {
      state.query = String(message.data || "");
      if (state.query.trim()) { loadFull(); }
    }
  });

  root.importScripts(new URL(ATLAS_MATERIAL_WORKER, here).href);
})(self);
