/* 适老化与无障碍：字号、高对比度、长者模式。
   Loaded in <head> without defer, so the visitor's choices are on <html> before the page is painted (no flash);
   the buttons ([data-pref]) are wired once the document is parsed. Choices stay in localStorage, no login. */
(function () {
  "use strict";
  var KEY = "portal-preferences";
  var SIZES = ["standard", "large", "xlarge"];
  var root = document.documentElement;

  function load() {
    var stored = {};
    try {
      stored = JSON.parse(window.localStorage.getItem(KEY)) || {};
    } catch (error) {
      stored = {};
    }
    var prefersContrast = window.matchMedia && window.matchMedia("(prefers-contrast: more)").matches;
    return {
      size: SIZES.indexOf(stored.size) >= 0 ? stored.size : "standard",
      contrast: typeof stored.contrast === "boolean" ? stored.contrast : Boolean(prefersContrast),
      elder: stored.elder === true
    };
  }

  function save(preferences) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(preferences));
    } catch (error) {
      /* storage may be off (private browsing): the choice then lasts for this page only */
    }
  }

  function apply(preferences) {
    SIZES.forEach(function (size) {
      root.classList.toggle("text-" + size, preferences.size === size);
    });
    root.classList.toggle("contrast-high", preferences.contrast);
    root.classList.toggle("elder-mode", preferences.elder);
  }

  function isPressed(button, preferences) {
    var name = button.getAttribute("data-pref");
    if (name === "size") {
      return preferences.size === button.getAttribute("data-value");
    }
    return preferences[name] === true;
  }

  function showState(preferences) {
    var buttons = document.querySelectorAll("button[data-pref]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute("aria-pressed", isPressed(button, preferences) ? "true" : "false");
    });
  }

  function choose(button) {
    var preferences = load();
    var name = button.getAttribute("data-pref");
    if (name === "size") {
      preferences.size = button.getAttribute("data-value");
    } else {
      preferences[name] = !preferences[name];
    }
    save(preferences);
    apply(preferences);
    showState(preferences);
  }

  function wire() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-pref]");
      if (button) {
        choose(button);
      }
    });
    showState(load());
  }

  root.classList.add("js");
  apply(load());
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
