// Optional extras of an article page; it works fully without this script.
// - Therapists near the reader: when the reader searched a place in the directory before, the
//   directory's script kept it in the first-party `mw_place` cookie. This asks /directory/near/
//   (this site only) for up to three therapists near it who treat the article's issues. The
//   page itself is the same for everyone, so the page cache keeps it.
// - "Copy link": copies the article's address.
const PLACE_COOKIE = "mw_place";

function readCookie(name) {
    for (const part of document.cookie.split(";")) {
        const [key, ...rest] = part.trim().split("=");
        if (key === name) {
            try { return decodeURIComponent(rest.join("=")); } catch { return ""; }
        }
    }
    return "";
}

const help = document.querySelector("[data-near-therapists]");
const place = readCookie(PLACE_COOKIE).trim();
if (help && place) {
    const url = new URL(help.dataset.nearUrl, window.location.href);
    url.searchParams.set("location", place.slice(0, 100));
    // No cookies with it: the place travels in the address, nothing else is needed.
    fetch(url, { credentials: "omit", headers: { Accept: "text/html" } })
        .then((response) => (response.ok ? response.text() : ""))
        .then((html) => {
            if (html) help.querySelector("[data-near-results]").innerHTML = html;
        })
        .catch(() => {});
}

for (const button of document.querySelectorAll("[data-copy-link]")) {
    if (!navigator.clipboard) continue;
    const status = document.querySelector("[data-copy-status]");
    button.hidden = false;
    button.addEventListener("click", () => {
        navigator.clipboard.writeText(button.dataset.copyLink).then(
            () => { if (status) status.textContent = "Link copied."; },
            () => { if (status) status.textContent = "Could not copy: copy the address from the address bar."; },
        );
    });
}
