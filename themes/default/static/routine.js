// The "add to my routine" buttons on product cards and pages, and the
// reader's stored routine, which routine-builder.js (on /routine/) reads
// and writes too. No dependencies. Each button is a toggle: its label stays
// (a screen reader hears "pressed" once the product is in the routine) and
// its look changes; it is drawn in place, so nothing moves when this runs.
//
// The reader's products are kept as `<category>/<slug>` keys, joined by
// commas, in localStorage under the key the script element names (one per
// site, by its base path). Without JavaScript noscript.css hides the buttons.
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-storage]");
  if (!script) return;
  var STORAGE = script.getAttribute("data-storage");
  var KEY = /^[a-z0-9-]+\/[a-z0-9-]+$/;

  // Well-formed keys, each once, in their order.
  function valid(keys) {
    return keys.filter(function (k, i) { return KEY.test(k) && keys.indexOf(k) === i; });
  }
  function stored() {
    try {
      return valid((localStorage.getItem(STORAGE) || "").split(","));
    } catch (e) {
      return [];
    }
  }
  function store(keys) {
    try {
      localStorage.setItem(STORAGE, keys.join(","));
    } catch (e) {
      // Private browsing without storage: the address still holds the routine.
    }
  }
  window.__vialRoutine = { valid: valid, stored: stored, store: store };

  // Each button toggles its product in the stored routine.
  var buttons = document.querySelectorAll("button.routine-add[data-routine]");
  if (!buttons.length) return;
  function paint() {
    var keys = stored();
    buttons.forEach(function (button) {
      var inside = keys.indexOf(button.getAttribute("data-routine")) >= 0;
      button.setAttribute("aria-pressed", inside ? "true" : "false");
      button.classList.toggle("is-in", inside);
    });
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var keys = stored();
      var key = button.getAttribute("data-routine");
      var at = keys.indexOf(key);
      if (at >= 0) keys.splice(at, 1);
      else keys.push(key);
      store(keys);
      paint();
    });
  });
  // Another tab changed the routine.
  window.addEventListener("storage", paint);
  paint();
})();
