// Small progressive enhancements; every page works without JavaScript.
(function () {
  // On a phone the filter panel starts folded so the results come first.
  if (window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details.facet-panel[open]").forEach(function (panel) {
      panel.removeAttribute("open");
    });
  }
})();

// Behaviours that used to be inline attributes (the Content-Security-Policy allows no inline script).
(function () {
  document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
    field.addEventListener("change", function () {
      field.form.submit();
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();

// Forms that ask before an irreversible step: <form data-confirm="question">.
(function () {
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
})();
