// Optional: keep directory addresses short by leaving empty fields out of the query, and
// re-sort as soon as the visitor picks an order. Everything works without this script.
const finder = document.getElementById("directory-search");
if (finder) {
    finder.addEventListener("submit", () => {
        for (const field of finder.querySelectorAll("input[type=text], input[type=search], input[type=number]")) {
            if (!field.value.trim()) field.disabled = true;
        }
        const radius = finder.querySelector("[name=radius]");
        const location = finder.querySelector("[name=location]");
        if (radius && location && location.disabled) radius.disabled = true;
    });
    // Coming back through the history should find the fields usable again.
    window.addEventListener("pageshow", () => {
        for (const field of finder.querySelectorAll(":disabled")) field.disabled = false;
    });
    const sort = finder.querySelector("[name=sort]");
    const sortButton = finder.querySelector("[data-sort-button]");
    if (sort && sortButton) {
        sortButton.hidden = true;
        sort.addEventListener("change", () => {
            finder.requestSubmit();
        });
    }
}

// The filters' disclosure: open beside the results on a wide screen, closed above them on a phone
// (the CSS shows it wide even without this); its toggle says how many filters are ticked.
const filters = document.querySelector("[data-filters]");
if (filters) {
    const wide = window.matchMedia("(min-width: 60rem)");
    if (wide.matches) filters.open = true;
    wide.addEventListener("change", () => { filters.open = wide.matches; });
    const toggle = filters.querySelector("summary");
    const ticked = filters.querySelectorAll("input[type=checkbox]:checked").length
        + (filters.querySelector("[name=max_fee]")?.value ? 1 : 0);
    if (toggle && ticked) {
        const count = document.createElement("span");
        count.className = "finder__disclosure-count";
        count.textContent = `${ticked} chosen`;
        toggle.appendChild(count);
    }
}

// Remember the place a visitor found therapists near, so an article can show a few of them
// (articles/static/articles/article-tools.js). A first-party cookie set here in the browser:
// the server never sets it, so the directory's pages stay cacheable, and the page cache
// ignores it. SameSite=Strict: never sent along from another site.
const results = document.getElementById("therapist-results");
const searchedPlace = new URLSearchParams(window.location.search).get("location");
if (results && searchedPlace && searchedPlace.trim()) {
    const secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `mw_place=${encodeURIComponent(searchedPlace.trim().slice(0, 100))}`
        + `; Max-Age=${180 * 24 * 60 * 60}; Path=/; SameSite=Strict${secure}`;
}
