// Autosave on the story form: a few seconds after a change, what the form
// holds is posted to the story's autosave address, which keeps it as this
// editor's private draft. Nothing of the story changes until Save.
(function () {
  "use strict";

  var DELAY_MS = 3000;
  var status = document.querySelector(".autosave-status[data-autosave-url]");
  var form = status && status.closest("form");
  if (!form) {
    return;
  }
  var url = status.getAttribute("data-autosave-url");
  var timer = null;
  var sending = false;
  var again = false;
  var submitted = false;

  function typed() {
    var data = new FormData(form);
    // Text only: an upload is kept by the save itself, not by autosave.
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      data.delete(input.name);
    });
    return data;
  }

  function tell(message) {
    status.textContent = message;
  }

  function send() {
    timer = null;
    if (submitted) {
      return;
    }
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    fetch(url, { method: "POST", body: typed(), credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (answer) {
          tell(
            response.ok
              ? answer.message
              : "No draft kept: " + (answer.error || "save the story to keep it.")
          );
        });
      })
      .catch(function () {
        tell("No draft kept (no connection?). Your changes are still in the form.");
      })
      .finally(function () {
        sending = false;
        if (again) {
          again = false;
          later();
        }
      });
  }

  function later() {
    if (timer === null && !submitted) {
      timer = window.setTimeout(send, DELAY_MS);
    }
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", function () {
    submitted = true;
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
  });
  // The tab is closed within the delay: the last keystrokes still go.
  window.addEventListener("pagehide", function () {
    if (timer !== null && !submitted) {
      window.clearTimeout(timer);
      timer = null;
      navigator.sendBeacon(url, typed());
    }
  });
})();
