/* The story body's embed picker: "Insert embed…" searches devices, launch
   events and comparisons, and typing [[ in the body offers the same
   suggestions. The embed lines themselves come from the server
   (devices/embed_picker.py), written by the one definition of the syntax. */
(function () {
  "use strict";

  var OPENING = /(^|\n) {0,3}\[\[([^\]\n]*)$/;

  function fetchSuggestions(url, query) {
    return fetch(url + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response.json();
    });
  }

  /* A listbox of suggestions, filled and navigated the same way for the
     picker and for [[. */
  function Choices(list, idPrefix, choose) {
    this.list = list;
    this.idPrefix = idPrefix;
    this.choose = choose;
    this.results = [];
    this.active = -1;
    var self = this;
    list.addEventListener("mousedown", function (event) {
      /* Keep the caret where it is in the body. */
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) self.choose(self.results[parseInt(option.dataset.index, 10)]);
    });
  }

  Choices.prototype.fill = function (results, emptyText) {
    this.results = results;
    this.active = results.length ? 0 : -1;
    this.list.textContent = "";
    var self = this;
    results.forEach(function (result, index) {
      var option = document.createElement("li");
      option.setAttribute("role", "option");
      option.id = self.idPrefix + "-" + index;
      option.dataset.index = index;
      var label = document.createElement("strong");
      label.textContent = result.label;
      var line = document.createElement("code");
      line.textContent = result.line;
      var shows = document.createElement("span");
      shows.className = "embed-choice-shows";
      shows.textContent = result.shows;
      option.append(label, " ", line, " ", shows);
      self.list.appendChild(option);
    });
    if (!results.length && emptyText) {
      var none = document.createElement("li");
      none.className = "embed-choice-none";
      none.textContent = emptyText;
      this.list.appendChild(none);
    }
    this.mark();
  };

  Choices.prototype.mark = function () {
    var self = this;
    Array.prototype.forEach.call(this.list.querySelectorAll("[role=option]"), function (option, index) {
      option.setAttribute("aria-selected", index === self.active ? "true" : "false");
    });
  };

  Choices.prototype.activeId = function () {
    return this.active < 0 ? "" : this.idPrefix + "-" + this.active;
  };

  /* Arrow keys move, Enter or Tab chooses; true if the key was used. */
  Choices.prototype.key = function (event) {
    if (!this.results.length) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var step = event.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.results.length) % this.results.length;
      this.mark();
      var option = document.getElementById(this.activeId());
      if (option) option.scrollIntoView({ block: "nearest" });
      return true;
    }
    if ((event.key === "Enter" || event.key === "Tab") && this.active >= 0) {
      this.choose(this.results[this.active]);
      return true;
    }
    return false;
  };

  function setUp(root) {
    var writing = window.newsroomWriting;
    var textarea = root.querySelector("textarea");
    var url = root.dataset.suggestionsUrl;
    var opener = root.querySelector(".embed-picker-open");
    var picker = root.querySelector(".embed-picker");
    var search = root.querySelector(".embed-picker-search");
    var suggestions = root.querySelector(".embed-suggestions");
    var caret = { start: textarea.value.length, end: textarea.value.length };

    function remember() {
      caret = { start: textarea.selectionStart, end: textarea.selectionEnd };
    }
    textarea.addEventListener("blur", remember);
    textarea.addEventListener("keyup", remember);
    textarea.addEventListener("click", remember);

    /* --- The picker ------------------------------------------------------ */

    function closePicker() {
      picker.hidden = true;
      opener.setAttribute("aria-expanded", "false");
    }

    var pickerChoices = new Choices(
      picker.querySelector(".embed-choices"),
      textarea.id + "-pick",
      function (result) {
        closePicker();
        writing.insertLine(textarea, caret.start, caret.end, result.line);
        remember();
      }
    );

    var searchNow = writing.debounce(200, function () {
      var query = search.value;
      fetchSuggestions(url, query)
        .then(function (answer) {
          if (search.value !== query) return;
          pickerChoices.fill(answer.results, "Nothing by that name. Try another name or the slug.");
          search.setAttribute("aria-activedescendant", pickerChoices.activeId());
        })
        .catch(function (error) {
          pickerChoices.fill([], "Search failed: " + error.message + ".");
        });
    });

    opener.addEventListener("click", function () {
      if (!picker.hidden) {
        closePicker();
        return;
      }
      picker.hidden = false;
      opener.setAttribute("aria-expanded", "true");
      search.focus();
      search.select();
      searchNow();
    });
    search.addEventListener("input", function () {
      /* Enter never takes a choice made for what was typed before. */
      pickerChoices.fill([]);
      searchNow();
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closePicker();
        textarea.focus();
        textarea.setSelectionRange(caret.start, caret.end);
      } else if (event.key === "Enter" && !pickerChoices.results.length) {
        /* Never submit the story from the search box. */
        event.preventDefault();
      } else if (pickerChoices.key(event)) {
        event.preventDefault();
        search.setAttribute("aria-activedescendant", pickerChoices.activeId());
      }
    });

    /* --- [[ in the body -------------------------------------------------- */

    var opening = null;

    function closeSuggestions() {
      opening = null;
      suggestions.hidden = true;
      textarea.removeAttribute("aria-activedescendant");
    }

    var typedChoices = new Choices(suggestions, textarea.id + "-typed", function (result) {
      var start = opening.start;
      var end = textarea.selectionStart;
      /* A "]]" typed by hand right after the caret is part of the line. */
      var rest = textarea.value.slice(end);
      var closing = /^[^\n]*?\]\]/.exec(rest);
      if (closing) end += closing[0].length;
      closeSuggestions();
      writing.insertLine(textarea, start, end, result.line);
      remember();
    });

    var suggestNow = writing.debounce(150, function () {
      if (!opening) return;
      var asked = opening.query;
      fetchSuggestions(url, asked)
        .then(function (answer) {
          if (!opening || opening.query !== asked) return;
          typedChoices.fill(answer.results, "No device or event matches “" + asked + "”.");
          suggestions.hidden = false;
          textarea.setAttribute("aria-activedescendant", typedChoices.activeId());
        })
        .catch(closeSuggestions);
    });

    textarea.addEventListener("input", function () {
      var before = textarea.value.slice(0, textarea.selectionStart);
      var found = OPENING.exec(before);
      if (!found) {
        closeSuggestions();
        return;
      }
      if (!opening || opening.query !== found[2]) {
        /* Choices for what was typed before are not offered for this. */
        suggestions.hidden = true;
        typedChoices.fill([]);
      }
      opening = {
        start: found.index + found[1].length,
        query: found[2],
      };
      suggestNow();
    });
    textarea.addEventListener("keydown", function (event) {
      if (suggestions.hidden) return;
      if (event.key === "Escape") {
        event.preventDefault();
        closeSuggestions();
      } else if (typedChoices.key(event)) {
        event.preventDefault();
        textarea.setAttribute("aria-activedescendant", typedChoices.activeId());
      }
    });
    textarea.addEventListener("blur", function () {
      window.setTimeout(closeSuggestions, 150);
    });
    opener.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".story-body").forEach(setUp);
  });
})();
