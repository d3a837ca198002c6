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
