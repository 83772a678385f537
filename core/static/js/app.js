// Small progressive enhancements; every page works without JavaScript.
(function () {
  // On a phone the filter panel starts folded so the results come first.
  if (window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details.facet-panel[open]").forEach(function (panel) {
      panel.removeAttribute("open");
    });
  }
})();
