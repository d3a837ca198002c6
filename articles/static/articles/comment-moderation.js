// The moderation list's "Select all on this page" (the page works without it: tick each row).
document.addEventListener("DOMContentLoaded", () => {
    const all = document.getElementById("comment-select-all");
    if (!all) return;
    const boxes = () => Array.from(document.querySelectorAll("input.comment-select"));
    all.closest("[hidden]")?.removeAttribute("hidden");
    all.addEventListener("change", () => {
        boxes().forEach((box) => { box.checked = all.checked; });
    });
    document.addEventListener("change", (event) => {
        if (event.target.classList?.contains("comment-select")) {
            const checked = boxes().filter((box) => box.checked).length;
            all.checked = checked === boxes().length;
            all.indeterminate = checked > 0 && checked < boxes().length;
        }
    });
});
