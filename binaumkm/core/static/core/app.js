/* The little JavaScript every page shares, in place of Bootstrap's 80 KB bundle. No inline
   scripts anywhere: pages mark elements with data- attributes and this file gives them behaviour.
   - [data-menu-toggle]   the navbar menu button on phones
   - [data-dismiss-alert] closes the message it sits in
   - form[data-confirm]   asks "are you sure?" before submitting
   - [data-error-summary] after a failed submit, focus moves to the form's error summary, and each
                          of its links moves focus to the field it names
   - input[data-filter-list="#list"]  hides the list's items whose data-name does not match */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;

    var toggle = target.closest("[data-menu-toggle]");
    if (toggle) {
      var menu = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = menu.classList.toggle("show");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }

    var close = target.closest("[data-dismiss-alert]");
    if (close) {
      close.closest(".alert").remove();
      document.getElementById("main").focus();
      return;
    }

    var link = target.closest("[data-error-summary] a[href^='#']");
    if (link) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) {
        return;
      }
      event.preventDefault();
      // Show the field's label (or the legend of its group) too, not only the input.
      var group = field.closest("fieldset");
      var label = document.querySelector("label[for='" + field.id + "']");
      var shown = (group && group.querySelector("legend")) || label || field;
      shown.scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    }
  });

  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  document.addEventListener("input", function (event) {
    var box = event.target;
    var list = box.matches("[data-filter-list]") && document.querySelector(box.getAttribute("data-filter-list"));
    if (!list) {
      return;
    }
    var query = box.value.trim().toLowerCase();
    Array.prototype.forEach.call(list.children, function (item) {
      var name = item.getAttribute("data-name") || "";
      item.classList.toggle("d-none", query !== "" && name.indexOf(query) === -1);
    });
  });
})();
