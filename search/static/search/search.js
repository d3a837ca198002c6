// Search suggestions: turns each search box's input into an ARIA 1.2 combobox with a listbox of
// suggestions from /search/suggest/. Without this script the form works as a plain GET form.
(function () {
    "use strict";
    var counter = 0;

    function setup(input) {
        var url = input.getAttribute("data-suggest-url");
        if (!url) return;
        counter += 1;
        var listId = "search-suggestions-" + counter;
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "search-suggestions";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Suggestions");
        list.hidden = true;
        var status = document.createElement("span");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        input.parentNode.appendChild(list);
        input.parentNode.appendChild(status);
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        var items = [];
        var active = -1;
        var timer = null;
        var latest = 0;

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            active = index;
            Array.prototype.forEach.call(list.children, function (li, i) {
                li.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", list.children[index].id);
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(suggestions) {
            items = suggestions;
            list.textContent = "";
            suggestions.forEach(function (item, i) {
                var li = document.createElement("li");
                li.id = listId + "-" + i;
                li.setAttribute("role", "option");
                li.setAttribute("aria-selected", "false");
                var label = document.createElement("span");
                label.textContent = item.label;
                var kind = document.createElement("span");
                kind.className = "search-suggestions__kind";
                kind.textContent = item.kind;
                li.appendChild(label);
                li.appendChild(kind);
                li.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep focus in the input
                    go(i);
                });
                list.appendChild(li);
            });
            active = -1;
            if (suggestions.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = suggestions.length + (suggestions.length === 1 ?
                    " suggestion" : " suggestions") + ". Use the up and down arrows to choose.";
            } else {
                close();
                status.textContent = "";
            }
        }

        function go(index) {
            var item = items[index];
            if (item) window.location.href = item.url;
        }

        function fetchSuggestions() {
            var text = input.value.trim();
            var request = ++latest;
            if (text.length < 2) {
                render([]);
                return;
            }
            fetch(url + "?q=" + encodeURIComponent(text), {headers: {Accept: "application/json"}})
                .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
                .then(function (data) {
                    if (request === latest) render(data.suggestions || []);
                })
                .catch(function () { render([]); });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, 150);
        });
        input.addEventListener("keydown", function (event) {
            var open = !list.hidden && items.length;
            if (event.key === "ArrowDown") {
                if (!open) { fetchSuggestions(); return; }
                event.preventDefault();
                highlight((active + 1) % items.length);
            } else if (event.key === "ArrowUp" && open) {
                event.preventDefault();
                highlight(active <= 0 ? items.length - 1 : active - 1);
            } else if (event.key === "Enter" && open && active >= 0) {
                event.preventDefault();
                go(active);
            } else if (event.key === "Escape" && open) {
                event.preventDefault();
                close();
            }
        });
        input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    }

    document.querySelectorAll("input[data-suggest-url]").forEach(setup);
})();
