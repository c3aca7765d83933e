/* A form's draft kept on the phone (localStorage) so a dropped connection loses nothing.
 * A form with data-draft-key saves its fields as they are typed; on the next visit an unsent draft
 * comes back (unless the server re-showed the form with errors, which keeps what was typed). Sending
 * while offline is held back with a notice. The page reached after a successful send carries
 * data-draft-clear="<key>", which removes the draft. No inline script: CSP-friendly. */
(function () {
  "use strict";
  var PREFIX = "binaumkm:draft:";

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" && el.type !== "submit" && el.type !== "button";
    });
  }

  function collect(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox") {
        data[el.name] = data[el.name] || [];
        if (el.checked) { data[el.name].push(el.value); }
      } else if (el.type === "radio") {
        if (el.checked) { data[el.name] = el.value; }
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function restore(form, data) {
    fields(form).forEach(function (el) {
      if (!(el.name in data)) { return; }
      var value = data[el.name];
      if (el.type === "checkbox") {
        el.checked = Array.isArray(value) && value.indexOf(el.value) !== -1;
      } else if (el.type === "radio") {
        el.checked = el.value === value;
      } else {
        el.value = value;
      }
    });
  }

  function show(el, visible) {
    if (el) { el.classList.toggle("d-none", !visible); }
  }

  function setup(form) {
    var store = storage();
    if (!store) { return; }
    var key = PREFIX + form.getAttribute("data-draft-key");
    var status = form.querySelector("[data-draft-status]");
    var offline = document.querySelector("[data-offline-notice]");
    var restored = document.querySelector("[data-draft-restored]");
    var saved = store.getItem(key);
    if (saved && !form.querySelector(".is-invalid")) {
      try {
        restore(form, JSON.parse(saved));
        show(restored, true);
      } catch (e) { store.removeItem(key); }
    }
    function save() {
      try {
        store.setItem(key, JSON.stringify(collect(form)));
        if (status) {
          var now = new Date();
          status.textContent = status.getAttribute("data-saved-text") + " (" +
            String(now.getHours()).padStart(2, "0") + "." + String(now.getMinutes()).padStart(2, "0") + ")";
        }
      } catch (e) { /* storage full or blocked: the form still works */ }
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function (event) {
      save();
      if (navigator.onLine === false) {
        event.preventDefault();
        show(offline, true);
      }
    });
    window.addEventListener("offline", function () { save(); show(offline, true); });
    window.addEventListener("online", function () { show(offline, false); });
    var discard = document.querySelector("[data-draft-discard]");
    if (discard) {
      discard.addEventListener("click", function () {
        store.removeItem(key);
        window.location.reload();
      });
    }
  }

  document.querySelectorAll("[data-draft-clear]").forEach(function (el) {
    var store = storage();
    if (store) { store.removeItem(PREFIX + el.getAttribute("data-draft-clear")); }
  });
  document.querySelectorAll("form[data-draft-key]").forEach(setup);
})();
