// The claims grid: each new claim shows the one value input its spec takes
// (a number with its unit, text, or yes/no/unknown), once the spec is picked.
(function () {
  "use strict";

  function kindsOf(value) {
    try {
      return JSON.parse(value.getAttribute("data-spec-kinds")) || {};
    } catch (error) {
      return {};
    }
  }

  function show(element, shown) {
    if (!element) {
      return;
    }
    element.hidden = !shown;
    if (!shown && element.matches("input[type=number], input[type=text], select")) {
      element.value = "";
    }
  }

  function fit(row) {
    var value = row && row.querySelector(".claim-value");
    var spec = row && row.querySelector("select[name$='-field']");
    if (!value || !spec) {
      return;
    }
    var chosen = kindsOf(value)[spec.value];
    var kind = chosen ? chosen[0] : null;
    show(value.querySelector(".claim-value__number"), kind === "number");
    var unit = value.querySelector(".claim-value__unit");
    unit.textContent = kind === "number" ? chosen[1] : "";
    show(unit, kind === "number" && Boolean(chosen[1]));
    show(value.querySelector(".claim-value__text"), kind === "text");
    show(value.querySelector(".claim-value__boolean"), kind === "boolean");
    show(
      value.querySelector(".claim-value__unknown-label"),
      kind === "number" || kind === "text"
    );
    var hint = value.querySelector(".claim-value__pick");
    if (!hint) {
      hint = document.createElement("span");
      hint.className = "claim-value__pick";
      hint.textContent = "Pick the spec first.";
      value.appendChild(hint);
    }
    hint.hidden = Boolean(kind);
  }

  function rowOf(element) {
    return element.closest("tr");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".claim-value").forEach(function (value) {
      fit(rowOf(value));
    });
    document.addEventListener("change", function (event) {
      if (event.target.matches("select[name$='-field']")) {
        fit(rowOf(event.target));
      }
    });
    // The admin's autocomplete (select2) announces a choice through jQuery.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(document).on("change", "select[name$='-field']", function () {
        fit(rowOf(this));
      });
    }
  });
  document.addEventListener("formset:added", function (event) {
    fit(event.target);
  });
})();
