// Adds the reader's own local time and a countdown to launch-event times.
// Progressive enhancement only: the page already shows the venue time and UTC.
// The countdown is not a live region: screen readers read it when they reach
// it, and are not interrupted each minute it changes.
(function () {
  "use strict";
  var nodes = document.querySelectorAll("[data-launch-start]");
  if (!nodes.length || !window.Intl) { return; }

  function countdown(ms) {
    var minutes = Math.floor(ms / 60000);
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    var parts = [];
    if (days) { parts.push(days + (days === 1 ? " day" : " days")); }
    if (hours || days) { parts.push(hours + (hours === 1 ? " hour" : " hours")); }
    if (!days) { parts.push((minutes % 60) + " min"); }
    return parts.join(", ");
  }

  function part(node, className) {
    var span = node.querySelector("." + className);
    if (!span) {
      span = document.createElement("span");
      span.className = className;
      node.appendChild(span);
    }
    return span;
  }

  function update(node) {
    var start = new Date(node.getAttribute("data-launch-start"));
    var endAttr = node.getAttribute("data-launch-end");
    var end = endAttr ? new Date(endAttr) : null;
    var now = new Date();
    if (!node.hasAttribute("data-whole-day")) {
      part(node, "event-when__local").textContent = "Your time: " +
        start.toLocaleString(undefined, {
          weekday: "long", day: "numeric", month: "long",
          hour: "2-digit", minute: "2-digit", timeZoneName: "short"
        }) + ". ";
    }
    var text = "";
    if (start > now) {
      text = "Starts in " + countdown(start - now) + ".";
    } else if (end && end > now) {
      text = "Happening now.";
    }
    part(node, "event-when__countdown").textContent = text;
  }

  nodes.forEach(update);
  window.setInterval(function () { nodes.forEach(update); }, 60000);
})();
