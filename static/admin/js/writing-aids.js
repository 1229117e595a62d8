/* The story form's writing aids: formatting toolbar, word count and reading
   time, embed-line checks, title length, the story's address and alt-text
   reminders. Progressive enhancement: without this file the form is
   Django's own. Also the helpers embed-picker.js and live-preview.js use. */
(function () {
  "use strict";

  var writing = (window.newsroomWriting = {});

  writing.debounce = function (wait, fn) {
    var timer = null;
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fn, wait);
    };
  };

  writing.csrfToken = function () {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  };

  writing.post = function (url, fields) {
    var data = new FormData();
    Object.keys(fields).forEach(function (name) {
      data.append(name, fields[name]);
    });
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": writing.csrfToken() },
    }).then(function (response) {
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response;
    });
  };

  /* Replace text[start:end] with `text` as if typed (so Undo works where
     the browser allows it), then select from selStart to selEnd. */
  writing.replace = function (textarea, start, end, text, selStart, selEnd) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    var typed = false;
    try {
      typed = document.execCommand("insertText", false, text);
    } catch (error) {
      typed = false;
    }
    if (!typed || textarea.value.substr(start, text.length) !== text) {
      textarea.setRangeText(text, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    var from = selStart === undefined ? start + text.length : selStart;
    textarea.setSelectionRange(from, selEnd === undefined ? from : selEnd);
  };

  /* `line` inserted on a line of its own at [start, end); the caret goes
     after it. */
  writing.insertLine = function (textarea, start, end, line) {
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(end);
    var text = line;
    if (before && !/\n$/.test(before)) text = "\n" + text;
    if (after && !/^\n/.test(after)) text = text + "\n";
    writing.replace(textarea, start, end, text);
  };

  function lineBounds(value, start, end) {
    var lineStart = value.lastIndexOf("\n", start - 1) + 1;
    var lineEnd = value.indexOf("\n", end);
    if (lineEnd === -1) lineEnd = value.length;
    return [lineStart, lineEnd];
  }

  function wrap(textarea, mark, placeholder) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var chosen = textarea.value.slice(start, end) || placeholder;
    writing.replace(
      textarea,
      start,
      end,
      mark + chosen + mark,
      start + mark.length,
      start + mark.length + chosen.length
    );
  }

  function prefixLines(textarea, prefix) {
    var bounds = lineBounds(textarea.value, textarea.selectionStart, textarea.selectionEnd);
    var lines = textarea.value.slice(bounds[0], bounds[1]).split("\n");
    var text = lines
      .map(function (line) {
        return line.indexOf(prefix) === 0 ? line : prefix + line;
      })
      .join("\n");
    writing.replace(textarea, bounds[0], bounds[1], text, bounds[0] + text.length);
  }

  function link(textarea) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var words = textarea.value.slice(start, end) || "link text";
    var text = "[" + words + "](https://)";
    var address = start + words.length + 3;
    /* The address is selected, ready to be typed or pasted over. */
    writing.replace(textarea, start, end, text, address, address + 8);
  }

  var FORMATS = {
    bold: function (t) { wrap(t, "**", "strong words"); },
    italic: function (t) { wrap(t, "*", "stressed words"); },
    link: link,
    heading: function (t) { prefixLines(t, "## "); },
    list: function (t) { prefixLines(t, "- "); },
    quote: function (t) { prefixLines(t, "> "); },
  };
  var SHORTCUTS = { b: "bold", i: "italic", k: "link" };

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function item(list, text, className) {
    var li = document.createElement("li");
    li.textContent = text;
    if (className) li.className = className;
    list.appendChild(li);
    return li;
  }

  /* A line under a field, where the admin puts help text. */
  function note(field, className) {
    var p = document.createElement("p");
    p.className = "help writing-note " + className;
    p.setAttribute("aria-live", "polite");
    (field.closest(".flex-container") || field).insertAdjacentElement("afterend", p);
    return p;
  }

  function titleLength(root) {
    var title = document.getElementById("id_title");
    if (!title) return;
    var shown = parseInt(root.dataset.titleShown, 10);
    var out = note(title, "title-length");
    function update() {
      var length = Array.from(title.value).length;
      if (length > shown) {
        out.textContent =
          plural(length, "character", "characters") +
          ": search results cut headlines after about " + shown + ".";
        out.classList.add("is-over");
      } else {
        out.textContent = length + " of the " + shown + " characters search results show.";
        out.classList.remove("is-over");
      }
    }
    title.addEventListener("input", update);
    update();
  }

  function addressPreview(root) {
    var slug = document.getElementById("id_slug");
    if (!slug) return;
    var out = note(slug, "story-address");
    var title = document.getElementById("id_title");
    function update() {
      var address = root.dataset.address + (slug.value || "…") + "/";
      out.textContent =
        "Address: " + address +
        (root.dataset.addressIsFinal === "true"
          ? ""
          : " (the date becomes the day the story goes live)");
    }
    slug.addEventListener("input", update);
    /* The admin fills the slug in from the title on keyup and change. */
    if (title) {
      ["input", "keyup", "change"].forEach(function (type) {
        title.addEventListener(type, function () { window.setTimeout(update, 0); });
      });
    }
    update();
  }

  function heroNeedsAlt() {
    var image = document.getElementById("id_hero_image");
    var alt = document.getElementById("id_hero_alt");
    if (!image || !alt || alt.value.trim()) return false;
    var cleared = document.getElementById("hero_image-clear_id");
    var saved = image.closest(".form-row") &&
      image.closest(".form-row").querySelector(".file-upload a");
    return Boolean(image.files.length || (saved && !(cleared && cleared.checked)));
  }

  function setUp(root) {
    var textarea = root.querySelector("textarea");
    var status = root.querySelector(".writing-status");
    var count = root.querySelector(".writing-count");
    var checks = root.querySelector(".embed-checks");
    var reminders = root.querySelector(".alt-reminders");
    var toolbar = root.querySelector(".writing-toolbar");
    var lastImages = [];
    toolbar.hidden = false;
    status.hidden = false;

    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-format]");
      if (button) FORMATS[button.dataset.format](textarea);
    });
    textarea.addEventListener("keydown", function (event) {
      var format = SHORTCUTS[event.key && event.key.toLowerCase()];
      if (format && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        FORMATS[format](textarea);
      }
    });

    function showReminders() {
      reminders.textContent = "";
      if (heroNeedsAlt()) {
        item(reminders, "The hero image has no alt text: describe it for readers who cannot see it.", "is-problem");
      }
      lastImages.forEach(function (src) {
        item(reminders, "An image in the body has no alt text: write what it shows between the brackets of ![](" + src + ").", "is-problem");
      });
    }

    function show(result) {
      count.textContent =
        plural(result.words, "word", "words") +
        " · " + (result.words ? "about " + plural(result.reading_minutes, "minute", "minutes") + " to read" : "nothing to read yet");
      checks.textContent = "";
      result.embeds.forEach(function (check) {
        var li = item(
          checks,
          "Line " + check.number + ": " + check.line + " — " +
            (check.ok ? "shows " + check.shows : check.problems.join(" ")),
          check.ok ? "is-ok" : "is-problem"
        );
        li.dataset.line = check.number;
      });
      lastImages = result.images_without_alt;
      showReminders();
    }

    var check = writing.debounce(300, function () {
      writing
        .post(root.dataset.checkUrl, { body: textarea.value })
        .then(function (response) { return response.json(); })
        .then(show)
        .catch(function (error) {
          count.textContent = "Checks paused: " + error.message + ". Saving still checks everything.";
        });
    });
    textarea.addEventListener("input", check);
    check();

    ["id_hero_image", "id_hero_alt", "hero_image-clear_id"].forEach(function (id) {
      var field = document.getElementById(id);
      if (field) {
        field.addEventListener("input", showReminders);
        field.addEventListener("change", showReminders);
      }
    });
    titleLength(root);
    addressPreview(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".story-body").forEach(setUp);
  });
})();
