/* The story form's live preview: the story as readers will see it, with the
   text as typed (nothing is saved), refreshed as the editor types. The
   server renders it with the reader's own template (newsroom/previews.py). */
(function () {
  "use strict";

  var FIELDS = ["title", "dek", "body", "hero_alt", "hero_caption", "hero_credit"];

  function setUp(root) {
    var writing = window.newsroomWriting;
    var url = root.dataset.previewUrl;
    var opener = root.querySelector(".live-preview-open");
    var panel = root.querySelector(".live-preview");
    var frame = panel.querySelector(".live-preview-frame");
    var state = panel.querySelector(".live-preview-state");
    var closer = panel.querySelector(".live-preview-close");
    var widths = panel.querySelectorAll("[data-preview-width]");
    var shown = false;
    var asked = 0;

    function fields() {
      var values = {};
      FIELDS.forEach(function (name) {
        var field = document.getElementById("id_" + name);
        if (field) values[name] = field.value;
      });
      return values;
    }

    function refresh() {
      if (!shown || !url) return;
      var ask = ++asked;
      state.textContent = "Updating…";
      writing
        .post(url, fields())
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (ask !== asked) return;
          var view = frame.contentWindow;
          var scrolled = view ? view.scrollY : 0;
          frame.addEventListener("load", function restore() {
            frame.removeEventListener("load", restore);
            if (frame.contentWindow) frame.contentWindow.scrollTo(0, scrolled);
            state.textContent = "Up to date with what you typed (not saved).";
          });
          frame.srcdoc = html;
        })
        .catch(function (error) {
          if (ask === asked) state.textContent = "Could not update the preview: " + error.message + ".";
        });
    }
    var refreshSoon = writing.debounce(500, refresh);

    function show(on) {
      shown = on;
      panel.hidden = !on;
      document.body.classList.toggle("with-live-preview", on);
      opener.setAttribute("aria-pressed", on ? "true" : "false");
      if (!on) return;
      if (!url) {
        state.textContent =
          "Save the story once (Save and continue editing) to preview it here as you type.";
        return;
      }
      refresh();
    }

    opener.addEventListener("click", function () { show(!shown); });
    closer.addEventListener("click", function () {
      show(false);
      opener.focus();
    });
    widths.forEach(function (button) {
      button.addEventListener("click", function () {
        var phone = button.dataset.previewWidth === "phone";
        frame.classList.toggle("is-phone", phone);
        widths.forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
      });
    });
    FIELDS.forEach(function (name) {
      var field = document.getElementById("id_" + name);
      if (field) field.addEventListener("input", refreshSoon);
    });
    opener.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".story-body").forEach(setUp);
  });
})();
