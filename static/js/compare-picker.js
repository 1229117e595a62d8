// The compare picker, enhanced: only the boxes in use (at least two) are
// shown, with a button that adds one more, up to the four the form holds.
// Without this script every box is shown, and the form works the same.
(function () {
  "use strict";
  document.querySelectorAll("form[data-compare-picker]").forEach(function (form) {
    var fields = Array.prototype.slice.call(
      form.querySelectorAll(".compare-picker__field")
    );
    var shown = Math.max(
      2,
      fields.filter(function (field) {
        return field.querySelector("input").value.trim() !== "";
      }).length + 1
    );
    fields.forEach(function (field, index) {
      field.hidden = index >= shown;
    });
    if (shown >= fields.length) {
      return;
    }
    var more = document.createElement("button");
    more.type = "button";
    more.className = "button button--quiet";
    more.textContent = "Add another device";
    more.addEventListener("click", function () {
      var next = fields.filter(function (field) {
        return field.hidden;
      })[0];
      if (next) {
        next.hidden = false;
        next.querySelector("input").focus();
      }
      if (!fields.some(function (field) { return field.hidden; })) {
        more.remove();
      }
    });
    form.querySelector("button[type=submit]").before(more);
  });
})();
