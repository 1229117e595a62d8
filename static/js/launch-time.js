// Adds the reader's own local time and a countdown to launch-event times.
// Progressive enhancement only: the page already shows the venue time and UTC.
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

  function update(node) {
    var start = new Date(node.getAttribute("data-launch-start"));
    var endAttr = node.getAttribute("data-launch-end");
    var end = endAttr ? new Date(endAttr) : null;
    var wholeDay = node.hasAttribute("data-whole-day");
    var now = new Date();
    var text = "";
    if (!wholeDay) {
      text = "Your time: " + start.toLocaleString(undefined, {
        weekday: "long", day: "numeric", month: "long",
        hour: "2-digit", minute: "2-digit", timeZoneName: "short"
      }) + ". ";
    }
    if (start > now) {
      text += "Starts in " + countdown(start - now) + ".";
    } else if (end && end > now) {
      text += "Happening now.";
    }
    node.textContent = text ? " " + text : "";
  }

  nodes.forEach(update);
  window.setInterval(function () { nodes.forEach(update); }, 60000);
})();
