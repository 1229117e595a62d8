// Leaving a form with changes that are not saved asks first. Saving (any
// submit button of the form) does not.
(function () {
  "use strict";

  var form = document.querySelector("#content-main form[method='post'][id$='_form']");
  if (!form) {
    return;
  }
  // A restored draft is in the form but not saved yet.
  var changed = Boolean(document.querySelector("[data-unsaved-changes]"));

  function mark() {
    changed = true;
  }

  form.addEventListener("input", mark);
  form.addEventListener("change", mark);
  form.addEventListener("submit", function () {
    changed = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!changed) {
      return;
    }
    event.preventDefault();
    // Older browsers need a value to show their question.
    event.returnValue = "";
  });
})();
