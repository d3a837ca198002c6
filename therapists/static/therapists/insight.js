// The first-party beacon (therapists/insight.py): tells the site which profiles this page
// showed, and when a therapist's phone number is tapped, so each therapist sees daily totals on
// their dashboard. Cached pages never reach Django, hence a script. Sends only the event and the
// profile ids; no cookie, nothing to any other host.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon || !window.URLSearchParams) {
    return;
  }
  var endpoint = script.getAttribute("data-endpoint");

  function send(event, ids) {
    var body = new URLSearchParams();
    body.append("event", event);
    ids.forEach(function (id) {
      body.append("profile", id);
    });
    navigator.sendBeacon(endpoint, body);
  }

  var ids = (script.getAttribute("data-profiles") || "").split(" ").filter(Boolean);
  if (ids.length) {
    send(script.getAttribute("data-event"), ids);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-call-profile]") : null;
    if (link) {
      send("call", [link.getAttribute("data-call-profile")]);
    }
  });
})();
