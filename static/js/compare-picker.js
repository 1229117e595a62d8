// The compare picker, enhanced: only the boxes in use (at least two) are
// shown, with a button that adds one more, up to the four the form holds;
// and what a reader types is looked up (the form's data-suggest-url, by
// name, alias or leaked name) to fill the boxes' <datalist>.
// Without this script every box is shown, the datalist keeps the few names
// the page came with, and a name typed wrong is answered by "Did you mean".
(function () {
  "use strict";
  // Asked once the reader pauses, not at every key.
  var PAUSE_MS = 250;
  // One letter fits too many names to be worth a request.
  var SHORTEST = 2;

  function words(text) {
    return text.trim().split(/\s+/).join(" ");
  }

  function option(name, label) {
    var item = document.createElement("option");
    item.value = name;
    if (label) {
      // The browser shows an option only when each typed word is in its
      // value or its label: the alias a device was found by goes here.
      item.label = label;
    }
    return item;
  }

  function suggestAsTyped(form) {
    var address = form.getAttribute("data-suggest-url");
    var list = form.querySelector("datalist");
    if (!address || !list || !window.fetch || !window.AbortController) {
      return;
    }
    var offered = Array.prototype.map.call(list.options, function (item) {
      return { name: item.value, label: "" };
    });
    var answers = new Map();
    var timer = null;
    var pending = null;
    var wanted = "";

    function show(results) {
      list.replaceChildren.apply(
        list,
        results.map(function (result) {
          return option(result.name, result.label);
        })
      );
    }

    function ask(text) {
      if (answers.has(text)) {
        show(answers.get(text));
        return;
      }
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      var url = address + "?" + new URLSearchParams({ q: text }).toString();
      // Without cookies: the answer is the same for everyone, so the site's
      // page cache can answer it for signed-in editors too.
      fetch(url, { signal: pending.signal, credentials: "omit" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("suggestions answered " + response.status);
          }
          return response.json();
        })
        .then(function (answer) {
          answers.set(text, answer.results);
          if (text === wanted) {
            show(answer.results);
          }
        })
        .catch(function () {
          // Offline, or overtaken by the next request: the box still works
          // with the names it has, and the form says what fits on submit.
        });
    }

    form.addEventListener("input", function (event) {
      if (!event.target.matches("input[name=device]")) {
        return;
      }
      wanted = words(event.target.value);
      window.clearTimeout(timer);
      var picked = Array.prototype.some.call(list.options, function (item) {
        return item.value === wanted;
      });
      if (picked) {
        return;
      }
      if (wanted.length < SHORTEST) {
        show(offered);
        return;
      }
      timer = window.setTimeout(ask, PAUSE_MS, wanted);
    });
  }

  function showBoxesInUse(form) {
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
  }

  document.querySelectorAll("form[data-compare-picker]").forEach(function (form) {
    showBoxesInUse(form);
    suggestAsTyped(form);
  });
})();
