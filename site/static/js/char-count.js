// A live "N characters left" under each text area with a limit (data-max-length, home/forms.py).
// Without this script the help text gives the limit and the server answers a text that is too
// long with a message, keeping what was typed.
(function () {
    "use strict";

    // Count as the server will: trimmed, each line break sent as two characters (CR LF), and a
    // character outside the Basic Multilingual Plane (an emoji) as one.
    function length(value) {
        return Array.from(value.replace(/\r\n|\r|\n/g, "\r\n").trim()).length;
    }

    function plural(number, word) {
        return number.toLocaleString("en-US") + " " + word + (number === 1 ? "" : "s");
    }

    document.querySelectorAll("textarea[data-max-length]").forEach(function (area) {
        var limit = parseInt(area.getAttribute("data-max-length"), 10);
        if (!limit || !area.id) return;
        var count = document.createElement("p");
        count.className = "char-count";
        count.id = area.id + "-count";
        // Announced once typing pauses, not at every key.
        var status = document.createElement("span");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        area.insertAdjacentElement("afterend", count);
        count.insertAdjacentElement("afterend", status);
        var described = area.getAttribute("aria-describedby");
        area.setAttribute("aria-describedby", (described ? described + " " : "") + count.id);
        var timer = null;

        function update(announce) {
            var left = limit - length(area.value);
            count.textContent = left >= 0
                ? plural(left, "character") + " left"
                : plural(-left, "character") + " too many: shorten it to " + plural(limit, "character");
            count.classList.toggle("char-count--over", left < 0);
            window.clearTimeout(timer);
            if (announce) {
                timer = window.setTimeout(function () { status.textContent = count.textContent; }, 1000);
            }
        }

        area.addEventListener("input", function () { update(true); });
        update(false);
    });
})();
